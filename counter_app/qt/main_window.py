"""The main window: today's queue, the actions staff use all day, sync in the status bar."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent, QKeySequence, QPainter
from PySide6.QtWidgets import (QDialog, QHeaderView, QLabel, QMainWindow, QStyle, QToolButton,
                               QWidget)

from counter_app.config import save_setting
from counter_app.domain.errors import CounterError
from counter_app.domain.lifecycle import COUNTER_OWNED, Status
from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.qt.queue_model import QueueModel
from counter_app.qt.status_names import status_name
from counter_app.qt.style import window_header
from counter_app.qt.sync_control import SEPARATOR, SyncController, SyncView
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.security.roles import Permission
from counter_app.services import day_close, queue
from counter_app.services.auth import CurrentOperator
from counter_app.services.closed_days import MSG_DAY_CLOSED, DayClosed
from counter_app.services.context import AppContext
from counter_app.qt.style import ERROR_COLOUR  # the last sync failed

WARNING_COLOUR = "#b35900"  # the backlog is old (the counter still works offline)


class ElidedLabel(QLabel):
    """A one-line status label that gives way when the window is narrow: the text ends in
    "…" instead of widening the window. Its first part (up to "  ·  ") always shows whole;
    text() keeps it all."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        inset = self.width() - self.contentsRect().width()  # margins and style padding
        first = self.text().split(SEPARATOR)[0]
        return QSize(self.fontMetrics().horizontalAdvance(first + " …") + inset,
                     super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        rect = self.contentsRect()
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                                       rect.width()))


class MainWindow(QMainWindow):
    sig_closed = Signal()
    sig_refreshed = Signal()

    def __init__(self, ctx: AppContext, operator: CurrentOperator,
                 parent: QWidget | None = None, *, idle_lock_ms: int | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self.ui = load_ui(self, "main_window.ui")
        self._idle_lock_ms = idle_lock_ms  # the settings' idle minutes unless a test says
        self.runner = TaskRunner(self)
        self.model = QueueModel(self)
        self.sync = SyncController(ctx, self.runner, self)
        self.wizard = None
        self.sync_problems = None
        self.card_reader = self._open_card_reader()
        self._setup_header()
        self._setup_table()
        self._setup_actions()
        self._setup_status_bar()
        from counter_app.qt.self_check import SelfCheckActions
        self.self_check = SelfCheckActions(self)  # its strip after the sync status
        from counter_app.qt.update_notice import add_update_notice
        self.update_notice = add_update_notice(self)  # installed, rolled back, staged
        self.refresh()  # the queue and the sync status
        if operator.can(Permission.SYNC):
            self.sync.start_timer()
        self.self_check.start()  # in the background, shortly after, then every few minutes
        self.ui.queue_view.setFocus()

    # --- set-up -------------------------------------------------------------------

    def _setup_header(self) -> None:
        window_header(self.ui.title_label, self.ui.date_label)
        self.ui.date_label.setStyleSheet("color: #5d6670; padding-left: 10px;")
        self.ui.count_label.setStyleSheet("color: #5d6670;")
        self.ui.day_closed_label.setStyleSheet(
            f"color: {ERROR_COLOUR}; font-weight: bold; padding-left: 10px;")
        self.ui.day_closed_label.hide()
        self.day_closed = False

    def _setup_table(self) -> None:
        view = self.ui.queue_view
        view.setModel(self.model)
        header = view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(QueueModel.BUSINESS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((QueueModel.NUMBER, 200), (QueueModel.NAME, 150),
                              (QueueModel.STATUS, 130), (QueueModel.TIME, 80)):
            view.setColumnWidth(column, width)
        view.verticalHeader().setDefaultSectionSize(32)
        view.activated.connect(lambda _index: self.continue_selected())
        view.selectionModel().selectionChanged.connect(self._update_continue_action)

    def _setup_actions(self) -> None:
        ui, icon = self.ui, self.style().standardIcon
        ui.action_new.setIcon(icon(QStyle.StandardPixmap.SP_FileIcon))
        ui.action_continue.setIcon(icon(QStyle.StandardPixmap.SP_ArrowForward))
        ui.action_refresh.setIcon(icon(QStyle.StandardPixmap.SP_BrowserReload))
        ui.action_sync.setIcon(icon(QStyle.StandardPixmap.SP_DriveNetIcon))
        ui.action_sync_problems.setIcon(icon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        # Enter continues the selected row, but only while the queue has the focus.
        ui.action_continue.setShortcut(QKeySequence(Qt.Key.Key_Return))
        ui.action_continue.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ui.queue_view.addAction(ui.action_continue)
        ui.action_new.triggered.connect(lambda: self.open_wizard(None))
        ui.action_continue.triggered.connect(self.continue_selected)
        ui.action_batch.triggered.connect(self.open_batch_intake)
        ui.action_refresh.triggered.connect(self.refresh)
        ui.action_sync.triggered.connect(self.sync_now)
        ui.action_sync_problems.triggered.connect(self.open_sync_problems)
        ui.action_quit.triggered.connect(self.close)
        self._setup_language_actions()
        from counter_app.qt.document_actions import DocumentActions
        self.documents = DocumentActions(self)
        from counter_app.qt.instant_actions import InstantActions
        self.instant = InstantActions(self)  # cards made at the window, where the site does
        from counter_app.qt.receipt_station import ReceiptStation
        self.receipt_station = ReceiptStation(self)
        from counter_app.qt.card_actions import CardActions
        self.cards = CardActions(self)
        from counter_app.qt.inquiry import InquiryActions
        self.inquiry = InquiryActions(self)
        from counter_app.qt.day_report import ReportActions
        self.reports = ReportActions(self)
        from counter_app.qt.operators_dialog import AccountActions
        self.account = AccountActions(self, self._idle_lock_ms)  # and the idle lock
        from counter_app.qt.open_items import OpenItems
        self.open_items = OpenItems(self)  # the counts under the header, the review queue
        from counter_app.qt.close_day import DayCloseActions
        self.day_close = DayCloseActions(self)
        from counter_app.qt.carry_actions import CarryActions
        self.carry = CarryActions(self)  # the outbox carried by hand
        ui.action_new.setEnabled(self.operator.can(Permission.INTAKE))  # and show_day_state
        ui.action_batch.setEnabled(self.operator.can(Permission.INTAKE))
        self.open_items.timer.timeout.connect(self.show_day_state)  # closed elsewhere
        ui.action_sync.setEnabled(self.operator.can(Permission.SYNC))
        ui.action_sync_problems.setEnabled(self.operator.can(Permission.SYNC))
        self._update_continue_action()

    def _setup_language_actions(self) -> None:
        group = QActionGroup(self)
        for action, code in ((self.ui.action_chinese, "zh_CN"), (self.ui.action_english, "en")):
            group.addAction(action)
            action.setChecked(self.ctx.settings.language == code
                              or (code == "zh_CN" and self.ctx.settings.language != "en"))
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))

    def _setup_status_bar(self) -> None:
        op = self.operator
        self.operator_label = ElidedLabel(
            self.tr("Operator: {name} ({user})  ·  Site: {site} ({code})").format(
                name=op.display_name, user=op.username, site=op.site_name, code=op.site_code))
        self.sync_icon = QLabel()  # running, or a warning: not only words tell it
        self.sync_icon.hide()
        self.sync_label = ElidedLabel()  # long reasons end in "…"; the tooltip has it all
        self.sync_problems_button = QToolButton()  # "N refused …": opens the problems
        self.sync_problems_button.setAutoRaise(True)
        self.sync_problems_button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.sync_problems_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.sync_problems_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sync_problems_button.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.sync_problems_button.setToolTip(self.ui.action_sync_problems.toolTip())
        self.sync_problems_button.clicked.connect(self.open_sync_problems)
        self.sync_problems_button.hide()
        bar = self.ui.status_bar
        bar.addWidget(self.operator_label)
        bar.addPermanentWidget(self.sync_icon)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.sync_problems_button)
        self.sync.sig_status.connect(self.sync_label.setText)
        self.sync.sig_view.connect(self._show_sync_view)
        self.sync.sig_finished.connect(self._sync_finished)

    # --- actions ------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_row()
        rows = queue.todays_queue(self.ctx, self.operator)
        self.model.set_rows(rows)
        self._select(selected.id if selected else None)
        open_count = sum(1 for r in rows if r.status in COUNTER_OWNED)
        self.ui.count_label.setText(self.tr("{total} today  ·  {open} at the counter")
                                    .format(total=len(rows), open=open_count))
        self._update_continue_action()
        self.sync.refresh_status()  # a submitted application now waits to be sent
        self.open_items.refresh()
        self.show_day_state()
        self.sig_refreshed.emit()

    def show_day_state(self) -> None:
        """Today closed (by a supervisor, here or at another counter of the site): said in
        the header, and no new application (nor batch) is taken until it is reopened."""
        try:
            closed = day_close.is_day_closed(self.ctx, self.operator)
        except Exception as error:  # noqa: BLE001 - asked again at the next refresh
            self.statusBar().showMessage(message_for(error), 15000)
            return
        self.day_closed = closed
        self.ui.day_closed_label.setVisible(closed)
        may_take = self.operator.can(Permission.INTAKE) and not closed
        self.ui.action_new.setEnabled(may_take)
        self.ui.action_batch.setEnabled(may_take)

    def sync_now(self) -> None:
        if self.operator.can(Permission.SYNC):
            self.sync.sync_now()

    def open_sync_problems(self) -> None:
        if not self.operator.can(Permission.SYNC):
            return
        from counter_app.qt.sync_problems import SyncProblemsDialog  # loaded on first use

        if self.sync_problems is not None:
            self.sync_problems.raise_()
            self.sync_problems.activateWindow()
            return
        self.sync_problems = SyncProblemsDialog(self.ctx, self)
        self.sync_problems.sig_dismissed.connect(self.sync.refresh_status)
        self.sync_problems.finished.connect(self._sync_problems_closed)
        self.sync_problems.open()

    def open_wizard(self, application_id: uuid.UUID | None) -> None:
        if not self.operator.can(Permission.INTAKE):
            return
        from counter_app.qt.wizard import IntakeWizard  # loaded on first use

        if self.wizard is not None:
            self.wizard.raise_()
            return
        if application_id is None and (refusal := self.self_check.stopped()) is not None:
            # said before anything is typed (intake.save_applicant refuses it anyway)
            dialogs.show_error(self, message_for(refusal))
            self.self_check.open()
            return
        try:  # a closed day's application: said now, not after the typing at Next
            if application_id is None:
                if day_close.is_day_closed(self.ctx, self.operator):
                    raise DayClosed(MSG_DAY_CLOSED, day=dt.date.today().isoformat())
            else:
                day_close.ensure_open(self.ctx, application_id)
        except DayClosed as closed:
            dialogs.show_info(self, message_for(closed))
            return
        self.wizard = IntakeWizard(self.ctx, self.operator, self.runner, application_id, self,
                                   card_reader=self.card_reader)
        self.wizard.finished.connect(self._wizard_closed)
        self.wizard.sig_voucher_wanted.connect(self._voucher_wanted)
        self.wizard.open()

    def continue_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.status not in COUNTER_OWNED:
            dialogs.show_info(self, self.tr("This application is “{status}”: there is nothing "
                                            "more to do at the counter.")
                              .format(status=status_name(row.status)))
            return
        self.open_wizard(row.id)

    def choose_language(self, code: str) -> None:
        if code == self.ctx.settings.language:
            return
        try:
            save_setting(self.ctx.settings, "language", code)
        except CounterError as error:  # a settings file broken meanwhile: say which
            dialogs.show_error(self, message_for(error))
            return
        dialogs.show_info(self, self.tr("The new language takes effect the next time "
                                        "Counter is started."))

    def selected_row(self):
        rows = self.ui.queue_view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def open_batch_intake(self) -> None:
        from counter_app.qt.batch_intake import BatchIntakeDialog  # loaded on first use

        dialog = BatchIntakeDialog(self.ctx, self.operator, self.runner, self)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()
        self.batch_dialog = dialog

    def shutdown(self) -> None:
        self.sync.stop_timer()
        self.open_items.stop()
        self.self_check.stop(wait_ms=6000)  # a clock question gives up after 5 s
        self.account.stop()
        self.runner.wait_for_done(15000)
        if self.card_reader is not None:
            self.card_reader.close()

    def _open_card_reader(self):
        """The configured ID-card reader, or None: without one, staff type."""
        from counter_app.idcard.reader import ReaderError, open_reader
        try:
            return open_reader(self.ctx.settings.id_card_reader)
        except ReaderError as error:
            self.statusBar().showMessage(message_for(error), 15000)
            return None

    # --- helpers ------------------------------------------------------------------

    def _show_sync_view(self, view: SyncView) -> None:
        colour = (ERROR_COLOUR if view.failed or view.flagged
                  else WARNING_COLOUR if view.old_backlog else "")
        self.sync_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.sync_label.setToolTip(view.text)
        pixmap = (QStyle.StandardPixmap.SP_BrowserReload if view.running
                  else QStyle.StandardPixmap.SP_MessageBoxWarning if colour else None)
        if pixmap is None:
            self.sync_icon.hide()
        else:
            size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
            self.sync_icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
            self.sync_icon.show()
        self.sync_problems_button.setText(
            self.tr("{count} refused by the central database").format(count=view.rejected))
        self.sync_problems_button.setVisible(view.rejected > 0)

    def _sync_finished(self, _ok: bool) -> None:
        self.open_items.refresh()  # sent, refused
        if self.sync_problems is not None:
            self.sync_problems.reload()

    def _sync_problems_closed(self, _result: int) -> None:
        self.sync_problems.deleteLater()
        self.sync_problems = None

    def _voucher_wanted(self, application_id: uuid.UUID, printer) -> None:
        """A pick-up voucher, except where the card is made now (nothing to pick up)."""
        if not self.instant.here():
            self.documents.print_voucher(application_id, printer)

    def _wizard_closed(self, result: int) -> None:
        application_id, number = self.wizard.application_id, self.wizard.state.number
        # finished: submitted (not rejected, nor waiting for a supervisor's review)
        finished = (result == QDialog.DialogCode.Accepted and application_id is not None
                    and self.wizard.state.status is Status.SUBMITTED)
        self.wizard.deleteLater()
        self.wizard = None
        self.refresh()
        self._select(application_id)
        if finished and self.instant.here():
            self.instant.make_card(application_id, number)

    def _select(self, application_id: uuid.UUID | None) -> None:
        """That application's row; else, when none is, the first (Enter then opens it)."""
        row = self.model.row_of(application_id) if application_id else -1
        if row < 0 and self.model.rowCount() and not self.selected_row():
            row = 0
        if row >= 0:
            self.ui.queue_view.selectRow(row)

    def _update_continue_action(self) -> None:
        row = self.selected_row()
        self.ui.action_continue.setEnabled(
            self.operator.can(Permission.INTAKE) and row is not None
            and row.status in COUNTER_OWNED)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.sync.stop_timer()
        self.open_items.stop()
        self.self_check.stop()
        self.account.stop()
        super().closeEvent(event)
        self.sig_closed.emit()
