"""Enrolment codes (issue 12): signed by the central side, single use, expiring; a code is
refused for a database that is not PostgreSQL and for a login with more rights than a
counter's; no password ever travels in a statement; a device that has not taken its code
can do nothing."""

import base64
import dataclasses
import datetime as dt
import json
import time
import uuid

import psycopg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from counter_app.central import admin, database, enrolment, fencing
from counter_app.central.credentials import MSG_BAD_CODE, EnrolmentError
from counter_app.central.enrolment import EnrolmentCode

pytestmark = pytest.mark.postgres
# A device's own card records (every one committed so far), as the pull reads them.
_OWN_CARDS = ("SELECT count(*) FROM central_card_feed('0', "
              "pg_snapshot_xmax(pg_current_snapshot()))")


@pytest.fixture
def central(fresh_central) -> str:
    admin.add_site(fresh_central, "SA01", "site A")
    return fresh_central


def _sql(url: str, statement: str, *params) -> list:
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement, params or None)
        return cursor.fetchall() if cursor.description else []


def _spent(url: str, code: EnrolmentCode) -> tuple[bool, bool]:
    """(the code used, its device enrolled)."""
    return tuple(_sql(url, "SELECT c.used_at IS NOT NULL, d.enrolled_at IS NOT NULL "
                           "FROM central_enrolment_codes c JOIN central_devices d "
                           "ON d.id = c.device_id WHERE c.id = %s", code.code_id)[0])


def _role(code: EnrolmentCode) -> str:
    return make_url(code.address).username


def _refused(code: EnrolmentCode, message: str) -> None:
    with pytest.raises(EnrolmentError) as refusal:
        enrolment.redeem(code)
    assert refusal.value.template == message


def test_a_code_carries_its_signed_claims_and_keeps_its_password_out_of_sight(central):
    code = admin.add_device(central, "SA01", "window 1")
    assert EnrolmentCode.from_code(f"  {code.code()}\n") == code
    assert code.password not in repr(code) and code.password not in code.payload()
    assert make_url(code.address).password is None  # the administrator's never travels
    assert (code.site_code, code.counter_no) == ("SA01", 1)


@pytest.mark.parametrize("text", ["", "hello", "CTR2.", "CTR2.!!!.sig.pw", "CTR2.e30.sig.pw",
                                  "CTR1.e30", "CTR9.e30.sig.pw"])
def test_anything_else_is_refused_in_words(text):
    with pytest.raises(EnrolmentError, match="not a valid enrolment code") as refusal:
        EnrolmentCode.from_code(text)
    assert refusal.value.template == MSG_BAD_CODE


def _one_character_changed(code: EnrolmentCode) -> EnrolmentCode:
    """The code with one character of its signed payload changed (a site id's digit)."""
    payload = code.payload()
    at = payload.index(code.site_id) + 1
    changed = payload[:at] + ("0" if payload[at] != "0" else "1") + payload[at + 1:]
    body = base64.urlsafe_b64encode(changed.encode()).decode().rstrip("=")
    return EnrolmentCode.from_code(f"{enrolment.PREFIX}{body}.{code.signature}.{code.password}")


def test_an_altered_code_is_refused_and_spends_nothing(central):
    code = admin.add_device(central, "SA01", "window 1")
    for altered in (_one_character_changed(code), dataclasses.replace(code, counter_no=7),
                    dataclasses.replace(code, expires_at="2099-01-01T00:00:00"),
                    dataclasses.replace(code, signature="0" * 64)):
        _refused(altered, enrolment.MSG_ALTERED)
    assert _spent(central, code) == (False, False)
    assert enrolment.redeem(code).device_id == code.device_id
    assert _spent(central, code) == (True, True)


def test_a_code_enrols_once(central):
    code = admin.add_device(central, "SA01", "window 1")
    enrolment.redeem(code)
    _refused(code, enrolment.MSG_USED)  # the shared test server trusts the old password


def test_an_expired_code_is_refused(central):
    code = admin.add_device(central, "SA01", "window 1", valid_for=dt.timedelta(hours=3))
    created, expires = _sql(central, "SELECT created_at, expires_at FROM central_enrolment_codes "
                                     "WHERE id = %s", code.code_id)[0]
    assert expires - created == dt.timedelta(hours=3)
    assert code.expires_at == expires.isoformat(timespec="seconds")
    _sql(central, "UPDATE central_enrolment_codes SET expires_at = "
                  "now() AT TIME ZONE 'UTC' - interval '1 minute' WHERE id = %s", code.code_id)
    _refused(code, enrolment.MSG_EXPIRED)
    assert _spent(central, code) == (False, False)
    with pytest.raises(admin.AdminError):
        admin.add_device(central, "SA01", "window 2", valid_for=dt.timedelta(minutes=30))


def test_a_new_code_replaces_a_lost_one(central):
    lost = admin.add_device(central, "SA01", "window 1")
    fresh = admin.new_code(central, lost.device_id)
    assert fresh.password != lost.password and fresh.device_id == lost.device_id
    _refused(lost, enrolment.MSG_EXPIRED)  # a server with passwords refuses its login too
    enrolment.redeem(fresh)
    for device in (lost.device_id, "no-such-device"):
        with pytest.raises(admin.AdminError):
            admin.new_code(central, device)


@pytest.mark.parametrize("address", ["sqlite:///central.sqlite3",
                                     "mysql://dev:pw@central/counter", "no url at all"])
def test_a_code_for_anything_but_postgresql_is_refused(central, address):
    code = admin.add_device(central, "SA01", "window 1")
    with pytest.raises(EnrolmentError) as refusal:
        enrolment.redeem(dataclasses.replace(code, address=address))
    assert refusal.value.template in (enrolment.MSG_NOT_POSTGRESQL, MSG_BAD_CODE)
    assert _spent(central, code) == (False, False)


@pytest.mark.parametrize("grant, message", [
    ("ALTER ROLE {role} BYPASSRLS", enrolment.MSG_POWERFUL),
    ("ALTER ROLE {role} SUPERUSER", enrolment.MSG_POWERFUL),
    ("ALTER ROLE {role} CREATEROLE", enrolment.MSG_POWERFUL),
    ("GRANT {engine} TO {role}", enrolment.MSG_POWERFUL),  # the engine bypasses RLS
    ("CREATE TABLE counter_own (x int); ALTER TABLE counter_own OWNER TO {role}",
     enrolment.MSG_OWNER),
    ("CREATE FUNCTION counter_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'; "
     "ALTER FUNCTION counter_fn() OWNER TO {role}", enrolment.MSG_OWNER),
])
def test_a_login_with_more_rights_than_a_counter_is_refused(central, grant, message):
    code = admin.add_device(central, "SA01", "window 1")
    with database.create_central_engine(central).begin() as connection:
        engine_role = fencing.engine_role(connection)
    for statement in grant.format(role=f'"{_role(code)}"', engine=f'"{engine_role}"').split(";"):
        _sql(central, statement)
    _refused(code, message)
    assert _spent(central, code) == (False, False)


@pytest.fixture
def statements():
    """Every statement any engine sends, with its parameters, while the test runs."""
    sent: list[str] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        sent.append(f"{statement} {parameters!r}")

    event.listen(Engine, "before_cursor_execute", capture)
    yield sent
    event.remove(Engine, "before_cursor_execute", capture)


def test_no_password_ever_travels_in_a_statement(central, statements):
    code = admin.add_device(central, "SA01", "window 1")
    enrolled = enrolment.redeem(code)
    final = make_url(enrolled.url).password
    assert final and final != code.password
    assert any("ALTER ROLE" in sent and "SCRAM-SHA-256$" in sent for sent in statements)
    assert any("central_enrol" in sent for sent in statements)
    assert not [sent for sent in statements if code.password in sent or final in sent]
    [(stored,)] = _sql(central, "SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                       _role(code))
    assert stored.startswith("SCRAM-SHA-256$")


def test_a_device_that_has_not_enrolled_can_do_nothing(central):
    enrolled = enrolment.redeem(admin.add_device(central, "SA01", "window 1"))
    with psycopg.connect(enrolled.url, autocommit=True) as conn:  # something to hide
        _push(conn, "application_submitted", {
            "id": str(uuid.uuid4()), "number": "SA01-20260101-01-0001", "site_code": "SA01",
            "business_type": "newborn", "status": "submitted",
            "applicant": {"name": "王小明", "id_number": "110105201903150038"},
            "guardian": {"name": "王大明", "id_number": "110105198001010016"}})
    waiting = admin.add_device(central, "SA01", "window 2")
    with psycopg.connect(waiting.url, autocommit=True) as conn:
        assert conn.execute("SELECT central_current_device(), central_current_site(), "
                            "central_is_card_centre()").fetchone() == (None, None, False)
        for table in ("central_sites", "central_invalid_list"):  # shared: not yet
            assert conn.execute(f"SELECT count(id) FROM {table}").fetchone() == (0,)
        assert conn.execute(_OWN_CARDS).fetchone() == (0,)
        for table in ("central_applications", "central_card_records",
                      "central_status_history"):  # no device reads them
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT count(*) FROM {table}")
        for call in ("SELECT central_blob_begin(repeat('a', 64), 1, 1)",
                     "SELECT central_audit_anchor(1, repeat('a', 64))"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(call)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _push(conn, "application_submitted", {"id": str(uuid.uuid4())})
    with psycopg.connect(enrolled.url) as conn:  # its card record, through the feed
        assert conn.execute(_OWN_CARDS).fetchone() == (1,)


def test_a_device_cannot_take_another_devices_code(central):
    mine = admin.add_device(central, "SA01", "window 1")
    theirs = admin.add_device(central, "SA01", "window 2")
    with psycopg.connect(mine.url, autocommit=True) as conn:
        assert conn.execute("SELECT central_enrol(%s, %s)", (
            theirs.payload(), theirs.signature)).fetchone() == ("altered",)
    assert _spent(central, theirs) == (False, False)


def _push(conn, kind: str, payload: dict) -> list:
    batch = [{"seq": int(time.time() * 1000), "op_id": str(uuid.uuid4()), "kind": kind,
              "payload": payload}]
    return conn.execute("SELECT central_push(%s::jsonb)", (json.dumps(batch),)).fetchone()[0]
