"""Print a PDF through a QPrinter: each page rendered with QtPdf and painted to scale.

QtPdf renders raster images only, so pages are rendered at the printer's resolution,
capped (an A4 page at 1200 dpi would be a 550 MB image); 300 dpi prints text crisply.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_PRINTER = QT_TRANSLATE_NOOP(
    "messages", "The printer cannot be used. Check that it is switched on and connected, "
                "then print again.")
MSG_DOCUMENT = QT_TRANSLATE_NOOP("messages", "The form cannot be opened for printing.")
MAX_DPI = 300


class PrintError(CounterError):
    code = "print"


def print_pdf(pdf_path: Path, printer: QPrinter) -> int:
    """Print every page of *pdf_path* on *printer*; returns the number of pages printed."""
    document = QPdfDocument()
    if document.load(str(pdf_path)) != QPdfDocument.Error.None_ or not document.pageCount():
        raise PrintError(MSG_DOCUMENT)
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
    finally:
        painter.end()
        document.close()
    return pages


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
