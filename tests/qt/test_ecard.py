"""The electronic social security card at the window (issue 16): the inquiry, collection
and activation dialogs say whether it can be claimed and why not, in Chinese, and print
the city's guide through the printer dialog (patched: a PDF printer); invalid-list reports
say what becomes of it."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import replace

from PySide6.QtCore import Qt

from counter_app.domain.cards import InvalidKind
from counter_app.domain.lifecycle import Status
from counter_app.forms.qr import qr_payload
from counter_app.services import card_reports, collection
from counter_app.store.models import Application, CardRecord, utcnow
from tests.card_helpers import ADULT_ID, adult_card, child_card
from tests.helpers import GUARDIAN_ID
from tests.qt.qt_helpers import printed_pages, type_text
from tests.qt.test_card_dialogs import _find
from tests.qt.test_document_actions import printing_to
from tests.qt.test_inquiry import open_inquiry, search
from tests.qt.test_main_window import main_window

CARD = "B23456789"
CLAIMABLE = "可以申领电子社保卡：该卡已激活、有效，且不在挂失及失效名单上。"
GUIDE = ("documents", "ecard", "ecard-guide.pdf")


def pulled_card(ctx, admin, status: Status, number: str = CARD):
    """An adult's card as the last sync brought it (newer than the application row)."""
    app_id = adult_card(ctx, admin, status, number)
    with ctx.sessions.begin() as session:
        session.get(CardRecord, app_id).updated_at = utcnow() + dt.timedelta(seconds=1)
    return app_id


def offline(ctx) -> None:
    """The inquiry answers from this counter's store (no central database here)."""
    ctx.settings = replace(ctx.settings, central_url="postgresql://x@127.0.0.1:1/x")


def guide_text(ctx) -> str:
    path = ctx.settings.data_dir.joinpath(*GUIDE)
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())


def print_guide(qtbot, dialog, out, monkeypatch) -> list[str]:
    titles: list[str] = []
    printing_to(out, monkeypatch, titles)
    qtbot.mouseClick(dialog.ui.ecard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=15000)
    qtbot.waitUntil(lambda: dialog.ui.ecard_button.isEnabled(), timeout=5000)
    return titles


def test_an_activated_card_is_claimable_and_the_guide_prints(qtbot, chinese, ctx, admin,
                                                              tmp_path, monkeypatch):
    pulled_card(ctx, admin, Status.ACTIVATED)
    offline(ctx)
    window = main_window(qtbot, ctx, admin)
    dialog = open_inquiry(qtbot, window)
    assert dialog.ui.ecard_button.text() == "打印电子社保卡指南…(&E)"
    assert not dialog.ui.ecard_label.isVisible()  # nothing asked yet
    search(qtbot, dialog, ADULT_ID)
    label = dialog.ui.ecard_label
    assert label.isVisible() and label.text().startswith(CLAIMABLE)
    assert "亲情服务" in label.text()  # a parent asking for a child hears the route
    assert dialog.ecard.claimable

    out = tmp_path / "guide.pdf"
    with qtbot.waitSignal(dialog.sig_guide_printed, timeout=15000):
        titles = print_guide(qtbot, dialog, out, monkeypatch)
    assert titles == ["打印电子社保卡申领指南"]
    assert printed_pages(out) == 1
    assert dialog.ui.summary_label.text() == "电子社保卡申领指南已打印。"
    text = guide_text(ctx)  # what was printed: the city's channels and the family route
    assert "国家社会保险公共服务平台（掌上12333App）" in text and "银行App" in text
    assert "为孩子申领（亲情服务）" in text and admin.site_name in text

    dialog.ui.number_edit.clear()  # the next person's number: the line goes
    qtbot.keyClicks(dialog.ui.number_edit, ADULT_ID[:-1] + "9")
    qtbot.keyClick(dialog.ui.number_edit, Qt.Key.Key_Return)
    assert not label.isVisible() and dialog.ecard is None


def test_a_reported_lost_card_says_the_ecard_is_suspended(qtbot, chinese, ctx, admin):
    pulled_card(ctx, admin, Status.ACTIVATED)
    card_reports.report(ctx, admin, CARD, ADULT_ID, InvalidKind.TEMPORARY_LOSS)
    offline(ctx)
    window = main_window(qtbot, ctx, admin)
    dialog = open_inquiry(qtbot, window)
    search(qtbot, dialog, CARD)
    text = dialog.ui.ecard_label.text()
    assert text.startswith("电子社保卡随实体卡暂停使用：该卡已临时挂失。")
    assert "解除挂失后电子社保卡即恢复使用" in text
    assert not dialog.ecard.claimable
    assert dialog.ui.ecard_button.isEnabled()  # the guide says what to do when lost


def test_a_child_without_a_card_is_told_to_apply_first(qtbot, chinese, ctx, admin):
    from tests.helpers import child_id

    offline(ctx)
    window = main_window(qtbot, ctx, admin)
    dialog = open_inquiry(qtbot, window)
    search(qtbot, dialog, child_id())
    assert dialog.ui.ecard_label.text().startswith(
        "暂不能申领电子社保卡：尚无可依托的实体社会保障卡。请先申领社会保障卡")


def test_collection_then_activation_say_when_the_ecard_can_be_claimed(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    monkeypatch.setattr(collection, "where_to_collect", lambda _ctx, _wanted: [])
    app_id = child_card(ctx, admin, tmp_path)
    with ctx.sessions() as session:
        number = session.get(Application, app_id).number
    window = main_window(qtbot, ctx, admin)
    collect = window.cards.open_collection()
    _find(qtbot, collect, qr_payload(number))
    ui = collect.ui
    assert ui.ecard_button.text() == "打印电子社保卡指南…(&E)"
    assert ui.ecard_label.text() == (
        "暂不能申领电子社保卡：社会保障卡尚未发放到持卡人手中（当前状态：待领取）。"
        "请先领取并激活社会保障卡，再在App中申领电子社保卡。")
    printing_to(tmp_path / "receipt.pdf", monkeypatch)
    type_text(qtbot, ui.collector_id_edit, GUARDIAN_ID)
    with qtbot.waitSignal(collect.sig_collected, timeout=15000):
        qtbot.mouseClick(ui.collect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "尚未激活" in ui.ecard_label.text(), timeout=10000)
    assert ui.ecard_label.text().startswith("暂不能申领电子社保卡：社会保障卡尚未激活。")
    collect.reject()

    activate = window.cards.open_activation()
    _find(qtbot, activate, number)
    assert "尚未激活" in activate.ui.ecard_label.text()
    with qtbot.waitSignal(activate.sig_activated, timeout=10000):
        qtbot.mouseClick(activate.ui.activate_button, Qt.MouseButton.LeftButton)
    assert activate.ui.ecard_label.text().startswith(CLAIMABLE)
    out = tmp_path / "guide.pdf"
    titles = print_guide(qtbot, activate, out, monkeypatch)
    assert titles == ["打印电子社保卡申领指南"] and printed_pages(out) == 1
    assert activate.ui.message_label.text() == "电子社保卡申领指南已打印。"


def test_an_activated_card_reported_lost_is_suspended_in_the_activation_dialog(
        qtbot, chinese, ctx, admin):
    app_id = adult_card(ctx, admin, Status.AT_SITE)
    collection.collect(ctx, admin, app_id, ADULT_ID)
    card_reports.report(ctx, admin, CARD, ADULT_ID, InvalidKind.FORMAL_LOSS)
    window = main_window(qtbot, ctx, admin)
    dialog = window.cards.open_activation()
    _find(qtbot, dialog, ADULT_ID)
    assert dialog.ui.ecard_label.text().startswith(
        "电子社保卡随实体卡暂停使用：该卡已正式挂失。")


def test_loss_reports_and_cancellations_say_what_becomes_of_the_ecard(qtbot, chinese, ctx,
                                                                       admin):
    adult_card(ctx, admin, Status.ACTIVATED)
    window = main_window(qtbot, ctx, admin)
    dialog = window.cards.open_report(undo=False)
    ui = dialog.ui
    _find(qtbot, dialog, ADULT_ID)
    qtbot.mouseClick(ui.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui.message_label.text().startswith("已登记"), timeout=10000)
    assert ui.message_label.text().endswith(
        "电子社保卡随实体卡暂停使用。解除临时挂失后即恢复使用；补领新卡并激活后，须重新申领电子社保卡。")

    dialog.choose("unreport")
    qtbot.mouseClick(ui.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui.message_label.text().startswith("临时挂失已解除"), timeout=10000)
    assert ui.message_label.text().endswith("电子社保卡随实体卡恢复使用。")

    dialog.choose("cancellation")
    qtbot.mouseClick(ui.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "注销" in ui.message_label.text(), timeout=10000)
    assert ui.message_label.text().startswith("已登记")
    assert ui.message_label.text().endswith("电子社保卡随实体卡一并注销。")


def test_a_broken_guide_file_is_named_instead_of_printed(qtbot, chinese, ctx, admin,
                                                         monkeypatch):
    from counter_app.domain.ecard import MSG_ECARD_CONFIG, EcardConfigError
    from counter_app.qt import dialogs
    from counter_app.services import ecard

    def broken(_ctx):
        raise EcardConfigError(MSG_ECARD_CONFIG, file="city_b.toml",
                               problem="line 12: [page] url is missing")
    monkeypatch.setattr(ecard, "guide_config", broken)
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: shown.append(text))
    window = main_window(qtbot, ctx, admin)
    dialog = window.cards.open_activation()
    qtbot.mouseClick(dialog.ui.ecard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == ["电子社保卡申领指南文件 city_b.toml 无效：line 12: [page] url is missing"]
    assert dialog.ui.ecard_button.isEnabled()  # staff may try again once it is corrected
