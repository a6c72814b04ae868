"""A dialog to attach the scanned signed registration form from a file.

The page's QR code is read in the background (a phone photo takes a second); a page of
another application, or one without a readable code, is refused with the reason and
another file can be chosen at once.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget)

from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.tasks import TaskRunner
from counter_app.services import signed_copies
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.signed_copies import SignedCopy


def choose_scan_file(parent: QWidget | None) -> Path | None:
    """The file dialog, behind a function tests replace (no test waits on a dialog)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("SignedCopyDialog", "Choose the scanned signed form"),
        "", QCoreApplication.translate(
            "SignedCopyDialog", "Scans and photos (*.jpg *.jpeg *.png *.tif *.tiff *.bmp);;"
                                "All files (*)"))
    return Path(path) if path else None


class SignedCopyDialog(QDialog):
    """Attach the signed form of ``application_id`` (or, with None, of whichever
    application the page's QR code names)."""

    sig_attached = Signal(object)  # SignedCopy

    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 application_id: uuid.UUID | None = None, number: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.runner = ctx, operator, runner
        self.application_id, self.path = application_id, None
        self.result_copy: SignedCopy | None = None
        self.setWindowTitle(self.tr("Attach the signed form"))
        self._build(number)

    def choose(self) -> None:
        path = choose_scan_file(self)
        if path is None:
            return
        self.path = path
        self.file_edit.setText(path.name)
        self.errors.clear()
        self.status_label.clear()
        self.attach_button.setEnabled(True)
        self.attach_button.setFocus()

    def attach(self) -> None:
        if self.path is None:
            return
        self.attach_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.errors.clear()
        self.status_label.setText(self.tr("Reading the QR code on the page…"))
        self.runner.run(signed_copies.attach_signed_copy, self.ctx, self.operator,
                        self.application_id, self.path,
                        on_done=self._attached, on_error=self._refused)

    def _attached(self, copy: SignedCopy) -> None:
        self.result_copy = copy
        self.choose_button.setEnabled(True)
        text = (self.tr("This page was already attached to application {number}.")
                if copy.already_attached
                else self.tr("The signed form was attached to application {number}."))
        self.status_label.setText(text.format(number=copy.number))
        self.sig_attached.emit(copy)

    def _refused(self, error: Exception) -> None:
        self.status_label.clear()
        self.errors.show(error)
        self.choose_button.setEnabled(True)
        self.choose_button.setFocus()

    def _build(self, number: str) -> None:
        intro = QLabel(
            self.tr("Choose the scan or photo of the signed registration form of application "
                    "{number}.").format(number=number) if number
            else self.tr("Choose the scan or photo of a signed registration form; its QR code "
                         "tells which application it belongs to."), self)
        intro.setWordWrap(True)
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        error_label = QLabel(self)
        self.errors = InlineErrors(error_label, {})
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.attach_button = buttons.addButton(self.tr("&Attach"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.attach_button.setEnabled(False)
        self.attach_button.clicked.connect(self.attach)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
