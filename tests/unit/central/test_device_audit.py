"""central_audit_push and friends with each device's own login and hand-written SQL: the
chain is the server's own computation, a problem flags the device without refusing the
rest, and a device neither writes the audit tables nor sees or clears another's flags."""

import datetime as dt
import json
import uuid

import psycopg
import pytest

from counter_app.central import admin, device_audit, reasons
from counter_app.domain.errors import read_reason
from tests.sync_helpers import enrolled_device

pytestmark = pytest.mark.postgres

AT = dt.datetime(2026, 12, 7, 9, 30, 0, 250000)


def record(seq: int, **changes) -> dict:
    values = {"seq": seq, "at": (AT + dt.timedelta(seconds=seq)).isoformat(),
              "operator_id": "", "action": "login", "entity": "operator",
              "entity_id": f"op-{seq}", "from_status": "", "to_status": "",
              "detail": f"窗口 {seq}\n\"quoted\""}
    return {**values, **changes}


def head_after(records: list[dict], head: str = device_audit.GENESIS) -> str:
    """The chain head as a counter computes it."""
    for r in records:
        head = device_audit.link(head, device_audit.canonical(
            r["seq"], dt.datetime.fromisoformat(r["at"]), r["operator_id"] or None, r["action"],
            r["entity"], r["entity_id"], r["from_status"], r["to_status"], r["detail"]))
    return head


def push(conn, records: list[dict], ranges=None, head=None, **extra) -> dict:
    seqs = [r["seq"] for r in records]
    batch = {"ranges": ranges or [[min(seqs), max(seqs)]], "records": records,
             "head": head or head_after(records), **extra}
    return conn.execute("SELECT central_audit_push(%s::jsonb)", (json.dumps(batch),)
                        ).fetchone()[0]


@pytest.fixture
def city(fresh_central):
    """Two counters of site SA01 and SB01 and a card centre's device."""
    for code, kind in (("SA01", "service_centre"), ("SB01", "service_centre"),
                       ("CC01", "card_centre")):
        admin.add_site(fresh_central, code, f"site {code}", kind)
    return {"url": fresh_central, "a": enrolled_device(fresh_central, "SA01", "counter A"),
            "b": enrolled_device(fresh_central, "SB01", "counter B"),
            "centre": enrolled_device(fresh_central, "CC01", "console")}


def stored(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT d.name, r.seq, r.detail, r.chain_hash FROM "
                            "central_audit_records r JOIN central_devices d ON d.id = "
                            "r.device_id ORDER BY d.name, r.seq").fetchall()


def flag_reasons(conn) -> list[tuple[str, str, str]]:
    """(device name, reason, detail template) of the flags the login may see."""
    return sorted((f.device_name, f.reason, read_reason(f.detail)[0]) for f in (
        device_audit.DeviceFlag(*row) for row in conn.execute(
            "SELECT * FROM central_audit_flags()")))


def test_the_server_chain_is_the_counters_own_fold(fresh_central):
    operator = uuid.uuid4()
    cases = [(1, AT, operator, "submitted", "application", "x" * 40, "draft", "submitted",
              "batch 𠮷 \\ \" \t\n"), (99_999, AT.replace(microsecond=0), None, "", "", "", "",
                                       "", "")]
    with psycopg.connect(fresh_central) as conn:
        for case in cases:
            in_sql = conn.execute("SELECT central_audit_link(%s, %s, %s, %s, %s, %s, %s, %s, "
                                  "%s, %s)", ("a" * 64, *case)).fetchone()[0]
            assert in_sql == device_audit.link("a" * 64, device_audit.canonical(*case))


def test_records_are_stored_with_the_servers_chain_and_nothing_is_flagged(city):
    records = [record(seq) for seq in range(1, 301)]
    with psycopg.connect(city["a"].url, autocommit=True) as conn:
        first = push(conn, records[:100])
        answer = push(conn, records[100:], head=head_after(records))  # the chain goes on
        again = push(conn, records[:50] + [record(301)],  # a resend, and one new
                     ranges=[[1, 50], [301, 301]], head=head_after(records + [record(301)]))
    assert first["stored"] == 100 and answer["stored"] == 200 and again["stored"] == 1
    assert again["again"] == 50
    assert answer["head"] == head_after(records)
    assert answer["flags"] == {"count": 0, "recent": []}
    rows = stored(city["url"])
    assert [seq for _, seq, _, _ in rows] == list(range(1, 302))
    assert rows[-1][3] == head_after(records + [record(301)])


def test_a_head_the_device_claims_is_not_what_is_stored(city):
    records = [record(1), record(2)]
    with psycopg.connect(city["a"].url, autocommit=True) as conn:
        answer = push(conn, records, head="e" * 64)
        assert flag_reasons(conn) == [("counter A", "anchor_rewritten", reasons.AUDIT_HEAD)]
    assert answer["head"] == head_after(records)  # the server's own, not the claimed one
    assert answer["flags"]["count"] == 1
    assert stored(city["url"])[-1][3] == head_after(records)


def test_a_gap_an_edit_and_a_removal_are_flagged_and_the_rest_stored(city):
    with psycopg.connect(city["a"].url, autocommit=True) as conn:
        push(conn, [record(seq) for seq in range(1, 11)])
        # 11-12 never sent (deleted before the push), 4 edited, 7 gone since it was sent
        sent = ([record(seq) for seq in (1, 2, 3, 5, 6, 8, 9, 10)]
                + [record(4, detail="rewritten")] + [record(13), record(14)])
        answer = push(conn, sent, ranges=[[1, 10], [11, 14]],
                      head=head_after([record(seq) for seq in range(1, 11)]
                                      + [record(13), record(14)]))
        assert flag_reasons(conn) == [("counter A", "edited", reasons.AUDIT_EDITED),
                                      ("counter A", "gap", reasons.AUDIT_MISSING),
                                      ("counter A", "gap", reasons.AUDIT_REMOVED)]
    assert answer["stored"] == 2 and answer["flags"]["count"] == 3
    rows = {seq: detail for _, seq, detail, _ in stored(city["url"])}
    assert sorted(rows) == [*range(1, 11), 13, 14]
    assert rows[4] == record(4)["detail"]  # the first received stays


def test_a_record_that_cannot_be_stored_is_flagged_not_raised(city):
    with psycopg.connect(city["a"].url, autocommit=True) as conn:
        answer = push(conn, [record(1), record(2, action="x" * 41, operator_id="nobody"),
                             record(3)], head="0" * 64)
        assert ("counter A", "edited", reasons.AUDIT_UNREADABLE) in flag_reasons(conn)
    assert answer["stored"] == 2


def test_an_anchor_is_checked_against_the_records_received(city):
    records = [record(seq) for seq in range(1, 6)]
    with psycopg.connect(city["a"].url, autocommit=True) as conn:
        conn.execute("SELECT central_audit_anchor(2, %s)", ("c" * 64,))  # nothing to check yet
        push(conn, records)
        conn.execute("SELECT central_audit_anchor(3, %s)", (head_after(records[:3]),))
        assert flag_reasons(conn) == []
        conn.execute("SELECT central_audit_anchor(5, %s)", ("d" * 64,))  # a rewritten head
        assert flag_reasons(conn) == [("counter A", "anchor_rewritten", reasons.AUDIT_ANCHOR)]
        with pytest.raises(psycopg.errors.InvalidParameterValue):  # and it never goes back
            conn.execute("SELECT central_audit_anchor(4, %s)", (head_after(records[:4]),))


def test_a_malformed_batch_is_refused_whole(city):
    with psycopg.connect(city["a"].url, autocommit=True) as conn:
        for batch in ({"records": [record(1)], "head": "0" * 64},
                      {"ranges": [[1, 1]], "records": [record(1), record(1)], "head": "0" * 64},
                      {"ranges": [[1, 1]], "records": [record(2)], "head": "0" * 64},
                      {"ranges": [[1, 1]], "records": [{**record(1), "seq": "1; x"}],
                       "head": "0" * 64}):
            with pytest.raises(psycopg.errors.InvalidParameterValue):
                conn.execute("SELECT central_audit_push(%s::jsonb)", (json.dumps(batch),))
    assert stored(city["url"]) == []


def test_records_go_under_the_callers_own_device_whatever_the_batch_says(city):
    with psycopg.connect(city["url"]) as conn:
        b_device, b_site = conn.execute("SELECT id, site_id FROM central_devices "
                                        "WHERE name = 'counter B'").fetchone()
    with psycopg.connect(city["b"].url, autocommit=True) as conn:
        push(conn, [record(1)])
    with psycopg.connect(city["a"].url, autocommit=True) as conn:  # A poses as B
        forged = record(1, detail="forged", device_id=str(b_device), site_id=str(b_site))
        push(conn, [forged], device_id=str(b_device), site_id=str(b_site))
    assert [(name, seq, detail) for name, seq, detail, _ in stored(city["url"])] == [
        ("counter A", 1, "forged"), ("counter B", 1, record(1)["detail"])]


def test_flags_are_seen_by_their_device_and_the_card_centre_only(city):
    with psycopg.connect(city["b"].url, autocommit=True) as conn:
        push(conn, [record(2)])  # record 1 missing: B is flagged
        assert flag_reasons(conn) == [("counter B", "gap", reasons.AUDIT_MISSING)]
    with psycopg.connect(city["a"].url, autocommit=True) as conn:
        assert flag_reasons(conn) == []  # A sees none of B's
        for statement in ("SELECT * FROM central_device_flags",
                          "DELETE FROM central_device_flags",
                          "UPDATE central_device_flags SET reason = 'gap'",
                          "INSERT INTO central_device_flags (site_id, device_id, flagged_at, "
                          "reason) VALUES (gen_random_uuid(), gen_random_uuid(), now(), 'gap')",
                          "SELECT * FROM central_audit_records",
                          "DELETE FROM central_audit_records",
                          "UPDATE central_audit_records SET detail = ''",
                          "INSERT INTO central_audit_records DEFAULT VALUES"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the helpers: engine's
            conn.execute("SELECT central_audit_flag(gen_random_uuid(), gen_random_uuid(), "
                         "'gap', '')")
    with psycopg.connect(city["centre"].url, autocommit=True) as conn:
        assert flag_reasons(conn) == [("counter B", "gap", reasons.AUDIT_MISSING)]
    with psycopg.connect(city["url"]) as conn:  # the administrator
        assert conn.execute("SELECT site_code FROM central_audit_flags()").fetchall() == [
            ("SB01",)]
