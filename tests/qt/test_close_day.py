"""Closing the day at the window: the day's open items grouped by kind, a reason for each
by number key or the combo, Close enabled only when all are explained, a confirmation
with No by default, then the closing report in the preview; afterwards an edit of the
day's application is refused. Reopening is an administrator's, with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.qt.close_day import (CloseDayDialog, ReopenDayDialog, open_close_day,
                                      open_reopen_day)
from counter_app.qt.tasks import TaskRunner
from counter_app.security.roles import Role
from counter_app.services import day_close, intake
from counter_app.services.closed_days import DayClosed
from tests.helpers import add_operator, application_at
from tests.qt.qt_helpers import pdf_printer, printed_pages, type_text
from tests.qt.test_review_queue import main_window

TODAY = dt.date.today()


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.wait_for_done(30000)


@pytest.fixture(autouse=True)
def yes_at_the_end(monkeypatch):
    """A dialog left with reasons given asks before it closes (Esc): at the end of a test
    the answer is Yes, not a message box waiting. Tests that look at the question patch
    dialogs.confirm themselves."""
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _text: True)


@pytest.fixture
def boss(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})


def _dialog(qtbot, ctx, operator, runner) -> CloseDayDialog:
    dialog = CloseDayDialog(ctx, operator, runner)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.view is not None and not dialog.busy, timeout=20000)
    return dialog


def test_the_day_closes_once_the_unsigned_form_is_explained_and_then_no_edit_goes_through(
        qtbot, ctx, admin, boss, runner, tmp_path, monkeypatch):
    unsigned = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    draft = application_at(ctx, admin, Status.EXAMINED, tmp_path, first17="11010520240315011")
    dialog = _dialog(qtbot, ctx, boss, runner)
    tree = dialog.ui.items_tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups == ["Printed but not signed (1)", "Not finished (1)"]
    assert not dialog.ui.close_day_button.isEnabled() and dialog.missing() == 2

    # the status line says why Close is not enabled yet
    status = dialog.ui.status_label
    assert f"2 open items on {TODAY.isoformat()}; 2 still without a reason" in status.text()
    # key 1: the first reason for the unsigned form, and on to the draft
    assert tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == str(unsigned)
    qtbot.keyClick(tree, Qt.Key.Key_1)
    assert tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == str(draft)
    assert not dialog.ui.close_day_button.isEnabled()
    assert "1 still without a reason" in status.text()
    assert tree.topLevelItem(0).child(0).text(3) == (
        "申请人另日回来补签或补材料 (may be continued later)")
    # "other" (the last reason offered) wants a note: the note field takes the focus
    other = dialog.offered.index("other") + 1
    qtbot.keyClick(tree, str(other))
    assert dialog.missing() == 1 and not dialog.ui.close_day_button.isEnabled()
    type_text(qtbot, dialog.ui.note_edit, "监护人证件待核实")
    assert dialog.missing() == 0 and dialog.ui.close_day_button.isEnabled()
    assert tree.topLevelItem(1).child(0).text(4) == "监护人证件待核实"
    assert status.text() == f"2 open items on {TODAY.isoformat()}."

    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: asked.append(text) or False)
    dialog.ui.close_day_button.click()  # No: nothing closes
    assert asked and day_close.closed_day(ctx, boss, TODAY) is None
    assert "no new applications can be taken" in asked[0]
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _text: True)
    with qtbot.waitSignal(dialog.sig_closed, timeout=30000) as closed:
        dialog.ui.close_day_button.click()
    assert {(e.application_id, e.reason) for e in closed.args[0].explained} == {
        (unsigned, "applicant_returns"), (draft, "other")}
    assert dialog.ui.pages.currentWidget() is dialog.ui.report_page
    assert dialog.document.pageCount() >= 1 and dialog.ui.print_button.isEnabled()
    assert "boss" in dialog.ui.status_label.text()

    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialogs, "setup_printer",
                        lambda printer, parent, title="": pdf_printer(printer, out) is printer)
    with qtbot.waitSignal(dialog.sig_printed, timeout=20000):
        dialog.ui.print_button.click()
    assert printed_pages(out) == dialog.document.pageCount()

    with pytest.raises(DayClosed):
        intake.withdraw(ctx, admin, draft)
    # the applicant who comes back to sign still may
    assert intake.mark_signed(ctx, admin, unsigned).status == Status.SIGNED


def test_a_groups_row_explains_all_of_its_items(qtbot, ctx, admin, boss, runner, tmp_path):
    for first17 in ("11010520240315003", "11010520240315011"):
        application_at(ctx, admin, Status.FORM_PRINTED, tmp_path, first17=first17)
    dialog = _dialog(qtbot, ctx, boss, runner)
    tree = dialog.ui.items_tree
    tree.setCurrentItem(tree.topLevelItem(0))
    combo = dialog.ui.reason_combo
    assert combo.findData("network_down") == -1  # no reason for a printed form
    combo.setCurrentIndex(combo.findData("applicant_gave_up"))
    combo.activated.emit(combo.currentIndex())
    assert dialog.missing() == 0 and dialog.ui.close_day_button.isEnabled()


def test_a_key_on_a_groups_row_shows_the_reason_given(qtbot, ctx, admin, boss, runner,
                                                      tmp_path):
    for first17 in ("11010520240315003", "11010520240315011"):
        application_at(ctx, admin, Status.FORM_PRINTED, tmp_path, first17=first17)
    dialog = _dialog(qtbot, ctx, boss, runner)
    tree = dialog.ui.items_tree
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_1)
    assert dialog.missing() == 0 and tree.currentItem() is tree.topLevelItem(0)
    assert dialog.ui.reason_combo.currentData() == "applicant_returns"
    assert dialog.ui.reason_combo.currentText().startswith("1 申请人另日回来")


def test_only_the_reasons_that_fit_the_item_are_offered_and_continuing_ones_marked(
        qtbot, ctx, admin, boss, runner, tmp_path):
    application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    application_at(ctx, admin, Status.SUBMITTED, tmp_path, first17="11010520240315011")
    dialog = _dialog(qtbot, ctx, boss, runner)
    tree, combo = dialog.ui.items_tree, dialog.ui.reason_combo
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups == ["Not sent yet (1)", "Printed but not signed (1)"]
    offered = {}
    for group in (0, 1):
        tree.setCurrentItem(tree.topLevelItem(group).child(0))
        offered[group] = [combo.itemText(i) for i in range(1, combo.count())]
    assert offered[0] == ["1 网络中断，恢复后自动上传", "2 其他原因（见备注）"]
    assert "1 申请人另日回来补签或补材料 (may be continued later)" in offered[1]
    assert not any("网络中断" in text for text in offered[1])
    # the keys follow the list offered: 1 on the unsent one is "network down"
    tree.setCurrentItem(tree.topLevelItem(0).child(0))
    qtbot.keyClick(tree, Qt.Key.Key_1)
    sent = tree.topLevelItem(0).child(0).data(0, Qt.ItemDataRole.UserRole)
    assert dialog.explanations[sent].reason == "network_down"


def test_enter_in_the_note_goes_on_to_the_next_item(qtbot, ctx, admin, boss, runner,
                                                    tmp_path):
    first = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    second = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path,
                            first17="11010520240315011")
    dialog = _dialog(qtbot, ctx, boss, runner)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree, combo = dialog.ui.items_tree, dialog.ui.reason_combo
    assert tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == str(first)
    combo.setCurrentIndex(combo.findData("applicant_returns"))
    combo.activated.emit(combo.currentIndex())
    dialog.ui.note_edit.setFocus()
    type_text(qtbot, dialog.ui.note_edit, "下午来签字")
    qtbot.keyClick(dialog.ui.note_edit, Qt.Key.Key_Return)
    assert tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == str(second)
    assert dialog.explanations[str(first)].note == "下午来签字"
    assert QApplication.focusWidget() is tree or not dialog.isActiveWindow()


def test_esc_asks_before_the_reasons_given_are_lost(qtbot, ctx, admin, boss, runner,
                                                    tmp_path, monkeypatch):
    application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    dialog = _dialog(qtbot, ctx, boss, runner)
    dialog.show()
    tree = dialog.ui.items_tree
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: asked.append(text) or False)
    qtbot.keyClick(tree, Qt.Key.Key_1)
    qtbot.keyClick(tree, Qt.Key.Key_Escape)  # No: the window and its reasons stay
    assert asked and "will be lost" in asked[0]
    assert dialog.isVisible() and dialog.missing() == 0
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _text: True)
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_esc_closes_at_once_without_reasons_given(qtbot, ctx, admin, boss, runner, tmp_path,
                                                  monkeypatch):
    application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    dialog = _dialog(qtbot, ctx, boss, runner)
    dialog.show()
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _text: pytest.fail("asked"))
    qtbot.keyClick(dialog.ui.items_tree, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_main_window_shows_a_closed_today_and_takes_no_new_application(
        qtbot, ctx, admin, boss, runner, tmp_path, monkeypatch):
    window = main_window(qtbot, ctx, boss)
    assert not window.ui.day_closed_label.isVisible() and window.ui.action_new.isEnabled()
    window.day_close.close_day()
    dialog = window.findChild(CloseDayDialog)
    qtbot.waitUntil(lambda: dialog.view is not None and not dialog.busy, timeout=20000)
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _text: True)
    with qtbot.waitSignal(dialog.sig_closed, timeout=30000):
        dialog.ui.close_day_button.click()
    assert window.ui.day_closed_label.isVisible()
    assert window.ui.day_closed_label.text() == "Today is closed"
    assert not window.ui.action_new.isEnabled() and not window.ui.action_batch.isEnabled()
    said = []
    monkeypatch.setattr(dialogs, "show_info", lambda _parent, text: said.append(text))
    window.open_wizard(None)  # Ctrl+N is off; asked anyway: said, no wizard
    assert window.wizard is None and "is closed" in said[0]
    dialog.reject()

    boss_admin = main_window(qtbot, ctx, admin)
    assert boss_admin.ui.day_closed_label.isVisible()
    boss_admin.day_close.reopen_day()
    reopen = boss_admin.findChild(ReopenDayDialog)
    reopen.ui.reason_edit.setPlainText("补录申请")
    with qtbot.waitSignal(reopen.sig_reopened, timeout=20000):
        reopen.ui.reopen_button.click()
    assert not boss_admin.ui.day_closed_label.isVisible()
    assert boss_admin.ui.action_new.isEnabled()
    window.refresh()
    assert not window.ui.day_closed_label.isVisible() and window.ui.action_new.isEnabled()


def test_a_closed_days_application_does_not_open_in_the_wizard(
        qtbot, ctx, admin, boss, tmp_path, monkeypatch):
    frozen = application_at(ctx, admin, Status.EXAMINED, tmp_path)
    comes_back = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path,
                                first17="11010520240315011")
    day_close.close_day(ctx, boss, TODAY, {
        str(frozen): day_close.Explanation("other", "资料有误待查"),
        str(comes_back): day_close.Explanation("applicant_returns")})
    assert day_close.is_frozen(ctx, frozen) and not day_close.is_frozen(ctx, comes_back)
    window = main_window(qtbot, ctx, admin)
    said = []
    monkeypatch.setattr(dialogs, "show_info", lambda _parent, text: said.append(text))
    window.open_wizard(frozen)
    assert window.wizard is None
    assert said == [f"The day {TODAY.isoformat()} is closed: its records no longer change. "
                    "Only an administrator can reopen it."]
    window.open_wizard(comes_back)  # its reason lets it continue
    assert window.wizard is not None and window.wizard.application_id == comes_back
    window.wizard.reject()


def test_a_closed_day_opens_on_its_report_and_only_an_administrator_reopens_it(
        qtbot, ctx, admin, boss, runner, tmp_path, monkeypatch):
    day_close.close_day(ctx, boss, TODAY, {})
    dialog = _dialog(qtbot, ctx, boss, runner)
    assert dialog.ui.pages.currentWidget() is dialog.ui.report_page
    assert not dialog.ui.close_day_button.isEnabled()

    assert open_reopen_day(None, ctx, boss, runner) is None
    clerk = add_operator(ctx, admin, boss.site_id, "clerk", {Role.WINDOW_STAFF})
    assert open_close_day(None, ctx, clerk, runner) is None

    reopen = ReopenDayDialog(ctx, admin, runner)
    qtbot.addWidget(reopen)
    assert reopen.ui.reopen_button.isEnabled() and "boss" in reopen.ui.status_label.text()
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _text: True)
    reopen.ui.reopen_button.click()  # no reason yet: said, nothing asked
    assert reopen.ui.error_label.text() and not reopen.busy
    reopen.ui.reason_edit.setPlainText("补录签字")
    with qtbot.waitSignal(reopen.sig_reopened, timeout=20000):
        reopen.ui.reopen_button.click()
    assert day_close.closed_day(ctx, boss, TODAY) is None
