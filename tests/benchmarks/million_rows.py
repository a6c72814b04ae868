"""The million-row data of the inquiry and promise benchmarks, generated inside the
databases: one INSERT ... SELECT over a series of numbers per table (SQLite: a recursive
CTE; PostgreSQL: generate_series), so no row passes through Python; Python only supplies
the 30,000 birth dates of the ID numbers and the 400 listing times. Secondary indexes are
dropped for the load and made again after it (one sort each instead of a million inserts),
from the schema's own definitions; then ANALYZE (and VACUUM centrally: the data stays for
the whole run, and autovacuum must find nothing to do while later benchmarks measure).

tests/benchmarks/conftest.py prepares the data sets a run needs (databases, sites: quick),
then runs their bulk loads side by side (the SQLite load in this process, the PostgreSQL
ones in server backends: both cores busy), then finishes them (enrolled counters). The
loads are kept between runs (tests/benchmarks/data_cache.py): a later run's "load" is a
copy of the kept data.

The inquiry data (issue 7, "Show"): 1,000,000 applications with distinct valid ID numbers,
a card record for every fourth, 1,000,000 invalid-list entries (every fifth a temporary
loss report of 7 days, listed over the last 400 days; every other one names an applicant
picked by a multiplicative hash of its index, a stand-in for random.randrange that both
databases compute alike). The promise city: 200 handling points, 1,000,000 open
applications received over the last 40 days and 100,000 collected ones.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.engine import make_url

from counter_app.central import admin as central_admin
from counter_app.central import database as central_database
from counter_app.config import Settings
from counter_app.security.keys import DataKey
from counter_app.security.roles import Role
from counter_app.services import auth, enrolment
from counter_app.services.context import open_context
from tests.benchmarks import data_cache
from tests.helpers import PASSWORD
from tests.sync_helpers import enrolled_device

# --- the inquiry data -----------------------------------------------------------------------

APPLICATIONS = 1_000_000
INVALID = 1_000_000
CARD_EVERY = 4            # a card record for every fourth application
SITES = 50                # central: applications spread over this many sites
NOW = dt.datetime(2026, 11, 22, 2, 0)
REGION = "110105"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
DAYS = 30_000             # birth dates from 1940 on; with 34 sequence numbers a day: 1M
FIRST_BIRTH = dt.date(1940, 1, 1)
BUSINESS = ("newborn", "later", "replacement", "renewal")
STATUSES = ("submitted", "in_production", "produced", "at_site", "collected", "activated")
LISTED_OVER_DAYS, TEMPORARY_DAYS = 400, 7
CREATED = "2026-10-01 08:00:00"
DUE = "2026-10-31"
PAYLOAD = '{"applicant": {"name": "王䶮", "phone": "13800138000"}}'


def _partial(digits: str, offset: int) -> int:
    return sum(int(d) * WEIGHTS[offset + i] for i, d in enumerate(digits))


_DATES = [(FIRST_BIRTH + dt.timedelta(days=d)).strftime("%Y%m%d") for d in range(DAYS)]
_DATE_SUMS = [_partial(d, 6) for d in _DATES]
_REGION_SUM = _partial(REGION, 0)
_SEQUENCES = -(-APPLICATIONS // DAYS)


def id_number(index: int) -> str:
    """The index-th of a million distinct, valid resident ID numbers (checked by the
    service like any other); the databases compute the same from birth_days/sequences."""
    day, seq = index % DAYS, index // DAYS
    seq_text = f"{seq:03d}"
    total = _REGION_SUM + _DATE_SUMS[day] + _partial(seq_text, 14)
    return f"{REGION}{_DATES[day]}{seq_text}{CHECK[total % 11]}"


def card_number(index: int) -> str:
    return f"A{index:08d}"


def _birth_days() -> list[tuple[int, str, int]]:
    return [(day, _DATES[day], _REGION_SUM + _DATE_SUMS[day]) for day in range(DAYS)]


def _sequences() -> list[tuple[int, str, int]]:
    return [(seq, f"{seq:03d}", _partial(f"{seq:03d}", 14)) for seq in range(_SEQUENCES)]


def _listings() -> list[tuple[int, dt.datetime, dt.datetime]]:
    return [(d, NOW - dt.timedelta(days=d), NOW - dt.timedelta(days=d - TEMPORARY_DAYS))
            for d in range(LISTED_OVER_DAYS)]


# SQL shared by both databases; `i` is the row's index in the series, `p` a person's.
PERSON = (f"CASE WHEN i % 2 = 1 THEN (i * 2654435761 % 4294967296) * {APPLICATIONS} "
          f"/ 4294967296 ELSE i END")   # Knuth's multiplicative hash, high bits
ID_NUMBER = (f"'{REGION}' || d.digits || q.digits || "
             f"substr('{CHECK}', (d.total + q.total) % 11 + 1, 1)")
JOIN_ID_NUMBER = (f"JOIN birth_days d ON d.day = {{p}} % {DAYS} "
                  f"JOIN sequences q ON q.seq = {{p}} / {DAYS}")
TEMPORARY = "i % 5 = 0"


def _case(expression: str, values) -> str:
    """values[expression % len(values)] in SQL."""
    whens = " ".join(f"WHEN {n} THEN '{v}'" for n, v in enumerate(values))
    return f"CASE {expression} % {len(values)} {whens} END"


# --- what conftest runs ---------------------------------------------------------------------

@dataclass
class DataSet:
    """A data set ready for its bulk load: the load (run beside the other data sets' loads,
    so no Alembic in it; returns a line for the report), what gives its fixture's value
    afterwards (in the main thread), and the clean-up."""
    load: Callable[[], str]
    finish: Callable[[], object]
    drop: Callable[[], None] = lambda: None
    dropped: bool = False

    def release(self) -> None:
        if not self.dropped:
            self.dropped = True
            self.drop()


def load_side_by_side(data_sets: list[DataSet]) -> list[str]:
    """Run the loads at once, one thread each (SQLite and psycopg release the GIL while
    the databases work); their report lines, and the wall time of them all."""
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, len(data_sets))) as pool:
        lines = list(pool.map(lambda data_set: data_set.load(), data_sets))
    wall = time.perf_counter() - began
    return [*lines, f"million-row data loaded side by side in {wall:.1f} s (wall)"]


def _timed(what: str, load: Callable[[], None]) -> Callable[[], str]:
    def run() -> str:
        began = time.perf_counter()
        load()
        return f"{what}: {time.perf_counter() - began:.1f} s"
    return run


def _copied(what: str, copy: Callable[[], None]) -> Callable[[], str]:
    return _timed(f"{what}, copied from the cache (tests/benchmarks/data_cache.py)", copy)


# --- the counter's own store (SQLite) -------------------------------------------------------

# The benchmarks' counters share one data key (a file beside their data): a cached store
# copied into a later run opens with it.
BENCH_KEY = bytes(range(32))


def bench_settings(root: Path) -> Settings:
    key_file = root / "bench.key"
    if not key_file.exists():
        root.mkdir(parents=True, exist_ok=True)
        key_file.write_text(base64.b64encode(BENCH_KEY).decode())
    return Settings(data_dir=root / "data", config_dir=root / "config",
                    key_file=str(key_file))


def open_local_db(path: Path):
    """The encrypted store at *path*, opened with the benchmarks' key (DB-API)."""
    db = sqlcipher.connect(str(path), isolation_level=None)
    db.execute(f"PRAGMA key = \"x'{DataKey(BENCH_KEY, '').derive('database').hex()}'\"")
    return db


def inquiry_local(root: Path) -> DataSet:
    """A counter (site SC001, an administrator) whose store holds the inquiry data."""
    settings = bench_settings(root)
    data_dir = settings.data_dir
    what = (f"local load (SQLite): {APPLICATIONS:,} applications, "
            f"{APPLICATIONS // CARD_EVERY:,} card records, {INVALID:,} invalid-list entries, "
            "ANALYZE")

    def finish():
        return open_context(settings)

    if data_cache.local_is_cached("inquiry_local"):
        return DataSet(_copied(what, lambda: data_cache.local_copy("inquiry_local", data_dir)),
                       finish)
    ctx = open_context(settings)
    site_id = auth.ensure_site(ctx, "SC001", "示范社保服务中心")
    operator_id = auth.create_operator(ctx, site_id=site_id, username="admin",
                                       display_name="管理员", password=PASSWORD,
                                       roles={Role.ADMINISTRATOR})
    ctx.sessions.kw["bind"].dispose()  # the load leaves WAL mode for a while: none open

    def load() -> None:
        load_local(data_dir / "counter.sqlite3", site_id, operator_id)
        data_cache.keep_local("inquiry_local", data_dir)

    return DataSet(_timed(what, load), finish)


def load_local(path: Path, site_id: uuid.UUID, operator_id: uuid.UUID) -> None:
    db = open_local_db(path)
    try:
        # One transaction written straight into the file (not through the WAL and a
        # checkpoint: half the writing); the store's own WAL mode is put back after it.
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-800000")
        db.execute("PRAGMA temp_store=MEMORY")
        _local_helpers(db)
        secondary = dict(db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('applications', 'card_records', 'invalid_list')"))
        db.execute("BEGIN")
        for name in secondary:
            db.execute(f"DROP INDEX {name}")
        _local_applications(db, site_id, operator_id)
        db.execute(f"""INSERT INTO card_records (application_id, card_number, bank, status,
                reason, updated_at, due_date)
            {_local_series(APPLICATIONS, CARD_EVERY)}
            SELECT printf('%032x', i), printf('A%08d', i), '工商银行', {_case('i', STATUSES)},
                   '', '{CREATED}.000000', '{DUE}' FROM series""")
        db.execute(f"""INSERT INTO invalid_list (id, card_number, reason, level,
                listed_at, expires_at)
            {_local_series(INVALID)}, people(i, p) AS (SELECT i, {PERSON} FROM series)
            SELECT printf('8%031x', i), printf('A%08d', p),  -- the person's own card number
                   CASE WHEN {TEMPORARY} THEN 'temporary_loss' ELSE 'damage' END,
                   CASE WHEN {TEMPORARY} THEN 'city' ELSE 'province' END,
                   l.listed, CASE WHEN {TEMPORARY} THEN l.expires END
            FROM people
            JOIN listings l ON l.k = i % {LISTED_OVER_DAYS}""")
        for sql in secondary.values():
            db.execute(sql)
        db.execute("COMMIT")
        db.execute("ANALYZE")
        db.execute("PRAGMA journal_mode=WAL")
    finally:
        db.close()


def _local_series(count: int, step: int = 1) -> str:
    return (f"WITH RECURSIVE series(i) AS (SELECT 0 UNION ALL SELECT i + {step} FROM series "
            f"WHERE i + {step} < {count})")


def _local_helpers(db) -> None:
    """The birth dates, sequence numbers and listing times, as temporary tables."""
    db.execute("CREATE TEMP TABLE birth_days (day INTEGER PRIMARY KEY, digits, total)")
    db.executemany("INSERT INTO birth_days VALUES (?, ?, ?)", _birth_days())
    db.execute("CREATE TEMP TABLE sequences (seq INTEGER PRIMARY KEY, digits, total)")
    db.executemany("INSERT INTO sequences VALUES (?, ?, ?)", _sequences())
    db.execute("CREATE TEMP TABLE listings (k INTEGER PRIMARY KEY, listed, expires)")
    db.executemany("INSERT INTO listings VALUES (?, ?, ?)",
                   [(k, f"{listed:%Y-%m-%d %H:%M:%S}.000000",
                     f"{expires:%Y-%m-%d %H:%M:%S}.000000")
                    for k, listed, expires in _listings()])


def _local_applications(db, site_id: uuid.UUID, operator_id: uuid.UUID) -> None:
    """Every column of the local applications table (whatever later migrations added):
    the ones the inquiry reads computed, the others a constant of their type."""
    created = f"'{CREATED}.000000'"
    computed = {
        "id": "printf('%032x', i)", "number": "printf('SC001-20261001-%07d', i)",
        "site_id": f"'{site_id.hex}'", "operator_id": f"'{operator_id.hex}'",
        "business_type": _case("i", BUSINESS), "status": _case("i", STATUSES),
        "created_at": created, "updated_at": created, "id_number": ID_NUMBER,
    }
    columns, values, filler = [], [], []
    for _cid, name, kind, not_null, default, _pk in db.execute(
            "PRAGMA table_info(applications)"):
        columns.append(name)
        if name in computed:
            values.append(computed[name])
        else:
            values.append("?")
            filler.append(_filler(name, kind, not_null, default))
    db.execute(f"""INSERT INTO applications ({', '.join(columns)})
        {_local_series(APPLICATIONS)}
        SELECT {', '.join(values)} FROM series {JOIN_ID_NUMBER.format(p='i')}""", filler)


def _filler(name: str, kind: str, not_null: bool, default):
    if not not_null or default is not None:
        return None if not not_null else default.strip("'")
    if kind.startswith(("INTEGER", "BOOLEAN")):
        return 0
    if kind == "DATE":
        return "2000-01-01"
    if kind == "VARCHAR(1)":
        return "F"
    return "王䶮" if name == "name" else ""


# --- the central database (PostgreSQL) ------------------------------------------------------

def inquiry_central(root: Path) -> DataSet:
    """A central database with the inquiry data over SITES sites, and a counter enrolled
    as a device of the first site: (ctx, admin URL)."""
    what = (f"central load (PostgreSQL): {APPLICATIONS:,} applications over {SITES} sites, "
            f"{APPLICATIONS // CARD_EVERY:,} card records, {INVALID:,} invalid-list entries, "
            "VACUUM ANALYZE")
    copy: list[str] = []

    def finish():
        url = copy[0]
        ctx = open_context(bench_settings(root))
        enrolment.enrol(ctx, central_admin.add_device(url, "S000", "window 1").code())
        with psycopg.connect(url, autocommit=True) as conn:  # the budget is checked, and
            conn.execute("UPDATE central_sites SET lookup_budget = 1000000")  # never runs out
        return ctx, url

    def drop() -> None:
        if copy:
            data_cache.drop_copy(copy[0])

    if data_cache.central_is_cached("inquiry"):
        return DataSet(_copied(what, lambda: copy.append(data_cache.central_copy("inquiry"))),
                       finish, drop)
    url = data_cache.start_cache("inquiry")
    site_ids = _add_sites(url, [(f"S{n:03d}", f"第{n}服务网点") for n in range(SITES)])

    def load() -> None:
        load_central(url, site_ids)
        data_cache.finish_cache("inquiry")
        copy.append(data_cache.central_copy("inquiry"))

    return DataSet(_timed(what, load), finish, drop)


def _add_sites(url: str, sites: list[tuple[str, str]]) -> list[uuid.UUID]:
    """Sites (with their roles) as `central add-site` makes them, in one transaction."""
    engine = central_database.open_central(url)
    try:
        with engine.begin() as connection:
            return [central_admin.ensure_site(connection, code, name) for code, name in sites]
    finally:
        engine.dispose()


def plain(url: str) -> str:
    """The URL for psycopg itself (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


CENTRAL_TABLES = ("central_applications", "central_card_records", "central_invalid_list")
SITE_OF = "JOIN site_numbers s ON s.n = {p} % " + str(SITES)


def load_central(url: str, site_ids: list[uuid.UUID]) -> None:
    with psycopg.connect(plain(url), autocommit=True) as conn:
        _bulk_session(conn)
        # Reference data, not counters' work: the per-row triggers (change tracking for
        # pulls, the card-status guard) stay out of the load.
        conn.execute("SET session_replication_role = replica")
        _central_helpers(conn, site_ids)
        with _without_secondary_indexes(conn, CENTRAL_TABLES):
            conn.execute(f"""INSERT INTO central_applications (site_id, id, number,
                    business_type, status, id_number, payload, received_at, updated_at,
                    due_date)
                SELECT s.id, lpad(to_hex(i), 32, '0')::uuid,
                       'S' || lpad((i % {SITES})::text, 3, '0') || '-20261001-'
                           || lpad(i::text, 7, '0'),
                       {_case('i', BUSINESS)}, {_case('i', STATUSES)}, {ID_NUMBER},
                       '{PAYLOAD}'::jsonb, '{CREATED}', '{CREATED}', '{DUE}'
                FROM generate_series(0::bigint, {APPLICATIONS - 1}) AS series(i)
                {JOIN_ID_NUMBER.format(p='i')} {SITE_OF.format(p='i')}""")
            conn.execute(f"""INSERT INTO central_card_records (site_id, application_id,
                    card_number, bank, status, reason, updated_at, due_date)
                SELECT s.id, lpad(to_hex(i), 32, '0')::uuid, 'A' || lpad(i::text, 8, '0'),
                       '工商银行', {_case('i', STATUSES)}, '', '{CREATED}', '{DUE}'
                FROM generate_series(0::bigint, {APPLICATIONS - 1}, {CARD_EVERY}) AS series(i)
                {SITE_OF.format(p='i')}""")
            conn.execute(f"""INSERT INTO central_invalid_list (id, card_number, id_number,
                    reason, level, listed_at, expires_at, site_id)
                SELECT ('8' || lpad(to_hex(i), 31, '0'))::uuid,
                       'A' || lpad((p + 7)::text, 8, '0'), {ID_NUMBER},
                       CASE WHEN {TEMPORARY} THEN 'temporary_loss' ELSE 'damage' END,
                       CASE WHEN {TEMPORARY} THEN 'city' ELSE 'province' END,
                       l.listed, CASE WHEN {TEMPORARY} THEN l.expires END, s.id
                FROM (SELECT i, {PERSON} AS p
                      FROM generate_series(0::bigint, {INVALID - 1}) AS series(i)) AS people
                {JOIN_ID_NUMBER.format(p='p')} {SITE_OF.format(p='p')}
                JOIN listings l ON l.k = i % {LISTED_OVER_DAYS}""")
        for table in CENTRAL_TABLES:
            conn.execute(f"VACUUM ANALYZE {table}")


def _bulk_session(conn) -> None:
    # Commits stay synchronous: VACUUM cannot mark the pages of an asynchronously
    # committed insert all-visible, and the promise's count is an index-only scan.
    conn.execute("SET maintenance_work_mem = '256MB'")


def _central_helpers(conn, site_ids: list[uuid.UUID]) -> None:
    conn.execute("CREATE TEMP TABLE birth_days (day int PRIMARY KEY, digits text, total int)")
    conn.execute("CREATE TEMP TABLE sequences (seq int PRIMARY KEY, digits text, total int)")
    conn.execute("CREATE TEMP TABLE listings (k int PRIMARY KEY, listed timestamp, "
                 "expires timestamp)")
    conn.execute("CREATE TEMP TABLE site_numbers (n int PRIMARY KEY, id uuid)")
    with conn.cursor() as cursor:
        for table, rows in (("birth_days", _birth_days()), ("sequences", _sequences()),
                            ("listings", _listings()), ("site_numbers", enumerate(site_ids))):
            with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            conn.execute(f"ANALYZE {table}")


class _without_secondary_indexes:
    """Drop the tables' indexes but their primary keys; make them again on leaving."""

    def __init__(self, conn, tables):
        self.conn, self.tables = conn, list(tables)

    def __enter__(self):
        self.indexes = self.conn.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_index x "
            "ON x.indexrelid = (quote_ident(i.indexname))::regclass "
            "WHERE i.tablename = ANY(%s) AND NOT x.indisprimary", (self.tables,)).fetchall()
        for name, _definition in self.indexes:
            self.conn.execute(f'DROP INDEX "{name}"')

    def __exit__(self, *exc):
        for _name, definition in self.indexes:
            self.conn.execute(definition)


# --- the promise city (PostgreSQL) ----------------------------------------------------------

OPEN_COUNT, CLOSED_COUNT, CITY_SITES = 1_000_000, 100_000, 200
CITY_NOW = dt.datetime(2026, 11, 22, 8, 0)
RECEIVED_OVER_DAYS = 40
OPEN_STATUSES = ["submitted"] * 10 + ["in_production"] * 7 + ["produced"] * 2 + [
    "production_failed"]
NAMES = ("王䶮", "张𠮷", "李敏", "欧阳娜娜", "赵云")


@dataclass(frozen=True)
class City:
    url: str                      # administrator's
    sites: list[uuid.UUID]        # the handling points, in code order
    device: object                # the card centre's enrolment (CC01)


def promise_city(_root: Path) -> DataSet:
    what = (f"promise city load (PostgreSQL): {OPEN_COUNT + CLOSED_COUNT:,} applications "
            f"over {CITY_SITES} sites, VACUUM ANALYZE")
    copy: list[str] = []

    def finish() -> City:
        url = copy[0]
        with psycopg.connect(plain(url)) as conn:
            sites = [site for (site,) in conn.execute(
                "SELECT id FROM central_sites WHERE kind = 'street_point' ORDER BY code")]
        return City(url, sites, enrolled_device(url, "CC01", "card centre 1"))

    def drop() -> None:
        if copy:
            data_cache.drop_copy(copy[0])

    if data_cache.central_is_cached("city"):
        return DataSet(_copied(what, lambda: copy.append(data_cache.central_copy("city"))),
                       finish, drop)
    url = data_cache.start_cache("city")
    central_admin.add_site(url, "CC01", "市社会保障卡管理中心", kind="card_centre")

    def load() -> None:
        load_city(url, [uuid.uuid4() for _ in range(CITY_SITES)])
        data_cache.finish_cache("city")
        copy.append(data_cache.central_copy("city"))

    return DataSet(_timed(what, load), finish, drop)


def load_city(url: str, sites: list[uuid.UUID]) -> None:
    """The handling points (no roles: nobody logs in as them) and their applications, each
    received at a random time in the last 40 days (setseed: the same times every run)."""
    payloads = [json.dumps({"applicant": {"name": name, "phone": "13800138000"}},
                           ensure_ascii=False) for name in NAMES]
    with psycopg.connect(plain(url), autocommit=True) as conn:
        _bulk_session(conn)
        with conn.cursor() as cursor, cursor.copy(
                "COPY central_sites (id, code, name, kind, role_name, created_at) "
                "FROM STDIN") as copy:
            for n, site in enumerate(sites):
                copy.write_row((site, f"S{n:03d}", f"网点 {n}", "street_point", "", CITY_NOW))
        conn.execute("SET session_replication_role = replica")  # no FK check per row
        conn.execute("SELECT setseed(0.7)")
        with _without_secondary_indexes(conn, ["central_applications"]):
            conn.execute(f"""INSERT INTO central_applications (site_id, id, number,
                    business_type, status, id_number, payload, received_at, updated_at,
                    due_date)
                SELECT (%(sites)s::uuid[])[mod(n, {CITY_SITES}) + 1], gen_random_uuid(),
                       'S' || lpad(mod(n, {CITY_SITES})::text, 3, '0') || '-'
                           || lpad(n::text, 8, '0'),
                       'newborn', CASE WHEN n < {OPEN_COUNT} THEN
                           (%(statuses)s::text[])[mod(n, {len(OPEN_STATUSES)}) + 1]
                           ELSE 'collected' END,
                       '110105202403150038', (%(payloads)s::jsonb[])[mod(n, {len(NAMES)}) + 1],
                       received, received, received::date + 30
                FROM (SELECT n, TIMESTAMP '{CITY_NOW}' - make_interval(
                          secs => floor(random() * {RECEIVED_OVER_DAYS * 86400})) AS received
                      FROM generate_series(0, {OPEN_COUNT + CLOSED_COUNT - 1}) AS n) AS series
            """, {"sites": sites, "statuses": OPEN_STATUSES, "payloads": payloads})
        conn.execute("VACUUM ANALYZE central_applications")
        conn.execute("ANALYZE central_sites")
