"""What staff see when something is wrong: a message in words, nothing typed is lost."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWizard

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.qt import wizard as wizard_module
from counter_app.qt.login import LoginDialog
from counter_app.qt.main_window import MainWindow
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.wizard import IntakeWizard
from counter_app.services import queue, syncing
from counter_app.services.context import open_context
from tests.helpers import GUARDIAN_ID, PASSWORD, application_at, child_id
from tests.qt.qt_helpers import type_text

WRONG_CHECK_CHAR = child_id()[:-1] + ("1" if child_id()[-1] != "1" else "2")


def open_wizard(qtbot, ctx, operator, application_id=None) -> IntakeWizard:
    wizard = IntakeWizard(ctx, operator, TaskRunner(), application_id)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
    return wizard


def test_invalid_id_number_is_explained_in_chinese_and_the_name_stays(qtbot, chinese, ctx,
                                                                      admin):
    wizard = open_wizard(qtbot, ctx, admin)
    ui = wizard.currentPage().ui
    type_text(qtbot, ui.id_number_edit, WRONG_CHECK_CHAR)
    type_text(qtbot, ui.name_edit, "王䶮")
    qtbot.keyClick(ui.name_edit, Qt.Key.Key_Return)  # Enter = Next

    assert wizard.currentId() == wizard_module.APPLICANT
    assert ui.id_number_error.text() == "身份证号码校验位不符，可能有数字录入错误。"
    assert not ui.id_number_error.isHidden()
    assert ui.name_edit.text() == "王䶮"
    assert ui.id_number_edit.text() == WRONG_CHECK_CHAR
    assert wizard.application_id is None  # nothing was saved


def test_unreadable_image_gives_a_message_and_stays_on_the_photo_page(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    application_id = application_at(ctx, admin, Status.EXAMINED, tmp_path)
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    page = wizard.currentPage()
    assert wizard.currentId() == wizard_module.PHOTO
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(os.urandom(4096))
    monkeypatch.setattr(dialogs, "choose_photo_file", lambda parent: broken)

    qtbot.keyClick(wizard, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert page.busy or page.errors.text()  # the shortcut started the import
    qtbot.waitUntil(lambda: not page.busy and bool(page.errors.text()), timeout=10000)

    assert page.errors.text() == "该文件不是可识别的图片（JPEG、PNG 或 BMP），请重新选择。"
    assert wizard.currentId() == wizard_module.PHOTO
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert queue.application_detail(ctx, application_id).status == Status.EXAMINED


def test_rejection_ends_the_wizard_with_a_message(qtbot, chinese, ctx, admin, tmp_path,
                                                  monkeypatch):
    application_id = application_at(ctx, admin, Status.DRAFT, tmp_path)
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    assert wizard.currentId() == wizard_module.APPLICANT  # a reopened draft shows what was typed
    assert wizard.currentPage().ui.name_edit.text() and wizard.currentPage().ui.guardian_group.isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard_module.MATERIALS, wizard.currentPage().errors.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.currentPage()
    assert wizard.currentId() == wizard_module.EXAMINATION
    assert page.ui.reject_radio.isChecked() and not page.ui.pass_radio.isEnabled()
    assert "户口簿" in page.ui.reason_edit.toPlainText()  # the missing materials, prefilled
    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, text: shown.append(text))

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and finish.isEnabled()
    with qtbot.waitSignal(wizard.finished):
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    assert shown and "不予受理" in shown[0]
    assert queue.application_detail(ctx, application_id).status == Status.REJECTED


def test_central_database_down_is_shown_and_the_application_stays_queued(
        qtbot, chinese, settings, admin, tmp_path):
    from tests.sync_helpers import enrol_unreachable

    ctx = open_context(settings)
    enrol_unreachable(ctx)
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    window.show()

    with qtbot.waitSignal(window.sync.sig_finished, timeout=30000) as finished:
        window.ui.action_sync.trigger()

    assert finished.args == [False]
    status = window.sync_label.text()
    assert "待上传：1 笔" in status
    assert "同步失败：无法连接中心数据库" in status
    assert "Traceback" not in status
    assert syncing.sync_status(ctx).pending == 1


def test_wrong_password_keeps_the_user_name(qtbot, chinese, ctx, admin):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    type_text(qtbot, dialog.ui.username_edit, "admin")
    type_text(qtbot, dialog.ui.password_edit, PASSWORD + "x")
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)

    assert dialog.isVisible() and dialog.operator is None
    assert dialog.ui.error_label.text() == "用户名或密码错误。"
    assert dialog.ui.username_edit.text() == "admin"
    assert dialog.ui.password_edit.text() == ""
    assert dialog.focusWidget() is dialog.ui.password_edit


def test_failed_print_says_so_and_printing_again_works(qtbot, chinese, ctx, admin, tmp_path,
                                                       monkeypatch):
    application_id = application_at(ctx, admin, Status.PHOTO_OK, tmp_path)
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: page.pdf_path is not None, timeout=20000)
    target = {"path": tmp_path / "missing-folder" / "form.pdf"}  # cannot be written

    def to_pdf(printer, parent, title=""):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target["path"]))
        return True

    monkeypatch.setattr(dialogs, "setup_printer", to_pdf)
    qtbot.mouseClick(page.ui.print_button, Qt.MouseButton.LeftButton)
    assert page.errors.text().startswith("打印机无法使用")
    assert not page.isComplete() and page.ui.print_button.isEnabled()
    assert queue.application_detail(ctx, application_id).print_count == 0

    target["path"] = tmp_path / "form.pdf"
    qtbot.mouseClick(page.ui.print_button, Qt.MouseButton.LeftButton)
    assert page.isComplete() and not page.errors.text()
    assert queue.application_detail(ctx, application_id).status == Status.FORM_PRINTED


def test_back_and_next_updates_the_same_application(qtbot, chinese, ctx, admin):
    wizard = open_wizard(qtbot, ctx, admin)
    ui = wizard.currentPage().ui
    ui.business_combo.setCurrentIndex(ui.business_combo.findData(BusinessType.LATER.value))
    type_text(qtbot, ui.id_number_edit, GUARDIAN_ID)  # an adult: no guardian needed
    type_text(qtbot, ui.name_edit, "王建国")
    type_text(qtbot, ui.phone_edit, "13800138001")
    qtbot.keyClick(ui.phone_edit, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.MATERIALS
    first_id = wizard.application_id

    wizard.back()
    assert ui.guardian_group.isHidden()
    ui.phone_edit.setText("13900139000")
    qtbot.keyClick(ui.phone_edit, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.MATERIALS
    assert wizard.application_id == first_id
    assert len(queue.todays_queue(ctx, admin)) == 1


def test_rejection_records_the_reason_codes(qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    from counter_app.store.models import Application
    application_id = application_at(ctx, admin, Status.DRAFT, tmp_path)
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.currentPage()
    assert page.reason_checks["missing_material"].isChecked()  # proposed: materials missing
    assert page.reason_checks["missing_material"].text() == "材料不齐全"
    page.reason_checks["invalid_id"].setChecked(True)
    monkeypatch.setattr(dialogs, "show_info", lambda parent, text: None)
    with qtbot.waitSignal(wizard.finished):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    with ctx.sessions() as session:
        app = session.get(Application, application_id)
        assert app.status == Status.REJECTED
        assert app.rejection_codes == "missing_material,invalid_id"
