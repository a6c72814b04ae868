"""What the card centre console's tabs share.

Each tab is a widget of its own (qt/card_centre_<tab>.py, ui/card_centre_<tab>.ui) that
reads its data on the task runner and shows it through RowsModel. The window
(qt/card_centre_window.py) decides when a tab reads: on a timer only the visible tab,
after a step only the tabs the step changes (CHANGES), and a stale tab when it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.services import card_centre
from counter_app.services.context import AppContext

ERROR_COLOUR = "#c0392b"
LATE_BRUSH = QBrush(QColor("#c0392b"))
NOTE_COLOUR = "#5d6670"
LONG_TEXT = 20  # longer cells also show in full as a tool tip


class Page(StrEnum):
    """The console's tabs."""
    INCOMING = "incoming"
    RESULTS = "results"
    DISPATCH = "dispatch"
    NOTICES = "notices"
    PROMISE = "promise"
    AUDIT = "audit"
    STOCK = "stock"


class Step(StrEnum):
    """What staff do in the console."""
    MAKE_BATCH = "make_batch"
    FACTORY_RESULTS = "factory_results"  # the factory's file, or one card marked by hand
    DISPATCH = "dispatch"
    NOTICES = "notices"                  # send due notices, retry the chosen ones
    TOP_UP = "top_up"                    # blank cards and card numbers for a site


# The tabs whose lists a step changes, read again after it (and only those). Incoming lists
# submitted and production-failed applications; the promise lists every open application
# (until its card is at the handling point) with its status; dispatch the produced cards.
CHANGES: dict[Step, frozenset[Page]] = {
    Step.MAKE_BATCH: frozenset({Page.INCOMING, Page.PROMISE}),
    Step.FACTORY_RESULTS: frozenset({Page.INCOMING, Page.DISPATCH, Page.PROMISE}),
    Step.DISPATCH: frozenset({Page.DISPATCH, Page.NOTICES, Page.PROMISE}),
    Step.NOTICES: frozenset({Page.NOTICES}),  # at the handling point → notified: no other list
    Step.TOP_UP: frozenset({Page.STOCK}),
}


@dataclass(frozen=True)
class Row:
    key: object                  # what a step acts on: (site id, id), a site id...
    cells: tuple[str, ...]
    late: bool = False           # the whole row in red
    late_cells: frozenset[int] = frozenset()  # else only these cells
    tips: Mapping[int, str] = field(default_factory=dict)  # tool tips by column


class RowsModel(QAbstractTableModel):
    """Read-only rows of text, each with its key; late rows or cells in red."""

    def __init__(self, headings: list[str], *, right_aligned: Collection[int] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headings = headings
        self._right_aligned = frozenset(right_aligned)
        self._rows: list[Row] = []

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def key(self, row: int) -> object:
        return self._rows[row].key

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headings)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        text = row.cells[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in row.tips:
                return row.tips[column]
            return text if column == len(row.cells) - 1 or len(text) > LONG_TEXT else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return LATE_BRUSH if row.late or column in row.late_cells else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._right_aligned:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headings)):
            return self._headings[section]
        return None


class ConsoleTab(QWidget):
    """One tab of the console: what it reads (query), how it shows it (show_data), and its
    steps, each run in the background and followed by sig_step_done with the tabs it
    changed. One read at a time; a refresh asked for meanwhile reads again after it."""

    page: Page
    sig_shown = Signal()               # a read was shown
    sig_read_failed = Signal(object)   # a read failed (the error)
    sig_step_done = Signal(object)     # a step finished: the pages it changes
    sig_message = Signal(str)          # for the status bar

    def __init__(self, ctx: AppContext, runner: TaskRunner, form: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.ui = load_ui(self, form)
        self.centre: card_centre.CardCentre | None = None
        self.loading = False
        self.stale = True                  # not read since the data may have changed
        self.read_at: dt.datetime | None = None
        self._again = False

    def set_centre(self, centre: card_centre.CardCentre | None) -> None:
        self.centre, self.stale = centre, True

    def query(self) -> Callable[[card_centre.CardCentre], object] | None:
        """What to read, decided here on the GUI thread and called on a worker thread (so
        it must not touch widgets); None when the tab reads nothing."""
        return None

    def show_data(self, data: object) -> None:
        """Show what query() read."""

    def refresh(self) -> None:
        query = self.query()
        if self.centre is None or query is None:
            return
        if self.loading:
            self._again = True
            return
        self.loading, self.stale, self._again = True, False, False
        self.runner.run(query, self.centre, on_done=self._loaded, on_error=self._load_failed)

    def _loaded(self, data: object) -> None:
        self.loading = False
        if self._again:  # asked again meanwhile: what was read may predate a change
            self.refresh()
            return
        self.read_at = dt.datetime.now()
        self.show_data(data)
        self.sig_shown.emit()

    def _load_failed(self, error: Exception) -> None:
        self.loading, self.stale, self._again = False, True, False
        self.sig_read_failed.emit(error)

    def _step(self, step: Step, button, fn: Callable, *args,
              on_done: Callable | None = None, on_error: Callable | None = None) -> None:
        """Run one step in the background with its button disabled; then the tabs it
        changes are read again (done or failed: another operator may have moved things)."""
        button.setEnabled(False)

        def done(result) -> None:
            button.setEnabled(True)
            if on_done:
                on_done(result)
            self.sig_step_done.emit(CHANGES[step])

        def failed(error: Exception) -> None:
            button.setEnabled(True)
            if on_error:
                on_error(error)
            else:
                dialogs.show_error(self, message_for(error))
            self.sig_step_done.emit(CHANGES[step])

        self.runner.run(fn, *args, on_done=done, on_error=failed)


# --- tables -------------------------------------------------------------------------------

def set_up_view(view: QTableView, model: RowsModel, widths: Iterable[int] = ()) -> None:
    view.setModel(model)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.verticalHeader().setDefaultSectionSize(28)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)


def show_rows(view: QTableView, rows: Iterable[Row], *, keep: Collection | None = None) -> None:
    """Put *rows* in the view, with the rows chosen before (by key; or those of *keep*)
    chosen again, quietly: no selection signal, so choosing does not read again."""
    model, selection = view.model(), view.selectionModel()
    chosen = set(selected_keys(view)) if keep is None else set(keep)
    with QSignalBlocker(selection):
        model.set_rows(rows)
        wanted = QItemSelection()
        for row in range(model.rowCount()):
            if model.key(row) in chosen:
                wanted.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        selection.select(wanted, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.viewport().update()  # the view missed the (blocked) selection change


def selected_keys(view: QTableView) -> list:
    rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
    return [view.model().key(row) for row in rows]


def on_selection(view: QTableView, slot: Callable[[], None]) -> None:
    view.selectionModel().selectionChanged.connect(lambda _new, _old: slot())


# --- texts --------------------------------------------------------------------------------

def note(*labels: QLabel) -> None:
    """Explanations in a quieter colour."""
    for label in labels:
        label.setStyleSheet(f"color: {NOTE_COLOUR};")


def site_name(code: str, name: str) -> str:
    """A handling point as staff know it: by its name. Its code only when the central
    database knows no name for it (a site added without one is stored under its code)."""
    return name or code


def site_tip(code: str, name: str) -> str:
    """The name in full (a narrow column cuts it short) and the code, for whoever must
    quote it (the factory, a colleague at the handling point)."""
    line = QCoreApplication.translate("card_centre", "Handling point code: {code}").format(
        code=code)
    return f"{name}\n{line}" if name and name != code else line


