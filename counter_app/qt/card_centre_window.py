"""The card centre's console: what arrives from the handling points, production batches,
the card factory's results, sending cards to the handling points, notices, and the 30-day
promise. It works on the central database through this computer's enrolment
(services/card_centre.py); every read and every step runs on the task runner, so the
window never waits on the network.

Operators whose roles include the card centre get this window instead of the counter's
main window after login (counter_app/qt/app.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QMainWindow, QSizePolicy,
                               QTableWidget, QTableWidgetItem, QWidget)

from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.qt.status_names import status_name
from counter_app.qt.style import window_header
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.services import card_centre
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext

KEY_ROLE = Qt.ItemDataRole.UserRole          # (site id, application or notice id)
SITE_ROLE = Qt.ItemDataRole.UserRole + 1
AUTO_SEND_MS = 60_000
ERROR_COLOUR = "#c0392b"
LATE_COLOUR = QColor("#c0392b")
NOTE_COLOUR = "#5d6670"


@dataclass(frozen=True)
class Snapshot:
    """Everything the console shows, read in one background task."""
    summary: list
    incoming: list
    produced: list
    notices: list
    promise: object


def _load(centre: card_centre.CardCentre, incoming_site: uuid.UUID | None, kind: str,
          promise_site: uuid.UUID | None) -> Snapshot:
    return Snapshot(centre.incoming_summary(), centre.incoming(incoming_site),
                    centre.produced(), centre.notices(),
                    centre.promise(kind, site_id=promise_site))


class CardCentreWindow(QMainWindow):
    sig_closed = Signal()
    sig_refreshed = Signal()     # a snapshot (or the failure to connect) was shown
    sig_step_done = Signal()     # a step (batch, import, mark, dispatch, send) finished

    def __init__(self, ctx: AppContext, operator: CurrentOperator,
                 parent: QWidget | None = None, *,
                 opener: Callable[[], card_centre.CardCentre] | None = None,
                 senders: Callable[[], dict] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self.ui = load_ui(self, "card_centre_window.ui")
        self.runner = TaskRunner(self)
        self.centre: card_centre.CardCentre | None = None
        self._opener = opener or (lambda: card_centre.for_operator(ctx, operator))
        self._senders = senders or (lambda: card_centre.default_senders(ctx.settings))
        self._incoming_site: uuid.UUID | None = None
        self._promise_site: uuid.UUID | None = None
        self._sending = False
        self._bands = card_centre.incoming.age_bands(ctx.rules.cards.promise_days)
        self._setup_header()
        self._setup_tables()
        self._setup_actions()
        self.auto_send_timer = QTimer(self)
        self.auto_send_timer.setInterval(AUTO_SEND_MS)
        self.auto_send_timer.timeout.connect(self._auto_send)
        self.connect_central()

    # --- set-up -----------------------------------------------------------------------

    def _setup_header(self) -> None:
        window_header(self.ui.title_label, self.ui.date_label)
        for label in (self.ui.date_label, self.ui.incoming_intro_label,
                      self.ui.results_intro_label, self.ui.dispatch_intro_label,
                      self.ui.notices_intro_label):
            label.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.ui.reconnect_button.hide()
        self.ui.import_button.setSizePolicy(QSizePolicy.Policy.Maximum,
                                            QSizePolicy.Policy.Fixed)
        self.ui.import_summary_label.setSizePolicy(QSizePolicy.Policy.Expanding,
                                                   QSizePolicy.Policy.Preferred)
        self.statusBar().showMessage(self.tr("Signed in as {name}").format(
            name=self.operator.display_name))

    def _setup_tables(self) -> None:
        sites = self.ui.incoming_sites_table
        headings = [self.tr("Handling point")]
        headings += [self.tr("{low}-{high} days").format(low=b.low, high=b.high - 1)
                     if b.high is not None else self.tr("{low}+ days").format(low=b.low)
                     for b in self._bands]
        headings += [self.tr("Failed"), self.tr("Total")]
        sites.setColumnCount(len(headings))
        sites.setHorizontalHeaderLabels(headings)
        for table in (sites, self.ui.incoming_table, self.ui.problems_table,
                      self.ui.produced_table, self.ui.notices_table,
                      self.ui.promise_sites_table, self.ui.promise_table):
            header = table.horizontalHeader()
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            table.verticalHeader().setDefaultSectionSize(28)
        sites.setColumnWidth(0, 220)
        for table, widths in ((self.ui.incoming_table, (190, 180, 130, 110, 145, 60)),
                              (self.ui.problems_table, (60,)),
                              (self.ui.produced_table, (190, 200, 110, 130, 130)),
                              (self.ui.notices_table, (190, 180, 70, 90, 80, 145)),
                              (self.ui.promise_table, (180, 150, 80, 110, 100, 100))):
            for column, width in enumerate(widths):
                table.setColumnWidth(column, width)
        promise_sites = self.ui.promise_sites_table
        promise_sites.horizontalHeader().setStretchLastSection(False)
        promise_sites.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        promise_sites.setColumnWidth(1, 60)
        promise_sites.setMaximumWidth(300)
        self.ui.incoming_splitter.setSizes([180, 400])

    def _setup_actions(self) -> None:
        ui = self.ui
        self.addAction(ui.action_refresh)
        ui.action_refresh.triggered.connect(self.refresh)
        ui.action_quit.triggered.connect(self.close)
        ui.refresh_button.clicked.connect(self.refresh)
        ui.reconnect_button.clicked.connect(self.connect_central)
        ui.incoming_sites_table.itemSelectionChanged.connect(self._incoming_site_chosen)
        ui.incoming_select_all_button.clicked.connect(ui.incoming_table.selectAll)
        ui.incoming_all_button.clicked.connect(ui.incoming_sites_table.clearSelection)
        ui.make_batch_button.clicked.connect(self.make_batch)
        ui.import_button.clicked.connect(self.import_results)
        ui.mark_produced_button.clicked.connect(self.mark_produced)
        ui.mark_failed_button.clicked.connect(self.mark_failed)
        ui.dispatch_select_all_button.clicked.connect(ui.produced_table.selectAll)
        ui.dispatch_button.clicked.connect(self.dispatch)
        ui.send_notices_button.clicked.connect(self.send_notices)
        ui.retry_button.clicked.connect(self.retry_notices)
        ui.auto_send_check.toggled.connect(self._auto_send_toggled)
        ui.overdue_radio.toggled.connect(lambda _on: self.refresh())
        ui.promise_sites_table.itemSelectionChanged.connect(self._promise_site_chosen)
        ui.promise_all_button.clicked.connect(self._promise_all_sites)
        for table, button in ((ui.incoming_table, ui.make_batch_button),
                              (ui.produced_table, ui.dispatch_button),
                              (ui.notices_table, ui.retry_button)):
            table.itemSelectionChanged.connect(self._update_buttons)

    # --- the connection -----------------------------------------------------------------

    def connect_central(self) -> None:
        self.ui.reconnect_button.hide()
        self.ui.connection_label.setStyleSheet("")
        self.ui.connection_label.setText(self.tr("Connecting to the central database…"))
        self.ui.tabs.setEnabled(False)
        self.ui.refresh_button.setEnabled(False)
        self.runner.run(self._opener, on_done=self._connected, on_error=self._not_connected)

    def _connected(self, centre: card_centre.CardCentre) -> None:
        if self.centre is not None:
            self.centre.close()
        self.centre = centre
        if centre.embedded:
            text = self.tr("This computer is not enrolled: the card centre works on its own "
                           "embedded central database (a single office, or a demo). Enrol it "
                           "as a device of the card centre's site to work on the city's "
                           "central database.")
            self.ui.connection_label.setStyleSheet(f"color: {NOTE_COLOUR};")
        else:
            text = self.tr("Central database: every handling point of the city.")
        self.ui.connection_label.setText(text)
        self.ui.tabs.setEnabled(True)
        self.ui.refresh_button.setEnabled(True)
        self._auto_send_toggled(self.ui.auto_send_check.isChecked())
        self.refresh()

    def _not_connected(self, error: Exception) -> None:
        self.ui.connection_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.ui.connection_label.setText(message_for(error))
        self.ui.reconnect_button.show()
        self.ui.reconnect_button.setFocus()
        self.sig_refreshed.emit()

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.centre is None:
            return
        kind = (card_centre.Kind.OVERDUE if self.ui.overdue_radio.isChecked()
                else card_centre.Kind.DUE_SOON)
        self.runner.run(_load, self.centre, self._incoming_site, kind, self._promise_site,
                        on_done=self._show, on_error=self._failed)

    def _show(self, snapshot: Snapshot) -> None:
        self._show_incoming(snapshot.summary, snapshot.incoming)
        self._show_produced(snapshot.produced)
        self._show_notices(snapshot.notices)
        self._show_promise(snapshot.promise)
        self._update_buttons()
        self.statusBar().showMessage(self.tr("Read at {time}").format(
            time=dt.datetime.now().strftime("%H:%M:%S")))
        self.sig_refreshed.emit()

    def _failed(self, error: Exception) -> None:
        self.statusBar().showMessage(message_for(error))
        dialogs.show_error(self, message_for(error))
        self.sig_refreshed.emit()

    def _show_incoming(self, summary: list, waiting: list) -> None:
        table = self.ui.incoming_sites_table
        selected = self._incoming_site
        table.blockSignals(True)
        table.setRowCount(len(summary))
        for row, site in enumerate(summary):
            cells = [_site_label(site.site), *(str(n) for n in site.by_age),
                     str(site.failed), str(site.total)]
            for column, text in enumerate(cells):
                item = _item(text, site.site.id, align_right=column > 0)
                item.setData(SITE_ROLE, site.site.id)
                if column == len(self._bands) and site.by_age[-1]:  # past the promise
                    item.setForeground(QBrush(LATE_COLOUR))
                table.setItem(row, column, item)
            if site.site.id == selected:
                table.selectRow(row)
        table.blockSignals(False)
        rows = [(a.key, [a.number, _site_label(a.site), self._business(a.business_type),
                         a.name, _local(a.received_at), str(a.age_days), status_name(a.status)],
                 a.age_days >= self.ctx.rules.cards.promise_days) for a in waiting]
        _fill(self.ui.incoming_table, rows, right_aligned={5})
        total = sum(s.total for s in summary)
        self.ui.incoming_count_label.setText(
            self.tr("{shown} shown of {total} waiting").format(shown=len(waiting), total=total))

    def _show_produced(self, cards: list) -> None:
        rows = [(c.key, [c.number, _site_label(c.site), c.name, c.card_number, c.bank,
                         c.issued_on.isoformat() if c.issued_on else ""], False)
                for c in cards]
        _fill(self.ui.produced_table, rows)
        self.ui.dispatch_count_label.setText(
            self.tr("{count} cards wait to be sent").format(count=len(cards)))

    def _show_notices(self, notices: list) -> None:
        rows = [(n.key, [n.number, f"{n.site_code} {n.site_name}", _channel_name(n.channel),
                         _notice_status(n.status), str(n.attempts),
                         "" if n.status == "failed" else _local(n.next_attempt_at),
                         n.last_error], n.status == "failed") for n in notices]
        _fill(self.ui.notices_table, rows, right_aligned={4})
        failed = sum(1 for n in notices if n.status == "failed")
        self.ui.notices_count_label.setText(
            self.tr("{waiting} waiting, {failed} given up").format(
                waiting=len(notices) - failed, failed=failed))

    def _show_promise(self, found) -> None:
        table = self.ui.promise_sites_table
        table.blockSignals(True)
        table.setRowCount(len(found.counts))
        for row, count in enumerate(found.counts):
            for column, text in enumerate((_site_label(count.site), str(count.count))):
                item = _item(text, count.site.id, align_right=column == 1)
                item.setData(SITE_ROLE, count.site.id)
                table.setItem(row, column, item)
            if count.site.id == self._promise_site:
                table.selectRow(row)
        table.blockSignals(False)
        overdue = found.kind == card_centre.Kind.OVERDUE
        rows = [(_key(r.site.id, r.id), [r.number, _site_label(r.site), r.name,
                                         status_name(r.status), _local(r.received_at)[:10],
                                         r.due_date.isoformat(), str(r.days)], overdue)
                for r in found.rows]
        _fill(self.ui.promise_table, rows, right_aligned={6})
        text = (self.tr("{total} overdue on {date}") if overdue
                else self.tr("{total} due within {days} days of {date}"))
        self.ui.promise_summary_label.setText(text.format(
            total=found.total, date=found.today.isoformat(),
            days=self.ctx.rules.cards.due_soon_days))

    # --- steps --------------------------------------------------------------------------

    def make_batch(self) -> None:
        keys = _selected_keys(self.ui.incoming_table)
        if keys:
            self._step(self.ui.make_batch_button, self.centre.make_batch, keys,
                       on_done=self._batch_made)

    def _batch_made(self, batch) -> None:
        message = self.tr("Production batch {name}: {count} applications are now in "
                          "production.").format(name=batch.name, count=batch.size)
        if batch.left_out:
            message += "\n" + self.tr("{count} chosen applications had been moved meanwhile "
                                      "and were left out.").format(count=len(batch.left_out))
        dialogs.show_info(self, message)
        path = dialogs.choose_result_template(self, f"{batch.name}.csv")
        if path is not None:
            from counter_app.cardcentre.production import result_template
            path.write_text(result_template(batch.numbers), encoding="utf-8")

    def import_results(self) -> None:
        path = dialogs.choose_result_file(self)
        if path is None:
            return
        self.ui.import_summary_label.setStyleSheet("")
        self.ui.import_summary_label.setText(self.tr("Checking {file}…").format(file=path.name))
        self._step(self.ui.import_button, self.centre.import_results, path,
                   on_done=self._imported, on_error=self._import_failed)

    def _imported(self, report) -> None:
        rows = [((problem.line, index), [str(problem.line), problem_text(problem)], True)
                for index, problem in enumerate(report.problems)]
        _fill(self.ui.problems_table, rows, right_aligned={0}, keyed=False)
        if report.applied:
            self.ui.import_summary_label.setStyleSheet("")
            self.ui.import_summary_label.setText(self.tr(
                "Applied: {lines} lines, {produced} cards produced, {failed} failed.").format(
                lines=report.lines, produced=report.produced, failed=report.failed))
        else:
            lines = len({p.line for p in report.problems})
            self.ui.import_summary_label.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.ui.import_summary_label.setText(self.tr(
                "Nothing was applied: {bad} of {lines} lines have problems. Correct the file "
                "and import it again.").format(bad=lines, lines=report.lines))

    def _import_failed(self, error: Exception) -> None:
        self.ui.problems_table.setRowCount(0)
        self.ui.import_summary_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.ui.import_summary_label.setText(message_for(error))

    def mark_produced(self) -> None:
        ui = self.ui
        self._step(ui.mark_produced_button, self.centre.mark_produced,
                   ui.mark_number_edit.text().strip(), ui.mark_card_edit.text().strip(),
                   ui.mark_bank_edit.text().strip(), on_done=self._marked)

    def mark_failed(self) -> None:
        ui = self.ui
        self._step(ui.mark_failed_button, self.centre.mark_failed,
                   ui.mark_number_edit.text().strip(), ui.mark_reason_edit.text().strip(),
                   on_done=self._marked)

    def _marked(self, _result) -> None:
        number = self.ui.mark_number_edit.text().strip()
        for edit in (self.ui.mark_number_edit, self.ui.mark_card_edit,
                     self.ui.mark_reason_edit):
            edit.clear()
        self.statusBar().showMessage(self.tr("{number} recorded.").format(number=number))
        self.ui.mark_number_edit.setFocus()

    def dispatch(self) -> None:
        keys = _selected_keys(self.ui.produced_table)
        if keys:
            self._step(self.ui.dispatch_button, self.centre.dispatch, keys,
                       on_done=self._dispatched)

    def _dispatched(self, result) -> None:
        self.statusBar().showMessage(self.tr(
            "{sent} cards sent to their handling points; {notices} notices queued.").format(
            sent=result.sent, notices=result.notices))
        if self.ui.auto_send_check.isChecked():
            QTimer.singleShot(0, self.send_notices)

    def send_notices(self) -> None:
        if self.centre is None or self._sending:
            return
        self._sending = True
        centre, senders = self.centre, self._senders
        self._step(self.ui.send_notices_button,
                   lambda: centre.send_notices(senders()), on_done=self._notices_sent,
                   on_error=self._notices_failed)

    def _notices_sent(self, report) -> None:
        self._sending = False
        self.statusBar().showMessage(self.tr(
            "Notices: {sent} sent, {failed} to be tried again, {gave_up} given up.").format(
            sent=report.sent, failed=report.failed, gave_up=report.gave_up))

    def _notices_failed(self, error: Exception) -> None:
        self._sending = False
        dialogs.show_error(self, message_for(error))

    def retry_notices(self) -> None:
        keys = _selected_keys(self.ui.notices_table)
        if keys:
            self._step(self.ui.retry_button, self.centre.retry_notices, keys,
                       on_done=lambda _n: self.send_notices())

    def _auto_send(self) -> None:
        if self.ui.auto_send_check.isChecked() and self.centre is not None:
            self.send_notices()

    def _auto_send_toggled(self, on: bool) -> None:
        if on and self.centre is not None:
            self.auto_send_timer.start()
        else:
            self.auto_send_timer.stop()

    def _step(self, button, fn, *args, on_done=None, on_error=None) -> None:
        """Run one step in the background with its button disabled, then read again."""
        button.setEnabled(False)

        def done(result) -> None:
            button.setEnabled(True)
            if on_done:
                on_done(result)
            self.sig_step_done.emit()
            self.refresh()

        def failed(error: Exception) -> None:
            button.setEnabled(True)
            if on_error:
                on_error(error)
            else:
                dialogs.show_error(self, message_for(error))
            self.sig_step_done.emit()
            self.refresh()

        self.runner.run(fn, *args, on_done=done, on_error=failed)

    # --- choices ------------------------------------------------------------------------

    def _incoming_site_chosen(self) -> None:
        self._incoming_site = _selected_site(self.ui.incoming_sites_table)
        self.refresh()

    def _promise_site_chosen(self) -> None:
        self._promise_site = _selected_site(self.ui.promise_sites_table)
        self.refresh()

    def _promise_all_sites(self) -> None:
        self.ui.promise_sites_table.clearSelection()

    def _update_buttons(self) -> None:
        ui = self.ui
        ui.make_batch_button.setEnabled(bool(_selected_keys(ui.incoming_table)))
        ui.dispatch_button.setEnabled(bool(_selected_keys(ui.produced_table)))
        ui.retry_button.setEnabled(bool(_selected_keys(ui.notices_table)))

    def _business(self, code: str) -> str:
        for business, label in self.ctx.rules.labels.items():
            if business.value == code:
                return label
        return code

    # --- closing ------------------------------------------------------------------------

    def shutdown(self) -> None:
        self.auto_send_timer.stop()
        self.runner.wait_for_done()
        if self.centre is not None:
            self.centre.close()
            self.centre = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        super().closeEvent(event)
        self.sig_closed.emit()


# --- helpers -------------------------------------------------------------------------------

def problem_text(problem) -> str:
    """A line's problem as staff read it (translated; a status in words)."""
    params = dict(problem.params)
    if "status" in params:
        params["status"] = status_name(params["status"])
    return QCoreApplication.translate("messages", problem.template).format(**params)


def _key(site_id, item_id):
    return (site_id, item_id)


def _item(text: str, key=None, *, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if key is not None:
        item.setData(KEY_ROLE, key)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _fill(table: QTableWidget, rows: list, *, right_aligned: set[int] = frozenset(),
          keyed: bool = True) -> None:
    """Rows of (key, cells, late); the selection is kept by key across a refresh."""
    chosen = set(_selected_keys(table)) if keyed else set()
    table.blockSignals(True)
    table.clearSelection()
    table.setRowCount(len(rows))
    mode = table.selectionMode()
    table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    for row, (key, cells, late) in enumerate(rows):
        for column, text in enumerate(cells):
            item = _item(text, key, align_right=column in right_aligned)
            if late:
                item.setForeground(QBrush(LATE_COLOUR))
            if column == len(cells) - 1 or len(text) > 20:
                item.setToolTip(text)
            table.setItem(row, column, item)
        if key in chosen:
            table.selectRow(row)
    table.setSelectionMode(mode)
    table.blockSignals(False)


def _selected_keys(table: QTableWidget) -> list:
    rows = sorted({index.row() for index in table.selectionModel().selectedRows()})
    items = [table.item(row, 0) for row in rows]
    return [item.data(KEY_ROLE) for item in items if item is not None]


def _selected_site(table: QTableWidget) -> uuid.UUID | None:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(SITE_ROLE) if item is not None else None


def _site_label(site) -> str:
    return f"{site.code} {site.name}" if site.name and site.name != site.code else site.code


def _local(utc_naive: dt.datetime | None) -> str:
    if utc_naive is None:
        return ""
    return utc_naive.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _channel_name(channel: str) -> str:
    names = {"sms": QCoreApplication.translate("CardCentreWindow", "SMS"),
             "letter": QCoreApplication.translate("CardCentreWindow", "Letter")}
    return names.get(channel, channel)


def _notice_status(status: str) -> str:
    names = {"pending": QCoreApplication.translate("CardCentreWindow", "Waiting"),
             "failed": QCoreApplication.translate("CardCentreWindow", "Given up"),
             "sent": QCoreApplication.translate("CardCentreWindow", "Sent")}
    return names.get(status, status)
