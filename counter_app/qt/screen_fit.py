"""Windows that fit the screen they open on: the smallest screen at a handling point is
1366×768 with a 40-pixel taskbar, leaving 1366×728, and the window manager's title bar
and borders come on top of a window's own size.

A dialog whose form asks for more than that (a PDF preview wants all the height it can
get) opens at its preferred size bounded by the screen's free area; what is inside then
scrolls (QPdfView, tables and scroll areas do it themselves). The intake wizard does the
same with its own preferred size (counter_app/qt/wizard.py).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = QSize(16, 48)  # what the window manager adds around a window, about


def free_size(window: QWidget) -> QSize:
    """The largest size *window* can have with its frame on its screen, the taskbar
    excepted."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() - FRAME


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> QSize:
    """Resize *window* to *preferred* (default: its size now, the form's) but no larger
    than the screen allows; returns the size given."""
    size = (preferred or window.size()).boundedTo(free_size(window))
    window.resize(size)
    return size
