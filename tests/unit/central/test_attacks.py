"""A counter's own stored login against the central database, used as an attacker would
(issue 12): hand-written SQL on every table and every function it can reach, and forged
operations through the functions it may call. Nothing of the other site, and nothing
outside the lifecycle, may change or leak."""

import base64
import hashlib
import json
import time
import uuid

import psycopg
import pytest

from counter_app.central import admin, fencing, schema
from counter_app.central.operations import MALFORMED, UNKNOWN_KIND
from counter_app.central.reasons import (
    APPLICATION_UNKNOWN,
    CARD_UNKNOWN,
    NOT_HOLDER,
    PHOTO_TOO_LARGE,
    RECEIPT_NOT_OURS,
    WRONG_SITE,
)
from counter_app.domain.errors import read_reason
from tests.sync_helpers import enrolled_device

pytestmark = pytest.mark.postgres

CHILD_B, GUARDIAN_B = "110105201903150038", "110105198001010016"
CARD_B = "B12345678"
TODAY = time.strftime("%Y%m%d")


def _push(conn, *ops) -> list[dict]:
    batch = [{"seq": seq, "op_id": str(uuid.uuid4()), "kind": kind, "payload": payload}
             for seq, (kind, payload) in enumerate(ops, start=int(time.time() * 1000))]
    return conn.execute("SELECT central_push(%s::jsonb)", (json.dumps(batch),)).fetchone()[0]


def _application(site_code: str, **changes) -> dict:
    return {"id": str(uuid.uuid4()), "number": f"{site_code}-{TODAY}-01-0001",
            "site_code": site_code, "business_type": "newborn", "status": "submitted",
            "applicant": {"name": "王小明", "id_number": CHILD_B},
            "guardian": {"name": "王大明", "id_number": GUARDIAN_B}, **changes}


def _receipt(number: str, photo: bytes) -> dict:
    return {"number": number, "issuer": "x", "photo_sha256": hashlib.sha256(photo).hexdigest(),
            "photo_base64": base64.b64encode(photo).decode()}


@pytest.fixture
def city(fresh_central):
    """Site SB01 (the victim) with an application whose card waits at its counter, a
    temporary loss report on it and a photo receipt; site SA01's device (the attacker)."""
    for code in ("SA01", "SB01"):
        admin.add_site(fresh_central, code, f"site {code}")
    attacker = enrolled_device(fresh_central, "SA01", "counter A")
    victim = enrolled_device(fresh_central, "SB01", "counter B")
    application = _application("SB01")
    with psycopg.connect(victim.url, autocommit=True) as conn:
        assert [r["result"] for r in _push(conn, ("application_submitted", application))] == [
            "applied"]
    with psycopg.connect(fresh_central, autocommit=True) as conn:  # the card centre's work
        conn.execute("UPDATE central_applications SET status = 'at_site' WHERE id = %s",
                     (application["id"],))
        conn.execute("UPDATE central_card_records SET status = 'at_site', card_number = %s "
                     "WHERE application_id = %s", (CARD_B, application["id"]))
    with psycopg.connect(victim.url, autocommit=True) as conn:
        report = {"id": str(uuid.uuid4()), "card_number": CARD_B, "id_number": GUARDIAN_B,
                  "kind": "temporary_loss", "listed_at": _now_iso(conn)}
        receipt = _receipt(f"SB01{TODAY}0001", b"\xff\xd8 photo of B")
        assert [r["result"] for r in _push(conn, ("card_reported", report),
                                           ("photo_receipt_issued", receipt))] == [
            "applied", "applied"]
    return {"url": fresh_central, "attacker": attacker, "victim": victim,
            "application": application, "report": report, "receipt": receipt}


def _now_iso(conn) -> str:
    return conn.execute("SELECT (now() AT TIME ZONE 'UTC')::text").fetchone()[0]


def _everything(url: str) -> dict:
    """Every row of every table, as the administrator sees it."""
    with psycopg.connect(url) as conn:
        return {table.name: sorted(map(repr, conn.execute(
            f"SELECT * FROM {table.name} ORDER BY 1"))) for table in schema.metadata.sorted_tables
            if table.name not in ("central_applied_operations", "central_audit_anchors")}


def _reasons(results) -> list[str]:
    return [read_reason(r["reason"])[0] if r["reason"] else r["result"] for r in results]


def test_no_table_can_be_written_locked_or_emptied_by_hand(city):
    before = _everything(city["url"])
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        for table in schema.metadata.sorted_tables:
            first = next(iter(table.columns)).name
            for statement in (f"INSERT INTO {table.name} DEFAULT VALUES",
                              f"UPDATE {table.name} SET {first} = {first}",
                              f"DELETE FROM {table.name}", f"TRUNCATE {table.name}"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"LOCK TABLE {table.name} IN EXCLUSIVE MODE")
    assert _everything(city["url"]) == before


def test_only_the_device_functions_can_be_called(city):
    allowed = {signature.split("(")[0] for signature in fencing.device_functions()}
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        callable_ = {name for (name,) in conn.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND has_function_privilege(p.oid, 'EXECUTE')")}
        assert callable_ == allowed
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT central_list_replaced(%s, %s, %s, %s, now()::timestamp)",
                         (uuid.uuid4(), uuid.uuid4(), CARD_B, CHILD_B))


def test_no_object_of_the_device_runs_with_the_engines_rights(city):
    """A device may create nothing on the central database: no table in public, and no
    temporary table either (one named like central_push's own, with a trigger, made
    first in the device's session, would run the device's code as the engine)."""
    before = _everything(city["url"])
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        for statement in ("CREATE TEMP TABLE central_push_ops (seq bigint PRIMARY KEY)",
                          "CREATE TABLE public.mine (x int)",
                          "CREATE FUNCTION public.mine() RETURNS int LANGUAGE sql AS 'SELECT 1'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        # the push still works for the device itself
        assert conn.execute("SELECT central_push('[]'::jsonb)").fetchone() == ([],)
    assert _everything(city["url"]) == before


def test_another_sites_rows_stay_unseen(city):
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        for table in ("central_applications", "central_card_records", "central_status_history",
                      "central_applied_operations", "central_blobs",
                      "central_application_files", "central_audit_anchors"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        for table in ("central_devices", "central_blob_chunks"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT * FROM {table}")


def test_forged_operations_are_refused_and_change_nothing_of_another_site(city):
    before = _everything(city["url"])
    big_photo = b"\xff\xd8" + bytes(250 * 1024)
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        now = _now_iso(conn)
        results = _push(
            conn,
            ("application_submitted", _application("SB01")),                  # for B
            ("application_submitted", _application("SA01", status="produced")),
            ("photo_receipt_issued", _receipt(f"SB01{TODAY}0002", b"forged")),  # B's range
            ("photo_receipt_issued", _receipt(f"SA01{TODAY}0001", big_photo)),
            ("card_reported", {"id": str(uuid.uuid4()), "card_number": CARD_B,
                               "id_number": "110105199001010011", "kind": "formal_loss",
                               "listed_at": now}),
            ("card_reported", {"id": str(uuid.uuid4()), "card_number": "Z99999999",
                               "id_number": CHILD_B, "kind": "formal_loss",
                               "listed_at": now}),
            ("card_unreported", {"id": city["report"]["id"], "card_number": CARD_B,
                                 "released_at": now}),
            ("card_unreported", {"id": city["report"]["id"], "card_number": CARD_B,
                                 "id_number": "110105199001010011", "released_at": now}),
            ("card_collected", {"application_id": city["application"]["id"], "at": now,
                                "collector": "guardian"}),
            ("card_made", {"application_id": city["application"]["id"]}),
        )
    assert [r["result"] for r in results] == ["rejected"] * 10
    assert _reasons(results) == [WRONG_SITE, MALFORMED, RECEIPT_NOT_OURS, PHOTO_TOO_LARGE,
                                 NOT_HOLDER, CARD_UNKNOWN, MALFORMED, NOT_HOLDER,
                                 APPLICATION_UNKNOWN, UNKNOWN_KIND]
    assert read_reason(results[1]["reason"])[1] == {"detail": "status"}
    assert _everything(city["url"]) == before


def test_an_application_id_of_another_site_stays_that_sites(city):
    """Sending B's application id under A's own code writes a row of A's, never B's."""
    forged = _application("SA01", id=city["application"]["id"], status="submitted")
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        assert _reasons(_push(conn, ("application_submitted", forged))) == ["applied"]
    with psycopg.connect(city["url"]) as conn:
        rows = conn.execute("SELECT s.code, a.status FROM central_applications a JOIN "
                            "central_sites s ON s.id = a.site_id WHERE a.id = %s ORDER BY 1",
                            (forged["id"],)).fetchall()
    assert rows == [("SA01", "submitted"), ("SB01", "at_site")]


def test_files_and_anchors_only_move_forward_within_the_own_site(city):
    sha = hashlib.sha256(b"B's scan").hexdigest()
    with psycopg.connect(city["victim"].url, autocommit=True) as conn:
        assert conn.execute("SELECT central_blob_begin(%s, 8, 8)", (sha,)).fetchone() == ([],)
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue):  # B's file: not A's
            conn.execute("SELECT central_blob_chunk(%s, 0, 'forged')", (sha,))
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute("SELECT central_blob_begin(%s, %s, 8)", (sha, 10 ** 12))
        conn.execute("SELECT central_audit_anchor(5, %s)", ("a" * 64,))
        with pytest.raises(psycopg.errors.InvalidParameterValue):  # rewinding the chain
            conn.execute("SELECT central_audit_anchor(3, %s)", ("b" * 64,))
    with psycopg.connect(city["url"]) as conn:
        assert conn.execute("SELECT count(*) FROM central_blob_chunks").fetchone() == (0,)


def test_audit_records_and_flags_stay_each_devices_own(city):
    """B's audit log is flagged (its record 1 never arrived); A can neither see nor clear
    that, nor write either audit table."""
    victim_record = {"seq": 2, "at": "2026-12-07T09:00:00", "action": "login",
                     "entity": "operator", "entity_id": "x"}
    with psycopg.connect(city["victim"].url, autocommit=True) as conn:
        answer = conn.execute("SELECT central_audit_push(%s::jsonb)", (json.dumps(
            {"ranges": [[1, 2]], "records": [victim_record], "head": "0" * 64}),)).fetchone()[0]
        assert answer["flags"]["count"] == 2  # record 1 missing, and the head it claimed
    before = _everything(city["url"])
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM central_audit_flags()").fetchone() == (0,)
        for statement in ("DELETE FROM central_device_flags", "SELECT * FROM central_device_flags",
                          "UPDATE central_audit_records SET detail = ''",
                          "DELETE FROM central_audit_records"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    assert _everything(city["url"]) == before


def test_device_sessions_are_time_limited_and_a_stalled_writer_is_ended(city):
    with psycopg.connect(city["url"], autocommit=True) as conn:  # 30 s, shortened to 1 s
        conn.execute(fencing.IDENTITY_FUNCTIONS.replace(
            f"interval '{fencing.STALLED_WRITER}'", "interval '1 second'"))
    stalling = psycopg.connect(city["attacker"].url)
    try:
        assert stalling.execute("SHOW statement_timeout").fetchone() == ("30s",)
        assert stalling.execute("SHOW lock_timeout").fetchone() == ("5s",)
        _push(stalling, ("application_submitted", _application("SA01")))  # holds an xid
        for _ in range(3):  # busy, never idle: the idle timeout alone would not end it
            stalling.execute("SELECT 1")
            time.sleep(0.5)
        with psycopg.connect(city["victim"].url, autocommit=True) as conn:
            assert conn.execute("SELECT central_end_stalled_writers()").fetchone() == (1,)
        with pytest.raises(psycopg.OperationalError):
            stalling.execute("SELECT 1")
    finally:
        stalling.close()
    with psycopg.connect(city["url"]) as conn:  # its push was never committed
        assert conn.execute("SELECT count(*) FROM central_applications a JOIN central_sites s"
                            " ON s.id = a.site_id WHERE s.code = 'SA01'").fetchone() == (0,)
