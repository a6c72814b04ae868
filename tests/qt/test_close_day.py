"""Closing the day at the window: the day's open items grouped by kind, a reason for each
by number key or the combo, Close enabled only when all are explained, a confirmation
with No by default, then the closing report in the preview; afterwards an edit of the
day's application is refused. Reopening is an administrator's, with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

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

TODAY = dt.date.today()


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.wait_for_done(30000)


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

    # key 1: the first reason for the unsigned form, and on to the draft
    assert tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == str(unsigned)
    qtbot.keyClick(tree, Qt.Key.Key_1)
    assert tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == str(draft)
    assert not dialog.ui.close_day_button.isEnabled()
    # "other" (the last reason) wants a note: the note field takes the focus
    other = list(dialog.reasons).index("other") + 1
    qtbot.keyClick(tree, str(other))
    assert dialog.missing() == 1 and not dialog.ui.close_day_button.isEnabled()
    type_text(qtbot, dialog.ui.note_edit, "监护人证件待核实")
    assert dialog.missing() == 0 and dialog.ui.close_day_button.isEnabled()
    assert tree.topLevelItem(1).child(0).text(4) == "监护人证件待核实"

    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: asked.append(text) or False)
    dialog.ui.close_day_button.click()  # No: nothing closes
    assert asked and day_close.closed_day(ctx, boss, TODAY) is None
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
    combo.setCurrentIndex(combo.findData("network_down"))
    combo.activated.emit(combo.currentIndex())
    assert dialog.missing() == 0 and dialog.ui.close_day_button.isEnabled()


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
