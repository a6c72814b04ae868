"""Show an error where staff are looking: next to the field it is about, in red.

A ValidationError names its field (.field); anything else goes to the form's general
error label. What was typed stays; the field in error gets the focus.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from counter_app.qt.i18n import message_for

ERROR_STYLE = "color: #c0392b;"


class InlineErrors:
    def __init__(self, general: QLabel, fields: dict[str, QWidget],
                 labels: dict[str, QLabel] | None = None) -> None:
        self._general = general
        self._fields = fields
        self._labels = labels or {}
        for label in (general, *self._labels.values()):
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
        self.clear()

    def clear(self) -> None:
        for label in (self._general, *self._labels.values()):
            label.clear()
            label.hide()

    def show(self, error: Exception) -> None:
        """Show *error* (translated) next to its field, or in the general label."""
        self.clear()
        field = getattr(error, "field", None)
        label = self._labels.get(field, self._general)
        label.setText(message_for(error))
        label.show()
        widget = self._fields.get(field)
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def show_text(self, text: str, field: str | None = None) -> None:
        self.clear()
        label = self._labels.get(field, self._general)
        label.setText(text)
        label.show()

    def text(self) -> str:
        shown = [lbl.text() for lbl in (self._general, *self._labels.values()) if lbl.text()]
        return "\n".join(shown)
