"""The self-check in the window: a strip in the status bar ("Self-check: 2 need attention"),
and a dialog listing every item with its state and reason (Application ▸ Self-check…,
F12, or a click on the strip), where a supervisor can allow new applications for today
while a red item stops them.

The checks run on a task runner of their own (qt/tasks.py, one thread), never on the GUI
thread: the clock asks the central server, which may take its connect timeout to answer,
and that must not hold up a form being rendered or a sync on the window's runner. They run
shortly after the window opens, every REFRESH_MS, and on "Check again". The printer probe
(QPrinterInfo) is this layer's and is handed to the service, which runs it on the worker
too, as printing itself does.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QHeaderView, QStyle, QTableWidgetItem, QToolButton,
                               QWidget)

from counter_app.domain.clock import local_text
from counter_app.qt.i18n import message_for, translate
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.security.roles import Permission
from counter_app.selfcheck import CHECK_NAMES, Item, Report, State
from counter_app.selfcheck.devices import PrinterProbe
from counter_app.services import selfcheck

log = logging.getLogger(__name__)

START_DELAY_MS = 1000          # the first check, once the window is up
REFRESH_MS = 5 * 60 * 1000     # then every five minutes
STOP_WAIT_MS = 6000           # a clock question gives up after 5 s
COLOURS = {State.OK: "#2e7d32", State.WARNING: "#b35900", State.BLOCKING: "#c0392b"}
ICONS = {State.OK: QStyle.StandardPixmap.SP_DialogApplyButton,
         State.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
         State.BLOCKING: QStyle.StandardPixmap.SP_MessageBoxCritical}
CHECK, STATE, REASON = range(3)


def probe_printers() -> PrinterProbe | None:
    """The printers the system knows (any thread: printing itself runs on workers); None
    without a Qt application to ask through (the command line makes one)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPrintSupport import QPrinterInfo

    if QCoreApplication.instance() is None:
        return None
    return PrinterProbe(tuple(QPrinterInfo.availablePrinterNames()),
                        QPrinterInfo.defaultPrinterName())


def check_name(item: Item) -> str:
    return translate("messages", CHECK_NAMES[item.check])


def reason_text(item: Item) -> str:
    return translate("messages", item.template).format(**item.params)


class SelfCheckController(QObject):
    """Runs the checks in the background, never two at once; keeps the last report."""

    sig_report = Signal(object)    # a Report
    sig_running = Signal(bool)

    def __init__(self, ctx, parent: QObject | None = None, *, card_reader=None,
                 interval_ms: int = REFRESH_MS) -> None:
        super().__init__(parent)
        self.ctx, self.card_reader = ctx, card_reader
        self.runner = TaskRunner(self, max_threads=1)
        # The update manifest's version once sync knows it (counter_app/updates sets it).
        self.published_version: str | None = None
        self.running = False
        self.stopped = False  # closed: the first check's delayed start must not run
        self.report: Report | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        self.stopped = False
        QTimer.singleShot(delay_ms, self, self.refresh)
        self._timer.start()

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> None:
        """No more checks, and wait (at most *wait_ms*) for one under way: the window is
        about to go, and a thread pool destroyed with a check still starting would wait
        for it holding the interpreter's lock, which the check needs (a deadlock)."""
        self.stopped = True
        self._timer.stop()
        if self.runner.busy:
            self.runner.wait_for_done(wait_ms)

    def refresh(self) -> bool:
        """Run every check unless they are running (or stopped); True when started."""
        if self.running or self.stopped:
            return False
        self.running = True
        self.sig_running.emit(True)
        self.runner.run(_run_checks, self.ctx, probe_printers, self.card_reader,
                        self.published_version, on_done=self._done, on_error=self._failed)
        return True

    def reload(self) -> None:
        """Show the service's kept report again (a supervisor's allowance marks it)."""
        report = selfcheck.last_report(self.ctx)
        if report is not None:
            self._show(report)

    def _done(self, report: Report) -> None:
        self.running = False
        self.sig_running.emit(False)
        self._show(report)

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.sig_running.emit(False)
        log.error("the self-check failed", exc_info=error)

    def _show(self, report: Report) -> None:
        self.report = report
        self.sig_report.emit(report)


def _run_checks(ctx, printers, card_reader, published_version) -> Report:
    """On the task runner."""
    return selfcheck.run_checks(ctx, printers=printers, id_reader=card_reader,
                                published_version=published_version)


class SelfCheckStrip(QToolButton):
    """The status bar's word on the self-check; a click (or Enter) opens the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setToolTip(self.tr("Open the self-check: disk, clock, sync, devices, version "
                                "(F12)"))
        self.show_report(None)

    def show_report(self, report: Report | None) -> None:
        if report is None:
            self.setText(self.tr("Self-check…"))
            self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
            self.setStyleSheet("")
            return
        if report.stopping:
            state, text = State.BLOCKING, self.tr("Self-check: new applications stopped")
        elif report.attention:
            state = State.BLOCKING if report.blocking else State.WARNING
            text = self.tr("Self-check: {count} need attention").format(count=report.attention)
        else:
            state, text = State.OK, self.tr("Self-check: all fine")
        self.setText(text)
        self.setIcon(self.style().standardIcon(ICONS[state]))
        weight = "font-weight: bold;" if state is not State.OK else ""
        self.setStyleSheet(f"color: {COLOURS[state]}; {weight}" if state is not State.OK
                           else "")


class SelfCheckDialog(QDialog):
    sig_allowed = Signal(object)   # the supervisor (CurrentOperator) who allowed

    def __init__(self, ctx, operator, controller: SelfCheckController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator, self.controller = ctx, operator, controller
        self.ui = load_ui(self, "self_check.ui")
        table = self.ui.items_table
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(CHECK, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ui.allow_error.setStyleSheet(f"color: {COLOURS[State.BLOCKING]};")
        self.ui.allow_error.hide()
        signed_in_supervisor = operator.can(Permission.OVERRIDE)
        for widget in (self.ui.user_label, self.ui.user_edit, self.ui.password_label,
                       self.ui.password_edit):
            widget.setVisible(not signed_in_supervisor)  # they sign off as themselves
        self.ui.password_edit.returnPressed.connect(self.ui.reason_edit.setFocus)
        self.ui.user_edit.returnPressed.connect(self.ui.password_edit.setFocus)
        self.ui.reason_edit.returnPressed.connect(self.allow)
        self.ui.allow_button.clicked.connect(self.allow)
        self.ui.check_again_button.clicked.connect(self.check_again)
        self.ui.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.check_again)
        controller.sig_report.connect(self.show_report)
        controller.sig_running.connect(self._running)
        self.show_report(controller.report)
        self._running(controller.running)
        table.setFocus()

    def show_report(self, report: Report | None) -> None:
        table = self.ui.items_table
        items = report.items if report is not None else ()
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            reason = reason_text(item)
            if item.allowed_by:
                reason += "\n" + self.tr("A supervisor ({name}) allowed new applications for "
                                         "today.").format(name=item.allowed_by)
            cells = (check_name(item), self._state_word(item), reason)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == STATE:
                    cell.setIcon(self.style().standardIcon(ICONS[item.state]))
                    cell.setForeground(QBrush(QColor(COLOURS[item.state])))
                table.setItem(row, column, cell)
        if items and not table.selectedItems():
            table.selectRow(0)
        self.ui.summary_label.setText(self._summary(report))
        stopping = bool(report and report.stopping)
        self.ui.allow_group.setVisible(stopping)

    def _state_word(self, item: Item) -> str:
        if item.state is State.OK:
            return self.tr("OK")
        if item.state is State.WARNING:
            return self.tr("Needs attention")
        if item.allowed_by:
            return self.tr("Allowed for today")
        return self.tr("Stops new applications")

    def _summary(self, report: Report | None) -> str:
        if report is None:
            return self.tr("Checking…")
        checked = local_text(report.checked_at, "%H:%M:%S")
        if report.stopping:
            return self.tr("Checked at {time}: new applications are stopped.").format(
                time=checked)
        if report.attention:
            return self.tr("Checked at {time}: {count} need attention.").format(
                time=checked, count=report.attention)
        return self.tr("Checked at {time}: all fine.").format(time=checked)

    def check_again(self) -> None:
        self.controller.refresh()

    def allow(self) -> None:
        """A supervisor allows new applications for today (audited by the service)."""
        ui = self.ui
        if not ui.allow_group.isVisible():
            return
        try:
            if self.operator.can(Permission.OVERRIDE):
                selfcheck.allow_new_applications(self.ctx, self.operator, ui.reason_edit.text())
                supervisor = self.operator
            else:
                supervisor = selfcheck.allow_with_password(
                    self.ctx, self.operator, ui.user_edit.text().strip(),
                    ui.password_edit.text(), ui.reason_edit.text())
        except Exception as error:  # noqa: BLE001 - message_for logs the unexpected ones
            ui.password_edit.clear()
            ui.allow_error.setText(message_for(error))
            ui.allow_error.show()
            return
        for edit in (ui.user_edit, ui.password_edit, ui.reason_edit):
            edit.clear()
        ui.allow_error.hide()
        self.controller.reload()
        ui.items_table.setFocus()
        self.sig_allowed.emit(supervisor)

    def _running(self, running: bool) -> None:
        self.ui.check_again_button.setEnabled(not running)
        if running and self.controller.report is None:
            self.ui.summary_label.setText(self.tr("Checking…"))


class SelfCheckActions:
    """The main window's self-check: the strip, Application ▸ Self-check… (F12), and the
    checks on a timer."""

    def __init__(self, window) -> None:
        self.window = window
        self.dialog: SelfCheckDialog | None = None
        self.controller = SelfCheckController(window.ctx, window,
                                              card_reader=window.card_reader)
        self.strip = SelfCheckStrip(window)
        self.strip.clicked.connect(self.open)
        self.controller.sig_report.connect(self.strip.show_report)
        window.ui.status_bar.addPermanentWidget(self.strip)
        window.ui.action_self_check.triggered.connect(self.open)

    def start(self) -> None:
        self.controller.start()

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> None:
        self.controller.stop(wait_ms)

    def stopped(self):
        """Why a new application would be refused now (no server asked), or None."""
        return selfcheck.stopped(self.window.ctx)

    def open(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        window = self.window
        self.dialog = SelfCheckDialog(window.ctx, window.operator, self.controller, window)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        self.dialog.ui.items_table.setFocus()  # arrows read the items, Tab reaches buttons
        if self.controller.report is None and not self.controller.running:
            self.controller.refresh()

    def _closed(self, _result: int) -> None:
        self.dialog.deleteLater()
        self.dialog = None
