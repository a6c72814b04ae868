"""The main window: the queue, continuing an application, roles, language choice."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.config import load_settings
from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs, wizard as wizard_module
from counter_app.qt.main_window import MainWindow
from counter_app.security.roles import Role
from tests.helpers import add_operator, application_at


def main_window(qtbot, ctx, operator) -> MainWindow:
    window = MainWindow(ctx, operator)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_queue_shows_todays_applications_with_translated_status(qtbot, chinese, ctx, admin,
                                                                tmp_path):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path, name="王䶮")
    application_at(ctx, admin, Status.DRAFT, tmp_path, name="李一诺", first17="11010520200101004")
    window = main_window(qtbot, ctx, admin)
    model = window.model
    assert model.rowCount() == 2
    assert [model.index(r, 1).data() for r in range(2)] == ["王䶮", "李一诺"]
    assert [model.index(r, 3).data() for r in range(2)] == ["已提交", "录入中"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "申请编号"
    assert "今日共 2 笔" in window.ui.count_label.text()
    assert "操作员：管理员（admin）" in window.operator_label.text()


def test_enter_continues_the_selected_application_at_its_page(qtbot, ctx, admin, tmp_path):
    application_id = application_at(ctx, admin, Status.PHOTO_OK, tmp_path)
    window = main_window(qtbot, ctx, admin)
    window.ui.queue_view.setFocus()
    window.ui.queue_view.selectRow(0)
    qtbot.keyClick(window.ui.queue_view, Qt.Key.Key_Return)
    assert window.wizard is not None
    assert window.wizard.application_id == application_id
    assert window.wizard.currentId() == wizard_module.PRINT
    qtbot.waitUntil(lambda: window.wizard.currentPage().pdf_path is not None, timeout=20000)
    window.wizard.reject()


def test_submitted_application_cannot_be_continued(qtbot, ctx, admin, tmp_path, monkeypatch):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    window.ui.queue_view.selectRow(0)
    assert not window.ui.action_continue.isEnabled()
    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, text: shown.append(text))
    window.continue_selected()
    assert window.wizard is None and shown


def test_actions_follow_the_role(qtbot, ctx, admin, site_id):
    photographer = add_operator(ctx, admin, site_id, "photo1", {Role.PHOTO_STATION})
    window = main_window(qtbot, ctx, photographer)
    assert not window.ui.action_new.isEnabled()
    assert window.ui.action_sync.isEnabled()
    window.open_wizard(None)
    assert window.wizard is None


def test_language_choice_is_saved_for_the_next_start(qtbot, ctx, admin, settings, monkeypatch):
    window = main_window(qtbot, ctx, admin)
    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, text: shown.append(text))
    window.ui.action_english.trigger()
    assert "next time" in shown[0]
    assert load_settings({"COUNTER_DATA_DIR": str(settings.data_dir),
                          "COUNTER_CONFIG_DIR": str(settings.config_dir)}).language == "en"
