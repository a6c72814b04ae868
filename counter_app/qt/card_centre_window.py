"""The card centre's console: what arrives from the handling points, production batches,
the card factory's results, sending cards to the handling points, notices, the 30-day
promise, instant issuance's stock of blank cards and card numbers per site, and the
counters whose audit log was flagged, one tab widget each
(qt/card_centre_<tab>.py). It works on the central database through this computer's
enrolment (services/card_centre.py); every read and every step runs on the task runner,
so the window never waits on the network.

A tab reads only when its data may have changed: the visible one every minute, the tabs a
step changes right after it (card_centre_tab.CHANGES), and a tab passed over by the timer
when it is shown again.

Operators whose roles include the card centre get this window instead of the counter's
main window after login (counter_app/qt/app.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from counter_app.qt import dialogs
from counter_app.qt.card_centre_audit import AuditTab
from counter_app.qt.card_centre_dispatch import DispatchTab
from counter_app.qt.card_centre_incoming import IncomingTab
from counter_app.qt.card_centre_notices import NoticesTab
from counter_app.qt.card_centre_promise import PromiseTab
from counter_app.qt.card_centre_results import ResultsTab
from counter_app.qt.card_centre_stock import StockTab
from counter_app.qt.card_centre_tab import ERROR_COLOUR, ConsoleTab, Page, note
from counter_app.qt.i18n import message_for
from counter_app.qt.style import window_header
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.services import card_centre
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext

REFRESH_MS = 60_000  # the visible tab is read again this often


class CardCentreWindow(QMainWindow):
    sig_closed = Signal()
    sig_refreshed = Signal()     # every read asked for was shown (or failed), or no connection
    sig_step_done = Signal()     # a step (batch, import, mark, dispatch, send) finished

    def __init__(self, ctx: AppContext, operator: CurrentOperator,
                 parent: QWidget | None = None, *,
                 opener: Callable[[], card_centre.CardCentre] | None = None,
                 senders: Callable[[], dict] | None = None,
                 idle_lock_ms: int | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self.ui = load_ui(self, "card_centre_window.ui")
        self.runner = TaskRunner(self)
        self.centre: card_centre.CardCentre | None = None
        self._opener = opener or (lambda: card_centre.for_operator(ctx, operator))
        senders = senders or (lambda: card_centre.default_senders(ctx.settings, ctx.files))
        self.incoming_tab = IncomingTab(ctx, self.runner)
        self.results_tab = ResultsTab(ctx, self.runner)
        self.dispatch_tab = DispatchTab(ctx, self.runner)
        self.notices_tab = NoticesTab(ctx, self.runner, senders)
        self.promise_tab = PromiseTab(ctx, self.runner)
        self.stock_tab = StockTab(ctx, self.runner)
        self.audit_tab = AuditTab(ctx, self.runner)
        self.tabs: dict[Page, ConsoleTab] = {tab.page: tab for tab in (
            self.incoming_tab, self.results_tab, self.dispatch_tab, self.notices_tab,
            self.promise_tab, self.stock_tab, self.audit_tab)}
        self._telling_error = False
        self._program_name = self._name_the_program_after_this_window()
        self._setup_header()
        self._setup_tabs()
        from counter_app.qt.operators_dialog import AccountActions
        self.account = AccountActions(self, idle_lock_ms)  # the Operator menu, the idle lock
        self.refresh_timer = QTimer(self, interval=REFRESH_MS, timeout=self._refresh_visible)
        self.connect_central()

    # --- set-up -----------------------------------------------------------------------

    def _name_the_program_after_this_window(self) -> str:
        """Qt puts the program's name after every window title on X11 and Windows
        ("社会保障卡管理中心 — 社保卡受理"), unless the title ends with it already. For card
        centre staff this window is the program, so while it is open the program bears its
        name: the title bar reads the window's own name alone, and a dialog's title says
        whose it is. Returns the name to give back on closing."""
        program_name = QApplication.applicationDisplayName()
        QApplication.setApplicationDisplayName(self.windowTitle())
        return program_name

    def _give_the_program_its_name_back(self) -> None:
        if QApplication.applicationDisplayName() == self.windowTitle():
            QApplication.setApplicationDisplayName(self._program_name)

    def _setup_header(self) -> None:
        window_header(self.ui.title_label, self.ui.date_label)
        note(self.ui.date_label)
        self.ui.reconnect_button.hide()
        self.read_at_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.read_at_label)
        self.statusBar().showMessage(self.tr("Signed in as {name}").format(
            name=self.operator.display_name))

    def _setup_tabs(self) -> None:
        ui = self.ui
        for tab in self.tabs.values():
            ui.tabs.addTab(tab, tab.windowTitle())
            tab.sig_shown.connect(self._tab_read)
            tab.sig_read_failed.connect(self._tab_read_failed)
            tab.sig_step_done.connect(self._step_done)
            tab.sig_message.connect(self.statusBar().showMessage)
        self.dispatch_tab.sig_dispatched.connect(self.notices_tab.send_if_automatic)
        self.audit_tab.sig_flagged.connect(self._show_flagged)
        ui.tabs.currentChanged.connect(self._tab_shown)
        self.addAction(ui.action_refresh)
        ui.action_refresh.triggered.connect(self.refresh)
        ui.action_quit.triggered.connect(self.close)
        ui.refresh_button.clicked.connect(self.refresh)
        ui.reconnect_button.clicked.connect(self.connect_central)

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
                           "built-in central database (a single office, or a demo). Enrol it "
                           "as a device of the card centre's site to work on the city's "
                           "central database.")
            note(self.ui.connection_label)
        else:
            text = self.tr("Central database: every handling point of the city.")
        self.ui.connection_label.setText(text)
        self.ui.tabs.setEnabled(True)
        self.ui.refresh_button.setEnabled(True)
        for tab in self.tabs.values():
            tab.set_centre(centre)
        self.refresh()
        self.refresh_timer.start()

    def _not_connected(self, error: Exception) -> None:
        self.ui.connection_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.ui.connection_label.setText(message_for(error))
        self.ui.reconnect_button.show()
        self.ui.reconnect_button.setFocus()
        self.sig_refreshed.emit()

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every tab again (F5, Refresh, a new connection)."""
        for tab in self.tabs.values():
            tab.refresh()

    def refresh_pages(self, pages) -> None:
        for page in pages:
            self.tabs[page].refresh()

    def _refresh_visible(self) -> None:
        """The timer: read the visible tab; the others are stale until shown."""
        visible = self.ui.tabs.currentWidget()
        for tab in self.tabs.values():
            if tab is visible:
                tab.refresh()
            else:
                tab.stale = True

    def _tab_shown(self, _index: int) -> None:
        tab = self.ui.tabs.currentWidget()
        if tab is not None and tab.stale:
            tab.refresh()
        self._show_read_at()

    def _tab_read(self) -> None:
        self._show_read_at()
        self._maybe_refreshed()

    def _tab_read_failed(self, error: Exception) -> None:
        text = message_for(error)
        self.statusBar().showMessage(text)
        if self.centre is None or not self.isVisible():  # closed meanwhile: nobody to tell
            return
        if not self._telling_error:  # one dialog, not one per tab that failed
            self._telling_error = True
            try:
                dialogs.show_error(self, text)
            finally:
                self._telling_error = False
        self._maybe_refreshed()

    def _maybe_refreshed(self) -> None:
        if not any(tab.loading for tab in self.tabs.values()):
            self.sig_refreshed.emit()

    def _show_read_at(self) -> None:
        read_at = self.ui.tabs.currentWidget().read_at
        self.read_at_label.setText("" if read_at is None else self.tr("Read at {time}").format(
            time=read_at.strftime("%H:%M:%S")))

    def _show_flagged(self, counters: int) -> None:
        """The count on the tab itself: seen whichever tab is open."""
        index = self.ui.tabs.indexOf(self.audit_tab)
        title = self.audit_tab.windowTitle()
        self.ui.tabs.setTabText(index, self.tr("{title} ({count})").format(
            title=title, count=counters) if counters else title)
        self.ui.tabs.tabBar().setTabTextColor(
            index, QColor(ERROR_COLOUR) if counters else self.palette().windowText().color())

    def _step_done(self, pages) -> None:
        self.sig_step_done.emit()
        self.refresh_pages(pages)

    # --- closing ------------------------------------------------------------------------

    def shutdown(self) -> None:
        self.refresh_timer.stop()
        self.account.stop()
        self.notices_tab.auto_send_timer.stop()
        self.runner.wait_for_done()
        if self.centre is not None:
            self.centre.close()
            self.centre = None
        self._give_the_program_its_name_back()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.account.stop()
        super().closeEvent(event)
        self._give_the_program_its_name_back()
        self.sig_closed.emit()
