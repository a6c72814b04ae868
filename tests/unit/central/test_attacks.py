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
from counter_app.central.operations import MALFORMED, PROOF_KINDS, UNKNOWN_KIND
from counter_app.central.reasons import (
    PROOF_NOT_ASKED,
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


def _push(conn, *ops, prove: bool = True) -> list[dict]:
    """One central_push of *ops*; with *prove*, the holder's proof of each card operation
    asked for first (committed), as a counter's sync does."""
    batch = [{"seq": seq, "op_id": str(uuid.uuid4()), "kind": kind, "payload": payload}
             for seq, (kind, payload) in enumerate(ops, start=int(time.time() * 1000))]
    for op in batch:
        payload = op["payload"]
        if prove and op["kind"] in PROOF_KINDS and payload.get("id_number"):
            [ticket] = _proof_tickets(conn, (payload["card_number"], payload["id_number"]))
            if ticket:
                op["proof_ticket"] = ticket
    return conn.execute("SELECT central_push(%s::jsonb)", (json.dumps(batch),)).fetchone()[0]


def _proof_tickets(conn, *proofs) -> list[str | None]:
    """Tickets for (card, ID number) proofs, committed (None: refused by the budget)."""
    answers = conn.execute("SELECT central_proof_tickets(%s::jsonb, 'x')", (json.dumps(
        [{"card_number": card, "id_number": holder} for card, holder in proofs]),)
    ).fetchone()[0]
    if not conn.autocommit:
        conn.commit()
    return [answer.get("ticket") for answer in answers]


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
        receipt = _receipt(f"SB01{TODAY}{victim.counter_no:06d}0001", b"\xff\xd8 photo of B")
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
            # what grows with every attempt, by design: the records of calls and look-ups
            if table.name not in ("central_applied_operations", "central_audit_anchors",
                                  "central_lookups")}


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
            conn.execute("SELECT central_list_replaced(%s, %s, %s, %s, '', now()::timestamp)",
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


def test_no_server_wide_resource_can_be_exhausted_or_held(city):
    """Advisory locks (thousands fill the server's lock table; a sibling's per-device lock
    held stalls its look-ups) and large objects (storage outside every table) are the
    engine's or nobody's."""
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        for statement in ("SELECT pg_advisory_lock(1)", "SELECT pg_try_advisory_lock(1, 2)",
                          "SELECT pg_advisory_xact_lock_shared(3)",
                          "SELECT lo_from_bytea(0, 'x'::bytea)", "SELECT lo_create(0)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        assert conn.execute("SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user"
                            ).fetchone()[0] == fencing.DEVICE_CONNECTIONS


def test_one_push_per_transaction_and_no_giant_payloads(city):
    """A second push in one transaction would take the first one's (device, seq) records
    for new ones; a payload of megabytes would be stored as sent."""
    before = _everything(city["url"])
    with psycopg.connect(city["attacker"].url) as conn:
        _push(conn, ("application_submitted", _application("SA01")))
        with pytest.raises(psycopg.errors.InvalidTransactionState):
            _push(conn, ("application_submitted", _application("SA01")))
        conn.rollback()
        huge = _application("SA01", extra={"padding": "x" * 200_000})
        assert _reasons(_push(conn, ("application_submitted", huge))) == [
            MALFORMED]
        conn.rollback()
    assert _everything(city["url"]) == before


def test_another_sites_rows_stay_unseen(city):
    """No device reads a site-owned table (its own card records come through
    central_card_feed, which takes the site from the login)."""
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM central_card_feed('0', "
                            "pg_snapshot_xmax(pg_current_snapshot()))").fetchone() == (0,)
        for table in ("central_applications", "central_card_records", "central_status_history",
                      "central_applied_operations", "central_blobs",
                      "central_application_files", "central_audit_anchors",
                      "central_devices", "central_blob_chunks"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT * FROM {table}")
    with psycopg.connect(city["victim"].url, autocommit=True) as conn:  # B's own, and only
        assert conn.execute("SELECT application_id, card_number FROM central_card_feed('0', "
                            "pg_snapshot_xmax(pg_current_snapshot()))").fetchall() == [
            (uuid.UUID(city["application"]["id"]), CARD_B)]


def _indexed_columns(conn) -> list[tuple[str, str, str, bool]]:
    """(table, column, its type, whether the caller may name it) of every index of every
    central table, as the catalogue (readable by any login) tells."""
    return conn.execute(
        "SELECT DISTINCT c.relname::text, a.attname::text, format_type(a.atttypid, NULL), "
        "       has_column_privilege(c.oid, a.attnum, 'SELECT') "
        "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) "
        "WHERE c.relnamespace = 'public'::regnamespace AND c.relname LIKE 'central%%' "
        "ORDER BY 1, 2").fetchall()


def _plan_nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _plan_nodes(child)


def explain_leaks(conn, table: str, column: str, kind: str, values) -> list[str]:
    """Run the EXPLAIN side channel on *table*.*column* (of type *kind*) with the caller's
    own login, index scans forced: conditions every row matches, and the victim's
    *values*. A scan of the table must neither emit more rows than the caller reads with
    the same condition nor look at more (emitted + removed by a filter) than it may read
    in the whole table; what it does beyond that is the leak. (A bitmap index scan's own
    count also takes in dead row versions, so it is judged by its heap scan.)"""
    conditions = [(f"{column} IS NOT NULL", None)]
    if kind in ("text", "character varying"):
        conditions += [(f"{column} >= %s AND {column} < %s", ("", "\U0010ffff"))]
        conditions += [(f"{column} = %s", (value,)) for value in values]
    elif kind == "uuid":
        conditions += [(f"{column} = %s::uuid", (value,)) for value in values
                       if len(value) == 36]
    leaks = []
    total = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    for bitmap in ("on", "off"):
        conn.execute(f"SET enable_bitmapscan = {bitmap}")
        for condition, params in conditions:
            where = f"FROM {table} WHERE {condition}"
            readable = conn.execute(f"SELECT count(*) {where}", params).fetchone()[0]
            [[explained]] = conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1 {where}",
                                         params).fetchone()
            for node in _plan_nodes(explained["Plan"]):
                if node.get("Relation Name") != table:
                    continue
                rows = node["Actual Rows"] * node["Actual Loops"]
                seen = rows + node.get("Rows Removed by Filter", 0) + node.get(
                    "Rows Removed by Index Recheck", 0)
                if rows > readable or seen > total:
                    leaks.append(f"{table} {condition} {params}: {node['Node Type']} "
                                 f"emitted {rows}, looked at {seen} (readable: {readable} "
                                 f"of {total})")
    return leaks


def test_explain_counts_no_row_a_device_may_not_read(city):
    """Finding 15 of the review: `SET enable_seqscan = off; EXPLAIN ANALYZE SELECT ... WHERE
    id_number >= 'x'` on a row-level-secured table runs the (leakproof) comparison in the
    index before the policy's filter, and "Rows Removed by Filter" counts the other sites'
    matching rows: a binary search reads every ID and card number of the city, unbudgeted
    and unrecorded. With the device's own login, on every table it may select from and
    every indexed column it may name, nothing is counted that it cannot read itself; every
    other indexed column (the site-owned tables' ID and card numbers among them) is
    refused outright."""
    victim = (CHILD_B, GUARDIAN_B, CARD_B, city["application"]["id"], "SB01")
    with psycopg.connect(city["url"], autocommit=True) as conn:
        conn.execute("ANALYZE")  # the planner's statistics, as on a city's server
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        conn.execute("SET enable_seqscan = off")
        columns = _indexed_columns(conn)
        named = [(table, column, kind) for table, column, kind, may in columns if may]
        refused = [(table, column) for table, column, _kind, may in columns if not may]
        assert {("central_applications", "id_number"), ("central_card_records", "card_number"),
                ("central_invalid_list", "id_number")} <= set(refused)
        assert ("central_invalid_list", "card_number", "character varying") in named
        leaks = [leak for table, column, kind in named
                 for leak in explain_leaks(conn, table, column, kind, victim)]
        assert leaks == []
        for table, column in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1 FROM {table} "
                             f"WHERE {column} IS NOT NULL")


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


def test_no_free_oracle_of_whose_card_a_number_is(city):
    """Trying ID numbers against a card costs a committed look-up each: without one, with
    one rolled back, or with one for another ID number, the report is refused unread; the
    budget bounds the tries; a replacement lists the old card only when proved so."""
    before = _everything(city["url"])
    release = {"id": city["report"]["id"], "card_number": CARD_B, "id_number": GUARDIAN_B,
               "released_at": None}
    with psycopg.connect(city["attacker"].url) as conn:
        release["released_at"] = _now_iso(conn)
        assert _reasons(_push(conn, ("card_unreported", release), prove=False)) == [
            PROOF_NOT_ASKED]
        conn.rollback()
        answers = conn.execute("SELECT central_proof_tickets(%s::jsonb, 'x')", (json.dumps(
            [{"card_number": CARD_B, "id_number": GUARDIAN_B}]),)).fetchone()[0]
        conn.rollback()  # the look-up's record rolled back: its ticket is worth nothing
        unrecorded = {"card_unreported": {**release}}
        batch = [{"seq": 1, "op_id": str(uuid.uuid4()), "kind": "card_unreported",
                  "payload": unrecorded["card_unreported"],
                  "proof_ticket": answers[0]["ticket"]}]
        result = conn.execute("SELECT central_push(%s::jsonb)", (json.dumps(batch),)
                              ).fetchone()[0]
        assert _reasons(result) == [PROOF_NOT_ASKED]
        conn.rollback()
        [other] = _proof_tickets(conn, (CARD_B, CHILD_B))  # proves another ID number
        batch[0]["proof_ticket"] = other
        result = conn.execute("SELECT central_push(%s::jsonb)", (json.dumps(batch),)
                              ).fetchone()[0]
        assert _reasons(result) == [PROOF_NOT_ASKED]
        conn.rollback()
        # a replacement naming B's card lists it only with the holder's proof asked for
        replacing = _application("SA01", replaces_card=CARD_B)
        assert _reasons(_push(conn, ("application_submitted", replacing))) == ["applied"]
        conn.rollback()
    assert _everything(city["url"]) == before  # B's report still in force, nothing listed
    with psycopg.connect(city["url"], autocommit=True) as conn:
        conn.execute("UPDATE central_sites SET lookup_budget = 2 WHERE code = 'SA01'")
    with psycopg.connect(city["attacker"].url, autocommit=True) as conn:
        tries = [(CARD_B, f"11010519900101{n:03d}X") for n in range(5)]
        assert [bool(t) for t in _proof_tickets(conn, *tries)] == [True] + [False] * 4
    with psycopg.connect(city["url"]) as conn:
        kinds = conn.execute("SELECT l.kind, l.allowed FROM central_lookups l JOIN central_sites s "
                             "ON s.id = l.site_id WHERE s.code = 'SA01' ORDER BY l.at"
                             ).fetchall()
    assert kinds == [("holder_proof", True)] * 2 + [("holder_proof", False)] * 4


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
