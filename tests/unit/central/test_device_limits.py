"""A device's login used as an attacker would, against what the session limits, the site
roles and the receipt ranges are meant to hold (security review, issue 12): timeouts a
device switches off itself, a read-only transaction held open against `central init`,
site codes that share a role, and photo receipt numbers taken from another station."""

import base64
import datetime as dt
import hashlib
import json
import threading
import time
import uuid

import psycopg
import pytest

from counter_app.central import admin, database, fencing
from counter_app.central.device_push import receipt_site_part
from counter_app.central.reasons import RECEIPT_DAY, RECEIPT_NOT_OURS, RECEIPT_NOT_THIS_STATION
from counter_app.domain.errors import read_reason
from tests.sync_helpers import enrolled_device

pytestmark = pytest.mark.postgres


def _push(conn, *ops) -> list[dict]:
    batch = [{"seq": seq, "op_id": str(uuid.uuid4()), "kind": kind, "payload": payload}
             for seq, (kind, payload) in enumerate(ops, start=int(time.time() * 1000))]
    return conn.execute("SELECT central_push(%s::jsonb)", (json.dumps(batch),)).fetchone()[0]


def _receipt(number: str, photo: bytes = b"\xff\xd8 a photo") -> dict:
    return {"number": number, "issuer": "x", "photo_sha256": hashlib.sha256(photo).hexdigest(),
            "photo_base64": base64.b64encode(photo).decode()}


def _reasons(results) -> list[str]:
    return [read_reason(r["reason"])[0] if r["reason"] else r["result"] for r in results]


def _limits(conn) -> tuple:
    return conn.execute("SELECT current_setting('statement_timeout'), "
                        "current_setting('lock_timeout'), "
                        "current_setting('idle_in_transaction_session_timeout')").fetchone()


def _watchdog(url: str, **intervals: str) -> None:
    """The watchdog with shorter limits (STALLED_WRITER, LONG_STATEMENT, LONG_TRANSACTION)."""
    functions = fencing.IDENTITY_FUNCTIONS
    for name, interval in intervals.items():
        functions = functions.replace(f"interval '{getattr(fencing, name)}'",
                                      f"interval '{interval}'")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(functions)


@pytest.fixture
def sites(fresh_central):
    """Service centres SA01 (the attacker's) and SB01, and the card centre CC01."""
    for code, kind in (("SA01", "service_centre"), ("SB01", "service_centre"),
                       ("CC01", "card_centre")):
        admin.add_site(fresh_central, code, f"site {code}", kind)
    return fresh_central


# --- session limits ------------------------------------------------------------------------

def test_limits_a_device_set_on_its_own_role_are_reset_by_central_init(sites):
    attacker = enrolled_device(sites, "SA01")
    database = sites.rsplit("/", 1)[1]
    with psycopg.connect(attacker.url, autocommit=True) as conn:
        assert _limits(conn) == ("30s", "5s", "10s")
        conn.execute("ALTER ROLE CURRENT_USER SET statement_timeout = 0")
        conn.execute("ALTER ROLE CURRENT_USER SET work_mem = '1GB'")
        conn.execute(f'ALTER ROLE CURRENT_USER IN DATABASE "{database}" '
                     "SET idle_in_transaction_session_timeout = 0")
    with psycopg.connect(attacker.url, autocommit=True) as conn:
        assert _limits(conn) == ("0", "5s", "0")  # the device's own, until...
    admin.init_central(sites)
    with psycopg.connect(attacker.url, autocommit=True) as conn:
        assert _limits(conn) == ("30s", "5s", "10s")
        assert conn.execute("SHOW work_mem").fetchone() != ("1GB",)


def test_a_read_only_transaction_held_open_is_ended_by_the_next_pull(sites):
    """No transaction id, timeouts switched off: only its age tells (a card centre's
    sessions are the city's own and left alone)."""
    _watchdog(sites, LONG_TRANSACTION="1 second")
    attacker, victim = enrolled_device(sites, "SA01"), enrolled_device(sites, "SB01")
    centre = enrolled_device(sites, "CC01")
    holding, console = psycopg.connect(attacker.url), psycopg.connect(centre.url)
    try:
        for conn in (holding, console):
            conn.execute("SET idle_in_transaction_session_timeout = 0")
            conn.execute("SELECT count(*) FROM central_sites")  # ACCESS SHARE, no xid
        assert holding.execute("SELECT backend_xid FROM pg_stat_activity "
                               "WHERE pid = pg_backend_pid()").fetchone() == (None,)
        time.sleep(1.5)
        with psycopg.connect(victim.url, autocommit=True) as conn:
            assert conn.execute("SELECT central_end_stalled_writers()").fetchone() == (1,)
        with pytest.raises(psycopg.OperationalError):
            holding.execute("SELECT 1")
        assert console.execute("SELECT 1").fetchone() == (1,)
    finally:
        holding.close()
        console.close()


def test_a_device_session_in_another_database_is_ended_by_the_next_pull(sites):
    """A counter has nothing to do elsewhere on the server: an open transaction there
    would hold every pull back, advisory locks there fill the server's lock table."""
    attacker, victim = enrolled_device(sites, "SA01"), enrolled_device(sites, "SB01")
    elsewhere = attacker.url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(elsewhere) as conn:
        conn.execute("SELECT pg_current_xact_id()")  # a transaction id held open there
        with psycopg.connect(victim.url, autocommit=True) as theirs:
            assert theirs.execute("SELECT central_end_stalled_writers()").fetchone() == (1,)
        with pytest.raises(psycopg.OperationalError):
            conn.execute("SELECT 1")


def test_devices_cannot_connect_while_central_init_runs(sites):
    """A device that reconnects at once would take its locks again: until fencing is
    applied again, its group may not connect."""
    attacker = enrolled_device(sites, "SA01")
    engine = database.create_central_engine(sites)
    try:
        with engine.begin() as connection:
            admin.end_device_sessions(connection)
    finally:
        engine.dispose()
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        psycopg.connect(attacker.url).close()
    admin.init_central(sites)  # ends with the fence applied: the group connects again
    psycopg.connect(attacker.url).close()


def test_a_statement_without_a_time_limit_is_ended_by_the_next_pull(sites):
    _watchdog(sites, LONG_STATEMENT="1 second")
    attacker, victim = enrolled_device(sites, "SA01"), enrolled_device(sites, "SB01")
    failed = []

    def sleep_for_long():
        with psycopg.connect(attacker.url, autocommit=True) as conn:
            conn.execute("SET statement_timeout = 0")
            try:
                conn.execute("SELECT pg_sleep(60)")
            except psycopg.OperationalError as exc:
                failed.append(exc)

    sleeper = threading.Thread(target=sleep_for_long, daemon=True)
    sleeper.start()
    time.sleep(2)
    with psycopg.connect(victim.url, autocommit=True) as conn:
        assert conn.execute("SELECT central_end_stalled_writers()").fetchone() == (1,)
    sleeper.join(10)
    assert not sleeper.is_alive() and len(failed) == 1


def test_central_init_ends_a_devices_session_instead_of_waiting_for_it(sites):
    """A device holding ACCESS SHARE (a read-only transaction, its timeouts off) made
    `central init` wait for ever, and every device queue behind it."""
    holding = psycopg.connect(enrolled_device(sites, "SA01").url)
    finished = []
    init = threading.Thread(target=lambda: finished.append(admin.init_central(sites)),
                            daemon=True)
    try:
        holding.execute("SET idle_in_transaction_session_timeout = 0")
        holding.execute("SELECT count(*) FROM central_sites")
        started = time.monotonic()
        init.start()
        init.join(admin.INIT_LOCK_TIMEOUT_SECONDS)
        assert finished and time.monotonic() - started < admin.INIT_LOCK_TIMEOUT_SECONDS
        with pytest.raises(psycopg.OperationalError):
            holding.execute("SELECT 1")
    finally:
        holding.close()
        init.join(60)


def test_central_init_gives_up_with_a_clear_error_behind_a_lock_it_may_not_end(
        sites, monkeypatch):
    monkeypatch.setattr(admin, "INIT_LOCK_TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(admin, "INIT_ATTEMPTS", 2)
    with psycopg.connect(sites) as other_administrator:
        other_administrator.execute("LOCK TABLE central_sites IN ACCESS SHARE MODE")
        started = time.monotonic()
        with pytest.raises(admin.AdminError) as caught:
            admin.init_central(sites)
        assert time.monotonic() - started < 10
        assert caught.value.template == admin.MSG_INIT_BLOCKED
        assert caught.value.params == {"seconds": 1, "attempts": 2}
    assert admin.init_central(sites)  # once it has let go


# --- site roles ----------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["ßCC1", "CC 1", "", "X" * 21, "CC1\n"])
def test_a_site_code_of_other_characters_is_refused(sites, code):
    """Python and PostgreSQL upper-case some letters differently ("ß"): ASCII only."""
    with pytest.raises(admin.AdminError) as caught:
        admin.add_site(sites, code, "a street point", "street_point")
    assert caught.value.template == admin.MSG_BAD_CODE


@pytest.mark.parametrize("code", ["CC-1", "cc_1", "CC1", "C-C-1"])
def test_a_site_code_that_shares_a_role_or_receipt_range_is_refused(sites, code):
    admin.add_site(sites, "CC_1", "card centre", "card_centre")
    with pytest.raises(admin.AdminError) as caught:
        admin.add_site(sites, code, "a street point", "street_point")
    assert (caught.value.template, caught.value.params) == (
        admin.MSG_CODE_CLASH, {"code": code, "other": "CC_1"})
    with psycopg.connect(sites) as conn:
        assert conn.execute("SELECT count(*) FROM central_sites WHERE code = %s",
                            (code,)).fetchone() == (0,)
    assert admin.add_site(sites, "CC-2", "another point", "street_point")


def test_sites_that_already_share_a_role_are_given_their_own_by_central_init(sites):
    """An install made before the refusal: the street point "CC-1" shares the card centre
    "CC_1"'s role, so its devices held the card centre's rights."""
    centre_site = admin.add_site(sites, "CC_1", "card centre", "card_centre")
    with psycopg.connect(sites, autocommit=True) as conn:
        role = conn.execute("SELECT role_name FROM central_sites WHERE id = %s",
                            (centre_site,)).fetchone()[0]
        conn.execute("INSERT INTO central_sites (id, code, name, kind, role_name, created_at) "
                     "VALUES (gen_random_uuid(), 'CC-1', 'a street point', 'street_point', %s,"
                     " now() AT TIME ZONE 'UTC')", (role,))
    street, centre = enrolled_device(sites, "CC-1"), enrolled_device(sites, "CC_1")
    card_centre_role = f"{role.split('_site_')[0]}_card_centre"
    is_card_centre = "SELECT pg_has_role(session_user, %s, 'MEMBER')"
    with psycopg.connect(street.url) as conn:
        assert conn.execute(is_card_centre, (card_centre_role,)).fetchone() == (True,)

    admin.init_central(sites)
    with psycopg.connect(street.url) as conn:
        assert conn.execute(is_card_centre, (card_centre_role,)).fetchone() == (False,)
        assert conn.execute("SELECT pg_has_role(session_user, %s, 'MEMBER')",
                            (f"{role.split('_site_')[0]}_counter",)).fetchone() == (True,)
    with psycopg.connect(centre.url) as conn:
        assert conn.execute(is_card_centre, (card_centre_role,)).fetchone() == (True,)
    with psycopg.connect(sites) as conn:
        roles = dict(conn.execute("SELECT code, role_name FROM central_sites "
                                  "WHERE code IN ('CC-1', 'CC_1')").fetchall())
    assert roles["CC_1"] == role and roles["CC-1"].startswith(role) and roles["CC-1"] != role
    admin.init_central(sites)  # again: nothing more to separate
    with psycopg.connect(sites) as conn:
        assert dict(conn.execute("SELECT code, role_name FROM central_sites "
                                 "WHERE code IN ('CC-1', 'CC_1')").fetchall()) == roles


def test_receipt_numbers_hold_the_site_code_as_the_central_side_checks_it():
    assert [receipt_site_part(code) for code in ("sa-01", "SA_01", "上海01", "--")] == [
        "SA01", "SA01", "01", "SITE"]


# --- photo receipts ------------------------------------------------------------------------

def _day(conn, days: int = 0) -> str:
    return conn.execute("SELECT to_char((now() AT TIME ZONE 'UTC')::date + %s, 'YYYYMMDD')",
                        (days,)).fetchone()[0]


def test_a_station_issues_only_its_own_numbers_and_no_day_ahead(sites):
    """A device of the site could take another station's numbers (its counter number was
    not checked), far in the future too; the station's own receipt was then refused and
    every window scanning the number got the squatter's photo."""
    attacker = enrolled_device(sites, "SA01")             # counter 1
    station = enrolled_device(sites, "SA01", "station")   # counter 2
    assert (attacker.counter_no, station.counter_no) == (1, 2)
    with psycopg.connect(attacker.url, autocommit=True) as conn:
        today = _day(conn)
        squatted = [f"SA01{today}0000020001",              # the station's
                    f"SA01{_day(conn, 1)}0000020001",
                    f"SA0199991231{'000001'}0001",         # its own mark, year 9999
                    f"SA01{_day(conn, 2)}0000010001",
                    f"SA01{_day(conn, -2)}0000010001",      # before it was enrolled
                    f"SA01{today}00000100001",             # a longer sequence
                    f"SA01{today}ABCDEF0001",              # a device id's mark
                    f"SB01{today}0000010001"]              # another site's
        assert _reasons(_push(conn, *[("photo_receipt_issued", _receipt(n))
                                      for n in squatted])) == [
            RECEIPT_NOT_THIS_STATION, RECEIPT_NOT_THIS_STATION, RECEIPT_DAY, RECEIPT_DAY,
            RECEIPT_DAY, RECEIPT_NOT_THIS_STATION, RECEIPT_NOT_THIS_STATION, RECEIPT_NOT_OURS]
        refused = _push(conn, ("photo_receipt_issued", _receipt(squatted[0])))[0]
        assert read_reason(refused["reason"]) == (RECEIPT_NOT_THIS_STATION, {"mark": "000001"})
        own = [f"SA01{_day(conn, days)}0000010001" for days in (-1, 0, 1)]  # UTC vs local
        assert _reasons(_push(conn, *[("photo_receipt_issued", _receipt(n, n.encode()))
                                      for n in own])) == ["applied"] * 3
    with psycopg.connect(station.url, autocommit=True) as conn:
        photo = b"\xff\xd8 the real child"
        assert _reasons(_push(conn, ("photo_receipt_issued",
                                     _receipt(squatted[0], photo)))) == ["applied"]
    with psycopg.connect(sites) as conn:
        stored = dict(conn.execute("SELECT number, photo_sha256 FROM central_photo_receipts"
                                   ).fetchall())
    assert stored == {squatted[0]: hashlib.sha256(photo).hexdigest(),
                      **{n: hashlib.sha256(n.encode()).hexdigest() for n in own}}


def test_the_receipt_day_is_a_calendar_day(sites):
    device = enrolled_device(sites, "SB01")
    year = dt.date.today().year
    with psycopg.connect(device.url, autocommit=True) as conn:
        assert _reasons(_push(conn, ("photo_receipt_issued",
                                     _receipt(f"SB01{year}0230000001" "0001")))) == [
            RECEIPT_NOT_OURS]
