"""Inquiry by ID number against 1,000,000 applications and 1,000,000 invalid-list entries:
median at most 5 ms on the counter's own store (SQLite) and at most 20 ms against the
central PostgreSQL (issue 7, "Show").

Each store is bulk-loaded once per module (about 20 s each on 2 cores): locally with
executemany in one transaction, centrally with COPY by an administrator (the per-row
triggers of change tracking and the card-status guard off: reference data, not counters'
work), then ANALYZE. Secondary indexes are dropped for the load and made again after it
(`CREATE INDEX` sorts once instead of inserting a million times); the ones the inquiry
needs are the schema's own, re-created from their definitions. A card
record comes with every fourth application. The inquiries are the real path: the service
with its ID-number check, the local query and the settling of the invalid list; centrally
an enrolled counter's own login through the SECURITY DEFINER function (row-level
security in force). Load times are printed.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sqlite3
import statistics
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from counter_app.central import admin as central_admin
from counter_app.central.inquiry import central_inquiry
from counter_app.config import Settings
from counter_app.domain.inquiry import NumberKind
from counter_app.security.roles import Role
from counter_app.services import auth, enrolment, inquiry
from counter_app.services.context import AppContext, open_context
from tests.benchmarks.budget import within_budget
from tests.helpers import PASSWORD
from tests.pg_helpers import create_database, drop_database

APPLICATIONS = 1_000_000
INVALID = 1_000_000
CARD_EVERY = 4            # a card record for every fourth application
SITES = 50                # central: applications spread over this many sites
QUERIES = 300
NOW = dt.datetime(2026, 11, 22, 2, 0)
REGION = "110105"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
DAYS = 30_000             # birth dates from 1940 on; with 34 sequence numbers a day: 1M
FIRST_BIRTH = dt.date(1940, 1, 1)
BUSINESS = ("newborn", "later", "replacement", "renewal")
STATUSES = ("submitted", "in_production", "produced", "at_site", "collected", "activated")


# --- test data ---------------------------------------------------------------------------

def _partial(digits: str, offset: int) -> int:
    return sum(int(d) * WEIGHTS[offset + i] for i, d in enumerate(digits))


_DATES = [(FIRST_BIRTH + dt.timedelta(days=d)).strftime("%Y%m%d") for d in range(DAYS)]
_DATE_SUMS = [_partial(d, 6) for d in _DATES]
_REGION_SUM = _partial(REGION, 0)


def id_number(index: int) -> str:
    """The index-th of a million distinct, valid resident ID numbers (checked by the
    service like any other)."""
    day, seq = index % DAYS, index // DAYS
    seq_text = f"{seq:03d}"
    total = _REGION_SUM + _DATE_SUMS[day] + _partial(seq_text, 14)
    return f"{REGION}{_DATES[day]}{seq_text}{CHECK[total % 11]}"


# The invalid list: every fifth entry a temporary loss report (7 days), listed over the
# last 400 days; times as text once, not a million times.
_LISTED = [NOW - dt.timedelta(days=d) for d in range(400)]
_LISTED_TEXT = [f"{t:%Y-%m-%d %H:%M:%S}" for t in _LISTED]
_EXPIRES_TEXT = [f"{t + dt.timedelta(days=7):%Y-%m-%d %H:%M:%S}" for t in _LISTED]
_ENTRY_IDS = 1 << 127  # invalid-list ids: sequential, apart from the applications'


def card_number(index: int) -> str:
    return f"A{index:08d}"


def sample(count: int, seed: int = 7) -> list[int]:
    return random.Random(seed).sample(range(APPLICATIONS), count)


def median_ms(action, arguments: list) -> float:
    times = []
    for argument in arguments:
        began = time.perf_counter()
        action(argument)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


# --- the counter's own store --------------------------------------------------------------

@pytest.fixture(scope="module")
def local_counter(tmp_path_factory) -> AppContext:
    root = tmp_path_factory.mktemp("inquiry_local")
    ctx = open_context(Settings(data_dir=root / "data", config_dir=root / "config"))
    site_id = auth.ensure_site(ctx, "SC001", "示范社保服务中心")
    operator_id = auth.create_operator(ctx, site_id=site_id, username="admin",
                                       display_name="管理员", password=PASSWORD,
                                       roles={Role.ADMINISTRATOR})
    began = time.perf_counter()
    _load_local(Path(ctx.settings.data_dir / "counter.sqlite3"), site_id, operator_id)
    seconds = time.perf_counter() - began
    print(f"\nlocal load: {APPLICATIONS:,} applications, {APPLICATIONS // CARD_EVERY:,} card "
          f"records, {INVALID:,} invalid-list entries in {seconds:.1f} s")
    return ctx


def _load_local(path: Path, site_id: uuid.UUID, operator_id: uuid.UUID) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-800000")
    secondary = {}
    for table in ("applications", "card_records", "invalid_list"):
        for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' "
                                    "AND tbl_name=? AND sql IS NOT NULL", (table,)):
            secondary[name] = sql
    for name in secondary:
        db.execute(f"DROP INDEX {name}")
    columns, filler = _application_columns(db)
    placeholders = ", ".join("?" * len(columns))
    created = "2026-10-01 08:00:00.000000"
    site, operator = site_id.hex, operator_id.hex
    position = {name: i for i, name in enumerate(columns)}
    rng = random.Random(3)

    def applications():
        row = list(filler)
        for index in range(APPLICATIONS):
            row[position["id"]] = f"{index:032x}"
            row[position["number"]] = f"SC001-20261001-{index:07d}"
            row[position["site_id"]] = site
            row[position["operator_id"]] = operator
            row[position["business_type"]] = BUSINESS[index % 4]
            row[position["status"]] = STATUSES[index % 6]
            row[position["created_at"]] = created
            row[position["updated_at"]] = created
            row[position["id_number"]] = id_number(index)
            yield tuple(row)

    def cards():
        for index in range(0, APPLICATIONS, CARD_EVERY):
            yield (f"{index:032x}", card_number(index), "工商银行", STATUSES[index % 6], "",
                   created, "2026-10-31")

    def invalid():
        for index in range(INVALID):
            person = rng.randrange(APPLICATIONS) if index % 2 else index
            temporary = index % 5 == 0
            yield (f"{_ENTRY_IDS | index:032x}", card_number(person + 7), id_number(person),
                   "temporary_loss" if temporary else "damage",
                   "city" if temporary else "province", _LISTED_TEXT[index % 400] + ".000000",
                   _EXPIRES_TEXT[index % 400] + ".000000" if temporary else None)

    db.execute("BEGIN")
    db.executemany(f"INSERT INTO applications ({', '.join(columns)}) VALUES ({placeholders})",
                   applications())
    db.executemany("INSERT INTO card_records (application_id, card_number, bank, status, "
                   "reason, updated_at, due_date) VALUES (?, ?, ?, ?, ?, ?, ?)", cards())
    db.executemany("INSERT INTO invalid_list (id, card_number, id_number, reason, level, "
                   "listed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", invalid())
    for sql in secondary.values():
        db.execute(sql)
    db.execute("COMMIT")
    db.execute("ANALYZE")
    db.close()


def _application_columns(db) -> tuple[list[str], list]:
    """Every column of the local applications table (whatever later migrations added),
    with a value for the ones this benchmark does not set."""
    columns, filler = [], []
    for _cid, name, kind, not_null, default, _pk in db.execute("PRAGMA table_info(applications)"):
        columns.append(name)
        if not not_null or default is not None:
            filler.append(None if not not_null else default.strip("'"))
        elif kind.startswith(("INTEGER", "BOOLEAN")):
            filler.append(0)
        elif kind == "DATE":
            filler.append("2000-01-01")
        elif kind == "VARCHAR(1)":
            filler.append("F")
        else:
            filler.append("王䶮" if name == "name" else "")
    return columns, filler


def test_local_indexes_serve_the_inquiry(local_counter):
    """The queries the service makes find their rows through an index, never a scan."""
    db = sqlite3.connect(local_counter.settings.data_dir / "counter.sqlite3")
    plans = {
        "applications by ID number": "SELECT * FROM applications a LEFT JOIN card_records c "
                                     "ON c.application_id = a.id WHERE a.id_number = ?",
        "cards by number": "SELECT * FROM card_records WHERE card_number = ?",
        "invalid by ID number": "SELECT * FROM invalid_list WHERE id_number = ?",
        "invalid by card number": "SELECT * FROM invalid_list WHERE card_number = ?",
    }
    for what, sql in plans.items():
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", ("x",)))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (what, plan)
        assert "SCAN applications" not in plan and "SCAN invalid_list" not in plan, plan
    db.close()


def test_local_inquiry_by_id_number(local_counter):
    numbers = [id_number(i) for i in sample(QUERIES)]
    result = inquiry.look_up(local_counter, numbers[0], offline=True, now=NOW)
    assert result.source == inquiry.LOCAL and len(result.applications) == 1
    assert all(inquiry.look_up(local_counter, n, offline=True, now=NOW).found
               for n in numbers[:20])
    # one that is on the invalid list too, with its card and a settled listing
    first = id_number(0)
    found = inquiry.look_up(local_counter, first, offline=True, now=NOW)
    assert found.applications[0].card.number == "A****0000" and found.invalid
    assert found.invalid[0].kind == "temporary_loss" and found.invalid[0].state == "active"
    week_later = inquiry.look_up(local_counter, first, offline=True,
                                 now=NOW + dt.timedelta(days=7))
    assert week_later.invalid[0].state == "released"  # its 7 days ran out
    median = median_ms(lambda n: inquiry.look_up(local_counter, n, offline=True, now=NOW),
                       numbers)
    by_card = median_ms(lambda n: inquiry.look_up(local_counter, n, offline=True, now=NOW),
                        [card_number(i - i % CARD_EVERY) for i in sample(QUERIES, 11)])
    audited = median_ms(lambda n: inquiry.inquire(local_counter, n, offline=True, now=NOW),
                        numbers[:100])
    print(f"\nlocal inquiry (SQLite, {APPLICATIONS:,} applications, {INVALID:,} invalid): "
          f"by ID number median {median:.2f} ms, by card number {by_card:.2f} ms, with "
          f"the audit record committed (fsync) {audited:.2f} ms")
    within_budget(median, 5, "local inquiry by ID number ms (median)")


# --- the central database ------------------------------------------------------------------

@pytest.fixture(scope="module")
def central_counter(tmp_path_factory):
    """A central PostgreSQL database with the load, and an enrolled counter of site 1."""
    url = create_database()
    try:
        central_admin.init_central(url)
        site_ids = [central_admin.add_site(url, f"S{n:03d}", f"第{n}服务网点")
                    for n in range(SITES)]
        root = tmp_path_factory.mktemp("inquiry_central")
        ctx = open_context(Settings(data_dir=root / "data", config_dir=root / "config"))
        enrolment.enrol(ctx, central_admin.add_device(url, "S000", "window 1").code())
        began = time.perf_counter()
        _load_central(url, site_ids)
        seconds = time.perf_counter() - began
        print(f"\ncentral load (COPY): {APPLICATIONS:,} applications over {SITES} sites, "
              f"{APPLICATIONS // CARD_EVERY:,} card records, {INVALID:,} invalid-list entries, "
              f"ANALYZE: {seconds:.1f} s")
        yield ctx, url
    finally:
        drop_database(url)


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _copy(conn, statement: str, lines) -> None:
    with conn.cursor().copy(statement) as copy:
        buffer = io.StringIO()
        for n, line in enumerate(lines, 1):
            buffer.write(line)
            if n % 50_000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())


def _load_central(url: str, site_ids: list[uuid.UUID]) -> None:
    rng = random.Random(5)
    received = "2026-10-01 08:00:00"
    payload = '{"applicant": {"name": "王䶮", "phone": "13800138000"}}'

    site_text = [str(site) for site in site_ids]

    def site_of(index: int) -> str:
        return site_text[index % SITES]

    def applications():
        for index in range(APPLICATIONS):
            yield (f"{site_of(index)}\t{index:032x}\tS{index % SITES:03d}-20261001-"
                   f"{index:07d}\t{BUSINESS[index % 4]}\t{STATUSES[index % 6]}\t"
                   f"{id_number(index)}\t{payload}\t{received}\t{received}\t2026-10-31\n")

    def cards():
        for index in range(0, APPLICATIONS, CARD_EVERY):
            yield (f"{site_of(index)}\t{index:032x}\t{card_number(index)}\t工商银行\t"
                   f"{STATUSES[index % 6]}\t\t{received}\t2026-10-31\n")

    def invalid():
        for index in range(INVALID):
            person = rng.randrange(APPLICATIONS) if index % 2 else index
            temporary = index % 5 == 0
            yield (f"{_ENTRY_IDS | index:032x}\t{card_number(person + 7)}\t{id_number(person)}\t"
                   f"{'temporary_loss' if temporary else 'damage'}\t"
                   f"{'city' if temporary else 'province'}\t{_LISTED_TEXT[index % 400]}\t"
                   f"{_EXPIRES_TEXT[index % 400] if temporary else chr(92) + 'N'}\t"
                   f"{site_of(person)}\n")

    with psycopg.connect(_plain(url), autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '256MB'")
        # A bulk load of reference data, not counters' work: the per-row triggers (change
        # tracking for pulls, the card-status guard) stay out of it.
        conn.execute("SET session_replication_role = replica")
        # Secondary indexes are built after the load (one sort each, not a million inserts).
        tables = ("central_applications", "central_card_records", "central_invalid_list")
        indexes = conn.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_index x "
            "ON x.indexrelid = (quote_ident(i.indexname))::regclass "
            "WHERE i.tablename = ANY(%s) AND NOT x.indisprimary", (list(tables),)).fetchall()
        for name, _definition in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        _copy(conn, "COPY central_applications (site_id, id, number, business_type, status, "
                    "id_number, payload, received_at, updated_at, due_date) FROM STDIN",
              applications())
        _copy(conn, "COPY central_card_records (site_id, application_id, card_number, bank, "
                    "status, reason, updated_at, due_date) FROM STDIN", cards())
        _copy(conn, "COPY central_invalid_list (id, card_number, id_number, reason, level, "
                    "listed_at, expires_at, site_id) FROM STDIN", invalid())
        for _name, definition in indexes:
            conn.execute(definition)
        for table in tables:
            conn.execute(f"ANALYZE {table}")


@pytest.mark.postgres
def test_central_inquiry_by_id_number(central_counter):
    ctx, _url = central_counter
    numbers = [id_number(i) for i in sample(QUERIES, 13)]
    first = inquiry.look_up(ctx, numbers[0], now=NOW)
    assert first.source == inquiry.CENTRAL and len(first.applications) == 1
    assert first.applications[0].site_name.startswith("第")  # any site, not only S000
    from counter_app.services.inquiry import _engine
    engine = _engine(ctx, None)  # the counter's own login, as look_up uses it

    def function_only(number: str) -> None:
        with engine.connect() as connection:
            central_inquiry(connection, NumberKind.ID_NUMBER, number)

    function = median_ms(function_only, numbers)
    median = median_ms(lambda n: inquiry.look_up(ctx, n, now=NOW), numbers)
    by_card = median_ms(lambda n: inquiry.look_up(ctx, n, now=NOW),
                        [card_number(i - i % CARD_EVERY) for i in sample(QUERIES, 17)])
    print(f"\ncentral inquiry (PostgreSQL, {APPLICATIONS:,} applications over {SITES} sites, "
          f"{INVALID:,} invalid, counter's login under row-level security): central_inquiry "
          f"round trip median {function:.2f} ms; whole inquiry by ID number (local store "
          f"too, merge, settle) {median:.2f} ms; by card number {by_card:.2f} ms")
    within_budget(median, 20, "central inquiry by ID number ms (median)")
