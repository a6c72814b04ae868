"""The supervisor's review queue (issue 17, four eyes): examined applications waiting for an
approval, with what to judge them by (business type, masked ID number, materials ticked,
the photo when one came before the examination, who examined it and a previous return).

Keyboard first: in the list, A (or Ctrl+Enter) approves; 1–9 pick a return reason and put
the cursor in the note, where Enter returns the application. Either way the next one is
selected. The services check the rest (a supervisor's own examination is refused, with
the message shown here).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from counter_app.domain.clock import local_text
from counter_app.domain.errors import CounterError
from counter_app.qt.i18n import message_for
from counter_app.qt.inline_errors import ERROR_STYLE
from counter_app.qt.uiload import load_ui
from counter_app.services import review
from counter_app.services.review import ReviewCase

NOTE_STYLE = "color: #b35900;"
ID_ROLE = Qt.ItemDataRole.UserRole


class ReviewQueueDialog(QDialog):
    sig_decided = Signal(object, str)  # application id, "approved" or "returned"

    def __init__(self, ctx, operator, parent: QWidget | None = None,
                 select: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self.cases: list[ReviewCase] = []
        self.ui = load_ui(self, "review_queue.ui")
        ui = self.ui
        ui.error_label.setStyleSheet(ERROR_STYLE)
        ui.last_return_label.setStyleSheet(NOTE_STYLE)
        ui.number_label.setStyleSheet("font-weight: bold;")
        self.reason_codes = list(ctx.rules.review.return_reasons)
        for position, code in enumerate(self.reason_codes, start=1):
            prefix = f"{position}  " if position <= 9 else ""
            ui.reason_combo.addItem(prefix + ctx.rules.review.reason_label(code), code)
        ui.cases_list.currentRowChanged.connect(lambda _row: self._show_current())
        ui.approve_button.clicked.connect(self.approve_current)
        ui.return_button.clicked.connect(self.return_current)
        ui.note_edit.returnPressed.connect(self.return_current)
        ui.close_button.clicked.connect(self.reject)
        self._install_keys()
        self.reload(select)
        ui.cases_list.setFocus()

    def _install_keys(self) -> None:
        """Keys of the list only (in the note they are typed): see eventFilter."""
        self.ui.cases_list.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.ui.cases_list and event.type() == QEvent.Type.KeyPress:
            return self._list_key(event)
        return super().eventFilter(watched, event)

    def _list_key(self, event) -> bool:
        """A or Ctrl+Enter approve, 1-9 pick a return reason; True when handled."""
        key, modifiers = event.key(), event.modifiers()
        ctrl = modifiers & Qt.KeyboardModifier.ControlModifier
        if (key == Qt.Key.Key_A and not modifiers) or (
                ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.approve_current()
            return True
        index = key - Qt.Key.Key_1
        if not ctrl and 0 <= index < min(9, len(self.reason_codes)):
            self.choose_reason(index)
            return True
        return False

    # --- actions ------------------------------------------------------------------

    def reload(self, select: uuid.UUID | None = None, row: int = 0) -> None:
        """List the waiting ones again; select *select*, else the one at *row* (the next
        after a decision), else the last."""
        self.cases = review.waiting(self.ctx, self.operator)
        cases = self.ui.cases_list
        cases.blockSignals(True)
        cases.clear()
        for case in self.cases:
            item = QListWidgetItem(f"{case.number}\n{case.name}  {case.masked_id}")
            item.setData(ID_ROLE, case.application_id)
            cases.addItem(item)
        cases.blockSignals(False)
        ids = [case.application_id for case in self.cases]
        if select in ids:
            row = ids.index(select)
        cases.setCurrentRow(min(row, len(self.cases) - 1) if self.cases else -1)
        self._show_current()
        self.ui.summary_label.setText(
            self.tr("{count} waiting").format(count=len(self.cases)) if self.cases
            else self.tr("Nothing is waiting for a review."))

    def current(self) -> ReviewCase | None:
        row = self.ui.cases_list.currentRow()
        return self.cases[row] if 0 <= row < len(self.cases) else None

    def choose_reason(self, index: int) -> None:
        if self.current() is None:
            return
        self.ui.reason_combo.setCurrentIndex(index)
        self.ui.note_edit.setFocus()

    def approve_current(self) -> None:
        case = self.current()
        if case is not None:
            self._decide(case, "approved", review.approve, case.application_id)

    def return_current(self) -> None:
        case = self.current()
        if case is None:
            return
        code = self.ui.reason_combo.currentData()
        self._decide(case, "returned", review.return_to_staff, case.application_id, code,
                     self.ui.note_edit.text())

    def _decide(self, case: ReviewCase, outcome: str, service, *args) -> None:
        row = self.ui.cases_list.currentRow()
        try:
            service(self.ctx, self.operator, *args)
        except Exception as error:  # noqa: BLE001 - message_for logs the unexpected ones
            self._show_error(message_for(error))
            return
        self.ui.note_edit.clear()
        self.reload(row=row)  # the one after it has moved up to this row
        self.ui.cases_list.setFocus()
        self.sig_decided.emit(case.application_id, outcome)

    # --- helpers ------------------------------------------------------------------

    def _show_current(self) -> None:
        self._show_error("")
        case, ui = self.current(), self.ui
        for widget in (ui.approve_button, ui.return_button, ui.return_box):
            widget.setEnabled(case is not None)
        if case is None:
            for label in (ui.number_label, ui.person_label, ui.business_label,
                          ui.examined_label, ui.last_return_label, ui.materials_label):
                label.clear()
            ui.photo_label.clear()
            return
        ui.number_label.setText(case.number)
        ui.person_label.setText(f"{case.name}  {case.masked_id}")
        ui.business_label.setText(case.business_label)
        ui.examined_label.setText(self.tr("Examined by {name} at {time} (round {round})")
                                  .format(name=case.examined_by, round=case.rounds,
                                          time=local_text(case.examined_at)))
        ui.last_return_label.setText(self.tr("Returned before: {reason}").format(
            reason=case.last_return) if case.last_return else "")
        ui.materials_label.setText(self._materials(case))
        self._show_photo(case)

    def _materials(self, case: ReviewCase) -> str:
        lines = [("☑ " if received else "☐ ") + label + (" *" if required else "")
                 for label, required, received in case.materials]
        if case.scans:
            lines.append(self.tr("Scanned materials: {count}").format(count=len(case.scans)))
        return "\n".join(lines)

    def _show_photo(self, case: ReviewCase) -> None:
        label = self.ui.photo_label
        pixmap = QPixmap()
        if case.photo_path is not None:
            try:
                pixmap.loadFromData(self.ctx.files.read(case.photo_path))
            except (OSError, CounterError):  # gone or damaged: said instead
                pixmap = QPixmap()
        if pixmap.isNull():
            label.setText(self.tr("No photo yet: it is taken after the approval."))
        else:
            label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))

    def _show_error(self, text: str) -> None:
        self.ui.error_label.setText(text)
        self.ui.error_label.setVisible(bool(text))
