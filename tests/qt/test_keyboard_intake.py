"""Window staff work from the keyboard: a child's application entered without the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.business import Presenter
from counter_app.domain.lifecycle import Status
from counter_app.idcard.reader import DEMO_CARDS, SimulatedReader
from counter_app.qt import wizard as wizard_module
from counter_app.qt.main_window import MainWindow
from counter_app.services import intake, queue
from tests.helpers import newborn_id
from tests.qt.qt_helpers import type_text


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), key, modifier)


def test_a_childs_application_with_the_keyboard_only(qtbot, chinese, ctx, admin):
    window = MainWindow(ctx, admin)
    window.card_reader = SimulatedReader(list(DEMO_CARDS))  # the guardian's card
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    ui = wizard.currentPage().ui
    assert focused() is ui.id_number_edit

    qtbot.keyClicks(ui.id_number_edit, newborn_id())  # the newborn type, chosen first
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is ui.name_edit and ui.guardian_group.isVisible()
    assert "岁" in ui.id_info_label.text()
    type_text(qtbot, ui.name_edit, "王䶮")  # Chinese arrives from the input method
    assert ui.pinyin_edit.text() == "WANG YAN"
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is ui.phone_edit
    qtbot.keyClicks(ui.phone_edit, "13800138000")

    press(qtbot, Qt.Key.Key_F2)  # the guardian's ID card on the reader
    qtbot.waitUntil(lambda: ui.guardian_id_number_edit.text() == "11010519491231002X")
    assert ui.guardian_name_edit.text() == "王建国" and focused() is ui.guardian_relation_combo
    type_text(qtbot, ui.guardian_relation_combo.lineEdit(), "母亲")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is ui.guardian_phone_edit
    qtbot.keyClicks(ui.guardian_phone_edit, "13800138001")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.MATERIALS, wizard.currentPage().errors.text()

    checks = list(wizard.currentPage().checks.values())
    qtbot.waitUntil(lambda: focused() in checks)
    for position, _ in enumerate(checks):  # tick every material: Space, Tab to the next
        press(qtbot, Qt.Key.Key_Space)
        if position < len(checks) - 1:
            press(qtbot, Qt.Key.Key_Tab)
    assert all(check.isChecked() for check in checks)
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.EXAMINATION
    press(qtbot, Qt.Key.Key_Return)  # pass is proposed when nothing is missing
    assert wizard.currentId() == wizard_module.PHOTO

    detail = queue.application_detail(ctx, wizard.application_id)
    assert detail.status is Status.EXAMINED and detail.name == "王䶮"
    _, details = intake.applicant_of(ctx, wizard.application_id)
    assert details.guardian.relation == "母亲" and details.presenter is Presenter.GUARDIAN
    assert details.pinyin == "WANG YAN"


def test_a_pre_application_number_fills_the_page(qtbot, chinese, ctx, admin, central):
    """Looked up centrally with the number and the applicant's ID number (typed first)."""
    from counter_app.central.admin import publish_preapplication
    from tests.helpers import child_id
    from tests.unit.services.test_preapplications import PAYLOAD
    publish_preapplication(central, "WS20261122001", PAYLOAD)
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    ui = wizard.currentPage().ui
    press(qtbot, Qt.Key.Key_F3)
    assert focused() is ui.preapplication_edit
    qtbot.keyClicks(ui.preapplication_edit, "WS20261122001")
    press(qtbot, Qt.Key.Key_Return)  # no ID number yet: asked for it, nothing looked up
    qtbot.waitUntil(lambda: "身份证" in ui.page_error.text() + ui.id_number_error.text())
    ui.id_number_edit.setFocus()
    qtbot.keyClicks(ui.id_number_edit, child_id())
    press(qtbot, Qt.Key.Key_F3)
    ui.preapplication_edit.clear()
    qtbot.keyClicks(ui.preapplication_edit, "WS20261122404")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "WS20261122404" in ui.page_error.text())
    assert wizard.currentId() == wizard_module.APPLICANT
    ui.preapplication_edit.clear()
    qtbot.keyClicks(ui.preapplication_edit, "ws20261122001")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui.name_edit.text() == "李𠮷")
    assert wizard.currentId() == wizard_module.APPLICANT  # filled, not yet saved
    assert ui.guardian_name_edit.text() == "李建国"
    assert focused() is ui.phone_edit
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.MATERIALS, wizard.currentPage().errors.text()
    _, saved = intake.applicant_of(ctx, wizard.application_id)
    assert saved.preapplication_number == "WS20261122001"
