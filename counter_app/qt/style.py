"""Look and feel: one style everywhere, and a font that has the Chinese glyphs.

Without a CJK family first in line, minimal platforms (offscreen, bare X servers) draw
Chinese as empty boxes; rare characters (CJK extension A, e.g. 䶮) need it too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QApplication, QLabel

# The first of these the system has draws the window's text: Windows' own UI face first
# (YaHei UI, then YaHei on older Windows), then macOS's, then Linux's.
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")
# Rare characters, after it, each family the system has: on Windows SimSun-ExtB (CJK
# Extension B, e.g. 𠮷) and, on Windows 11, SimSun-ExtG; on Linux the HanaMin faces.
EXTENSION_FAMILIES = ("SimSun-ExtB", "SimSun-ExtG", "HanaMinA", "HanaMinB")
POINT_SIZE = 10.5
ERROR_COLOUR = "#c0392b"  # a failure or a refusal, wherever the window says one

STYLE_SHEET = """
QTableView { gridline-color: #d9dde3; selection-background-color: #2f6fb3; }
QTableView::item { padding: 0 6px; }
QHeaderView::section { background: #eef1f5; border: none;
    border-right: 1px solid #d9dde3; border-bottom: 1px solid #c9ced6; padding: 5px 8px; }
QToolBar { spacing: 4px; padding: 3px; border-bottom: 1px solid #d9dde3; }
QStatusBar QLabel { padding: 0 8px; }
QGroupBox { font-weight: bold; }
QGroupBox QLabel, QGroupBox QLineEdit, QGroupBox QComboBox, QGroupBox QCheckBox,
QGroupBox QRadioButton { font-weight: normal; }
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:editable:focus {
    border: 2px solid #2f6fb3; border-radius: 3px; background: #fffbe6; }
"""


def apply_style(app: QApplication) -> None:
    """Once per application: setting the style again re-polishes every widget alive,
    which is slow, and crashed the tests when one of them was half torn down."""
    if app.property("counter_styled"):
        return
    app.setStyle("Fusion")
    app.setFont(ui_font(app.font()))
    app.setStyleSheet(STYLE_SHEET)
    app.setProperty("counter_styled", True)


def ui_font(base: QFont) -> QFont:
    font = QFont(base)
    families = ui_families(QFontDatabase.hasFamily)
    if families:
        font.setFamilies(families)
    font.setPointSizeF(POINT_SIZE)
    return font


def ui_families(has_family: Callable[[str], bool]) -> list[str]:
    """The window's font families in fallback order: the first CJK family the system has,
    then every extension family it has; [] (Qt's default) when it has no CJK family."""
    main = next((family for family in CJK_FAMILIES if has_family(family)), None)
    if main is None:
        return []
    return [main, *(family for family in EXTENSION_FAMILIES if has_family(family))]


def window_header(title: QLabel, date: QLabel) -> None:
    """A main window's header: the title larger and bold, today's date beside it."""
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    title.setFont(font)
    date.setText(QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat))
