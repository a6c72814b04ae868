"""A dialog to attach the scanned signed registration form from a file.

The page's QR code is read in the background (a phone photo takes a second); a page of
another application, or one without a readable code, is refused with the reason and
another file can be chosen at once. A scanner's PDF (often several pages) is kept whole;
its first page is rendered here with QtPdf for the QR code, as the core has no PDF
renderer.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget)

from counter_app.qt import dialogs
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.tasks import TaskRunner
from counter_app.services import signed_copies
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.signed_copies import (
    MSG_PDF_UNREAD, PDF_SIGNATURE, SignedCopy, SignedCopyError)

SCAN_DPI = 200  # the QR code reads reliably at 200 dpi; more only costs time


def choose_scan_file(parent: QWidget | None) -> Path | None:
    """The file dialog, behind a function tests replace (no test waits on a dialog)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("SignedCopyDialog", "Choose the scanned signed form"),
        str(dialogs.start_folder()), QCoreApplication.translate(
            "SignedCopyDialog", "Scans and photos (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.pdf);;"
                                "All files (*)"))
    return Path(path) if path else None


def attach_scan(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID | None,
                path: Path) -> SignedCopy:
    """Runs on the worker: a PDF's first page becomes a picture for the QR code."""
    page = first_page_png(path) if _is_pdf(path) else None
    return signed_copies.attach_signed_copy(ctx, operator, application_id, path, page)


def first_page_png(path: Path) -> bytes:
    """Page 1 of a PDF as a grey PNG at SCAN_DPI; SignedCopyError when it cannot be read
    (damaged, password-protected). Any thread: the document lives only in this call."""
    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_ or not document.pageCount():
            raise SignedCopyError(MSG_PDF_UNREAD)
        points = document.pagePointSize(0)
        image = document.render(0, QSize(round(points.width() * SCAN_DPI / 72),
                                         round(points.height() * SCAN_DPI / 72)))
    finally:
        document.close()
    if image.isNull():
        raise SignedCopyError(MSG_PDF_UNREAD)
    return _png(_on_white(image).convertToFormat(QImage.Format.Format_Grayscale8))


def _on_white(image: QImage) -> QImage:
    """QtPdf leaves a page without a background transparent, which grey makes black."""
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    return page


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return data.data()


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(PDF_SIGNATURE)) == PDF_SIGNATURE
    except OSError:
        return False  # the service says the file cannot be opened


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
        self.runner.run(attach_scan, self.ctx, self.operator, self.application_id, self.path,
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
