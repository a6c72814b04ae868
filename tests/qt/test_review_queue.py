"""Four eyes at the window (issue 17): an examined application waits (the wizard says so
instead of going on), the supervisor returns it from the queue with a reason by one
number key, staff see the reason, correct it and examine it again, the supervisor
approves it with one key, and it goes on to be submitted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from counter_app.domain.lifecycle import Status
from counter_app.qt import wizard as wizard_module
from counter_app.qt.main_window import MainWindow
from counter_app.qt.review_queue import ReviewQueueDialog
from counter_app.qt.work_list import WorkListDialog
from counter_app.security.roles import Role
from counter_app.services import intake, review
from counter_app.services.worklists import WorkKind
from counter_app.store.models import Application
from tests.helpers import add_operator, application_at
from tests.review_helpers import go_on_to_submission, require_review
from tests.unit.services.test_review import _audits


@pytest.fixture
def staff(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})


@pytest.fixture
def supervisor(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})


def main_window(qtbot, ctx, operator) -> MainWindow:
    window = MainWindow(ctx, operator)
    qtbot.addWidget(window)
    window.show()
    return window


def click_next(qtbot, wizard) -> None:
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                  QWizard.WizardButton.FinishButton):
        button = wizard.button(which)
        if button.isVisible():
            assert button.isEnabled(), wizard.currentPage().errors.text()
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            return
    raise AssertionError("no Next button on this page")


def examine_in_the_wizard(qtbot, window, application_id) -> None:
    """Open the application, go through applicant, materials and examination: it waits."""
    window.open_wizard(application_id)
    wizard = window.wizard
    qtbot.waitUntil(lambda: wizard.currentId() in (wizard_module.APPLICANT,
                                                   wizard_module.MATERIALS))
    while wizard.currentId() != wizard_module.REVIEW_WAIT:
        page = wizard.currentId()
        click_next(qtbot, wizard)
        assert wizard.currentId() != page, wizard.currentPage().errors.text()
    assert "waits for a supervisor" in wizard.currentPage().ui.waiting_label.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    click_next(qtbot, wizard)  # Finish
    qtbot.waitUntil(lambda: window.wizard is None)


def test_examined_returned_fixed_approved_submitted(qtbot, ctx, staff, supervisor, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, staff, Status.DRAFT, tmp_path)
    intake.record_materials(ctx, staff, app_id, {
        m.code for m in ctx.rules.materials_for(intake.applicant_of(ctx, app_id)[0], True)})
    clerk = main_window(qtbot, ctx, staff)
    examine_in_the_wizard(qtbot, clerk, app_id)
    assert review.state_of(ctx, app_id).state == "waiting"

    # the supervisor's count, its list, and the queue from it
    boss = main_window(qtbot, ctx, supervisor)
    assert boss.open_items.counts[WorkKind.REVIEW] == 1
    assert boss.ui.review_button.isVisible() and boss.ui.review_button.text().endswith("1")
    qtbot.mouseClick(boss.ui.review_button, Qt.MouseButton.LeftButton)
    work_list = boss.open_items.list_dialog
    assert isinstance(work_list, WorkListDialog) and work_list.ui.items_table.rowCount() == 1
    qtbot.keyClick(work_list.ui.items_table, Qt.Key.Key_Return)
    queue = boss.open_items.queue_dialog
    assert isinstance(queue, ReviewQueueDialog) and queue.current().application_id == app_id
    cases = queue.ui.cases_list
    cases.setFocus()
    qtbot.keyClick(cases, Qt.Key.Key_2)  # the second reason
    assert queue.ui.reason_combo.currentData() == "data_mismatch"
    assert QApplication.focusWidget() is queue.ui.note_edit or not queue.isActiveWindow()
    queue.ui.note_edit.setText("phone number one digit short")
    qtbot.keyClick(queue.ui.note_edit, Qt.Key.Key_Return)
    assert queue.cases == [] and review.state_of(ctx, app_id).state == "returned"
    assert boss.open_items.counts[WorkKind.REVIEW] == 0
    assert boss.open_items.counts[WorkKind.RETURNED] == 1  # no longer waiting: returned
    assert boss.ui.returned_button.text().endswith("1")

    # staff see why, correct it and examine it again: it waits again
    clerk.open_wizard(app_id)
    wizard = clerk.wizard
    assert wizard.currentId() == wizard_module.APPLICANT
    assert "登记信息与证件不一致" in wizard.currentPage().subTitle()
    assert wizard.currentPage().subTitle().endswith("\nNote: phone number one digit short")
    wizard.reject()
    qtbot.waitUntil(lambda: clerk.wizard is None)
    examine_in_the_wizard(qtbot, clerk, app_id)
    assert review.state_of(ctx, app_id).rounds == 2
    assert clerk.open_items.counts[WorkKind.RETURNED] == 0  # waiting again

    # approved with one key press, and the next (none) is selected
    boss.refresh()
    boss.open_items.open_review_queue()
    queue = boss.open_items.queue_dialog
    assert queue.current().application_id == app_id and queue.current().last_return
    queue.ui.cases_list.setFocus()
    qtbot.keyClick(queue.ui.cases_list, Qt.Key.Key_A)
    assert review.state_of(ctx, app_id).state == "approved" and queue.cases == []
    assert "review_approved" in [action for action, _detail in _audits(ctx, app_id)]

    # staff go on: the wizard opens at the photo, and it is submitted
    clerk.open_wizard(app_id)
    assert clerk.wizard.currentId() == wizard_module.PHOTO
    clerk.wizard.reject()
    go_on_to_submission(ctx, staff, app_id, tmp_path)
    with ctx.sessions() as session:
        assert session.get(Application, app_id).status == "submitted"


def test_the_queue_refuses_an_own_examination_in_words(qtbot, ctx, supervisor, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, supervisor, Status.EXAMINED, tmp_path)
    queue = ReviewQueueDialog(ctx, supervisor)
    qtbot.addWidget(queue)
    queue.show()
    queue.ui.cases_list.setFocus()
    qtbot.keyClick(queue.ui.cases_list, Qt.Key.Key_A)
    assert "examined this application yourself" in queue.ui.error_label.text()
    assert review.state_of(ctx, app_id).state == "waiting" and len(queue.cases) == 1


def test_the_queue_shows_what_to_judge(qtbot, ctx, staff, supervisor, tmp_path):
    require_review(ctx)
    application_at(ctx, staff, Status.EXAMINED, tmp_path)
    application_at(ctx, staff, Status.EXAMINED, tmp_path, first17="11010520240315005")
    queue = ReviewQueueDialog(ctx, supervisor)
    qtbot.addWidget(queue)
    queue.show()
    ui = queue.ui
    assert ui.cases_list.count() == 2 and queue.ui.summary_label.text().startswith("2")
    assert "*" in ui.person_label.text() and ui.business_label.text()
    assert "clerk" in ui.examined_label.text()
    assert ui.materials_label.text().count("☑") == len(queue.current().materials)
    assert "No photo yet" in ui.photo_label.text()
    first = queue.current().application_id
    ui.cases_list.setFocus()
    qtbot.keyClick(ui.cases_list, Qt.Key.Key_A)
    assert queue.current() is not None and queue.current().application_id != first


def test_the_review_count_shows_only_where_reviews_are_wanted(qtbot, ctx, staff):
    window = main_window(qtbot, ctx, staff)
    assert not window.ui.review_button.isVisible()
    assert not window.ui.action_review_queue.isVisible()
    require_review(ctx, sites=["SC001"])
    window.refresh()
    assert window.ui.review_button.isVisible()
    assert not window.ui.action_review_queue.isEnabled()  # staff do not review
