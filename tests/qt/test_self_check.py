"""The self-check in the window: the status bar's strip, the dialog (F12, the menu, a click
on the strip), the checks in the background, and a supervisor allowing new applications
while the disk stops them."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from counter_app.domain.business import SelfCheckRules
from counter_app.qt import dialogs
from counter_app.qt.main_window import MainWindow
from counter_app.qt.self_check import SelfCheckStrip, probe_printers
from counter_app.security.roles import Role
from counter_app.selfcheck import Check, State, disk
from counter_app.services import selfcheck
from tests.helpers import PASSWORD, add_operator

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def nothing_kept():
    yield
    selfcheck.forget()


def main_window(qtbot, ctx, operator) -> MainWindow:
    window = MainWindow(ctx, operator)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def checked(qtbot, window):
    """Run the checks now (as the timer does) and wait for the report."""
    controller = window.self_check.controller
    with qtbot.waitSignal(controller.sig_report, timeout=15000) as report:
        assert controller.refresh()
    return report.args[0]


def disk_nearly_full(ctx):
    free_mb = disk.free_bytes(ctx.settings.data_dir) // MB
    ctx.__dict__["rules"] = dataclasses.replace(ctx.rules, self_check=SelfCheckRules(
        min_free_mb=free_mb + 1000, free_warning_mb=free_mb + 2000))
    selfcheck.forget(ctx)


def test_the_strip_says_how_many_need_attention_and_f12_lists_every_item(qtbot, ctx, admin):
    window = main_window(qtbot, ctx, admin)
    strip = window.self_check.strip
    assert strip.text() == "Self-check…"  # until the first check is back
    assert strip in window.ui.status_bar.findChildren(SelfCheckStrip)
    report = checked(qtbot, window)
    assert not window.runner.busy  # the window's own runner stays free for its work
    assert report.attention >= 1  # at least the clock: the tests' counters are not enrolled
    assert strip.text() == f"Self-check: {report.attention} need attention"

    qtbot.keyClick(window, Qt.Key.Key_F12)
    dialog = window.self_check.dialog
    assert dialog is not None and dialog.isVisible()
    table = dialog.ui.items_table
    assert table.rowCount() == len(list(Check))
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}
    assert rows["Clock"] == ("Needs attention", "Not compared: this counter is not enrolled "
                                                "with a central database yet.")
    assert rows["Disk space"][0] == "OK" and "MB free on the disk" in rows["Disk space"][1]
    assert rows["Version"][1].startswith("Version 0.")
    assert not dialog.ui.allow_group.isVisible()  # nothing stops new applications
    qtbot.waitUntil(table.hasFocus)
    assert f"{report.attention} need attention" in dialog.ui.summary_label.text()

    with qtbot.waitSignal(window.self_check.controller.sig_report, timeout=15000):
        qtbot.keyClick(dialog, Qt.Key.Key_F5)  # check again
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.self_check.dialog is None)

    window.self_check.strip.click()  # the strip opens it too, as does the menu
    assert window.self_check.dialog is not None
    window.self_check.dialog.reject()
    qtbot.waitUntil(lambda: window.self_check.dialog is None)
    window.ui.action_self_check.trigger()
    assert window.self_check.dialog is not None
    window.self_check.dialog.reject()


def test_a_full_disk_stops_new_applications_until_the_supervisor_allows_them(
        qtbot, ctx, admin, monkeypatch):
    window = main_window(qtbot, ctx, admin)
    disk_nearly_full(ctx)
    report = checked(qtbot, window)
    assert report.item(Check.DISK).state is State.BLOCKING
    assert window.self_check.strip.text() == "Self-check: new applications stopped"
    assert window.minimumSizeHint().width() <= 1366  # the longest strip still fits a laptop

    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: shown.append(text))
    window.ui.action_new.trigger()
    assert window.wizard is None
    assert shown and "New applications are stopped" in shown[0]
    dialog = window.self_check.dialog
    assert dialog is not None and dialog.ui.allow_group.isVisible()
    assert not dialog.ui.user_edit.isVisible()  # the signed-in supervisor signs as themselves

    dialog.ui.reason_edit.setFocus()
    qtbot.keyClick(dialog.ui.reason_edit, Qt.Key.Key_Return)  # no reason: said, not allowed
    assert dialog.ui.allow_error.isVisible() and "reason" in dialog.ui.allow_error.text()
    with qtbot.waitSignal(dialog.sig_allowed):
        qtbot.keyClicks(dialog.ui.reason_edit, "printer queue cleared later")
        qtbot.keyClick(dialog.ui.reason_edit, Qt.Key.Key_Return)
    table = dialog.ui.items_table
    disk_row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Disk space")
    assert table.item(disk_row, 1).text() == "Allowed for today"
    assert "allowed new applications for today" in table.item(disk_row, 2).text()
    assert not dialog.ui.allow_group.isVisible()
    assert window.self_check.strip.text().endswith("need attention")
    dialog.reject()
    qtbot.waitUntil(lambda: window.self_check.dialog is None)

    window.ui.action_new.trigger()
    assert window.wizard is not None
    window.wizard.reject()


def test_at_a_clerks_window_only_a_supervisors_password_allows(qtbot, ctx, admin, site_id):
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    window = main_window(qtbot, ctx, clerk)
    disk_nearly_full(ctx)
    checked(qtbot, window)
    window.self_check.open()
    dialog = window.self_check.dialog
    ui = dialog.ui
    assert ui.user_edit.isVisible() and ui.password_edit.isVisible()

    for username in ("clerk", "boss"):
        ui.user_edit.setText(username)
        ui.password_edit.setText(PASSWORD)
        ui.reason_edit.setText("newborn before the holiday")
        qtbot.mouseClick(ui.allow_button, Qt.MouseButton.LeftButton)
        if username == "clerk":
            assert ui.allow_error.text() == ("Only a supervisor of this handling point can "
                                             "allow new applications.")
            assert ui.password_edit.text() == "" and ui.allow_group.isVisible()
    assert not ui.allow_group.isVisible() and ui.user_edit.text() == ""
    assert selfcheck.stopped(ctx) is None


def test_the_printer_probe_answers_offscreen(qapp):
    probe = probe_printers()
    assert isinstance(probe.names, tuple)
