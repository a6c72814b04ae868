"""Load a Qt Designer form from ui/ into an existing widget at run time.

QUiLoader normally builds a new top-level widget; handing it *base* instead lets our
subclass (a QDialog, QMainWindow or QWizardPage with behaviour) be the form itself.
QUiLoader translates the form's strings with the form's class name as context.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QLayout, QWidget

from counter_app import assets

UI_DIR = assets.ui()


class _IntoBase(QUiLoader):
    def __init__(self, base: QWidget) -> None:
        super().__init__()
        self._base = base

    def createWidget(self, class_name: str, parent: QWidget | None = None,  # noqa: N802
                     name: str = "") -> QWidget:
        if parent is None:
            return self._base
        return super().createWidget(class_name, parent, name)


def load_ui(base: QWidget, form: str) -> SimpleNamespace:
    """Build ui/<form> into *base*; return its named children (widgets, layouts, actions)."""
    loader = _IntoBase(base)
    path = assets.real_path(UI_DIR / form)
    if loader.load(str(path), None) is None:
        raise RuntimeError(f"cannot load {path}: {loader.errorString()}")
    named = {obj.objectName(): obj for obj in base.findChildren(QObject) if obj.objectName()}
    return SimpleNamespace(**named)


def replace_placeholder(placeholder: QWidget, widget: QWidget) -> QWidget:
    """Put *widget* where the .ui has a plain QWidget (for classes QUiLoader cannot make)."""
    layout = placeholder.parentWidget().layout()
    item = layout.replaceWidget(placeholder, widget) if isinstance(layout, QLayout) else None
    if item is None:
        raise RuntimeError(f"placeholder {placeholder.objectName()} is not in a layout")
    widget.setObjectName(placeholder.objectName())
    placeholder.deleteLater()
    return widget


def pdf_preview(owner: QWidget, placeholder: QWidget):
    """A whole-width, page-after-page PDF view where the .ui has *placeholder*; returns
    (document, view). QtPdf is imported here, on first use, not at start-up."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    document, view = QPdfDocument(owner), QPdfView(owner)
    view.setDocument(document)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    replace_placeholder(placeholder, view)
    return document, view
