"""A child's application at a site that makes cards at the window: from the ID number to
the card face printed and the chip written (simulated encoder), a failed blank and the
retry with the next number — statuses, the invalid list, the stock and the central
records checked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import select

from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.qt import wizard as wizard_module
from counter_app.qt.main_window import MainWindow
from counter_app.services import issuance
from counter_app.store.models import InvalidEntry
from tests.helpers import write_photo
from tests.issuance_helpers import central_card, make_instant, status_of, sync
from tests.qt.qt_helpers import pdf_printer, printed_pages
from tests.qt.test_intake_wizard import click_next, fill_child_applicant


def test_a_card_made_at_the_window_after_a_spoiled_blank(qtbot, chinese, ctx, admin, central,
                                                         tmp_path, monkeypatch):
    make_instant(central)
    sync(ctx)  # the site's setting, blanks and this counter's numbers come down
    monkeypatch.setitem(ctx.settings.extra, "card_encoder", "simulated:fail=1")
    form_pdf, card_pdf = tmp_path / "form.pdf", tmp_path / "card.pdf"
    photo = write_photo(tmp_path / "child.jpg")
    monkeypatch.setattr(dialogs, "choose_photo_file", lambda parent: photo)
    titles = []

    def printer_dialog(printer, parent, title=""):
        titles.append(title)
        return pdf_printer(printer, card_pdf if "卡" in title and "登记表" not in title
                           else form_pdf) is printer

    monkeypatch.setattr(dialogs, "setup_printer", printer_dialog)
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)

    fill_child_applicant(qtbot, wizard.currentPage())  # from the ID number on
    click_next(qtbot, wizard)
    for check in wizard.currentPage().checks.values():
        check.setChecked(True)
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)  # examined
    photo_page = wizard.currentPage()
    photo_page.import_photo()
    qtbot.waitUntil(photo_page.isComplete, timeout=10000)
    click_next(qtbot, wizard)
    print_page = wizard.currentPage()
    qtbot.waitUntil(lambda: print_page.pdf_path is not None, timeout=20000)
    print_page.print_form()
    assert printed_pages(form_pdf) == 1
    click_next(qtbot, wizard)
    assert wizard.currentId() == wizard_module.SIGNED
    wizard.currentPage().ui.signed_check.setChecked(True)
    application_id = wizard.application_id
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.instant.dialog is not None, timeout=5000)
    dialog = window.instant.dialog
    ui = dialog.ui
    qtbot.waitUntil(lambda: dialog.last is not None, timeout=20000)
    assert not dialog.last.ok and dialog.last.card_number == "A00000001"
    assert ui.retry_button.isVisible() and "制卡失败" in ui.status_label.text()
    assert ui.error_label.text()  # why, in words
    assert status_of(ctx, application_id) == Status.PRODUCTION_FAILED
    assert not card_pdf.exists()  # the chip first: nothing printed on the spoiled blank

    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # the next blank
    qtbot.waitUntil(lambda: dialog.last.ok, timeout=20000)
    assert dialog.last.card_number == "A00000002" and dialog.last.attempt == 2
    assert "A00000002" in ui.status_label.text()
    assert printed_pages(card_pdf) == 2  # both sides of the card
    assert any("卡" in t for t in titles)
    assert status_of(ctx, application_id) == Status.COLLECTED
    with ctx.sessions() as session:
        listed = [(e.card_number, e.reason) for e in session.scalars(select(InvalidEntry))]
        stock = issuance.local_stock(session)
    assert listed == [("A00000001", "damage")]
    assert (stock.issued, stock.spoiled) == (1, 1)

    assert sync(ctx).rejected == 0
    found = central_card(central, application_id)
    assert found["status"] == "collected" and found["card"]["card_number"] == "A00000002"
    assert found["used"] == [("A00000001", "spoiled"), ("A00000002", "issued")]
    assert found["listed"] == [("A00000001", "damage")]
