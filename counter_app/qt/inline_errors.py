"""Show an error where staff are looking: next to the field it is about, in red.

A ValidationError names its field (.field); anything else goes to the form's general
error label. Several at once (.errors) are each shown at their field. What was typed
stays; the first field in error gets the focus, and a field's error goes as soon as that
field is edited.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

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
        for field, widget in fields.items():
            self._clear_when_edited(widget, self._labels.get(field))
        self.clear()

    @staticmethod
    def _clear_when_edited(widget: QWidget, label: QLabel | None) -> None:
        if label is None:
            return
        edit = widget.lineEdit() if isinstance(widget, QComboBox) else widget
        if isinstance(edit, QLineEdit):
            edit.textEdited.connect(lambda _text: (label.clear(), label.hide()))
        if isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index: (label.clear(), label.hide()))

    def clear(self) -> None:
        for label in (self._general, *self._labels.values()):
            label.clear()
            label.hide()

    def show(self, error: Exception) -> None:
        """Show *error* (translated) next to its field, or in the general label; each of
        several errors (.errors) at its own field."""
        self.clear()
        errors = getattr(error, "errors", None) or [error]
        for each in errors:
            label = self._labels.get(getattr(each, "field", None), self._general)
            text = message_for(each)
            label.setText(f"{label.text()}\n{text}" if label.text() else text)
            label.show()
        widget = self._fields.get(getattr(errors[0], "field", None))
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
