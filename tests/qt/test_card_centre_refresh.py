"""The card centre console reads only what may have changed: the visible tab on the timer,
a tab passed over by the timer when it is shown, and after a step only the tabs the step
changes. Reads are counted at the service (CardCentre), where they cost a query."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from counter_app.qt.card_centre_tab import CHANGES, Page, Step, selected_keys
from counter_app.services.card_centre import CardCentre
from tests.qt.test_card_centre import (centre_ctx, city, console, operator,  # noqa: F401
                                       site_id_of, utc_now, wait_step, widgets)

READS = {"incoming_summary": Page.INCOMING, "incoming": Page.INCOMING,
         "produced": Page.DISPATCH, "notices": Page.NOTICES, "promise": Page.PROMISE,
         "card_stocks": Page.STOCK}


@pytest.fixture
def reads(monkeypatch):
    """The service's reads so far, by the tab that shows them."""
    counted: Counter = Counter()

    def counting(name, read):
        def wrapper(self, *args, **kwargs):
            counted[READS[name]] += 1
            return read(self, *args, **kwargs)
        return wrapper

    for name in READS:
        monkeypatch.setattr(CardCentre, name, counting(name, getattr(CardCentre, name)))
    return counted


def pages_read(reads: Counter) -> set[Page]:
    """The tabs read since the last call."""
    pages = set(reads)
    reads.clear()
    return pages


def show_tab(qtbot, window, tab, *, reads_again: bool) -> None:
    if reads_again:
        with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
            window.ui.tabs.setCurrentWidget(tab)
    else:
        window.ui.tabs.setCurrentWidget(tab)
        assert not any(t.loading for t in window.tabs.values())


def test_the_timer_reads_the_visible_tab_and_a_tab_it_passed_over_is_read_when_shown(
        qtbot, console, city, reads):
    city.add("SC001", "SC001-1", received=utc_now() - dt.timedelta(days=3))
    window = console()
    assert pages_read(reads) == {Page.INCOMING, Page.DISPATCH, Page.NOTICES, Page.PROMISE,
                                 Page.STOCK}

    show_tab(qtbot, window, window.dispatch_tab, reads_again=False)  # just read: fresh
    assert pages_read(reads) == set()
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        window.refresh_timer.timeout.emit()
    assert pages_read(reads) == {Page.DISPATCH}

    show_tab(qtbot, window, window.notices_tab, reads_again=True)   # passed over: stale
    assert pages_read(reads) == {Page.NOTICES}
    show_tab(qtbot, window, window.results_tab, reads_again=False)  # reads nothing
    show_tab(qtbot, window, window.dispatch_tab, reads_again=False)  # read by the timer
    show_tab(qtbot, window, window.incoming_tab, reads_again=True)
    assert pages_read(reads) == {Page.INCOMING}
    assert widgets(window).incoming_table.model().rowCount() == 1


def test_a_step_reads_again_only_the_tabs_it_changes(qtbot, console, city, reads):
    made = city.add("SC001", "SC001-1", status="produced",
                    card={"card_number": "A12345678", "bank": "工行"})
    window = console()
    ui = widgets(window)
    pages_read(reads)
    ui.tabs.setCurrentWidget(window.dispatch_tab)
    qtbot.mouseClick(ui.dispatch_select_all_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.dispatch_button,
                                                      Qt.MouseButton.LeftButton))
    assert city.status(made) == "at_site"
    assert pages_read(reads) == CHANGES[Step.DISPATCH] == {
        Page.DISPATCH, Page.NOTICES, Page.PROMISE}

    ui.tabs.setCurrentWidget(window.notices_tab)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.send_notices_button,
                                                      Qt.MouseButton.LeftButton))
    assert city.status(made) == "notified"
    assert pages_read(reads) == CHANGES[Step.NOTICES] == {Page.NOTICES}


def test_making_a_batch_reads_incoming_and_the_promise_only(qtbot, console, city, reads,
                                                             tmp_path, monkeypatch):
    from counter_app.qt import dialogs

    waiting = city.add("SC001", "SC001-1", received=utc_now() - dt.timedelta(days=3))
    monkeypatch.setattr(dialogs, "choose_result_template", lambda parent, name: None)
    window = console()
    ui = widgets(window)
    pages_read(reads)
    qtbot.mouseClick(ui.incoming_select_all_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.make_batch_button,
                                                      Qt.MouseButton.LeftButton))
    assert city.status(waiting) == "in_production"
    assert pages_read(reads) == {Page.INCOMING, Page.PROMISE}


def test_a_top_up_reads_the_stock_tab_only(qtbot, console, city, reads, fresh_central):
    from tests.issuance_helpers import make_instant

    make_instant(fresh_central, "SC001", blanks=10, numbers="")
    window = console()
    ui = widgets(window)
    ui.tabs.setCurrentWidget(window.stock_tab)
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        ui.stock_table.selectRow(0)
    pages_read(reads)
    ui.top_up_blanks_spin.setValue(5)
    wait_step(qtbot, window, lambda: qtbot.mouseClick(ui.top_up_button,
                                                      Qt.MouseButton.LeftButton))
    assert pages_read(reads) == CHANGES[Step.TOP_UP] == {Page.STOCK}
    assert ui.stock_table.model().index(0, 2).data() == "15"
    assert selected_keys(ui.stock_table) == [city.sites["SC001"]]  # still chosen


def test_a_read_keeps_the_chosen_handling_point_and_applications_chosen(qtbot, console, city):
    first = city.add("SC001", "SC001-1", received=utc_now() - dt.timedelta(days=3))
    second = city.add("SC001", "SC001-2", received=utc_now() - dt.timedelta(days=2))
    city.add("SP002", "SP002-1", received=utc_now() - dt.timedelta(days=1))
    window = console()
    ui = widgets(window)
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        ui.incoming_sites_table.selectRow(0)
    qtbot.mouseClick(ui.incoming_select_all_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sig_refreshed, timeout=20000):
        window.refresh_timer.timeout.emit()
    assert selected_keys(ui.incoming_sites_table) == [city.sites["SC001"]]
    assert selected_keys(ui.incoming_table) == [first, second]
    assert ui.make_batch_button.isEnabled()
