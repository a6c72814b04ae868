"""Small steps the window tests share: logging in, typing Chinese, photos, applications."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from counter_app.qt.login import LoginDialog


def log_in(qtbot, ctx, username: str, password: str):
    """Type into the login dialog and press Enter; returns the logged-in operator."""
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.username_edit, username)
    qtbot.keyClicks(dialog.ui.password_edit, password)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
    return dialog.operator


def type_text(qtbot, widget, text: str) -> None:
    """Type like staff do: keys for ASCII, an input-method commit for Chinese.

    QTest can only press keys of Latin-1 characters; Chinese arrives from the IME.
    """
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def pdf_printer(printer, path):
    """Point a QPrinter at a PDF file instead of paper (the hardware edge of printing)."""
    from PySide6.QtPrintSupport import QPrinter
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def printed_pages(path) -> int:
    from PySide6.QtPdf import QPdfDocument
    document = QPdfDocument()
    document.load(str(path))
    return document.pageCount()
