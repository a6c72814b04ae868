"""A child's application after login, counted key by key and screen by screen.

Every key goes to the widget that has the focus, as a clerk's keyboard would send it; a
chord (Ctrl+N, Alt+1) counts once. Chinese counts the keys of a pinyin input method: the
syllables' letters and the Space that commits them. The printer dialog is the one
hardware edge: it counts as a screen and one Enter, and prints to a PDF file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.lifecycle import Status
from counter_app.idcard.reader import DEMO_CARDS, SimulatedReader
from counter_app.qt import dialogs
from counter_app.qt import wizard as wizard_module
from counter_app.qt.main_window import MainWindow
from counter_app.services import intake, queue
from tests.helpers import newborn_id
from tests.qt.qt_helpers import pdf_printer, printed_pages, type_text
from tests.unit.services.test_photo_receipts import STUDIO_NUMBER, studio_receipt
from tests.unit.photo import portraits

KEY_BUDGET, SCREEN_BUDGET = 75, 7
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
GUARDIAN_PHONE = "13800138001"


class Keyboard:
    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.keys = 0

    def press(self, key, modifier=NO_MODIFIER) -> None:
        self.keys += 1
        self.qtbot.keyClick(QApplication.focusWidget(), key, modifier)

    def type(self, text: str) -> None:
        self.keys += len(text)
        self.qtbot.keyClicks(QApplication.focusWidget(), text)

    def type_chinese(self, text: str, pinyin: str) -> None:
        self.keys += len(pinyin) + 1  # the letters, then Space to commit
        type_text(self.qtbot, QApplication.focusWidget(), text)


def test_a_childs_application_in_75_keys_and_7_screens(qtbot, chinese, ctx, admin, central,
                                                       monkeypatch, tmp_path):
    studio_receipt(ctx, portraits.jpeg(portraits.passing()))  # the studio's photo, centrally
    window = MainWindow(ctx, admin)
    window.card_reader = SimulatedReader(list(DEMO_CARDS))  # the guardian's ID card
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    keyboard, screens = Keyboard(qtbot), []
    printed = tmp_path / "printer.pdf"

    def printer_dialog(printer, parent, title=""):
        screens.append(title)
        keyboard.keys += 1  # Enter: the remembered printer is preselected
        return pdf_printer(printer, printed) is printer

    monkeypatch.setattr(dialogs, "setup_printer", printer_dialog)

    keyboard.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    wizard.currentIdChanged.connect(screens.append)
    screens.append(wizard.currentId())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    page = wizard.currentPage()
    ui = page.ui
    qtbot.waitUntil(lambda: ui.id_number_edit.hasFocus())

    keyboard.type(newborn_id())
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type_chinese("李明", "liming")
    keyboard.press(Qt.Key.Key_F2)  # the guardian's card: name and ID number
    qtbot.waitUntil(lambda: ui.guardian_relation_combo.hasFocus())
    keyboard.press(Qt.Key.Key_Down)
    keyboard.press(Qt.Key.Key_Down)
    assert ui.guardian_relation_combo.currentText() == "母亲"
    keyboard.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert ui.guardian_phone_edit.hasFocus()
    keyboard.type(GUARDIAN_PHONE)  # the child's own phone stays empty
    keyboard.press(Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.MATERIALS, page.errors.text()

    checks = list(wizard.currentPage().checks.values())
    qtbot.waitUntil(lambda: any(check.hasFocus() for check in checks))
    for position in range(len(checks)):
        keyboard.press(Qt.Key(Qt.Key.Key_1 + position), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: all(check.isChecked() for check in checks))  # animated clicks
    keyboard.press(Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.EXAMINATION
    keyboard.press(Qt.Key.Key_Return)  # pass: nothing is missing
    assert wizard.currentId() == wizard_module.PHOTO

    photo_page = wizard.currentPage()
    qtbot.waitUntil(lambda: photo_page.ui.receipt_edit.hasFocus())
    keyboard.type(STUDIO_NUMBER)  # a scanner would type it: counted all the same
    keyboard.press(Qt.Key.Key_Return)
    qtbot.waitUntil(photo_page.isComplete, timeout=10000)
    keyboard.press(Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.PRINT

    print_page = wizard.currentPage()
    qtbot.waitUntil(lambda: print_page.ui.print_button.hasFocus(), timeout=20000)
    keyboard.press(Qt.Key.Key_Return)
    assert print_page.isComplete() and printed_pages(printed) == 1
    form_print = printed.read_bytes()
    keyboard.press(Qt.Key.Key_Return)
    assert wizard.currentId() == wizard_module.SIGNED

    application_id = wizard.application_id
    signed = wizard.currentPage().ui.signed_check
    qtbot.waitUntil(signed.hasFocus)
    keyboard.press(Qt.Key.Key_Space)  # signed
    assert signed.isChecked(), QApplication.focusWidget()
    with qtbot.waitSignal(window.sig_refreshed, timeout=5000):
        keyboard.press(Qt.Key.Key_Return)  # Finish: submitted, the voucher printed
    qtbot.waitUntil(lambda: printed.read_bytes() != form_print, timeout=15000)

    print(f"\nA child's application: {keyboard.keys} keys, {len(screens)} screens")
    assert keyboard.keys <= KEY_BUDGET and len(screens) <= SCREEN_BUDGET, screens
    assert queue.application_detail(ctx, application_id).status is Status.SUBMITTED
    _, details = intake.applicant_of(ctx, application_id)
    assert details.phone == GUARDIAN_PHONE and details.guardian.relation == "母亲"
