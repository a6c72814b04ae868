"""The main window's open items (issue 17): the counts under the header, muted at zero,
each opening its list by a click or Ctrl+1 … Ctrl+6; a row opens the application where it
can be worked on; the selected row's reason shows whole under the list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import update

from counter_app.domain.lifecycle import Status
from counter_app.qt import wizard as wizard_module
from counter_app.qt.open_items import MUTED
from counter_app.qt.work_list import WorkListDialog
from counter_app.security.roles import Role
from counter_app.services import review
from counter_app.services.worklists import WorkKind
from counter_app.store.models import Application, utcnow
from tests.helpers import add_operator, application_at
from tests.qt.test_review_queue import main_window
from tests.review_helpers import require_review
from tests.unit.services.test_worklists import _refuse


def test_the_counts_show_and_zero_is_muted(qtbot, chinese, ctx, admin, tmp_path):
    application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    ui = window.ui
    assert ui.unsigned_button.text().endswith("1")
    assert ui.unsigned_button.styleSheet() != MUTED
    assert ui.unsent_button.styleSheet() == MUTED and ui.unsent_button.text().endswith("0")
    assert not ui.review_button.isVisible()  # the default rules want no review
    assert ui.unsigned_button.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_a_count_opens_its_list_and_enter_opens_the_wizard(qtbot, ctx, admin, tmp_path):
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    window.ui.action_work_unsigned.trigger()  # Ctrl+4
    dialog = window.open_items.list_dialog
    assert isinstance(dialog, WorkListDialog) and dialog.ui.items_table.rowCount() == 1
    table = dialog.ui.items_table
    assert "*" in table.item(0, 1).text()  # the ID number masked
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.wizard is not None and window.wizard.application_id == app_id
    assert window.wizard.currentId() == wizard_module.PRINT
    window.wizard.reject()


def test_the_counts_follow_a_change(qtbot, ctx, admin, tmp_path):
    window = main_window(qtbot, ctx, admin)
    assert window.open_items.counts[WorkKind.OLD_DRAFTS] == 0
    app_id = application_at(ctx, admin, Status.DRAFT, tmp_path)
    with ctx.sessions.begin() as session:
        session.execute(update(Application).where(Application.id == app_id)
                        .values(created_at=utcnow() - dt.timedelta(days=3)))
    window.refresh()
    assert window.open_items.counts[WorkKind.OLD_DRAFTS] == 1
    assert window.ui.old_drafts_button.text().endswith("1")


def test_a_sent_application_opens_in_the_inquiry(qtbot, ctx, admin, tmp_path):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    window.open_items.open_list(WorkKind.UNSENT)
    dialog = window.open_items.list_dialog
    qtbot.keyClick(dialog.ui.items_table, Qt.Key.Key_Return)
    inquiry = window.inquiry.dialog
    assert inquiry is not None and inquiry.ui.number_edit.text().startswith("110105")
    window.runner.wait_for_done(10000)
    inquiry.reject()


def test_an_empty_list_says_so(qtbot, chinese, ctx, admin):
    dialog = WorkListDialog(ctx, WorkKind.REFUSED)
    qtbot.addWidget(dialog)
    assert dialog.ui.items_table.rowCount() == 0 and not dialog.ui.open_button.isEnabled()


def test_the_whole_refusal_shows_under_the_list(qtbot, ctx, admin, tmp_path):
    sent = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    reason = ("照片背景颜色不符合要求，且照片文件的分辨率低于制卡标准，请重新采集照片后"
              "再次提交；如申请人无法到场，请联系上级经办机构处理")
    _refuse(ctx, sent, reason)
    dialog = WorkListDialog(ctx, WorkKind.REFUSED)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.items_table.rowCount() == 1
    label = dialog.ui.detail_label
    assert label.isVisible() and label.wordWrap()
    assert label.text() == f"Reason: {reason}"


def test_a_returned_application_is_counted_and_listed_with_its_reason_and_note(
        qtbot, ctx, admin, site_id, tmp_path):
    require_review(ctx)
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    boss = add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    application_at(ctx, clerk, Status.EXAMINED, tmp_path)  # waiting: not returned
    returned = application_at(ctx, clerk, Status.EXAMINED, tmp_path,
                              first17="11010520240315011")
    review.return_to_staff(ctx, boss, returned, "data_mismatch", "电话号码少一位")
    window = main_window(qtbot, ctx, clerk)
    counts = window.open_items.counts
    assert (counts[WorkKind.REVIEW], counts[WorkKind.RETURNED]) == (1, 1)
    button = window.ui.returned_button
    assert button.isVisible() and button.text() == "Returned  1"
    assert button.styleSheet() != MUTED
    window.ui.action_work_returned.trigger()  # Ctrl+6
    dialog = window.open_items.list_dialog
    assert dialog.windowTitle() == "Returned to staff"
    table = dialog.ui.items_table
    assert table.rowCount() == 1 and table.item(0, 4).text() == "登记信息与证件不一致"
    assert dialog.ui.detail_label.text() == "Reason: 登记信息与证件不一致\nNote: 电话号码少一位"
    qtbot.keyClick(table, Qt.Key.Key_Return)  # staff correct it in the wizard
    assert window.wizard is not None and window.wizard.application_id == returned
    assert window.wizard.currentId() == wizard_module.APPLICANT
    window.wizard.reject()


def test_an_empty_returned_list_shows_no_reason(qtbot, ctx, admin):
    dialog = WorkListDialog(ctx, WorkKind.RETURNED)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.items_table.rowCount() == 0 and not dialog.ui.detail_label.isVisible()
