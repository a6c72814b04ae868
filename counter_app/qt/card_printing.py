"""Print a card face (counter_app.cardface's PDF) on the counter's card printer.

    card_printer(settings, parent=None) -> QPrinter | None
        the printer of the `card_printer` setting; without one, the print dialog (the card
        printer chosen last preselected, the choice remembered); None when staff cancel.
        PrintError when the configured printer is not installed.
    print_card_face(pdf: bytes, printer: QPrinter, progress=None) -> int (pages printed)
        page size CR80 (85.6 × 54.0 mm, landscape), no margins, every side a page, both
        sides of one card (duplex, long edge) where the printer can turn the card over.

Printing itself is counter_app/qt/pdf_print.print_pdf (any thread; PrintError when the
printer fails). Qt's PDF output rounds page sizes to whole points: CR80 prints as
243 × 153 pt (85.7 × 54.0 mm), the face scaled by 0.1 %.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from counter_app.cardface.layout import CR80_MM
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.qt import dialogs
from counter_app.qt.pdf_print import (MSG_DOCUMENT, MSG_PRINTER, PrintError, load_pdf,
                                      print_pdf, printer_memory)

SETTING = "card_printer"
CARD_PRINTER_KEY = "card_printer/name"  # the one chosen last, in printing.ini
MSG_CARD_PRINTER_MISSING = QT_TRANSLATE_NOOP(
    "messages", "The card printer \"{printer}\" is not installed on this computer. Check "
                "that it is connected and switched on, or the card_printer setting.")
DIALOG_TITLE = QT_TRANSLATE_NOOP("printing", "Print the card")


def cr80_page_layout() -> QPageLayout:
    """CR80 as card printer drivers name it: a portrait card size, printed landscape."""
    width, height = CR80_MM
    size = QPageSize(QSizeF(height, width), QPageSize.Unit.Millimeter, "CR80",
                     QPageSize.SizeMatchPolicy.FuzzyOrientationMatch)
    return QPageLayout(size, QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Unit.Millimeter)


def print_card_face(pdf: bytes, printer: QPrinter,
                    progress: Callable[[int, int], None] | None = None) -> int:
    """Print the card face on *printer*; returns the pages printed (the sides)."""
    if not printer.setPageLayout(cr80_page_layout()):
        raise PrintError(MSG_PRINTER)
    printer.setFullPage(True)
    printer.setDuplex(_duplex(printer, _pages(pdf)))
    return print_pdf(pdf, printer, progress)


def card_printer(settings: Settings, parent: QWidget | None = None) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    installed = QPrinterInfo.availablePrinterNames()
    configured = configured_card_printer(settings)
    if configured:
        if configured not in installed:
            raise PrintError(MSG_CARD_PRINTER_MISSING, printer=configured)
        printer.setPrinterName(configured)
        return printer
    memory = printer_memory(settings)
    remembered = memory.value(CARD_PRINTER_KEY, "")
    if remembered and remembered in installed:
        printer.setPrinterName(remembered)
    if not dialogs.setup_printer(printer, parent,
                                 title=QCoreApplication.translate("printing", DIALOG_TITLE)):
        return None
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
        memory.setValue(CARD_PRINTER_KEY, printer.printerName())
        memory.sync()
    return printer


def configured_card_printer(settings: Settings) -> str:
    """The `card_printer` setting (settings.toml), "" when there is none."""
    value = getattr(settings, SETTING, "") or settings.extra.get(SETTING, "")
    return value.strip() if isinstance(value, str) else ""


def _pages(pdf: bytes) -> int:
    document = QPdfDocument()
    try:
        if not load_pdf(document, pdf):
            raise PrintError(MSG_DOCUMENT)
        return document.pageCount()
    finally:
        document.close()


def _duplex(printer: QPrinter, pages: int) -> QPrinter.DuplexMode:
    """Long-edge duplex for a two-sided card where the printer offers it (a PDF file or a
    printer without a flipper prints the sides one after the other)."""
    if pages < 2 or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return QPrinter.DuplexMode.DuplexNone
    modes = QPrinterInfo(printer).supportedDuplexModes()
    for mode in (QPrinter.DuplexMode.DuplexLongSide, QPrinter.DuplexMode.DuplexAuto):
        if mode in modes:
            return mode
    return QPrinter.DuplexMode.DuplexNone
