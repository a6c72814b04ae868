"""The wizard says everything that is wrong at once, says whose it is, forgets it once
fixed, and picks up a reopened application where it stopped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.qt import wizard as wizard_module
from counter_app.services import intake
from tests.helpers import GUARDIAN_ID, application_at, child_id, write_photo
from tests.qt.qt_helpers import type_text
from tests.qt.test_bad_input import WRONG_CHECK_CHAR, open_wizard


def test_a_bad_id_number_and_an_empty_name_are_both_shown(qtbot, chinese, ctx, admin):
    wizard = open_wizard(qtbot, ctx, admin)
    ui = wizard.currentPage().ui
    type_text(qtbot, ui.id_number_edit, WRONG_CHECK_CHAR)
    qtbot.keyClick(ui.id_number_edit, Qt.Key.Key_Return)  # Next, the name left empty
    assert wizard.currentId() == wizard_module.APPLICANT
    assert ui.id_number_error.isVisible() and "校验位" in ui.id_number_error.text()
    assert ui.name_error.isVisible() and ui.name_error.text() == "请输入姓名。"
    assert ui.name_edit.hasFocus()  # the first field in error
    type_text(qtbot, ui.name_edit, "王䶮")
    qtbot.keyClicks(ui.name_edit, "")  # an input-method commit is an edit too
    qtbot.keyClick(ui.name_edit, Qt.Key.Key_End)
    assert ui.id_number_error.isVisible()  # still wrong: still said


def test_the_guardians_error_says_whose_and_goes_once_typed(qtbot, chinese, ctx, admin):
    wizard = open_wizard(qtbot, ctx, admin)
    page = wizard.currentPage()
    ui = page.ui
    qtbot.keyClicks(ui.id_number_edit, child_id())
    qtbot.keyClick(ui.id_number_edit, Qt.Key.Key_Tab)
    type_text(qtbot, ui.name_edit, "王䶮")
    ui.guardian_relation_combo.setCurrentIndex(0)
    qtbot.keyClicks(ui.guardian_id_number_edit, GUARDIAN_ID)
    qtbot.keyClicks(ui.guardian_phone_edit, "13800138001")
    qtbot.keyClick(ui.guardian_phone_edit, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.APPLICANT
    assert ui.guardian_name_error.text() == "请输入监护人姓名。"
    assert ui.name_error.isHidden()
    qtbot.keyClicks(ui.guardian_name_edit, "Wang")
    assert ui.guardian_name_error.isHidden()


def test_a_type_the_age_rules_out_is_switched_unless_staff_chose_it(qtbot, chinese, ctx, admin):
    """The newborn type is the default; a two-year-old gets the rules' type instead."""
    wizard = open_wizard(qtbot, ctx, admin)
    ui = wizard.currentPage().ui
    later = ctx.rules.businesses[BusinessType.NEWBORN].ages.instead
    assert ui.business_combo.currentData() == BusinessType.NEWBORN.value
    qtbot.keyClicks(ui.id_number_edit, child_id())
    qtbot.keyClick(ui.id_number_edit, Qt.Key.Key_Tab)
    assert ui.business_combo.currentData() == later.value
    assert ctx.rules.labels[later] in ui.id_info_label.text()

    wizard = open_wizard(qtbot, ctx, admin)
    ui = wizard.currentPage().ui
    ui.business_combo.setFocus()
    qtbot.keyClick(ui.business_combo, Qt.Key.Key_Down)  # staff pick a type themselves
    qtbot.keyClick(ui.business_combo, Qt.Key.Key_Up)
    ui.business_combo.activated.emit(ui.business_combo.currentIndex())
    qtbot.keyClicks(ui.id_number_edit, child_id())
    qtbot.keyClick(ui.id_number_edit, Qt.Key.Key_Tab)
    assert ui.business_combo.currentData() == BusinessType.NEWBORN.value  # refused at Next


def test_a_reopened_draft_starts_at_its_materials_with_its_birth_date(qtbot, chinese, ctx,
                                                                      admin, tmp_path):
    application_id = application_at(ctx, admin, Status.DRAFT, tmp_path)
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    assert wizard.currentId() == wizard_module.APPLICANT  # nothing ticked yet
    qtbot.waitUntil(lambda: "2024-03-15" in wizard.currentPage().ui.id_info_label.text())

    intake.record_materials(ctx, admin, application_id, {"household_register"})
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard_module.MATERIALS)
    assert wizard.currentPage().checks["household_register"].isChecked()
    wizard.back()
    assert wizard.currentId() == wizard_module.APPLICANT
    assert "2024-03-15" in wizard.currentPage().ui.id_info_label.text()
    assert [a.action for a in _audit(ctx, application_id)].count("applicant_updated") == 0


def test_a_refused_receipt_number_goes_when_a_photo_file_is_taken(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    wizard = open_wizard(qtbot, ctx, admin, application_at(ctx, admin, Status.EXAMINED,
                                                           tmp_path))
    page = wizard.currentPage()
    qtbot.keyClicks(page.ui.receipt_edit, "ZP2024031500017")  # wrong check character
    qtbot.keyClick(page.ui.receipt_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.ui.receipt_error.isVisible())
    photo = write_photo(tmp_path / "photo.jpg")
    monkeypatch.setattr(dialogs, "choose_photo_file", lambda parent: photo)
    page.import_photo()
    qtbot.waitUntil(page.isComplete, timeout=10000)
    assert page.ui.receipt_edit.text() == "" and page.ui.receipt_error.isHidden()
    assert page.ui.status_label.text() == "照片已导入。"


def test_the_field_being_typed_in_stands_out(qtbot, chinese, ctx, admin):
    wizard = open_wizard(qtbot, ctx, admin)
    edit: QLineEdit = wizard.currentPage().ui.name_edit
    blurred = edit.grab().toImage()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    assert edit.grab().toImage() != blurred


def _audit(ctx, application_id):
    from sqlalchemy import select

    from counter_app.store.models import AuditRecord
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord).where(
            AuditRecord.entity_id == str(application_id))))
