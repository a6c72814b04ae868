"""Cross-site look-ups as a device makes them (central_look_up): the answer, the budget,
the record (a keyed hash, never the number), and what a device can no longer read."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

import psycopg
import pytest
from sqlalchemy import text

from counter_app.central import lookup
from counter_app.central.admin import publish_preapplication
from counter_app.central.lookup import LookupRefused
from counter_app.cli.main import main as cli
from counter_app.domain.inquiry import NumberKind
from tests.helpers import GUARDIAN_ID, child_id
from tests.sync_helpers import device_engine, enrolled_device

pytestmark = pytest.mark.postgres

CHILD = child_id()
PAYLOAD = {"business_type": "later", "applicant": {"name": "李𠮷", "id_number": CHILD},
           "guardian": {"name": "李建国", "id_number": GUARDIAN_ID}}


@pytest.fixture
def device(fresh_central):
    engine, enrolment = device_engine(fresh_central, "SL01")
    yield engine, enrolment
    engine.dispose()


def _ask(engine, question):
    with engine.connect() as connection:
        return question(connection)


def _records(url: str) -> list[dict]:
    with psycopg.connect(url) as conn:
        conn.row_factory = psycopg.rows.dict_row
        return conn.execute("SELECT * FROM central_lookups ORDER BY at").fetchall()


def _budget(url: str, site: str, per_hour: int) -> None:
    assert cli(["central", "lookup-budget", site, str(per_hour), "--url", url]) == 0


def test_the_keyed_hash_is_hmac_sha256(fresh_central):
    with psycopg.connect(fresh_central) as conn:
        for key, message in ((b"k", b""), (b"x" * 100, "李𠮷".encode()), (b"key", b"a" * 300)):
            ours = conn.execute("SELECT central_hmac(%s, %s)", (key, message)).fetchone()[0]
            assert ours == hmac.new(key, message, hashlib.sha256).hexdigest()


def test_every_look_up_is_recorded_with_the_number_hashed(fresh_central, device):
    engine, enrolment = device
    assert _ask(engine, lambda c: lookup.central_inquiry(c, NumberKind.ID_NUMBER, CHILD,
                                                         "clerk1")) == []
    assert _ask(engine, lambda c: lookup.where_to_collect(c, CHILD, "clerk1")) == []
    [first, second] = _records(fresh_central)
    assert (first["kind"], first["operator"], first["allowed"]) == ("inquiry", "clerk1", True)
    assert str(first["device_id"]) == enrolment.device_id
    assert first["number_hash"] == second["number_hash"] and len(first["number_hash"]) == 64
    assert CHILD not in repr(_records(fresh_central))
    # keyed: not the bare SHA-256 of the number
    assert first["number_hash"] != hashlib.sha256(CHILD.encode()).hexdigest()


def test_past_the_budget_a_look_up_is_refused_in_words_and_recorded(fresh_central, device):
    engine, _ = device
    _budget(fresh_central, "SL01", 3)
    for _ in range(3):
        _ask(engine, lambda c: lookup.where_to_collect(c, CHILD))
    with pytest.raises(LookupRefused) as refused:
        _ask(engine, lambda c: lookup.central_inquiry(c, NumberKind.ID_NUMBER, CHILD))
    assert refused.value.params["budget"] == 3 and ":" in refused.value.params["time"]
    assert [r["allowed"] for r in _records(fresh_central)] == [True, True, True, False]
    _budget(fresh_central, "SL01", 5)  # raised centrally: allowed again at once
    assert _ask(engine, lambda c: lookup.where_to_collect(c, CHILD)) == []


def test_each_device_has_its_own_budget_and_the_card_centre_none(fresh_central, device):
    engine, _ = device
    _budget(fresh_central, "SL01", 1)
    _ask(engine, lambda c: lookup.where_to_collect(c, CHILD))
    other, _ = device_engine(fresh_central, "SL01")  # a second counter of the same site
    centre, _ = device_engine(fresh_central, "CC01", "card_centre")
    _budget(fresh_central, "CC01", 0)
    try:
        assert _ask(other, lambda c: lookup.where_to_collect(c, CHILD)) == []
        for _ in range(3):
            assert _ask(centre, lambda c: lookup.where_to_collect(c, CHILD)) == []
        with pytest.raises(LookupRefused):
            _ask(engine, lambda c: lookup.where_to_collect(c, CHILD))
    finally:
        other.dispose()
        centre.dispose()


def test_a_pre_application_needs_its_number_and_the_applicants_or_guardians_id(
        fresh_central, device):
    engine, _ = device
    publish_preapplication(fresh_central, "WS0001", PAYLOAD)
    assert _ask(engine, lambda c: lookup.preapplication(c, "WS0001", child_id("11010520240315007"))) is None
    assert _ask(engine, lambda c: lookup.preapplication(c, "WS0002", CHILD)) is None
    assert _ask(engine, lambda c: lookup.preapplication(c, "WS0001", CHILD)) == PAYLOAD
    assert _ask(engine, lambda c: lookup.preapplication(c, "WS0001", GUARDIAN_ID)) == PAYLOAD


def test_a_photo_receipt_comes_with_its_photo(fresh_central, device):
    engine, _ = device
    photo = b"\xff\xd8 a jpeg \xff\xd9" * 50
    with psycopg.connect(fresh_central) as conn:
        conn.execute("INSERT INTO central_photo_receipts (number, issuer, photo_sha256, photo, "
                     "created_at) VALUES ('ZP20240315001', '阳光照相馆', %s, %s, now())",
                     (hashlib.sha256(photo).hexdigest(), photo))
    found = _ask(engine, lambda c: lookup.photo_receipt(c, "ZP20240315001"))
    assert found["photo"] == photo and found["issuer"] == "阳光照相馆"
    assert _ask(engine, lambda c: lookup.photo_receipt(c, "ZP20240315002")) is None


def test_a_device_reads_no_city_wide_personal_data(fresh_central, device):
    engine, _ = device
    publish_preapplication(fresh_central, "WS0001", PAYLOAD)
    refused = ("SELECT * FROM central_preapplications", "SELECT * FROM central_photo_receipts",
               "SELECT * FROM central_lookups", "SELECT id_number FROM central_invalid_list",
               "SELECT operator FROM central_invalid_list", "SELECT * FROM central_invalid_list",
               "SELECT * FROM central_inquiry('id_number', 'x')",
               "SELECT * FROM central_where_to_collect('x')",
               "SELECT central_look_up('inquiry'::text, 'x'::text, 'id_number'::text, ''::text)",
               "SELECT central_keyed_hash('x')", "SELECT central_card_holder('A1', 'x')")
    for statement in refused:
        with engine.connect() as connection, pytest.raises(Exception) as denied:
            connection.execute(text(statement))
        assert "permission denied" in str(denied.value) or "does not exist" in str(denied.value)
    with engine.connect() as connection:  # what a counter checks cards with
        connection.execute(text("SELECT card_number, reason, level, state FROM "
                                "central_invalid_list")).all()


def test_bad_look_ups_are_refused(device):
    engine, _ = device
    for kind, wanted, extra in (("everything", "x", ""), ("inquiry", "x", "name"),
                                ("preapplication", "WS0001", ""), ("inquiry", "", "id_number"),
                                ("where_to_collect", "x" * 41, "")):
        with engine.connect() as connection, pytest.raises(Exception) as refused:
            connection.execute(text("SELECT central_look_up_ticket(:k, :w, :e, '')"),
                               {"k": kind, "w": wanted, "e": extra})
        assert "no such look-up" in str(refused.value)


def _ticket(conn, kind="where_to_collect", wanted=CHILD, extra="") -> str:
    return conn.execute("SELECT central_look_up_ticket(%s, %s, %s, 'x')",
                        (kind, wanted, extra)).fetchone()[0]["ticket"]


def _answer(conn, ticket, kind="where_to_collect", wanted=CHILD, extra=""):
    return conn.execute("SELECT central_look_up(%s, %s, %s, %s)",
                        (ticket, kind, wanted, extra)).fetchone()[0]


def test_no_answer_without_a_committed_record(fresh_central, device):
    """Rolling the record of a look-up back leaves no answer behind: the answer needs a
    ticket whose transaction committed."""
    _, enrolment = device
    with psycopg.connect(enrolment.url) as conn:
        ticket = _ticket(conn)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # same transaction
            _answer(conn, ticket)
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # rolled back
            _answer(conn, ticket)
        conn.rollback()
        with conn.transaction():
            conn.execute("SAVEPOINT s")
            ticket = _ticket(conn)
            conn.execute("ROLLBACK TO SAVEPOINT s")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _answer(conn, ticket)
    assert _records(fresh_central) == []


def test_a_ticket_answers_only_its_own_question_of_its_own_device(fresh_central, device):
    _, enrolment = device
    other = enrolled_device(fresh_central, "SL01", "another counter")
    with psycopg.connect(enrolment.url, autocommit=True) as conn:
        ticket = _ticket(conn, "preapplication", "WS0001", CHILD)
        assert _answer(conn, ticket, "preapplication", "WS0001", CHILD) == {"payload": None}
        for question in (("preapplication", "WS0001", GUARDIAN_ID),  # another ID number
                         ("preapplication", "WS0002", CHILD), ("photo_receipt", "WS0001", "")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                _answer(conn, ticket, *question)
        with psycopg.connect(other.url, autocommit=True) as theirs, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            _answer(theirs, ticket, "preapplication", "WS0001", CHILD)
    with psycopg.connect(fresh_central, autocommit=True) as admin:  # a minute later
        admin.execute("UPDATE central_lookups SET at = at - interval '2 minutes'")
    with psycopg.connect(enrolment.url, autocommit=True) as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        _answer(conn, ticket, "preapplication", "WS0001", CHILD)


def test_concurrent_snapshots_cannot_share_out_the_budget(fresh_central, device):
    """Under REPEATABLE READ each session would count in its own old snapshot: refused."""
    _, enrolment = device
    with psycopg.connect(enrolment.url) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with pytest.raises(psycopg.errors.InvalidTransactionState):
            _ticket(conn)


def test_the_cli_lists_look_ups(fresh_central, device, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_LANGUAGE", "en")  # the summary's English words below
    engine, _ = device
    _ask(engine, lambda c: lookup.where_to_collect(c, CHILD, "clerk1"))
    assert cli(["central", "lookups", "--url", fresh_central, "--site", "SL01"]) == 0
    out = capsys.readouterr().out
    assert "clerk1" in out and "where_to_collect" in out and "1 look-ups, 0 refused" in out
    assert CHILD not in out
    assert cli(["central", "lookups", "--url", fresh_central, "--site", "XX99"]) == 0
    assert "0 look-ups" in capsys.readouterr().out
    assert cli(["central", "lookup-budget", "XX99", "5", "--url", fresh_central]) != 0
    # an operator name of the device's making cannot forge a line of the listing
    _ask(engine, lambda c: lookup.where_to_collect(c, CHILD, "eve\n2026-01-01\tSB01\tbob"))
    capsys.readouterr()
    assert cli(["central", "lookups", "--url", fresh_central]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "eve_2026-01-01_SB01_bob" in lines[0]
