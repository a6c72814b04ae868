"""Sync in the window: the status bar (pending, last success, the error in words, an old
backlog), and operations the central database refused, listed in the problems dialog."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from sqlalchemy import delete, select, update

from counter_app.central import reasons as apply
from counter_app.domain.errors import reason
from counter_app.domain.lifecycle import Status
from counter_app.qt import main_window as main_window_module
from counter_app.qt.main_window import MainWindow
from counter_app.qt.sync_reasons import TEMPLATES, reason_text
from counter_app.security import audit
from counter_app.services import queue, syncing
from counter_app.services.context import open_context
from counter_app.store.models import AuditRecord, OutboxEntry, utcnow
from tests.helpers import application_at
from tests.sync_helpers import enrol_unreachable



def main_window(qtbot, ctx, operator) -> MainWindow:
    window = MainWindow(ctx, operator)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def sync_with_f9(qtbot, window: MainWindow) -> bool:
    with qtbot.waitSignal(window.sync.sig_finished, timeout=30000) as finished:
        qtbot.keyClick(window.ui.queue_view, Qt.Key.Key_F9)
    return finished.args[0]


def refused_on_sync(ctx, application_id) -> None:
    """Make the application's operation one for another site: the central side refuses it."""
    with ctx.sessions.begin() as session:
        entry = session.scalars(select(OutboxEntry).where(
            OutboxEntry.entity_id == str(application_id),
            OutboxEntry.kind == "application_submitted")).one()
        entry.payload = {**entry.payload, "site_code": "SC999"}


def test_status_shows_what_waits_and_the_last_success(qtbot, chinese, ctx, admin, tmp_path,
                                                     central):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    assert "待上传：1 笔" in window.sync_label.text()
    assert "上次同步" not in window.sync_label.text()
    views = []
    window.sync.sig_view.connect(views.append)

    assert sync_with_f9(qtbot, window)

    assert views[0].running and views[0].text.startswith("正在上传至中心数据库…")
    status = window.sync_label.text()
    assert "待上传：0 笔" in status
    assert re.search(r"上次同步：\d\d:\d\d", status)
    assert "同步失败" not in status
    assert window.sync_icon.isHidden() and window.sync_problems_button.isHidden()

    application_at(ctx, admin, Status.SUBMITTED, tmp_path, first17="11010520240315005")
    window.refresh()  # as after the wizard submitted one
    assert "待上传：1 笔" in window.sync_label.text()


def test_failed_sync_is_shown_in_words_and_still_after_a_restart(qtbot, chinese, settings,
                                                                 admin, tmp_path):
    ctx = open_context(settings)
    enrol_unreachable(ctx)
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    window = main_window(qtbot, ctx, admin)

    assert not sync_with_f9(qtbot, window)

    status = window.sync_label.text()
    assert "同步失败：无法连接中心数据库，申请已暂存在本机" in status
    assert "Traceback" not in status and "Error" not in status  # words, not a class name
    assert window.sync_icon.isVisible()
    assert main_window_module.ERROR_COLOUR in window.sync_label.styleSheet()
    window.close()

    restarted = main_window(qtbot, open_context(settings), admin)
    assert "同步失败：无法连接中心数据库" in restarted.sync_label.text()
    assert "待上传：1 笔" in restarted.sync_label.text()


def test_an_old_backlog_is_a_visible_warning_and_the_counter_keeps_working(
        qtbot, chinese, ctx, admin, tmp_path):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    with ctx.sessions.begin() as session:
        session.execute(update(OutboxEntry).values(
            created_at=utcnow() - syncing.OLD_BACKLOG - dt.timedelta(hours=1)))
    window = main_window(qtbot, ctx, admin)

    status = window.sync_label.text()
    assert "待上传：1 笔" in status
    assert re.search(r"自 \d{4}-\d\d-\d\d \d\d:\d\d 起未能上传，请检查网络",
                     status)
    assert window.sync_icon.isVisible()
    assert main_window_module.WARNING_COLOUR in window.sync_label.styleSheet()
    assert window.ui.action_new.isEnabled()  # offline without limit: intake goes on


def test_a_refused_operation_is_listed_with_its_reason_and_does_not_block_the_queue(
        qtbot, chinese, ctx, admin, tmp_path, central):
    refused = application_at(ctx, admin, Status.SUBMITTED, tmp_path, name="王䶮")
    application_at(ctx, admin, Status.SUBMITTED, tmp_path, name="李一诺",
                   first17="11010520240315005")
    refused_on_sync(ctx, refused)
    window = main_window(qtbot, ctx, admin)

    assert sync_with_f9(qtbot, window)

    assert "待上传：0 笔" in window.sync_label.text()  # the one behind it went through
    button = window.sync_problems_button
    assert button.isVisible() and button.text() == "中心数据库拒收 1 笔"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.sync_problems
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.windowTitle() == "同步问题"
    table = dialog.ui.problems_table
    assert table.rowCount() == 1
    assert [table.item(0, column).text() for column in range(4)] == [
        queue.application_detail(ctx, refused).number, "王䶮", "提交申请",
        "该操作属于网点 SC999，但本柜台属于网点 SC001"]
    assert dialog.focusWidget() is table and dialog.selected_seqs()

    qtbot.keyClick(table, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Mark as seen
    qtbot.waitUntil(lambda: table.rowCount() == 0)  # a mnemonic clicks animated

    assert dialog.focusWidget() is table
    assert dialog.ui.summary_label.text() == "没有待处理的被拒操作。"  # not "none refused"
    assert syncing.sync_status(ctx).rejected == 0
    assert button.isHidden()
    dialog.ui.show_seen_check.setChecked(True)  # only hidden from the count
    assert table.rowCount() == 1 and not dialog.ui.mark_seen_button.isEnabled()

    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert window.sync_problems is None
    window.activateWindow()  # the offscreen platform has no window manager to do it
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.ui.queue_view, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert window.sync_problems is not None and window.sync_problems.isVisible()
    window.sync_problems.reject()


def test_a_flagged_audit_log_is_said_in_the_status_bar(qtbot, chinese, ctx, admin, central):
    with ctx.sessions.begin() as session:  # three audit rows; the middle one then deleted
        for action in ("printed", "deleted later", "printed"):
            audit.record(session, action=action, entity="application", entity_id="x",
                         operator_id=admin.id, site_id=admin.site_id)
    with ctx.sessions.begin() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.action == "deleted later"))
    window = main_window(qtbot, ctx, admin)
    assert "审计日志异常" not in window.sync_label.text()

    assert sync_with_f9(qtbot, window)

    assert "中心数据库发现本柜台审计日志异常：请报告主管" in window.sync_label.text()
    assert main_window_module.ERROR_COLOUR in window.sync_label.styleSheet()
    assert not window.sync_icon.isHidden()


def test_every_reason_of_the_central_side_reads_in_chinese(chinese):
    assert reason_text(reason(apply.WRONG_SITE, site="SC999", own="SC001")) == (
        "该操作属于网点 SC999，但本柜台属于网点 SC001")
    assert reason_text(reason(apply.UNKNOWN_KIND, kind="blob")) == "无法识别的操作：照片或扫描件"
    assert reason_text(reason(apply.REFUSED, error="IntegrityError")) == (
        "中心数据库拒绝了该操作（IntegrityError）")
    for template in TEMPLATES:
        stored = reason(template, **{name: "X" for name in re.findall(r"\{(\w+)\}", template)})
        assert not reason_text(stored).isascii(), template  # translated, values kept
    assert reason_text("a reason from a newer central version") == (
        "a reason from a newer central version")


def test_reasons_stay_as_they_came_in_english(language):
    language("en")
    stored = reason(apply.WRONG_SITE, site="SC999", own="SC001")
    assert reason_text(stored) == "operation for site SC999, but this counter belongs to SC001"
