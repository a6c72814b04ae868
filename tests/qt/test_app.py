"""Starting the application: the first window shows before the database is open."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from counter_app.qt.app import Launcher, run_gui
from counter_app.qt.login import FirstRunDialog, LoginDialog
from counter_app.services import auth
from counter_app.services.context import open_context
from tests.helpers import PASSWORD
from tests.qt.qt_helpers import type_text


def test_run_gui_shows_the_login_window_and_saves_a_screenshot(qtbot, language, settings,
                                                               admin, tmp_path):
    shot = tmp_path / "login.png"
    assert run_gui(settings, screenshot=shot) == 0
    image = QImage(str(shot))
    assert image.width() >= 380 and image.height() >= 150


def test_run_gui_exits_when_shown_on_first_run(qtbot, language, settings):
    assert run_gui(replace(settings, language="en"), exit_when_shown=True) == 0


def test_enter_pressed_before_the_database_is_open_logs_in_once_it_is(qtbot, settings,
                                                                      admin):
    launcher = Launcher(settings)
    dialog = launcher.first_window()
    assert isinstance(dialog, LoginDialog) and dialog.ctx is None
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.ui.username_edit, "admin")
    type_text(qtbot, dialog.ui.password_edit, PASSWORD)
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)  # too early: remembered

    launcher.open_database()
    qtbot.waitUntil(lambda: launcher.main_window is not None, timeout=20000)
    qtbot.addWidget(launcher.main_window)
    assert launcher.main_window.operator.username == "admin"
    launcher.shutdown()


def test_a_database_without_operators_switches_to_the_first_run_dialog(qtbot, settings):
    open_context(settings)  # e.g. a first start that was quit before the administrator
    launcher = Launcher(settings)
    assert isinstance(launcher.first_window(), LoginDialog)
    launcher.open_database()
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, FirstRunDialog), timeout=20000)
    qtbot.addWidget(launcher.dialog)
    assert launcher.dialog.ctx is not None and launcher.dialog.isVisible()
    launcher.shutdown()


def test_first_run_creates_the_administrator(qtbot, language, ctx):
    language("zh_CN")
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    ui = dialog.ui
    for edit, text in ((ui.site_code_edit, "SC009"), (ui.site_name_edit, "街道便民服务站"),
                       (ui.username_edit, "chief"), (ui.display_name_edit, "张主任"),
                       (ui.password_edit, "long-enough-1"), (ui.password_again_edit, "typo")):
        type_text(qtbot, edit, text)
    qtbot.keyClick(ui.password_again_edit, Qt.Key.Key_Return)
    assert ui.error_label.text() == "两次输入的密码不一致。"
    assert dialog.focusWidget() is ui.password_again_edit

    type_text(qtbot, ui.password_again_edit, "long-enough-1")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(ui.password_again_edit, Qt.Key.Key_Return)
    assert dialog.operator.username == "chief" and dialog.operator.site_code == "SC009"
    assert not auth.needs_first_administrator(ctx)


def test_no_chinese_font_is_reported_once_logged_in(qtbot, settings, admin, monkeypatch):
    """A machine without any Chinese font (simulated: this one has them) hears about it
    right after login, not at the first print."""
    from counter_app.forms.fonts import FontsMissingError
    from counter_app.qt import dialogs
    from counter_app.services import printing

    def no_fonts(ctx):
        raise FontsMissingError([settings.data_dir / "simsun.ttc"])

    monkeypatch.setattr(printing, "form_fonts", no_fonts)
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: shown.append(text))
    launcher = Launcher(settings)
    dialog = launcher.first_window()
    qtbot.addWidget(dialog)
    dialog.show()
    launcher.open_database()
    qtbot.waitUntil(lambda: dialog.ctx is not None, timeout=20000)
    type_text(qtbot, dialog.ui.username_edit, "admin")
    type_text(qtbot, dialog.ui.password_edit, PASSWORD)
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: launcher.main_window is not None, timeout=20000)
    qtbot.addWidget(launcher.main_window)
    assert len(shown) == 1 and "simsun.ttc" in shown[0]
    launcher.shutdown()
