"""The 30-day promise on the real PostgreSQL: the overdue list of a city with 1,000,000 open
applications at most 200 ms (issue 7), read as the card centre reads it (its enrolled
device login, under row-level security): the counts per handling point and the first page
of the list, most overdue first.

The city: 200 handling points, 1,000,000 open applications received over the last 40
days (so a quarter are past their 30 days), and 100,000 already collected that the
partial index leaves out. They are bulk-loaded with COPY as the superuser into a fresh
database (the load takes a while; it is not what is measured).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import statistics
import time
import uuid

import psycopg
import pytest

from counter_app.cardcentre import promise
from counter_app.cardcentre.promise import Kind
from counter_app.central import admin
from counter_app.domain.cards import CardRules
from counter_app.services import card_centre
from tests.benchmarks.budget import within_budget

pytestmark = pytest.mark.postgres

OPEN_COUNT, CLOSED_COUNT, SITES = 1_000_000, 100_000, 200
TODAY = dt.date(2026, 11, 22)
OPEN_STATUSES = ["submitted"] * 10 + ["in_production"] * 7 + ["produced"] * 2 + [
    "production_failed"]


def load_city(url: str) -> tuple[list[uuid.UUID], float]:
    """Sites and applications straight into the tables (COPY); the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(7)
    sites = [uuid.uuid4() for _ in range(SITES)]
    now = dt.datetime(2026, 11, 22, 8, 0)
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.cursor() as cursor, cursor.copy(
                "COPY central_sites (id, code, name, kind, role_name, created_at) "
                "FROM STDIN") as copy:
            for n, site in enumerate(sites):
                copy.write_row((site, f"S{n:03d}", f"网点 {n}", "street_point", "", now))
        names = [json.dumps({"applicant": {"name": name, "phone": "13800138000"}},
                            ensure_ascii=False).replace("\\", "\\\\")
                 for name in ("王䶮", "张𠮷", "李敏", "欧阳娜娜", "赵云")]
        columns = ("site_id, id, number, business_type, status, id_number, payload, "
                   "received_at, updated_at, due_date")
        with conn.cursor() as cursor, cursor.copy(
                f"COPY central_applications ({columns}) FROM STDIN") as copy:
            buffer = io.StringIO()
            for n in range(OPEN_COUNT + CLOSED_COUNT):
                site = sites[n % SITES]
                received = now - dt.timedelta(seconds=rng.randrange(40 * 86400))
                status = (OPEN_STATUSES[n % len(OPEN_STATUSES)] if n < OPEN_COUNT
                          else "collected")
                due = received.date() + dt.timedelta(days=30)
                buffer.write(f"{site}\t{uuid.uuid4()}\tS{n % SITES:03d}-{n:08d}\tnewborn\t"
                             f"{status}\t110105202403150038\t{names[n % 5]}\t{received}\t"
                             f"{received}\t{due}\n")
                if n % 50_000 == 49_999:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        conn.execute("VACUUM ANALYZE central_applications")
        conn.execute("ANALYZE central_sites")
    return sites, time.perf_counter() - started


@pytest.fixture(scope="module")
def city():
    from tests.pg_helpers import create_database, drop_database

    url = create_database()
    try:
        admin.init_central(url)
        sites, seconds = load_city(url)
        print(f"\nloaded {OPEN_COUNT + CLOSED_COUNT:,} applications in {seconds:.1f} s")
        admin.add_site(url, "CC01", "市社会保障卡管理中心", kind="card_centre")
        device = admin.add_device(url, "CC01", "card centre 1")
        yield url, sites, device
    finally:
        drop_database(url)


def timed(fn, rounds: int = 15) -> tuple[float, object]:
    fn()  # warm: the connection, the plan, the cache
    times, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def test_overdue_list_for_a_city_of_a_million_open_applications(city):
    url, sites, device = city
    centre = card_centre.open_card_centre(device.url, "卡中心")
    try:
        overdue_ms, overdue = timed(lambda: centre.promise(Kind.OVERDUE, TODAY))
        soon_ms, soon = timed(lambda: centre.promise(Kind.DUE_SOON, TODAY))
        site_ms, one_site = timed(lambda: centre.promise(Kind.OVERDUE, TODAY,
                                                         site_id=sites[17]))
        with centre.engine.connect() as connection:
            statement = promise.count_statement(Kind.OVERDUE, TODAY, CardRules())
            compiled = statement.compile(dialect=centre.engine.dialect)
            plan = "\n".join(row[0] for row in connection.exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS) " + str(compiled), compiled.params))
    finally:
        centre.close()
    print(f"\noverdue {overdue.total:,} across {len(overdue.counts)} sites: "
          f"{overdue_ms:.1f} ms; due soon {soon.total:,}: {soon_ms:.1f} ms; "
          f"one site's overdue ({one_site.total:,}): {site_ms:.1f} ms")
    print(plan)
    assert 200_000 < overdue.total < 300_000 and len(overdue.counts) == SITES
    assert len(overdue.rows) == 200 and overdue.rows[0].days >= overdue.rows[-1].days
    assert "ix_central_applications_open_due" in plan
    within_budget(overdue_ms, 200, "overdue list, 1,000,000 open applications ms (median)")
    within_budget(soon_ms, 200, "due-soon list, 1,000,000 open applications ms (median)")
    within_budget(site_ms, 200, "one handling point's overdue list ms (median)")
