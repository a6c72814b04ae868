"""The whole intake of a child's application through the windows, from login to sync."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import create_engine, select

from counter_app.central import database, schema
from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.qt import wizard as wizard_module
from counter_app.qt.main_window import MainWindow
from counter_app.qt.pdf_print import print_pdf
from counter_app.store.models import Application, AuditRecord
from tests.helpers import GUARDIAN_ID, PASSWORD, newborn_id, opened, write_photo
from tests.qt.qt_helpers import log_in, pdf_printer, printed_pages, type_text

CHILD_NAME = "王䶮"  # 䶮 is in CJK extension A: the form needs a font that has it
CHILD_ID = newborn_id()  # a newborn today: the newborn type is for the first 90 days


def test_child_application_from_login_to_central(qtbot, chinese, ctx, admin, tmp_path, central,
                                                 monkeypatch):
    operator = log_in(qtbot, ctx, "admin", PASSWORD)
    window = MainWindow(ctx, operator)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    assert wizard is not None and wizard.currentId() == wizard_module.APPLICANT
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert wizard.focusWidget() is wizard.currentPage().ui.id_number_edit

    fill_child_applicant(qtbot, wizard.currentPage())
    qtbot.keyClick(wizard.currentPage().ui.guardian_phone_edit, Qt.Key.Key_Return)  # = Next
    assert wizard.currentId() == wizard_module.MATERIALS, wizard.currentPage().errors.text()

    materials = wizard.currentPage()
    for check in materials.checks.values():
        check.setChecked(True)
    click_next(qtbot, wizard)
    assert wizard.currentId() == wizard_module.EXAMINATION
    assert wizard.currentPage().ui.pass_radio.isChecked()
    click_next(qtbot, wizard)
    assert wizard.currentId() == wizard_module.PHOTO

    photo_page = wizard.currentPage()
    photo = write_photo(tmp_path / "child.jpg")
    monkeypatch.setattr(dialogs, "choose_photo_file", lambda parent: photo)
    qtbot.mouseClick(photo_page.ui.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(photo_page.isComplete, timeout=10000)
    assert not photo_page.ui.preview_label.pixmap().isNull()
    click_next(qtbot, wizard)

    print_page = wizard.currentPage()
    assert wizard.currentId() == wizard_module.PRINT
    qtbot.waitUntil(lambda: print_page.pdf_path is not None, timeout=20000)
    assert print_page.document.pageCount() == 1
    form_pdf = print_page.pdf_path

    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialogs, "setup_printer",
                        lambda printer, parent, title="": pdf_printer(printer, printed) is printer)
    with qtbot.waitSignal(print_page.sig_printed) as pages:
        qtbot.mouseClick(print_page.ui.print_button, Qt.MouseButton.LeftButton)
    assert pages.args == [1]
    assert printed_pages(printed) == 1
    assert print_pdf(ctx.files.read(form_pdf), pdf_printer(QPrinter(), tmp_path / "again.pdf")) == 1
    click_next(qtbot, wizard)

    signed_page = wizard.currentPage()
    assert wizard.currentId() == wizard_module.SIGNED
    qtbot.keyClick(signed_page.ui.signed_check, Qt.Key.Key_Space)
    assert signed_page.isComplete() and signed_page.ui.voucher_check.isChecked()
    application_id = wizard.application_id
    form_printed = printed.read_bytes()
    asked = []  # the voucher follows the form to its printer: no second dialog
    monkeypatch.setattr(dialogs, "setup_printer", lambda *args, **kw: asked.append(1))
    with qtbot.waitSignal(window.sig_refreshed, timeout=5000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: printed.read_bytes() != form_printed and printed_pages(printed) == 1,
                    timeout=15000)
    assert not asked  # printed pages are pictures: what they show is checked elsewhere

    row = window.model.row_at(window.model.row_of(application_id))
    assert row.status == Status.SUBMITTED and row.name == CHILD_NAME
    assert window.model.index(0, 3).data() == "已提交"
    assert_stored(ctx, application_id)
    assert CHILD_NAME in subprocess.run(["pdftotext", str(opened(ctx, form_pdf)), "-"], check=True,
                                        capture_output=True, text=True).stdout

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.sync.sig_finished, timeout=20000) as synced:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert synced.args == [True]
    assert "待上传：0 笔" in window.sync_label.text()
    assert central_status(ctx, application_id, central) == "submitted"


def fill_child_applicant(qtbot, page) -> None:
    ui = page.ui
    ui.business_combo.setCurrentIndex(ui.business_combo.findData(BusinessType.NEWBORN.value))
    type_text(qtbot, ui.id_number_edit, CHILD_ID)
    qtbot.keyClick(ui.id_number_edit, Qt.Key.Key_Tab)  # leaving the field reads it
    assert not ui.guardian_group.isHidden(), "a child needs a guardian"
    born = f"{CHILD_ID[6:10]}-{CHILD_ID[10:12]}-{CHILD_ID[12:14]}"
    assert born in ui.id_info_label.text()
    type_text(qtbot, ui.name_edit, CHILD_NAME)
    type_text(qtbot, ui.pinyin_edit, "wang yan")
    type_text(qtbot, ui.phone_edit, "13800138001")
    type_text(qtbot, ui.household_edit, "北京市朝阳区建国路1号")
    type_text(qtbot, ui.guardian_name_edit, "王建国")
    ui.guardian_relation_combo.setCurrentText("父亲")
    type_text(qtbot, ui.guardian_id_number_edit, GUARDIAN_ID)
    type_text(qtbot, ui.guardian_phone_edit, "13800138001")


def click_next(qtbot, wizard) -> None:
    """Press whichever of Next / Commit the page shows."""
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
        button = wizard.button(which)
        if button.isVisible():
            assert button.isEnabled(), wizard.currentPage().errors.text()
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            return
    raise AssertionError("no Next button on this page")


def assert_stored(ctx, application_id) -> None:
    with ctx.sessions() as session:
        assert session.get(Application, application_id).status == Status.SUBMITTED
        actions = set(session.scalars(select(AuditRecord.action)
                                      .where(AuditRecord.entity_id == str(application_id))))
    assert {"application_created", "examined", "photo_attached", "form_printed", "signed",
            "submitted"} <= actions


def central_status(ctx, application_id, central) -> str | None:
    engine = create_engine(database.normalise_url(central))
    try:
        with engine.connect() as connection:
            return connection.scalar(select(schema.applications.c.status)
                                     .where(schema.applications.c.id == application_id))
    finally:
        engine.dispose()
