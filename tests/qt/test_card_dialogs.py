"""The Cards menu: collecting a card at the window (scan, check who collects, hand over,
print the receipt), activation, and invalid-list reports, driven from the main window."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from counter_app.domain.lifecycle import Status
from counter_app.forms.qr import qr_payload
from counter_app.services import collection
from counter_app.store.models import Application, CardRecord, InvalidEntry
from tests.card_helpers import ADULT_ID, STRANGER_ID, adult_card, child_card
from tests.helpers import GUARDIAN_ID
from tests.qt.qt_helpers import printed_pages, type_text
from tests.qt.test_document_actions import printing_to, rendered
from tests.qt.test_main_window import main_window

SHOTS = os.environ.get("COUNTER_SCREENSHOTS")  # a folder: the dialogs are saved there


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def _number(ctx, app_id) -> str:
    with ctx.sessions() as session:
        return session.get(Application, app_id).number


def _card_status(ctx, app_id) -> str:
    with ctx.sessions() as session:
        return session.get(CardRecord, app_id).status


@pytest.fixture
def nowhere_else(monkeypatch):
    """The central database knows of no card elsewhere (no network in these tests)."""
    monkeypatch.setattr(collection, "where_to_collect", lambda _ctx, _wanted: [])


def _find(qtbot, dialog, text: str) -> None:
    dialog.ui.search_edit.setFocus()
    type_text(qtbot, dialog.ui.search_edit, text)
    qtbot.keyClick(dialog.ui.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.ui.find_button.isEnabled()
                    and not dialog.runner.busy, timeout=10000)


def test_a_guardian_collects_a_childs_card_and_the_receipt_is_printed(
        qtbot, ctx, admin, tmp_path, monkeypatch, nowhere_else):
    app_id = child_card(ctx, admin, tmp_path)
    window = main_window(qtbot, ctx, admin)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = window.cards.dialogs["collection"]
    qtbot.waitUntil(lambda: dialog.ui.search_edit.hasFocus(), timeout=5000)
    _find(qtbot, dialog, qr_payload(_number(ctx, app_id)))  # what the scanner types
    ui = dialog.ui
    assert ui.number_value.text() == _number(ctx, app_id)
    assert (ui.card_value.text(), ui.name_value.text()) == ("A12345678", "王䶮")
    assert ui.guardian_radio.isChecked() and "王建国" in ui.guardian_radio.text()
    assert not ui.applicant_radio.isEnabled()  # a child's card goes to a guardian
    assert ui.collector_id_edit.hasFocus()
    _shot(dialog, "collection_found")

    type_text(qtbot, ui.collector_id_edit, STRANGER_ID)
    qtbot.keyClick(ui.collector_id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "cannot be handed over" in ui.message_label.text(), timeout=10000)
    assert "guardian on record" in ui.message_label.text()
    assert _card_status(ctx, app_id) == "at_site"
    _shot(dialog, "collection_refused")

    out = tmp_path / "receipt.pdf"
    printing_to(out, monkeypatch)
    ui.collector_id_edit.clear()
    type_text(qtbot, ui.collector_id_edit, GUARDIAN_ID)
    with qtbot.waitSignal(dialog.sig_collected, timeout=15000):
        qtbot.mouseClick(ui.collect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=15000)
    assert printed_pages(out) == 1
    assert "社会保障卡领取回执" in rendered(ctx)
    assert "handed over to a guardian" in ui.message_label.text()
    assert _card_status(ctx, app_id) == "collected"
    assert ui.search_edit.text() == "" and not ui.collect_button.isEnabled()
    qtbot.waitUntil(lambda: window.model.index(0, 3).data() == "Collected", timeout=5000)
    _shot(dialog, "collection_done")


def test_a_card_waiting_at_another_handling_point_is_refused_with_its_name(
        qtbot, ctx, admin, monkeypatch):
    monkeypatch.setattr(collection, "where_to_collect",
                        lambda _ctx, _wanted, operator="": [("SB01", "西城街道便民服务点")])
    window = main_window(qtbot, ctx, admin)
    dialog = window.cards.open_collection()
    _find(qtbot, dialog, qr_payload("SB01-20261122-0001"))
    text = dialog.ui.message_label.text()
    assert "西城街道便民服务点" in text and "SB01" in text
    assert not dialog.ui.collect_button.isEnabled()
    assert dialog.ui.search_edit.hasFocus()  # ready for the next scan
    _shot(dialog, "collection_elsewhere")


def test_activation_is_recorded_for_a_collected_card(qtbot, ctx, admin, nowhere_else):
    app_id = adult_card(ctx, admin, Status.AT_SITE)
    collection.collect(ctx, admin, app_id, ADULT_ID)
    window = main_window(qtbot, ctx, admin)
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dialog = window.cards.dialogs["activation"]
    _find(qtbot, dialog, ADULT_ID)
    assert dialog.ui.card_value.text() == "B23456789"
    assert "the applicant" in dialog.ui.collected_value.text()
    _shot(dialog, "activation_found")
    with qtbot.waitSignal(dialog.sig_activated, timeout=10000):
        qtbot.mouseClick(dialog.ui.activate_button, Qt.MouseButton.LeftButton)
    assert _card_status(ctx, app_id) == "activated"
    _find(qtbot, dialog, ADULT_ID)  # once activated, nothing more to activate
    assert "Only a collected card can be activated" in dialog.ui.message_label.text()


def test_a_temporary_loss_is_reported_and_undone_from_the_menu(qtbot, ctx, admin):
    adult_card(ctx, admin, Status.ACTIVATED)
    window = main_window(qtbot, ctx, admin)
    qtbot.keyClick(window, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.cards.dialogs["report"]
    ui = dialog.ui
    assert ui.kind_combo.currentData() == "temporary_loss"
    _find(qtbot, dialog, ADULT_ID)
    assert ui.cards_table.rowCount() == 1
    assert ui.cards_table.item(0, 0).text() == "B23456789"
    assert ui.cards_table.item(0, 4).text() == "not listed"
    assert (ui.card_number_edit.text(), ui.holder_edit.text()) == ("B23456789", ADULT_ID)
    qtbot.mouseClick(ui.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui.message_label.text().startswith("Recorded"), timeout=10000)
    qtbot.waitUntil(lambda: "Temporary loss report (city), in force" in
                    ui.cards_table.item(0, 4).text(), timeout=10000)
    _shot(dialog, "report_temporary")

    ui.kind_combo.setCurrentIndex(ui.kind_combo.findData("formal_loss"))
    ui.holder_edit.setText(STRANGER_ID)  # the ID shown is someone else's
    qtbot.mouseClick(ui.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "another ID number" in ui.message_label.text(), timeout=10000)
    assert ui.holder_edit.hasFocus()

    window.cards.open_report(undo=True)  # Ctrl+Shift+U raises the same dialog
    assert window.cards.dialogs["report"] is dialog
    assert ui.holder_edit.isEnabled()  # undone on the holder's ID, as reported
    ui.holder_edit.setText(ADULT_ID)
    qtbot.mouseClick(ui.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "valid again" in ui.message_label.text(), timeout=10000)
    with ctx.sessions() as session:
        [entry] = session.query(InvalidEntry).all()
        assert entry.state == "released"


def test_the_cards_menu_shortcuts_clash_with_nothing_in_the_main_window(qtbot, ctx, admin):
    from PySide6.QtGui import QAction

    window = main_window(qtbot, ctx, admin)
    shortcuts = [action.shortcut().toString() for action in window.findChildren(QAction)
                 if not action.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts
    ui = window.ui
    assert [a.shortcut() for a in (ui.action_collect, ui.action_activate, ui.action_report_card,
                                   ui.action_unreport_card)] == [
        QKeySequence("Ctrl+L"), QKeySequence("Ctrl+J"), QKeySequence("Ctrl+Shift+L"),
        QKeySequence("Ctrl+Shift+U")]
    assert [a.text() for a in ui.cards_menu.actions() if a.text()] == [
        "&Collect card…", "&Activate card…", "&Report lost, damaged or cancelled card…",
        "&Undo a temporary loss report…", "&Make the card…"]  # instant issuance (Ctrl+K)


def test_a_photo_station_cannot_hand_cards_over(qtbot, ctx, admin):
    from counter_app.security.roles import Role
    from tests.helpers import add_operator

    photographer = add_operator(ctx, admin, admin.site_id, "photo", {Role.PHOTO_STATION})
    window = main_window(qtbot, ctx, photographer)
    assert not window.ui.action_collect.isEnabled()
    assert window.cards.open_collection() is None


def test_the_old_card_field_shows_for_replacement_and_renewal_only(qtbot, ctx, admin):
    window = main_window(qtbot, ctx, admin)
    window.open_wizard(None)
    page = window.wizard.currentPage()
    combo = page.ui.business_combo
    shown = {}
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        shown[combo.itemData(index)] = page.ui.old_card_row.isVisibleTo(page)
    assert shown == {"newborn": False, "later": False, "replacement": True, "renewal": True}
    _shot(window.wizard, "wizard_old_card")
    window.wizard.reject()


def test_the_central_sides_card_refusals_read_in_words(qapp):
    from counter_app.central import reasons as apply_cards
    from counter_app.domain.errors import reason
    from counter_app.qt.sync_reasons import kind_name, reason_text

    assert reason_text(reason(apply_cards.CARD_NOT_READY,
                              target="collected", current="in_production")) == (
        "the card cannot be recorded as Collected while its status is In production")
    assert reason_text(reason(apply_cards.ALREADY_LISTED, entry="formal_loss")) == (
        "this card is already on the invalid list (Formal loss report)")
    assert kind_name("card_unreported") == "Temporary loss report undone"
