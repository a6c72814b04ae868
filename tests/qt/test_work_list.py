"""The main window's open items (issue 17): the counts under the header, muted at zero,
each opening its list by a click or Ctrl+1 … Ctrl+5; a row opens the application where it
can be worked on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import update

from counter_app.domain.lifecycle import Status
from counter_app.qt import wizard as wizard_module
from counter_app.qt.open_items import MUTED
from counter_app.qt.work_list import WorkListDialog
from counter_app.services.worklists import WorkKind
from counter_app.store.models import Application, utcnow
from tests.helpers import application_at
from tests.qt.test_review_queue import main_window


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
