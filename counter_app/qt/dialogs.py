"""Every modal dialog the windows open, behind small functions tests can monkeypatch,
so no test ever waits on a blocking dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("dialogs", "Counter"), message)


def show_info(parent: QWidget | None, message: str) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("dialogs", "Counter"), message)


def confirm(parent: QWidget | None, message: str) -> bool:
    """Ask before something staff cannot simply undo (disabling an operator, a reset);
    No is the default, so Enter does not confirm by accident."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("dialogs", "Counter"), message,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def choose_photo_file(parent: QWidget | None) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("dialogs", "Import photo file"), str(start_folder()),
        QCoreApplication.translate("dialogs", "Images (*.jpg *.jpeg *.png *.bmp);;All files (*)"))
    return Path(path) if path else None


def choose_scan_file(parent: QWidget | None) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("dialogs", "Import a scanned material"),
        str(start_folder()),
        QCoreApplication.translate(
            "dialogs", "Scans and photos (*.jpg *.jpeg *.png *.tif *.tiff *.bmp);;All files (*)"))
    return Path(path) if path else None


def review_scan(parent: QWidget | None, material_label: str, scan) -> int:
    """Show the straightened scan; Accepted, Rejected (cancel) or scan_preview.RETAKE."""
    from counter_app.qt.scan_preview import ScanPreviewDialog

    return ScanPreviewDialog(material_label, scan, parent).exec()


def choose_spreadsheet(parent: QWidget | None) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("dialogs", "Open a spreadsheet of applicants"),
        str(start_folder()),
        QCoreApplication.translate("dialogs", "Spreadsheets (*.xlsx *.csv);;All files (*)"))
    return Path(path) if path else None


def choose_template_file(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Where to save the spreadsheet template for committees: an xlsx (with its notes
    sheet) unless staff pick CSV; None when they cancel."""
    xlsx = QCoreApplication.translate("dialogs", "Excel workbook (*.xlsx)")
    path, chosen_filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("dialogs", "Save the spreadsheet template"),
        str(start_folder() / suggested_name),
        ";;".join((xlsx, QCoreApplication.translate("dialogs", "CSV (*.csv)"))), xlsx)
    if not path:
        return None
    return with_suffix(path, ".csv" if "*.csv" in chosen_filter else ".xlsx")


def choose_handover(parent: QWidget | None, suggested_name: str) -> tuple[str, Path] | None:
    """Ask for the bank outlet, then where to save the handover file."""
    from PySide6.QtWidgets import QInputDialog

    outlet, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("dialogs", "Hand over to the bank"),
        QCoreApplication.translate("dialogs", "Bank outlet:"))
    if not ok or not outlet.strip():
        return None
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("dialogs", "Save the handover file"),
        str(start_folder() / suggested_name),
        QCoreApplication.translate("dialogs", "CSV (*.csv)"))
    return (outlet.strip(), with_suffix(path, ".csv")) if path else None


def setup_printer(printer, parent: QWidget | None, title: str = "") -> bool:
    """Let staff choose the printer (the dialog titled with what is printed); False when
    they cancel."""
    from PySide6.QtPrintSupport import QPrintDialog  # only needed once a form is printed

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title or QCoreApplication.translate("dialogs", "Print"))
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def choose_result_file(parent: QWidget | None) -> Path | None:
    """The card factory's result file, for the card centre to import."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("dialogs", "Import the card factory's result file"),
        str(start_folder()),
        QCoreApplication.translate("dialogs", "Result files (*.csv *.xlsx);;All files (*)"))
    return Path(path) if path else None


def choose_result_template(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Where to save a production batch's result file for the factory to fill in (None:
    not now)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("dialogs", "Save the batch's result file for the "
                                                      "card factory"),
        str(start_folder() / suggested_name),
        QCoreApplication.translate("dialogs", "CSV (*.csv)"))
    return with_suffix(path, ".csv") if path else None


def choose_carry_file(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Where to write the outbox to carry (a USB stick, usually); None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("dialogs", "Export unsent to carry"),
        str(start_folder() / suggested_name),
        QCoreApplication.translate("dialogs", "Carried outbox (*.carry)"))
    return with_suffix(path, ".carry") if path else None


def choose_receipt_file(parent: QWidget | None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("dialogs", "Import a receipt"), str(start_folder()),
        QCoreApplication.translate("dialogs", "Receipts (*.receipt);;All files (*)"))
    return Path(path) if path else None


def with_suffix(path: str, suffix: str) -> Path:
    """The file chosen, with *suffix* added when staff typed a name without one."""
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_name(chosen.name + suffix)


def start_folder() -> Path:
    """Where file dialogs open: the user's documents (not the program's folder)."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()
