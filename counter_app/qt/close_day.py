"""Closing the day (services/day_close.py), for supervisors: the day's open items grouped
by kind, a reason (and where the reason wants one, a note) for each, then Close the day,
confirmed with No as the default; the closing report shows in the preview and prints. A
closed day opens on its report. Administrators reopen a day in ReopenDayDialog.

Keyboard: Up and Down walk the items, the keys 1 to 9 give the current one the reason of
that number and go on to the next item without one; Alt+R and Alt+N reach the reason and
the note (the combo's type-ahead picks a reason by its words), Enter in the note goes on
to the next item without a reason. Only the reasons that fit the current item's kind are
offered (and numbered), those that let its application be continued on a later day
marked so. On a group's row, a reason or a note applies to every item of the group. The
status line says how many items still want a reason; Esc asks before the reasons given
are thrown away. The lists, the close and its PDF run on the task runner: the window
never waits on them.

For the main window: open_close_day(parent, ctx, operator, runner) and
open_reopen_day(parent, ctx, operator, runner).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QTreeWidgetItem, QWidget

from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.qt.inline_errors import ERROR_STYLE
from counter_app.qt.pdf_print import load_pdf, print_with_dialog
from counter_app.qt.screen_fit import fit_to_screen
from counter_app.qt.status_names import status_name
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui, pdf_preview
from counter_app.security.roles import Permission
from counter_app.services import day_close, documents
from counter_app.services.day_close import ClosedDay, Explanation
from counter_app.services.worklists import WorkItem, WorkKind

PREFERRED = QSize(900, 900)
KEY_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1   # a row's and a group's WorkKind
KIND_NAMES = {
    WorkKind.REVIEW: QT_TRANSLATE_NOOP("CloseDayDialog", "Waiting for review"),
    WorkKind.UNSENT: QT_TRANSLATE_NOOP("CloseDayDialog", "Not sent yet"),
    WorkKind.REFUSED: QT_TRANSLATE_NOOP("CloseDayDialog", "Refused by the central database"),
    WorkKind.UNSIGNED: QT_TRANSLATE_NOOP("CloseDayDialog", "Printed but not signed"),
    WorkKind.OLD_DRAFTS: QT_TRANSLATE_NOOP("CloseDayDialog", "Not finished"),
    WorkKind.RETURNED: QT_TRANSLATE_NOOP("CloseDayDialog", "Returned to staff"),
}
REASON_COLUMN, NOTE_COLUMN = 3, 4
REASON_WIDTH = 240


@dataclass
class DayView:
    """What the dialog shows of a day: its close and report, or its open items."""

    day: dt.date
    closed: ClosedDay | None = None
    report: bytes = b""
    items: list[WorkItem] = field(default_factory=list)


def load_day(ctx, operator, day: dt.date) -> DayView:
    """On the task runner: the close of *day* and its report, else its open items."""
    closed = day_close.closed_day(ctx, operator, day)
    if closed is not None:
        path = day_close.closed_report(ctx, operator, day)
        return DayView(day, closed, documents.document_bytes(ctx, path))
    return DayView(day, items=day_close.open_items(ctx, operator, day))


def close_and_load(ctx, operator, day: dt.date, explanations) -> DayView:
    """On the task runner: close the day, then read its report."""
    closed = day_close.close_day(ctx, operator, day, explanations)
    return DayView(day, closed, documents.document_bytes(ctx, closed.report_path))


class CloseDayDialog(QDialog):
    sig_loaded = Signal(object)     # the DayView shown
    sig_closed = Signal(object)     # the ClosedDay
    sig_printed = Signal(int)       # pages

    def __init__(self, ctx, operator, runner: TaskRunner | None = None,
                 parent: QWidget | None = None, day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self.runner = runner or TaskRunner(self)
        self.ui = load_ui(self, "close_day.ui")
        self.reasons = {r.code: r for r in day_close.reasons(ctx)}
        self.offered: list[str] = []  # the codes the combo offers now, keys 1-9 in order
        self.explanations: dict[str, Explanation] = {}
        self.view: DayView | None = None
        self.busy = False
        self.document, self.pdf_view = pdf_preview(self, self.ui.pdf_placeholder)
        fit_to_screen(self, PREFERRED)
        self._fill_reasons()
        self._connect()
        day = day or dt.date.today()
        self.ui.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.ui.date_edit.setMaximumDate(QDate.currentDate())
        self.ui.error_label.setStyleSheet(ERROR_STYLE)
        self.load()

    @property
    def day(self) -> dt.date:
        return self.ui.date_edit.date().toPython()

    def _fill_reasons(self, kind: str | None = None) -> None:
        """The combo offers the reasons that fit *kind* (the current row's), numbered as
        the keys 1-9 pick them; None (no row) offers none."""
        self.offered = [code for code, reason in self.reasons.items()
                        if kind is not None and reason.fits(kind)]
        combo = self.ui.reason_combo
        combo.clear()
        combo.addItem(self.tr("— choose a reason —"), "")
        for number, code in enumerate(self.offered, 1):
            prefix = f"{number} " if number <= 9 else ""
            combo.addItem(prefix + self.reason_text(code), code)

    def reason_text(self, code: str) -> str:
        """A reason's words, marked where it lets the application be continued later."""
        reason = self.reasons.get(code)
        if reason is None:
            return ""
        if reason.continues:
            return self.tr("{reason} (may be continued later)").format(reason=reason.label)
        return reason.label

    def _connect(self) -> None:
        ui = self.ui
        ui.show_button.clicked.connect(self.load)
        ui.date_edit.editingFinished.connect(
            lambda: self.load() if self.view is None or self.view.day != self.day else None)
        ui.items_tree.currentItemChanged.connect(lambda *_: self._show_current())
        ui.reason_combo.activated.connect(lambda _i: self._apply_editor())
        ui.note_edit.textEdited.connect(lambda _t: self._apply_editor())
        ui.note_edit.returnPressed.connect(self.next_unexplained)
        ui.close_day_button.clicked.connect(self.close_day)
        ui.print_button.clicked.connect(self.print_report)
        ui.dismiss_button.clicked.connect(self.reject)
        ui.items_tree.installEventFilter(self)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_report)

    # --- loading ----------------------------------------------------------------------

    def load(self, keep_error: bool = False) -> None:
        if self.busy:
            return
        if not keep_error:
            self.ui.error_label.clear()
        self._set_busy(True, self.tr("Looking at the day…"))
        self.runner.run(load_day, self.ctx, self.operator, self.day,
                        on_done=self._loaded, on_error=self._failed)

    def _loaded(self, view: DayView) -> None:
        self._set_busy(False)
        self.view = view
        if view.closed is not None:
            self._show_report(view)
        else:
            self._show_items(view)
        self.sig_loaded.emit(view)

    def _show_items(self, view: DayView) -> None:
        # Looked at again (the day changed meanwhile): the reasons given stay.
        keys = {item.key for item in view.items}
        kept = {k: v for k, v in self.explanations.items() if k in keys}
        self.explanations = {}
        self.ui.pages.setCurrentWidget(self.ui.items_page)
        tree = self.ui.items_tree
        tree.clear()
        for kind in WorkKind:
            items = [item for item in view.items if item.kind == kind]
            if items:
                group = QTreeWidgetItem(tree, [self.tr(KIND_NAMES[kind]) + f" ({len(items)})"])
                group.setFirstColumnSpanned(True)
                group.setData(0, KIND_ROLE, str(kind))
                for item in items:
                    row = QTreeWidgetItem(group, [item.number or "—", item.masked_id or "—",
                                                  status_name(item.status) if item.status
                                                  else "—", "", ""])
                    row.setData(0, KEY_ROLE, item.key)
                    row.setData(0, KIND_ROLE, str(kind))
                    if item.key in kept and self._fits(kept[item.key].reason, kind):
                        self._explain([row], kept[item.key].reason, kept[item.key].note)
        tree.expandAll()
        for column in range(3):
            tree.resizeColumnToContents(column)
        tree.setColumnWidth(REASON_COLUMN, REASON_WIDTH)  # the rules' words are long
        tree.setCurrentItem(self._next_unexplained(None) or tree.topLevelItem(0))
        self._show_current()  # also when the current row stayed the same object
        tree.setFocus()
        self._update_buttons()

    def _show_report(self, view: DayView) -> None:
        self.ui.pages.setCurrentWidget(self.ui.report_page)
        self.document.close()
        load_pdf(self.document, view.report)
        closed = view.closed
        self.ui.status_label.setText(self.tr("{day} was closed at {at} by {name}.").format(
            day=view.day.isoformat(), at=local_text(closed.closed_at), name=closed.closed_by))
        self._update_buttons()
        self.ui.print_button.setFocus()

    # --- explaining -------------------------------------------------------------------

    def _rows(self, node: QTreeWidgetItem | None) -> list[QTreeWidgetItem]:
        """The item rows *node* stands for: itself, or a group's children."""
        if node is None:
            return []
        if node.data(0, KEY_ROLE):
            return [node]
        return [node.child(i) for i in range(node.childCount())]

    def _fits(self, code: str, kind: str) -> bool:
        reason = self.reasons.get(code)
        return reason is not None and reason.fits(kind)

    def _show_current(self) -> None:
        """The editor offers the reasons that fit the current row's kind and shows its
        reason and note (a group's: when shared)."""
        current = self.ui.items_tree.currentItem()
        rows = self._rows(current)
        self._fill_reasons(current.data(0, KIND_ROLE) if current is not None else None)
        given = {self.explanations.get(row.data(0, KEY_ROLE)) for row in rows}
        shared = given.pop() if len(given) == 1 else None
        combo = self.ui.reason_combo
        combo.setCurrentIndex(max(combo.findData(shared.reason if shared else ""), 0))
        self.ui.note_edit.setText(shared.note if shared else "")
        self.ui.reason_combo.setEnabled(bool(rows))
        self.ui.note_edit.setEnabled(bool(rows))

    def _apply_editor(self) -> None:
        code = self.ui.reason_combo.currentData() or ""
        self._explain(self._rows(self.ui.items_tree.currentItem()), code,
                      self.ui.note_edit.text())

    def _explain(self, rows: list[QTreeWidgetItem], code: str, note: str) -> None:
        reason = self.reasons.get(code)
        for row in rows:
            key = row.data(0, KEY_ROLE)
            fits = reason is not None and reason.fits(row.data(0, KIND_ROLE))
            if not fits:
                self.explanations.pop(key, None)
            else:
                self.explanations[key] = Explanation(code, note.strip())
            row.setText(REASON_COLUMN, self.reason_text(code) if fits else "")
            row.setToolTip(REASON_COLUMN, row.text(REASON_COLUMN))
            row.setText(NOTE_COLUMN, note.strip() if fits else "")
        self._update_buttons()

    def pick_reason(self, number: int) -> None:
        """Key *number* (1-9) on the list: that reason of those offered for the current row
        (those that fit its kind), then on to the next row without one."""
        codes = list(self.offered)
        if not 1 <= number <= min(len(codes), 9):
            return
        tree = self.ui.items_tree
        current = tree.currentItem()
        rows = self._rows(current)
        if not rows:
            return
        note = self.explanations.get(rows[0].data(0, KEY_ROLE), Explanation("")).note
        self._explain(rows, codes[number - 1], note)
        if self.reasons[codes[number - 1]].needs_note and not note:
            self._show_current()
            self.ui.note_edit.setFocus()  # this reason wants a note: type it now
            return
        tree.setCurrentItem(self._next_unexplained(current) or current)
        self._show_current()  # also when it stayed on this row (a group's, the last one)

    def next_unexplained(self) -> None:
        """Enter in the note: on to the next row without a reason, the list focused."""
        tree = self.ui.items_tree
        current = tree.currentItem()
        tree.setCurrentItem(self._next_unexplained(current) or current)
        tree.setFocus()

    def _next_unexplained(self, after: QTreeWidgetItem | None) -> QTreeWidgetItem | None:
        tree = self.ui.items_tree
        rows = [row for i in range(tree.topLevelItemCount())
                for row in self._rows(tree.topLevelItem(i))]
        start = rows.index(after) + 1 if after in rows else 0
        for row in rows[start:] + rows[:start]:
            if not self._explained(row.data(0, KEY_ROLE)):
                return row
        return None

    def _explained(self, key: str) -> bool:
        given = self.explanations.get(key)
        reason = self.reasons.get(given.reason) if given else None
        return reason is not None and (given.note or not reason.needs_note)

    def missing(self) -> int:
        """Open items still without a reason (or without the note their reason wants)."""
        if self.view is None or self.view.closed is not None:
            return 0
        return sum(not self._explained(item.key) for item in self.view.items)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.ui.items_tree and event.type() == QEvent.Type.KeyPress
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier)
                and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9):
            self.pick_reason(event.key() - Qt.Key.Key_0)
            return True
        return super().eventFilter(watched, event)

    # --- closing and printing ---------------------------------------------------------

    def _update_buttons(self) -> None:
        view, busy = self.view, self.busy
        open_day = view is not None and view.closed is None
        self.ui.close_day_button.setVisible(view is None or open_day)
        self.ui.close_day_button.setEnabled(open_day and not busy and not self.missing())
        self.ui.print_button.setEnabled(view is not None and view.closed is not None
                                        and not busy)
        if open_day and view.items:
            missing = self.missing()
            self.ui.close_day_button.setToolTip(
                self.tr("{count} items still need a reason (or its note).").format(
                    count=missing) if missing else self.tr("Close the day"))
        if open_day and not busy:
            self._show_status()

    def _show_status(self) -> None:
        """Why Close is (not yet) enabled: how many items still want a reason."""
        view, missing = self.view, self.missing()
        day = view.day.isoformat()
        if not view.items:
            text = self.tr("No open items on {day}: the day can be closed.").format(day=day)
        elif missing:
            text = self.tr("{count} open items on {day}; {missing} still without a reason "
                           "(or its note).").format(count=len(view.items), day=day,
                                                    missing=missing)
        else:
            text = self.tr("{count} open items on {day}.").format(count=len(view.items),
                                                                  day=day)
        self.ui.status_label.setText(text)

    def close_day(self) -> None:
        if self.busy or self.missing() or self.view is None or self.view.closed is not None:
            return
        day = self.view.day
        if not dialogs.confirm(self, self.tr(
                "Close {day}? Its records will no longer change and no new applications can "
                "be taken on that day; only an administrator can reopen the day.").format(
                day=day.isoformat())):
            return
        self.ui.error_label.clear()
        self._set_busy(True, self.tr("Closing the day and making its report…"))
        self.runner.run(close_and_load, self.ctx, self.operator, day,
                        dict(self.explanations), on_done=self._closed,
                        on_error=self._failed)

    def _closed(self, view: DayView) -> None:
        self._loaded(view)
        self.sig_closed.emit(view.closed)

    def reject(self) -> None:
        """Esc, Close or the title bar: asked first (No by default) while reasons were
        given for a day not closed yet, which would be lost."""
        view = self.view
        if (view is not None and view.closed is None and self.explanations
                and not dialogs.confirm(self, self.tr(
                    "Close the window? The reasons given for {day} will be lost: the day is "
                    "not closed yet.").format(day=view.day.isoformat()))):
            return
        super().reject()

    def print_report(self) -> None:
        if self.busy or self.view is None or self.view.closed is None:
            return
        try:
            pages = print_with_dialog(self, self.ctx, self.view.closed.report_path)
        except Exception as error:  # noqa: BLE001 - PrintError says what is wrong
            dialogs.show_error(self, message_for(error))
            return
        if pages:
            self.ui.status_label.setText(self.tr("Printed."))
            self.sig_printed.emit(pages)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        if text:
            self.ui.status_label.setText(text)
        self.ui.show_button.setEnabled(not busy)
        self._update_buttons()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)  # an open day's status line says again what is missing
        if self.view is None or self.view.closed is not None:
            self.ui.status_label.clear()
        self.ui.error_label.setText(message_for(error))
        if getattr(error, "template", "") == day_close.MSG_CHANGED:
            self.load(keep_error=True)  # the new items to explain, the reasons kept


class ReopenDayDialog(QDialog):
    """An administrator reopens a closed day, with a reason, after a confirmation."""

    sig_reopened = Signal(object)   # the day

    def __init__(self, ctx, operator, runner: TaskRunner | None = None,
                 parent: QWidget | None = None, day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self.runner = runner or TaskRunner(self)
        self.ui = load_ui(self, "reopen_day.ui")
        self.busy = False
        fit_to_screen(self)
        day = day or dt.date.today()
        self.ui.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.ui.date_edit.setMaximumDate(QDate.currentDate())
        self.ui.error_label.setStyleSheet(ERROR_STYLE)
        self.ui.date_edit.dateChanged.connect(lambda _d: self._show_state())
        self.ui.reopen_button.clicked.connect(self.reopen)
        self.ui.cancel_button.clicked.connect(self.reject)
        self._show_state()

    @property
    def day(self) -> dt.date:
        return self.ui.date_edit.date().toPython()

    def _show_state(self) -> None:
        closed = day_close.closed_day(self.ctx, self.operator, self.day)
        self.ui.status_label.setText(
            self.tr("Closed at {at} by {name}.").format(at=local_text(closed.closed_at),
                                                        name=closed.closed_by)
            if closed else self.tr("This day is not closed."))
        self.ui.reopen_button.setEnabled(closed is not None and not self.busy)

    def reopen(self) -> None:
        reason = self.ui.reason_edit.toPlainText()
        if not reason.strip():  # asked before the confirmation
            self._failed(ValidationError("reason", day_close.MSG_REOPEN_REASON,
                                         limit=day_close.MAX_REOPEN_REASON))
            return
        if self.busy or not dialogs.confirm(self, self.tr(
                "Reopen {day}? Its records can be changed again until a supervisor closes "
                "it again.").format(day=self.day.isoformat())):
            return
        self.busy = True
        self.ui.reopen_button.setEnabled(False)
        self.ui.error_label.clear()
        self.runner.run(day_close.reopen_day, self.ctx, self.operator, self.day, reason,
                        on_done=lambda _none: self._reopened(), on_error=self._failed)

    def _reopened(self) -> None:
        self.busy = False
        self.sig_reopened.emit(self.day)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.ui.error_label.setText(message_for(error))
        self._show_state()
        self.ui.reason_edit.setFocus()


def open_close_day(parent: QWidget | None, ctx, operator,
                   runner: TaskRunner | None = None) -> CloseDayDialog | None:
    """Open the close of today for a supervisor (OVERRIDE); None for anyone else."""
    if not operator.can(Permission.OVERRIDE):
        return None
    dialog = CloseDayDialog(ctx, operator, runner, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_reopen_day(parent: QWidget | None, ctx, operator,
                    runner: TaskRunner | None = None) -> ReopenDayDialog | None:
    """Open the reopen of a day for an administrator (MANAGE_OPERATORS); None otherwise."""
    if not operator.can(Permission.MANAGE_OPERATORS):
        return None
    dialog = ReopenDayDialog(ctx, operator, runner, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class DayCloseActions:
    """Reports ▸ Close the day… (supervisors) and Reopen a closed day… (administrators)."""

    def __init__(self, window) -> None:
        self.window = window
        ui = window.ui
        ui.action_close_day.triggered.connect(self.close_day)
        ui.action_close_day.setEnabled(window.operator.can(Permission.OVERRIDE))
        ui.action_reopen_day.triggered.connect(self.reopen_day)
        ui.action_reopen_day.setEnabled(window.operator.can(Permission.MANAGE_OPERATORS))

    def close_day(self) -> None:
        window = self.window
        dialog = open_close_day(window, window.ctx, window.operator, window.runner)
        if dialog is not None:
            dialog.sig_closed.connect(lambda _closed: window.refresh())

    def reopen_day(self) -> None:
        window = self.window
        dialog = open_reopen_day(window, window.ctx, window.operator, window.runner)
        if dialog is not None:
            dialog.sig_reopened.connect(lambda _day: window.refresh())
