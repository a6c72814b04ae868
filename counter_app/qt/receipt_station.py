"""The photo station's action in the main window (Photo ▸ Issue photo receipt…, Ctrl+R):
where photos are taken at their own desk, the capture dialog takes the photo, and a
finished photo issues a receipt number of our own; its slip (number, QR code, photo) is
printed through the printer dialog for the applicant to bring to the window. Issuing and
rendering run on the task runner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

from counter_app.qt import dialogs, photo_capture
from counter_app.qt.i18n import message_for
from counter_app.qt.pdf_print import print_with_dialog
from counter_app.security.roles import Permission
from counter_app.services import photo_receipts
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.photo_receipts import IssuedReceipt


@dataclass(frozen=True)
class IssuedSlip:
    receipt: IssuedReceipt
    pdf: Path


def issue_and_render(ctx: AppContext, operator: CurrentOperator, original: bytes,
                     override_reason: str) -> IssuedSlip:
    """On the worker: issue the receipt, then render its slip."""
    receipt = photo_receipts.issue_receipt(ctx, operator, original, override_reason)
    return IssuedSlip(receipt, photo_receipts.receipt_slip(ctx, operator, receipt.number))


class ReceiptStation:
    """Its texts are translated in the context "ReceiptStation" (it is no QObject)."""

    def __init__(self, window) -> None:
        self.window = window
        action = window.ui.action_issue_receipt
        action.triggered.connect(self.take_photo)
        action.setEnabled(window.operator.can(Permission.PHOTO))
        self.dialog: photo_capture.PhotoCaptureDialog | None = None
        self.last: IssuedSlip | None = None

    def take_photo(self) -> None:
        window = self.window
        if not window.operator.can(Permission.PHOTO) or self.dialog is not None:
            return
        dialog = photo_capture.PhotoCaptureDialog(
            window.ctx, window.operator, photo_capture.station_source(window.ctx),
            window.runner, window)
        dialog.setWindowTitle(QCoreApplication.translate(
            "ReceiptStation", "Photo station: take the photo for a receipt"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_chosen.connect(self.issue)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def issue(self, original: bytes, reason: str) -> None:
        window = self.window
        window.statusBar().showMessage(QCoreApplication.translate(
            "ReceiptStation", "Issuing the photo receipt…"))
        window.runner.run(issue_and_render, window.ctx, window.operator, original, reason,
                          on_done=self.print_slip, on_error=self._failed)

    def print_slip(self, issued: IssuedSlip) -> int:
        """Print the slip (printer dialog, remembered printer); the pages printed."""
        window, number = self.window, issued.receipt.number
        self.last = issued
        try:
            pages = print_with_dialog(window, window.ctx, issued.pdf)
        except Exception as error:  # noqa: BLE001 - PrintError says what is wrong
            pages = 0
            dialogs.show_error(window, message_for(error))
        if pages:
            text = QCoreApplication.translate(
                "ReceiptStation", "Photo receipt {number} issued and printed.")
        else:
            text = QCoreApplication.translate(
                "ReceiptStation", "Photo receipt {number} issued; its slip was not printed.")
        window.statusBar().showMessage(text.format(number=number), 15000)
        return pages

    def _failed(self, error: Exception) -> None:
        self.window.statusBar().clearMessage()
        dialogs.show_error(self.window, message_for(error))

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None
