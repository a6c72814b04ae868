"""Issue 13 at the window: the idle lock (covers every window, keeps the work, unlocks
with the right password only), operator administration (a card centre operator created,
disabling and resetting confirmed first) and the forced password change after a reset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.qt.app import Launcher
from counter_app.qt.card_centre_window import CardCentreWindow
from counter_app.qt.idle_lock import LockDialog
from counter_app.qt.main_window import MainWindow
from counter_app.qt.operators_dialog import OperatorFormDialog, OperatorsDialog
from counter_app.qt.password_dialog import ChangePasswordDialog, ResetPasswordDialog
from counter_app.security.roles import Role
from counter_app.services import auth, operators
from tests.helpers import PASSWORD, add_operator, application_at
from tests.qt.qt_helpers import log_in, type_text

IDLE_MS = 400


def shown_window(qtbot, window):
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def press_enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_idle_window_locks_and_keeps_the_wizard_in_progress(qtbot, chinese, ctx, admin,
                                                                site_id, tmp_path):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    queued = application_at(ctx, staff, Status.SUBMITTED, tmp_path)
    window = shown_window(qtbot, MainWindow(ctx, staff, idle_lock_ms=IDLE_MS))
    lock = window.account.idle_lock
    window.ui.queue_view.selectRow(0)
    window.open_wizard(None)
    wizard = window.wizard
    name_edit = wizard.currentPage().ui.name_edit
    type_text(qtbot, name_edit, "王䶮")
    assert not lock.locked

    qtbot.waitUntil(lambda: lock.locked, timeout=5000)  # no input: locked
    dialog = lock.dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    covered = {cover.parentWidget() for cover in lock.covers}
    assert {window, wizard} <= covered and all(c.isVisible() for c in lock.covers)
    assert dialog.ui.username_edit.text() == "staff"
    assert "10" in dialog.ui.reason_label.text()  # the settings' idle minutes, said

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc does not unlock
    dialog.close()
    assert lock.locked and dialog.isVisible()

    type_text(qtbot, dialog.ui.password_edit, "not my password")
    press_enter(qtbot, dialog.ui.password_edit)
    assert lock.locked and dialog.ui.error_label.text() == "用户名或密码错误。"
    assert dialog.ui.password_edit.text() == ""

    with qtbot.waitSignal(lock.sig_unlocked) as unlocked:
        type_text(qtbot, dialog.ui.password_edit, PASSWORD)
        press_enter(qtbot, dialog.ui.password_edit)
    assert unlocked.args[0].id == staff.id and not lock.locked
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in QApplication.topLevelWidgets()
                                    if isinstance(w, LockDialog)))
    # the work is there as it was: nothing closed
    assert window.wizard is wizard and wizard.isVisible() and name_edit.text() == "王䶮"
    assert window.isVisible() and window.selected_row().id == queued  # the queue too
    with qtbot.waitSignal(lock.sig_locked, timeout=5000):  # and it locks again when left
        pass
    wizard.reject()


def test_a_supervisor_unlocks_another_operators_window_and_the_locks_are_audited(
        qtbot, ctx, admin, site_id):
    from sqlalchemy import select

    from counter_app.store.models import AuditRecord

    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    window = shown_window(qtbot, MainWindow(ctx, staff, idle_lock_ms=60_000))
    lock = window.account.idle_lock
    window.ui.action_lock.trigger()  # Operator ▸ Lock window: at once
    assert lock.locked
    dialog = lock.dialog
    dialog.ui.username_edit.setText("boss")
    type_text(qtbot, dialog.ui.password_edit, PASSWORD)
    with qtbot.waitSignal(lock.sig_unlocked):
        press_enter(qtbot, dialog.ui.password_edit)
    with ctx.sessions() as session:
        actions = list(session.scalars(select(AuditRecord.action).where(
            AuditRecord.action.in_(("window_locked", "window_unlocked")))))
    assert actions == ["window_locked", "window_unlocked"]


def test_the_card_centre_console_locks_too(qtbot, ctx, admin, site_id):
    centre = add_operator(ctx, admin, site_id, "centre", {Role.CARD_CENTRE})

    def never_connects():
        raise RuntimeError("no central database in this test")

    window = CardCentreWindow(ctx, centre, opener=never_connects, idle_lock_ms=IDLE_MS)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.account.idle_lock.locked, timeout=5000)
    assert not window.ui.action_operators.isVisible()  # not an administrator
    window.shutdown()


def test_the_administrator_creates_a_card_centre_operator_who_can_log_in(
        qtbot, chinese, ctx, admin):
    window = shown_window(qtbot, MainWindow(ctx, admin, idle_lock_ms=600_000))
    assert window.ui.action_operators.isVisible()
    window.ui.action_operators.trigger()
    dialog = window.account.dialog
    assert isinstance(dialog, OperatorsDialog)
    assert dialog.ui.operators_table.rowCount() == 1
    qtbot.mouseClick(dialog.ui.add_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert isinstance(form, OperatorFormDialog) and form.focusWidget() in (
        None, form.ui.username_edit)
    ui = form.ui
    type_text(qtbot, ui.username_edit, "centre")
    type_text(qtbot, ui.display_name_edit, "卡中心")
    type_text(qtbot, ui.password_edit, "centre-initial")
    type_text(qtbot, ui.password_again_edit, "centre-initial")
    press_enter(qtbot, ui.password_again_edit)  # no role yet: said, not saved
    assert ui.error_label.text() == "请至少选择一个角色。" and form.isVisible()
    ui.card_centre_check.setChecked(True)
    with qtbot.waitSignal(form.accepted):
        press_enter(qtbot, ui.password_again_edit)
    table = dialog.ui.operators_table
    assert table.rowCount() == 2
    row = next(r for r in range(2) if table.item(r, 0).text() == "centre")
    assert [table.item(row, c).text() for c in range(4)] == ["centre", "卡中心", "SC001",
                                                             "制卡中心"]
    assert table.item(row, 4).text() == "须修改密码"

    operator = log_in(qtbot, ctx, "centre", "centre-initial")
    assert operator.roles == {Role.CARD_CENTRE} and operator.must_change_password


def test_disabling_and_resetting_are_confirmed_first(qtbot, ctx, admin, site_id,
                                                     monkeypatch):
    add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    dialog = OperatorsDialog(ctx, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.ui.operators_table
    table.selectRow(next(r for r in range(2) if table.item(r, 0).text() == "staff"))
    answers, asked = [False], []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text: asked.append(text)
                        or answers[-1])
    dialog.ui.active_button.click()
    assert len(asked) == 1 and "staff" in asked[0]
    assert operators.find(ctx, admin, "staff").active  # declined: nothing done
    answers.append(True)
    dialog.ui.active_button.click()
    assert not operators.find(ctx, admin, "staff").active
    assert dialog.ui.active_button.text() == "&Enable"
    dialog.ui.active_button.click()  # enabling needs no question
    assert operators.find(ctx, admin, "staff").active and len(asked) == 2

    answers.append(False)
    dialog.ui.reset_button.click()
    assert dialog.form is None and len(asked) == 3
    answers.append(True)
    dialog.ui.reset_button.click()
    form = dialog.form
    assert isinstance(form, ResetPasswordDialog) and form.ui.current_password_edit.isHidden()
    type_text(qtbot, form.ui.password_edit, "reset-by-admin")
    type_text(qtbot, form.ui.password_again_edit, "reset-by-admin")
    with qtbot.waitSignal(form.accepted):
        press_enter(qtbot, form.ui.password_again_edit)
    assert auth.login(ctx, "staff", "reset-by-admin").must_change_password

    table.selectRow(next(r for r in range(2) if table.item(r, 0).text() == "admin"))
    answers.append(True)
    dialog.ui.active_button.click()  # oneself: refused, said under the list
    assert dialog.ui.error_label.text() and operators.find(ctx, admin, "admin").active


def test_after_a_reset_the_password_is_changed_before_the_main_window(qtbot, chinese,
                                                                      settings, ctx, admin,
                                                                      site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    operators.reset_password(ctx, admin, staff.id, "reset-by-admin")
    launcher = Launcher(settings)
    login = launcher.first_window()
    qtbot.addWidget(login)
    login.show()
    launcher.open_database()
    qtbot.waitUntil(lambda: login.ctx is not None, timeout=20000)
    type_text(qtbot, login.ui.username_edit, "staff")
    type_text(qtbot, login.ui.password_edit, "reset-by-admin")
    press_enter(qtbot, login.ui.password_edit)
    change = launcher.dialog
    assert isinstance(change, ChangePasswordDialog) and launcher.main_window is None
    qtbot.addWidget(change)
    assert change.ui.reason_label.isVisible() and change.ui.cancel_button.text() == "退出(&Q)"
    type_text(qtbot, change.ui.current_password_edit, "reset-by-admin")
    type_text(qtbot, change.ui.password_edit, "reset-by-admin")
    type_text(qtbot, change.ui.password_again_edit, "reset-by-admin")
    press_enter(qtbot, change.ui.password_again_edit)  # the same one again: refused
    assert change.ui.error_label.text() == "新密码须与当前密码不同。"
    assert launcher.main_window is None
    type_text(qtbot, change.ui.current_password_edit, "reset-by-admin")
    for edit in (change.ui.password_edit, change.ui.password_again_edit):
        edit.clear()
        type_text(qtbot, edit, "staff-own-pw")
    press_enter(qtbot, change.ui.password_again_edit)
    qtbot.waitUntil(lambda: launcher.main_window is not None, timeout=10000)
    qtbot.addWidget(launcher.main_window)
    assert launcher.main_window.operator.username == "staff"
    assert not auth.login(ctx, "staff", "staff-own-pw").must_change_password
    launcher.shutdown()
