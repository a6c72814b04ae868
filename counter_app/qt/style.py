"""Look and feel: one style everywhere, and a font that has the Chinese glyphs.

Without a CJK family first in line, minimal platforms (offscreen, bare X servers) draw
Chinese as empty boxes; rare characters (CJK extension A, e.g. 䶮) need it too.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QApplication, QLabel

CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")
EXTENSION_FAMILIES = ("SimSun-ExtB", "HanaMinA", "HanaMinB")  # rare characters
POINT_SIZE = 10.5

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
    available = [f for f in CJK_FAMILIES if QFontDatabase.hasFamily(f)]
    if available:
        extras = [f for f in EXTENSION_FAMILIES if QFontDatabase.hasFamily(f)]
        font.setFamilies([available[0], *extras])
    font.setPointSizeF(POINT_SIZE)
    return font


def window_header(title: QLabel, date: QLabel) -> None:
    """A main window's header: the title larger and bold, today's date beside it."""
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    title.setFont(font)
    date.setText(QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat))
