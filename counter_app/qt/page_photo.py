"""Wizard page 4: the applicant's photo: captured at the station (Capture…), imported from
a file (Ctrl+O), or a studio's photo receipt recorded. Long work runs in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QPushButton

from counter_app.qt import dialogs, photo_capture
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import intake, photo_station
from counter_app.services.intake import Step


class PhotoPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_photo.ui")
        self.has_photo = False
        self.busy = False
        self.capture_dialog: photo_capture.PhotoCaptureDialog | None = None
        self.capture_button = QPushButton(self.tr("&Capture…"), self)
        self.receipt_button = QPushButton(self.tr("Studio &receipt…"), self)
        for position, button in enumerate((self.capture_button, self.receipt_button), 1):
            self.ui.button_layout.insertWidget(position, button)
        self.ui.import_button.clicked.connect(self.import_photo)
        self.capture_button.clicked.connect(self.capture_photo)
        self.receipt_button.clicked.connect(self.record_receipt)
        QShortcut(QKeySequence.StandardKey.Open, self, self.import_photo)
        self.ui.import_button.setToolTip(self.tr("Import photo file (Ctrl+O)"))

    def initializePage(self) -> None:  # noqa: N802
        self.errors.clear()
        self._show_current()
        self.focus_later(self.capture_button)

    def isComplete(self) -> bool:  # noqa: N802
        return self.has_photo and not self.busy

    def import_photo(self) -> None:
        if self.busy:
            return
        path = dialogs.choose_photo_file(self)
        if path is None:
            return
        self._set_busy(True, self.tr("Importing the photo…"))
        self.state.runner.run(intake.attach_photo_file, self.state.ctx, self.state.operator,
                              self.state.application_id, path,
                              on_done=self._imported, on_error=self._failed)

    def capture_photo(self) -> None:
        if self.busy:
            return
        state = self.state
        dialog = photo_capture.PhotoCaptureDialog(
            state.ctx, state.operator, photo_capture.station_source(state.ctx), state.runner,
            self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_chosen.connect(self._save_capture)
        self.capture_dialog = dialog
        dialog.open()

    def _save_capture(self, original: bytes, reason: str) -> None:
        self._set_busy(True, self.tr("Saving the photo…"))
        self.state.runner.run(photo_station.save_capture, self.state.ctx, self.state.operator,
                              self.state.application_id, original, reason,
                              on_done=self._imported, on_error=self._failed)

    def record_receipt(self) -> None:
        if self.busy:
            return
        number = photo_capture.ask_receipt_number(self)
        if number is not None and self.run_step(photo_station.record_receipt,
                                                self.state.application_id, number):
            self._show_current()
            self.completeChanged.emit()

    def _imported(self, step: Step) -> None:
        self.state.apply(step)
        self._show_current()
        self._set_busy(False)  # tells the wizard the page is complete
        self.ui.status_label.setText(self.tr("Photo imported."))
        self.wizard().button(self.wizard().WizardButton.NextButton).setFocus()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.errors.show(error)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.errors.clear()
        for button in (self.ui.import_button, self.capture_button, self.receipt_button):
            button.setEnabled(not busy)
        self.ui.status_label.setText(text)
        self.completeChanged.emit()

    def _show_current(self) -> None:
        record = photo_station.current_photo(self.state.ctx, self.state.application_id)
        self.has_photo = record is not None
        if record is not None and record.path is not None:
            self._show_preview(record.path)
        elif record is not None:
            self.ui.preview_label.setText(self.tr("Studio photo receipt {number}").format(
                number=record.receipt_number))

    def _show_preview(self, path: Path) -> None:
        label = self.ui.preview_label
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            label.setText(self.tr("The photo cannot be shown."))
            return
        label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
