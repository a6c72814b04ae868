"""The card centre console: incoming by handling point and age, a production batch from the
selection, the factory file (report per line, nothing applied when bad), sending cards to
the handling points, notices with retry, the 30-day promise; how it opens after login and
what it says when the central database cannot be reached."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from counter_app.cardcentre.sending import FileSender, SendError
from counter_app.qt import dialogs
from counter_app.qt.card_centre_window import CardCentreWindow
from counter_app.security.roles import Role
from counter_app.services.context import open_context
from tests.cardcentre_helpers import city_at
from tests.helpers import PASSWORD, add_operator
from tests.qt.qt_helpers import type_text

HEADER = "申请编号,社会保障卡号,发卡银行,制卡结果,失败原因\n"


def utc_now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@pytest.fixture
def city(tmp_path, fresh_central):
    city = city_at(fresh_central)
    yield city
    city.engine.dispose()


@pytest.fixture
def centre_ctx(settings, city, fresh_central):
    """This computer, enrolled as a device of the city's card centre."""
    from counter_app.central.admin import add_device, add_site
    from counter_app.services.enrolment import enrol

    ctx = open_context(settings)
    add_site(fresh_central, "CC01", "市社会保障卡管理中心", kind="card_centre")
    enrol(ctx, add_device(fresh_central, "CC01", "console-1").code())
    return ctx


@pytest.fixture
def operator(centre_ctx, site_id_of):
    from counter_app.services import auth

    auth.create_operator(centre_ctx, site_id=site_id_of, username="admin",
                         display_name="管理员", password=PASSWORD,
                         roles={Role.ADMINISTRATOR})
    admin = auth.login(centre_ctx, "admin", PASSWORD)
    return add_operator(centre_ctx, admin, site_id_of, "centre", {Role.CARD_CENTRE})


@pytest.fixture
def site_id_of(centre_ctx):
    from counter_app.services import auth
    return auth.ensure_site(centre_ctx, "CC01", "市社会保障卡管理中心")


class Senders:
    """The SMS sender the console uses, told to fail or to work."""

    def __init__(self, folder):
        self.fail = False
        self.file = FileSender(folder)
        self.name = "test"

    def send(self, notice):
        if self.fail:
            raise SendError("gateway answered HTTP 503")
        self.file.send(notice)

    def __call__(self):
        return {"sms": self}


@pytest.fixture
def console(qtbot, centre_ctx, operator, tmp_path, monkeypatch):
    shown = {"info": [], "error": [], "asked": []}
    answers = {"confirm": True}  # a test sets it to False to answer No
    monkeypatch.setattr(dialogs, "show_info", lambda parent, text: shown["info"].append(text))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: shown["error"].append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text: shown["asked"].append(text)
                        or answers["confirm"])
    senders = Senders(tmp_path / "sms")

    def open_console():
        window = CardCentreWindow(centre_ctx, operator, senders=senders)
        qtbot.addWidget(window)
        widgets(window).auto_send_check.setChecked(False)
        window.shown, window.senders, window.answers = shown, senders, answers
        with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
            window.show()
        return window

    windows = []
    yield lambda: windows.append(open_console()) or windows[-1]
    for window in windows:
        window.shutdown()


def widgets(window):
    """The console's widgets by name: the window's own, each tab and what is on it."""
    named = dict(vars(window.ui))
    for page, tab in window.tabs.items():
        named.update(vars(tab.ui), **{f"{page}_tab": tab})
    return SimpleNamespace(**named)


def texts(view, column):
    return [cell(view, row, column) for row in range(rows(view))]


def cell(view, row, column):
    return view.model().index(row, column).data()


def tip(view, row, column):
    return view.model().index(row, column).data(Qt.ItemDataRole.ToolTipRole)


def rows(view):
    return view.model().rowCount()


def heading(view, column):
    return view.model().headerData(column, Qt.Orientation.Horizontal)


def wait_step(qtbot, window, click):
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        with qtbot.waitSignal(window.sig_step_done, timeout=20000):
            click()


def test_incoming_by_handling_point_and_age_and_a_batch_from_the_selection(
        qtbot, console, city, tmp_path, monkeypatch):
    now = utc_now()
    first = city.add("SC001", "SC001-1", received=now - dt.timedelta(days=31), name="王䶮")
    second = city.add("SC001", "SC001-2", received=now - dt.timedelta(days=2))
    other = city.add("SP002", "SP002-1", received=now - dt.timedelta(days=9), name="张𠮷")
    window = console()
    ui = widgets(window)
    assert "every handling point" in ui.connection_label.text()
    assert heading(ui.incoming_sites_table, 5) == "30+ days"
    assert texts(ui.incoming_sites_table, 0) == ["朝阳区社会保障服务中心",
                                                  "三里屯街道社区服务站"]
    assert tip(ui.incoming_sites_table, 0, 0) == "朝阳区社会保障服务中心\nHandling point code: SC001"
    assert [texts(ui.incoming_sites_table, c) for c in (1, 2, 5, 7)] == [
        ["1", "0"], ["0", "1"], ["1", "0"], ["2", "1"]]
    assert texts(ui.incoming_table, 0) == ["SC001-1", "SP002-1", "SC001-2"]  # oldest first
    assert texts(ui.incoming_table, 1) == ["朝阳区社会保障服务中心", "三里屯街道社区服务站",
                                           "朝阳区社会保障服务中心"]
    assert tip(ui.incoming_table, 1, 1).endswith("\nHandling point code: SP002")
    assert texts(ui.incoming_table, 3) == ["王䶮", "张𠮷", "王䶮"]
    assert not ui.make_batch_button.isEnabled()

    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):   # one handling point
        ui.incoming_sites_table.selectRow(0)
    assert texts(ui.incoming_table, 0) == ["SC001-1", "SC001-2"]
    template = tmp_path / "batch.csv"
    monkeypatch.setattr(dialogs, "choose_result_template", lambda parent, name: template)
    qtbot.mouseClick(ui.incoming_select_all_button, Qt.MouseButton.LeftButton)
    assert ui.make_batch_button.isEnabled()
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.make_batch_button,
                                                      Qt.MouseButton.LeftButton))
    assert (city.status(first), city.status(second), city.status(other)) == (
        "in_production", "in_production", "submitted")
    assert window.shown["asked"][0].startswith(
        "Make a production batch of 2 applications from 朝阳区社会保障服务中心?")
    assert "2 applications are now in production" in window.shown["info"][0]
    assert template.read_text(encoding="utf-8").count("SC001-") == 2
    assert texts(ui.incoming_table, 0) == []
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):   # every handling point
        qtbot.mouseClick(ui.incoming_all_button, Qt.MouseButton.LeftButton)
    assert texts(ui.incoming_table, 0) == ["SP002-1"]


def batches(city):
    from sqlalchemy import func, select

    from counter_app.central.schema import production_batches

    with city.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(production_batches))


def test_a_production_batch_is_made_only_when_staff_say_yes(qtbot, console, city, monkeypatch):
    now = utc_now()
    chosen = [city.add("SC001", "SC001-1", received=now - dt.timedelta(days=3)),
              city.add("SC001", "SC001-2", received=now - dt.timedelta(days=2)),
              city.add("SP002", "SP002-1", received=now - dt.timedelta(days=1))]
    monkeypatch.setattr(dialogs, "choose_result_template", lambda parent, name: None)
    window = console()
    ui = widgets(window)
    qtbot.mouseClick(ui.incoming_select_all_button, Qt.MouseButton.LeftButton)

    window.answers["confirm"] = False   # No (the default button): nothing is made
    qtbot.mouseClick(ui.make_batch_button, Qt.MouseButton.LeftButton)
    assert window.shown["asked"] == [
        "Make a production batch of 3 applications from 2 handling points?\n\n"
        "朝阳区社会保障服务中心: 2\n三里屯街道社区服务站: 1\n\n"
        "The applications go to the card factory; a batch cannot be taken back."]
    assert batches(city) == 0
    assert [city.status(key) for key in chosen] == ["submitted"] * 3
    assert ui.make_batch_button.isEnabled() and rows(ui.incoming_table) == 3

    window.answers["confirm"] = True    # Yes: the batch is made of what was asked about
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.make_batch_button,
                                                      Qt.MouseButton.LeftButton))
    assert len(window.shown["asked"]) == 2
    assert batches(city) == 1
    assert [city.status(key) for key in chosen] == ["in_production"] * 3


def test_a_bad_factory_file_is_reported_per_line_and_nothing_is_applied(
        qtbot, console, city, tmp_path, monkeypatch):
    made = city.add("SC001", "SC001-1", status="in_production")
    city.add("SC001", "SC001-2", status="withdrawn")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "SC001-1,A12345678,工行,成功,\nSC001-1,A12345679,工行,成功,\n"
                            "SC001-2,A12345670,工行,成功,\nSC404-1,A12345671,工行,成功,\n",
                   encoding="utf-8")
    window = console()
    ui = widgets(window)
    ui.tabs.setCurrentWidget(ui.results_tab)
    monkeypatch.setattr(dialogs, "choose_result_file", lambda parent: bad)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.import_button,
                                                      Qt.MouseButton.LeftButton))
    assert texts(ui.problems_table, 0) == ["3", "4", "5"]
    assert texts(ui.problems_table, 1) == [
        "Application SC001-1 is also on line 2.",
        "Application SC001-2 was withdrawn; no card is to be made for it.",
        "No application has the number SC404-1."]
    assert ui.import_summary_label.text().startswith("Nothing was applied: 3 of 4 lines")
    assert city.status(made) == "in_production"

    good = tmp_path / "good.csv"
    good.write_text(HEADER + "SC001-1,A12345678,工行,成功,\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_result_file", lambda parent: good)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.import_button,
                                                      Qt.MouseButton.LeftButton))
    assert rows(ui.problems_table) == 0
    assert ui.import_summary_label.text() == "Applied: 1 lines, 1 cards produced, 0 failed."
    assert city.status(made) == "produced"
    assert texts(ui.produced_table, 3) == ["A12345678"]  # ready to be sent


def test_an_unreadable_factory_file_says_so(qtbot, console, tmp_path, monkeypatch):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02")
    window = console()
    monkeypatch.setattr(dialogs, "choose_result_file", lambda parent: junk)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(widgets(window).import_button,
                                                      Qt.MouseButton.LeftButton))
    assert "not a readable spreadsheet" in widgets(window).import_summary_label.text()


def test_a_card_marked_by_hand(qtbot, console, city):
    made = city.add("SC001", "SC001-1", status="in_production")
    window = console()
    ui = widgets(window)
    ui.tabs.setCurrentWidget(ui.results_tab)
    for edit, text in ((ui.mark_number_edit, "SC001-1"), (ui.mark_card_edit, "A1"),
                       (ui.mark_bank_edit, "ABC")):
        type_text(qtbot, edit, text)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.mark_produced_button,
                                                      Qt.MouseButton.LeftButton))
    assert "6 to 30 letters" in window.shown["error"][0]
    assert city.status(made) == "in_production"
    ui.mark_card_edit.clear()
    type_text(qtbot, ui.mark_card_edit, "A12345678")
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.mark_produced_button,
                                                      Qt.MouseButton.LeftButton))
    assert city.status(made) == "produced" and ui.mark_number_edit.text() == ""


def test_cards_sent_to_their_handling_points_and_the_notices(qtbot, console, city):
    made = city.add("SC001", "SC001-1", status="produced",
                    card={"card_number": "A12345678", "bank": "工行"})
    city.add("SP002", "SP002-1", status="in_production")   # not made yet: not listed
    window = console()
    ui = widgets(window)
    ui.tabs.setCurrentWidget(ui.dispatch_tab)
    assert texts(ui.produced_table, 0) == ["SC001-1"]
    assert texts(ui.produced_table, 1) == ["朝阳区社会保障服务中心"]
    assert tip(ui.produced_table, 0, 1).endswith("\nHandling point code: SC001")
    qtbot.mouseClick(ui.dispatch_select_all_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.dispatch_button,
                                                      Qt.MouseButton.LeftButton))
    assert city.status(made) == "at_site" and rows(ui.produced_table) == 0
    ui.tabs.setCurrentWidget(ui.notices_tab)
    assert sorted(texts(ui.notices_table, 2)) == ["Letter", "SMS"]
    assert texts(ui.notices_table, 1) == ["朝阳区社会保障服务中心"] * 2
    assert tip(ui.notices_table, 0, 1).endswith("\nHandling point code: SC001")

    window.senders.fail = True   # the gateway is down: the attempt fails, to be retried
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.send_notices_button,
                                                      Qt.MouseButton.LeftButton))
    row = texts(ui.notices_table, 2).index("SMS")
    assert cell(ui.notices_table, row, 4) == "1"
    assert cell(ui.notices_table, row, 6) == "gateway answered HTTP 503"
    assert city.status(made) == "at_site"

    window.senders.fail = False  # staff retry it at once
    ui.notices_table.selectRow(row)
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.retry_button,
                                                          Qt.MouseButton.LeftButton))
    qtbot.waitUntil(lambda: city.status(made) == "notified", timeout=20000)
    qtbot.waitUntil(lambda: texts(ui.notices_table, 2) == ["Letter"], timeout=20000)


def test_the_promise_tab_counts_overdue_and_due_soon_per_handling_point(qtbot, console, city):
    today = dt.date.today()
    city.add("SC001", "SC001-1", due=today - dt.timedelta(days=4), name="王䶮")
    city.add("SC001", "SC001-2", due=today - dt.timedelta(days=1))
    city.add("SP002", "SP002-1", due=today - dt.timedelta(days=2))
    city.add("SP002", "SP002-2", due=today + dt.timedelta(days=3))
    window = console()
    ui = widgets(window)
    ui.tabs.setCurrentWidget(ui.promise_tab)
    assert ui.promise_summary_label.text() == f"3 overdue on {today.isoformat()}"
    assert texts(ui.promise_sites_table, 0) == ["朝阳区社会保障服务中心", "三里屯街道社区服务站"]
    assert tip(ui.promise_sites_table, 1, 0).endswith("\nHandling point code: SP002")
    assert texts(ui.promise_sites_table, 1) == ["2", "1"]
    assert texts(ui.promise_table, 1)[1] == "三里屯街道社区服务站"
    assert texts(ui.promise_table, 0) == ["SC001-1", "SP002-1", "SC001-2"]
    assert texts(ui.promise_table, 6) == ["4", "2", "1"]
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        ui.promise_sites_table.selectRow(1)
    assert texts(ui.promise_table, 0) == ["SP002-1"]
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        qtbot.mouseClick(ui.promise_all_button, Qt.MouseButton.LeftButton)
    assert rows(ui.promise_table) == 3
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        ui.due_soon_radio.setChecked(True)
    assert texts(ui.promise_table, 0) == ["SP002-2"]
    assert ui.promise_summary_label.text().startswith("1 due within 5 days")


def test_flagged_counters_are_counted_on_their_tab_and_listed(qtbot, console, fresh_central):
    import json

    import psycopg

    from tests.sync_helpers import enrolled_device

    counter = enrolled_device(fresh_central, "SC001", "窗口 3")
    with psycopg.connect(counter.url, autocommit=True) as conn:  # its record 1 never came
        conn.execute("SELECT central_audit_push(%s::jsonb)", (json.dumps({
            "ranges": [[1, 2]], "records": [{"seq": 2, "at": "2026-12-07T09:00:00",
                                             "action": "login", "entity": "operator",
                                             "entity_id": "x"}],
            "head": "0" * 64}),))
    window = console()
    ui = widgets(window)
    assert ui.tabs.tabText(ui.tabs.indexOf(ui.audit_tab)) == "Flagged &counters (1)"
    assert sorted(zip(texts(ui.flags_table, 0), texts(ui.flags_table, 1),
                      texts(ui.flags_table, 2), texts(ui.flags_table, 4))) == [
        ("朝阳区社会保障服务中心", "窗口 3", "Chain rewritten",
         "the counter's audit chain at record 2 differs from the central side's"),
        ("朝阳区社会保障服务中心", "窗口 3", "Records missing", "audit records 1 are missing")]
    assert tip(ui.flags_table, 0, 0) == "朝阳区社会保障服务中心\nHandling point code: SC001"
    assert ui.flags_count_label.text() == "Flagged counters: 1"


def test_an_unreachable_central_database_is_said_in_words_and_can_be_tried_again(
        qtbot, chinese, settings, monkeypatch):
    from counter_app.central import credentials
    from counter_app.services import auth

    ctx = open_context(settings)
    credentials.save(ctx.files, credentials.Enrolment(  # enrolled, server gone
        url="postgresql://centre@127.0.0.1:1/x", device_id=str(uuid.uuid4()),
        site_code="CC01", site_id=str(uuid.uuid4())))
    site = auth.ensure_site(ctx, "CC01", "卡中心")
    auth.create_operator(ctx, site_id=site, username="centre", display_name="卡中心",
                         password=PASSWORD, roles={Role.CARD_CENTRE})
    operator = auth.login(ctx, "centre", PASSWORD)
    window = CardCentreWindow(ctx, operator)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        window.show()
    assert window.ui.connection_label.text().startswith("无法连接中心数据库")
    assert window.windowTitle() == "社会保障卡管理中心"
    # Qt adds the program's name after a title (X11, Windows) unless the title ends with it
    assert QApplication.applicationDisplayName() == "社会保障卡管理中心"
    assert window.ui.reconnect_button.isVisible() and not window.ui.tabs.isEnabled()
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        qtbot.mouseClick(window.ui.reconnect_button, Qt.MouseButton.LeftButton)
    assert window.ui.reconnect_button.isVisible()
    window.shutdown()
    assert QApplication.applicationDisplayName() == "社保卡受理"  # given back


def test_a_card_centre_operator_gets_the_console_after_login(qtbot, centre_ctx, operator):
    from counter_app.qt.app import Launcher

    launcher = Launcher(centre_ctx.settings)
    dialog = launcher.first_window()
    qtbot.addWidget(dialog)
    dialog.show()
    launcher.open_database()
    qtbot.waitUntil(lambda: dialog.ctx is not None, timeout=20000)
    type_text(qtbot, dialog.ui.username_edit, "centre")
    type_text(qtbot, dialog.ui.password_edit, PASSWORD)
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: launcher.main_window is not None, timeout=20000)
    qtbot.addWidget(launcher.main_window)
    assert isinstance(launcher.main_window, CardCentreWindow)
    launcher.shutdown()


def test_the_title_is_the_windows_own_name(console):
    program = QApplication.applicationDisplayName()
    window = console()
    assert window.windowTitle() == "Card Centre"
    assert QApplication.applicationDisplayName() == "Card Centre"  # so no "— Counter" after it
    window.shutdown()
    assert QApplication.applicationDisplayName() == program


@pytest.mark.parametrize("code", ["en", "zh_CN"])
def test_each_tab_has_its_own_alt_keys(console, language, code):
    """Alt+letter reaches the tab bar, the menu bar and the visible tab's widgets at once:
    on every tab each letter must mean one thing."""
    language(code)
    window = console()
    ui = window.ui
    window_wide = [ui.tabs.tabText(i) for i in range(ui.tabs.count())]
    window_wide += [action.text() for action in ui.menu_bar.actions()]
    window_wide.append(ui.reconnect_button.text())
    for page, tab in window.tabs.items():
        on_tab = [button.text() for button in tab.findChildren(QAbstractButton)]
        on_tab += [label.text() for label in tab.findChildren(QLabel) if label.buddy()]
        keys = Counter(key for key in map(alt_key, window_wide + on_tab) if key)
        assert [key for key, uses in keys.items() if uses > 1] == [], page


def alt_key(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def test_a_handling_point_without_a_name_is_shown_by_its_code():
    from counter_app.qt.card_centre_tab import site_name, site_tip

    assert site_name("SC001", "朝阳区社会保障服务中心") == "朝阳区社会保障服务中心"
    assert site_name("SC009", "") == "SC009"  # a flag's code the sites read did not list
    assert site_tip("SC009", "") == "Handling point code: SC009"  # said once, not twice


def stock_of(city, code):
    """The site's stock and blocks as the central database has them (its administrator)."""
    from counter_app.central.card_blocks import site_stocks

    with city.engine.connect() as connection:
        return site_stocks(connection, city.sites[code])[0]


def test_the_stock_tab_shows_each_sites_blanks_and_numbers_and_tops_one_up(
        qtbot, console, city, fresh_central):
    from counter_app.central.schema import card_numbers
    from tests.issuance_helpers import make_instant

    make_instant(fresh_central, "SC001", blanks=50, numbers="A00000001-A00000100")
    with city.engine.begin() as connection:  # one blank a counter spoiled
        connection.execute(card_numbers.insert().values(
            site_id=city.sites["SC001"], card_number="A00000001", reservation_id=uuid.uuid4(),
            device_id=uuid.uuid4(), application_id=uuid.uuid4(), outcome="spoiled",
            reason="chip did not answer", used_at=utc_now()))
    window = console()
    ui = widgets(window)
    ui.tabs.setCurrentWidget(ui.stock_tab)
    assert ui.tabs.tabText(ui.tabs.indexOf(ui.stock_tab)) == "Stock (instant iss&uance)"
    assert texts(ui.stock_table, 0) == ["朝阳区社会保障服务中心"]  # only the instant site
    assert tip(ui.stock_table, 0, 0) == "朝阳区社会保障服务中心\nHandling point code: SC001"
    assert [cell(ui.stock_table, 0, c) for c in range(7)][1:] == [
        "On", "50", "0", "1", "49", "100"]
    assert not ui.top_up_group.isEnabled() and rows(ui.blocks_table) == 0

    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        ui.stock_table.selectRow(0)
    assert ui.top_up_group.isEnabled()
    assert texts(ui.blocks_table, 0) == ["A00000001-A00000100"]
    assert texts(ui.blocks_table, 4) == ["中国工商银行"]
    assert [cell(ui.used_table, 0, c) for c in (0, 1, 4)] == [
        "A00000001", "Spoiled", "chip did not answer"]

    # a range that is none is said in words, before anything is asked or sent
    ui.top_up_blanks_spin.setValue(20)
    type_text(qtbot, ui.top_up_numbers_edit, "A00000200-B5")
    qtbot.mouseClick(ui.top_up_button, Qt.MouseButton.LeftButton)
    assert window.shown["error"][-1].startswith("A block of card numbers is written FIRST-LAST")
    assert window.shown["asked"] == []

    # No: nothing is given
    ui.top_up_numbers_edit.clear()
    type_text(qtbot, ui.top_up_numbers_edit, "A00000101-A00000200")
    window.answers["confirm"] = False
    qtbot.mouseClick(ui.top_up_button, Qt.MouseButton.LeftButton)
    assert window.shown["asked"] == [
        "Give 朝阳区社会保障服务中心 20 blank cards and the card numbers "
        "A00000101-A00000200 (100 numbers)?"]
    stock = stock_of(city, "SC001")
    assert (stock.stock.received, len(stock.blocks)) == (50, 1)

    # Yes: given centrally, and the tab shows it
    window.answers["confirm"] = True
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.top_up_button,
                                                      Qt.MouseButton.LeftButton))
    assert window.shown["error"] == [window.shown["error"][0]]  # no other error
    stock = stock_of(city, "SC001")
    assert (stock.stock.received, [b.numbers.text for b in stock.blocks]) == (
        70, ["A00000001-A00000100", "A00000101-A00000200"])
    assert [cell(ui.stock_table, 0, c) for c in (2, 5, 6)] == ["70", "69", "200"]
    assert texts(ui.blocks_table, 0) == ["A00000001-A00000100", "A00000101-A00000200"]
    assert ui.top_up_blanks_spin.value() == 0 and ui.top_up_numbers_edit.text() == ""

    # blanks only; the central side's refusal (an overlapping block) said in words
    ui.top_up_blanks_spin.setValue(5)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.top_up_button,
                                                      Qt.MouseButton.LeftButton))
    assert window.shown["asked"][-1] == "Give 朝阳区社会保障服务中心 5 blank cards?"
    assert stock_of(city, "SC001").stock.received == 75
    type_text(qtbot, ui.top_up_numbers_edit, "A00000150-A00000160")
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.top_up_button,
                                                      Qt.MouseButton.LeftButton))
    assert "blocks never overlap" in window.shown["error"][-1]
    assert len(stock_of(city, "SC001").blocks) == 2
