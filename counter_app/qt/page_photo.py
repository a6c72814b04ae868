"""Wizard page 4: the applicant's photo: captured at the station (Capture…), imported from
a file (Ctrl+O), or found by its photo receipt number (F4; a QR or barcode scanner types
the number and Enter). Every photo goes through the same checks: one that passes is taken
at once, one that fails is shown with its checks, and only a supervisor may accept it
with a reason. A child under the city's photo age may go on without a photo ("No photo",
audited). Long work runs in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QPushButton

from counter_app.domain.errors import CounterError
from counter_app.domain.lifecycle import Status
from counter_app.photo.assessment import Assessment
from counter_app.qt import dialogs, photo_capture
from counter_app.qt.i18n import message_for
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import photo_receipts, photo_station
from counter_app.services.intake import Step
from counter_app.services.photo_receipts import AttachedReceipt, ReceiptLookup


class PhotoPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_photo.ui")
        ui = self.ui
        self.errors = InlineErrors(ui.page_error, {"receipt_number": ui.receipt_edit},
                                   {"receipt_number": ui.receipt_error})
        self.has_photo = False
        self.photo_under = 0  # the city's photo age when this applicant is under it
        self.busy = False
        self._receipt_note = ""  # why the last receipt could not be asked centrally
        self.capture_dialog: photo_capture.PhotoCaptureDialog | None = None
        self.capture_button = QPushButton(self.tr("&Capture…"), self)
        ui.button_layout.insertWidget(1, self.capture_button)
        self.no_photo_button = QPushButton(self)  # only for a child under the photo age
        ui.button_layout.insertWidget(2, self.no_photo_button)
        self.no_photo_button.clicked.connect(self.waive_photo)
        ui.import_button.clicked.connect(self.import_photo)
        self.capture_button.clicked.connect(self.capture_photo)
        ui.receipt_edit.returnPressed.connect(self.look_up_receipt)
        QShortcut(QKeySequence.StandardKey.Open, self, self.import_photo)
        QShortcut(QKeySequence("F4"), self, self._focus_receipt)
        ui.import_button.setToolTip(self.tr("Import photo file (Ctrl+O)"))

    def initializePage(self) -> None:  # noqa: N802
        self.errors.clear()
        under = photo_station.photo_optional_under(self.state.ctx, self.state.application_id)
        self.no_photo_button.setText(self.tr("No photo (under {age})").format(age=under))
        self.no_photo_button.setVisible(under > 0)
        self.photo_under = under
        self._show_current()
        # A scanner types into whatever has the focus: the receipt field waits for it.
        self.focus_later(self.ui.receipt_edit)

    def isComplete(self) -> bool:  # noqa: N802
        return (self.has_photo or self._waived()) and not self.busy

    def _waived(self) -> bool:
        """Past the photo step without a photo: waived for a young child."""
        return self.photo_under > 0 and self.state.status not in (
            None, Status.DRAFT, Status.EXAMINED)

    def waive_photo(self) -> None:
        if self.busy:
            return
        self._set_busy(True, self.tr("Saving the photo…"))
        self.state.runner.run(photo_station.waive_photo, self.state.ctx, self.state.operator,
                              self.state.application_id, on_done=self._photo_waived,
                              on_error=self._failed)

    def _photo_waived(self, step: Step) -> None:
        self.state.apply(step)
        self._set_busy(False)
        self.ui.status_label.setText(self.tr("No photo: the applicant is under {age}.").format(
            age=self.photo_under))

    def validatePage(self) -> bool:  # noqa: N802
        # Enter in the receipt field looks the number up (returnPressed); it is not Next.
        return not self.busy and not self.ui.receipt_edit.hasFocus()

    # a file ------------------------------------------------------------------------------
    def import_photo(self) -> None:
        if self.busy:
            return
        path = dialogs.choose_photo_file(self)
        if path is None:
            return
        self._set_busy(True, self.tr("Checking the photo…"))
        self.state.runner.run(photo_station.review_photo_file, self.state.ctx, path,
                              on_done=self._file_reviewed, on_error=self._failed)

    def _file_reviewed(self, reviewed: tuple[bytes, Assessment]) -> None:
        raw, assessment = reviewed
        if assessment.passed:
            self._save_file(raw, "")
        elif not self._unusable(assessment):
            self._review(raw, lambda original, reason: self._save_file(original, reason))

    def _save_file(self, raw: bytes, reason: str) -> None:
        self._set_busy(True, self.tr("Saving the photo…"))
        self.state.runner.run(photo_station.import_photo, self.state.ctx, self.state.operator,
                              self.state.application_id, raw, reason,
                              on_done=self._photo_saved, on_error=self._failed)

    # the camera ----------------------------------------------------------------------------
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
                              on_done=self._photo_saved, on_error=self._failed)

    # a photo receipt -----------------------------------------------------------------------
    def look_up_receipt(self) -> None:
        if self.busy:
            return
        self._set_busy(True, self.tr("Looking up the photo receipt…"))
        self.state.runner.run(photo_receipts.look_up, self.state.ctx,
                              self.ui.receipt_edit.text(), self.state.operator.username,
                              on_done=self._receipt_found, on_error=self._failed)

    def _receipt_found(self, lookup: ReceiptLookup) -> None:
        self.ui.receipt_edit.setText(lookup.number)
        self._receipt_note = message_for(lookup.note) if lookup.note else ""
        if not lookup.found or lookup.assessment.passed:
            self._attach_receipt(lookup.number, "")
        elif not self._unusable(lookup.assessment):
            self._review(lookup.photo,
                         lambda _photo, reason: self._attach_receipt(lookup.number, reason))

    def _attach_receipt(self, number: str, reason: str) -> None:
        self._set_busy(True, self.tr("Saving the photo…"))
        self.state.runner.run(photo_receipts.attach_receipt, self.state.ctx,
                              self.state.operator, self.state.application_id, number, reason,
                              False, on_done=self._receipt_attached, on_error=self._failed)

    def _receipt_attached(self, attached: AttachedReceipt) -> None:
        self._imported(attached.step)
        if attached.found:
            text = self.tr("The photo of receipt {number} ({issuer}) is attached.")
        else:
            text = self.tr("Receipt {number} is recorded without its photo, so the card "
                           "centre will resolve it. If the photo was taken just now, scan "
                           "the receipt again in a few minutes to see it here.")
        text = text.format(number=attached.number, issuer=attached.issuer)
        if not attached.found and self._receipt_note:
            text = f"{self._receipt_note}\n{text}"
        self.ui.status_label.setText(text)

    def _focus_receipt(self) -> None:
        self.ui.receipt_edit.setFocus()
        self.ui.receipt_edit.selectAll()

    # shared --------------------------------------------------------------------------------
    def _review(self, original: bytes, accepted) -> None:
        """Show a picture that fails a check with its checks; *accepted(original, reason)*
        runs when staff allowed to accept it do so."""
        self._set_busy(False)
        dialog = photo_capture.PhotoCaptureDialog(
            self.state.ctx, self.state.operator, None, self.state.runner, self,
            original=original)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_chosen.connect(accepted)
        self.capture_dialog = dialog
        dialog.open()

    def _unusable(self, assessment: Assessment) -> bool:
        """A picture no override can pass (no single face to cut around): say so here."""
        if assessment.overridable:
            return False
        self._set_busy(False)
        self.errors.show_text(QCoreApplication.translate("messages", photo_station.MSG_NO_FACE))
        return True

    def _photo_saved(self, step: Step) -> None:
        """A file's or the camera's photo: a receipt number typed before is not the photo."""
        self.ui.receipt_edit.clear()
        self._imported(step)

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
        for widget in (self.ui.import_button, self.capture_button, self.ui.receipt_edit,
                       self.no_photo_button):
            widget.setEnabled(not busy)
        self.ui.status_label.setText(text)
        self.completeChanged.emit()

    def _show_current(self) -> None:
        record = photo_station.current_photo(self.state.ctx, self.state.application_id)
        self.has_photo = record is not None
        if record is not None and record.path is not None:
            self._show_preview(record.path)
        elif record is not None:
            self.ui.preview_label.setText(self.tr("Photo receipt {number}\n(the card centre "
                                                  "will resolve it)").format(
                number=record.receipt_number))

    def _show_preview(self, path: Path) -> None:
        label = self.ui.preview_label
        pixmap = QPixmap()
        try:
            pixmap.loadFromData(self.state.ctx.files.read(path))
        except (OSError, CounterError):
            pass  # gone or damaged: said below
        if pixmap.isNull():
            label.setText(self.tr("The photo cannot be shown."))
            return
        label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
