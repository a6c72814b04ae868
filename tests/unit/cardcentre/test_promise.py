"""What waits at the card centre by handling point and age, and the 30-day promise lists
(overdue, due within 5 days) for the whole city and for one handling point. The clock is
passed in."""

import datetime as dt

import pytest

from counter_app.cardcentre.incoming import AgeBand, age_bands
from counter_app.services.card_centre import Kind
from tests.cardcentre_helpers import NOW, TODAY, city_at


@pytest.fixture
def city(tmp_path, fresh_central):
    city = city_at(fresh_central)
    yield city
    city.engine.dispose()


def days_ago(days, hours=0):
    return NOW - dt.timedelta(days=days, hours=hours)


def test_age_bands_are_weeks_up_to_the_promise():
    assert age_bands(30) == (AgeBand(0, 7), AgeBand(7, 14), AgeBand(14, 21), AgeBand(21, 30),
                             AgeBand(30, None))
    assert [b.label for b in age_bands(10)] == ["0-6", "7-9", "10+"]


def test_incoming_by_handling_point_and_age(city):
    city.add("SC001", "SC001-1", received=days_ago(0, 2))
    city.add("SC001", "SC001-2", received=days_ago(6, 23))     # still the first week
    city.add("SC001", "SC001-3", received=days_ago(7))         # the second week
    city.add("SC001", "SC001-4", received=days_ago(31))        # past the promise
    city.add("SC001", "SC001-5", received=days_ago(3), status="production_failed")
    city.add("SC001", "SC001-6", received=days_ago(3), status="in_production")  # not waiting
    city.add("SP002", "SP002-1", received=days_ago(15))
    centre = city.centre()
    summary = {s.site.code: s for s in centre.incoming_summary(NOW)}
    assert summary["SC001"].by_age == (2, 1, 0, 0, 1) and summary["SC001"].failed == 1
    assert summary["SC001"].total == 5
    assert summary["SP002"].by_age == (0, 0, 1, 0, 0)
    assert summary["SP002"].site.name == "三里屯街道社区服务站"
    every = centre.incoming(now=NOW)
    assert [a.number for a in every] == ["SC001-4", "SP002-1", "SC001-3", "SC001-2",
                                         "SC001-5", "SC001-1"]   # oldest first
    assert [a.age_days for a in every] == [31, 15, 7, 6, 3, 0]
    assert every[0].name == "王䶮" and every[4].status == "production_failed"
    one_site = centre.incoming(city.sites["SP002"], NOW)
    assert [a.number for a in one_site] == ["SP002-1"]
    assert [a.number for a in centre.incoming(now=NOW, min_age_days=14)] == [
        "SC001-4", "SP002-1"]


def test_overdue_and_due_soon_for_the_city_and_for_one_handling_point(city):
    due = TODAY
    city.add("SC001", "SC001-1", due=due - dt.timedelta(days=3))        # overdue by 3
    city.add("SC001", "SC001-2", due=due - dt.timedelta(days=1), status="produced")
    city.add("SP002", "SP002-1", due=due - dt.timedelta(days=10), status="production_failed")
    city.add("SC001", "SC001-3", due=due)                               # due today: soon
    city.add("SP002", "SP002-2", due=due + dt.timedelta(days=5))        # the 5th day: soon
    city.add("SP002", "SP002-3", due=due + dt.timedelta(days=6))        # not yet
    # no longer open: a card at the handling point, collected, withdrawn
    city.add("SC001", "SC001-7", due=due - dt.timedelta(days=9), status="at_site")
    city.add("SC001", "SC001-8", due=due - dt.timedelta(days=9), status="collected")
    city.add("SC001", "SC001-9", due=due - dt.timedelta(days=9), status="withdrawn")
    centre = city.centre()
    overdue = centre.promise(Kind.OVERDUE, TODAY)
    assert [(r.number, r.days) for r in overdue.rows] == [
        ("SP002-1", 10), ("SC001-1", 3), ("SC001-2", 1)]   # the longest overdue first
    assert [(c.site.code, c.count) for c in overdue.counts] == [("SC001", 2), ("SP002", 1)]
    assert overdue.total == 3 and overdue.rows[0].name == "王䶮"
    soon = centre.promise(Kind.DUE_SOON, TODAY)
    assert [(r.number, r.days) for r in soon.rows] == [("SC001-3", 0), ("SP002-2", 5)]
    assert [(c.site.code, c.count) for c in soon.counts] == [("SC001", 1), ("SP002", 1)]
    one = centre.promise(Kind.OVERDUE, TODAY, site_id=city.sites["SP002"])
    assert [r.number for r in one.rows] == ["SP002-1"] and one.total == 1
    # a week later the clock moves everything on
    later = centre.promise(Kind.OVERDUE, TODAY + dt.timedelta(days=7))
    assert later.total == 6


def test_the_list_is_a_page_but_the_counts_are_whole(city):
    for n in range(30):
        city.add("SC001", f"SC001-{n:02d}", due=TODAY - dt.timedelta(days=1 + n % 4))
    page = city.centre().promise(Kind.OVERDUE, TODAY, limit=10)
    assert len(page.rows) == 10 and page.total == 30
    assert all(r.days == 4 for r in page.rows[:7])
