"""Print a PDF through a QPrinter: each page rendered with QtPdf and painted to scale.

QtPdf renders raster images only, so pages are rendered at the printer's resolution,
capped (an A4 page at 1200 dpi would be a 550 MB image); 300 dpi prints text crisply.
The printer chosen last is remembered (printing.ini in the configuration directory), and
a printer that reports a problem (offline, out of paper, jammed) stops the print with a
message; the form can then simply be printed again.

print_pdf may run on a worker thread (Qt allows painting on a QPrinter there): a batch
prints on the task runner. PySide keeps the GIL while a page image is painted (about
0.3 s at 300 dpi, mostly the image compression), so the window then answers a few times
a second; drawing a page in strips would free it sooner but leaves seams in the print.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (QByteArray, QBuffer, QCoreApplication, QIODevice, QRect,
                            QSettings, QSize, Qt)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.qt import dialogs
from counter_app.services import documents
from counter_app.services.context import AppContext

MSG_PRINTER = QT_TRANSLATE_NOOP(
    "messages", "The printer cannot be used. Check that it is switched on and connected, "
                "then print again.")
MSG_PRINTER_PROBLEM = QT_TRANSLATE_NOOP(
    "messages", "The printer reports a problem: it may be offline, out of paper or jammed. "
                "Fix it, then print again.")
MSG_DOCUMENT = QT_TRANSLATE_NOOP("messages", "The form cannot be opened for printing.")
MAX_DPI = 300
PRINTER_KEY = "printer/name"
_TROUBLE = (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted)


class PrintError(CounterError):
    code = "print"


def print_with_dialog(parent: QWidget | None, ctx: AppContext, pdf: Path) -> int:
    """Ask for the printer (the last one preselected), then print *pdf* (sealed in the
    protected directory, or the guide) on the GUI thread (for documents of a page or two).
    Returns the pages printed, 0 when staff cancel; raises PrintError when the printer
    fails."""
    printer = choose_printer(parent, ctx.settings, print_title(pdf))
    return 0 if printer is None else print_pdf(documents.document_bytes(ctx, pdf), printer)


# What the print dialog's title says, by the folder the document is kept in.
_TITLES = {
    "forms": QT_TRANSLATE_NOOP("printing", "Print the registration form"),
    "vouchers": QT_TRANSLATE_NOOP("printing", "Print the acceptance voucher"),
    "notices": QT_TRANSLATE_NOOP("printing", "Print the rejection notice"),
    "batches": QT_TRANSLATE_NOOP("printing", "Print the batch"),
    "inquiries": QT_TRANSLATE_NOOP("printing", "Print the inquiry result"),
    "collection_receipts": QT_TRANSLATE_NOOP("printing", "Print the collection receipt"),
    "receipt_slips": QT_TRANSLATE_NOOP("printing", "Print the photo receipt"),
    "reports": QT_TRANSLATE_NOOP("printing", "Print the end-of-day report"),
    "documents": QT_TRANSLATE_NOOP("printing", "Print the applicant guide"),
    "ecard": QT_TRANSLATE_NOOP("printing", "Print the e-card guide"),
}


def print_title(pdf: Path) -> str:
    title = _TITLES.get(Path(pdf).parent.name)
    return QCoreApplication.translate("printing", title) if title else ""


def print_document(ctx: AppContext, pdf: Path, printer: QPrinter,
                   progress: Callable[[int, int], None] | None = None) -> int:
    """print_pdf for a document the program made (any thread)."""
    return print_pdf(documents.document_bytes(ctx, pdf), printer, progress)


def load_pdf(document: QPdfDocument, data: bytes) -> bool:
    """Load *data* (a PDF in memory: sealed files are never written out in clear) into
    *document*; the buffer lives as long as the document. False when it is no PDF."""
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)  # this overload returns nothing: the error is asked after
    return document.error() == QPdfDocument.Error.None_ and document.pageCount() > 0


def choose_printer(parent: QWidget | None, settings: Settings,
                   title: str = "") -> QPrinter | None:
    """The printer dialog with the remembered printer; the choice is remembered."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    memory = printer_memory(settings)
    use_remembered_printer(printer, memory)
    if not dialogs.setup_printer(printer, parent, title=title):
        return None
    remember_printer(printer, memory)
    return printer


def print_pdf(pdf: bytes, printer: QPrinter,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Print every page of the PDF *pdf* on *printer*; returns the number of pages printed.
    ``progress(page, pages)`` after each page may raise to stop: the job is aborted."""
    document = QPdfDocument()
    if not load_pdf(document, pdf):
        raise PrintError(MSG_DOCUMENT)
    _check_printer_ready(printer)
    pages = document.pageCount()
    printer.setFullPage(True)  # the form carries its own margins
    painter = QPainter()
    if not printer.isValid() or not painter.begin(printer):
        raise PrintError(MSG_PRINTER)
    try:
        for page in range(pages):
            if page and not printer.newPage():
                raise PrintError(MSG_PRINTER)
            _paint_page(document, page, printer, painter)
            if progress:
                progress(page + 1, pages)
    except BaseException:
        printer.abort()  # the spooler gets nothing of a stopped or failed job
        raise
    finally:
        painter.end()
        document.close()
    if printer.printerState() in _TROUBLE:  # e.g. the spooler refused the job
        raise PrintError(MSG_PRINTER_PROBLEM)
    return pages


def printer_memory(settings: Settings) -> QSettings:
    """Where the chosen printer is kept: beside settings.toml, never in the registry."""
    return QSettings(str(settings.config_dir / "printing.ini"), QSettings.Format.IniFormat)


def use_remembered_printer(printer: QPrinter, memory: QSettings) -> None:
    """Preselect the printer chosen last time, if it is still installed."""
    name = memory.value(PRINTER_KEY, "")
    if name and name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(name)


def remember_printer(printer: QPrinter, memory: QSettings) -> None:
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
        memory.setValue(PRINTER_KEY, printer.printerName())
        memory.sync()


def _check_printer_ready(printer: QPrinter) -> None:
    """A real printer that already says it is in error: tell staff before sending pages."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return  # printing to a PDF file
    info = QPrinterInfo.printerInfo(printer.printerName())
    if not info.isNull() and info.state() in _TROUBLE:
        raise PrintError(MSG_PRINTER_PROBLEM)


def _paint_page(document: QPdfDocument, page: int, printer: QPrinter,
                painter: QPainter) -> None:
    dpi = min(printer.resolution(), MAX_DPI)
    points = document.pagePointSize(page)
    image = document.render(page, QSize(round(points.width() * dpi / 72),
                                        round(points.height() * dpi / 72)))
    paper = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
    size = image.size().scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRect(paper.topLeft(), size)
    target.moveCenter(paper.center())
    painter.drawImage(target, image)
