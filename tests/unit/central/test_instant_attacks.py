"""Instant issuance against a counter's own login used as an attacker would (issue 16):
hand-written SQL and forged operations. A counter cannot give itself numbers or blanks,
switch its site to instant issuance, read another site's blocks or another counter's runs,
use a number twice or one that is not its own, nor make cards at a site that does not
issue instantly; the card centre cannot give two sites the same number."""

import json
import threading
import time
import uuid

import psycopg
import pytest

from counter_app.central import admin, card_blocks, device_instant
from counter_app.central.reasons import (
    APPLICATION_UNKNOWN,
    CARD_NOT_READY,
    NOT_INSTANT,
    NUMBER_NOT_IN_PRODUCTION,
    NUMBER_NOT_RESERVED,
    NUMBER_USED,
)
from counter_app.domain.errors import read_reason
from counter_app.issuance.numbers import parse_range
from tests.sync_helpers import enrolled_device

pytestmark = pytest.mark.postgres

SEQ = iter(range(int(time.time() * 1000), 10 ** 15))


def _push(conn, *ops) -> list[str]:
    """One central_push of *ops*; each result's reason template, or its result."""
    batch = [{"seq": next(SEQ), "op_id": str(uuid.uuid4()), "kind": kind, "payload": payload}
             for kind, payload in ops]
    answer = conn.execute("SELECT central_push(%s::jsonb)", (json.dumps(batch),)).fetchone()[0]
    return [read_reason(r["reason"])[0] if r["reason"] else r["result"] for r in answer]


def _now(conn) -> str:
    return conn.execute("SELECT (now() AT TIME ZONE 'UTC')::text").fetchone()[0]


def _application(site_code: str) -> dict:
    return {"id": str(uuid.uuid4()), "number": f"{site_code}-{uuid.uuid4().hex[:8]}",
            "site_code": site_code, "business_type": "newborn", "status": "submitted",
            "applicant": {"name": "王小明", "id_number": "110105201903150038"}}


def _started(conn, application: dict, card: str) -> dict:
    return {"application_id": application["id"], "card_number": card, "at": _now(conn),
            "operator": "x"}


def _allocate(url: str, site: str, numbers: str, blanks: int = 10):
    with psycopg.connect(url, autocommit=True) as conn:
        block = parse_range(numbers)
        return conn.execute(
            "SELECT central_card_allocate(%s, %s, %s, %s, %s, %s, '', 'test')",
            (site, blanks, block.prefix, block.first, block.last, block.width)).fetchone()[0]


@pytest.fixture
def city(fresh_central):
    """SA01 and SB01 issue instantly (blocks A… and B…), SN01 does not (a block N… all the
    same); two counters of SA01, one of each other site."""
    for code in ("SA01", "SB01", "SN01"):
        admin.add_site(fresh_central, code, f"site {code}")
    for code in ("SA01", "SB01"):
        card_blocks.set_instant(fresh_central, code, True)
    for code, numbers in (("SA01", "A00000001-A00000100"), ("SB01", "B00000001-B00000100"),
                          ("SN01", "N00000001-N00000100")):
        assert _allocate(fresh_central, code, numbers)["block"]
    devices = {name: enrolled_device(fresh_central, site, name) for name, site in (
        ("a1", "SA01"), ("a2", "SA01"), ("b1", "SB01"), ("n1", "SN01"))}
    return {"url": fresh_central, **devices}


def test_a_counter_cannot_give_itself_numbers_or_blanks_nor_switch_its_site(city):
    with psycopg.connect(city["a1"].url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT central_card_allocate('SA01', 100, 'A', 500, 600, 8, '', 'x')")
        for statement in ("UPDATE central_sites SET instant_issuance = true",
                          "INSERT INTO central_card_blocks DEFAULT VALUES",
                          "INSERT INTO central_blank_deliveries DEFAULT VALUES",
                          "INSERT INTO central_card_reservations DEFAULT VALUES",
                          "UPDATE central_card_numbers SET outcome = 'issued'",
                          "DELETE FROM central_card_numbers"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with psycopg.connect(city["n1"].url, autocommit=True) as conn:
        assert conn.execute("SELECT central_card_reserve(10)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM central_card_reservations()").fetchone()[0] == 0
        assert conn.execute("SELECT central_card_stock() ->> 'instant'").fetchone()[0] == "false"


def test_a_counter_reads_only_its_own_sites_blocks_and_its_own_runs(city):
    for name in ("a1", "a2", "b1"):
        with psycopg.connect(city[name].url, autocommit=True) as conn:
            assert conn.execute("SELECT central_card_reserve(10)").fetchone()[0] == 10
    with psycopg.connect(city["a2"].url, autocommit=True) as conn:
        runs = conn.execute("SELECT prefix, first_no, last_no FROM central_card_reservations()"
                            ).fetchall()
        assert runs == [("A", 11, 20)]  # a1 reserved 1-10 first; b1's B runs are not seen
        stock = conn.execute("SELECT central_card_stock()").fetchone()[0]
        assert [block["prefix"] for block in stock["blocks"]] == ["A"]
        assert stock["unreserved"] == 80 and stock["received"] == 10
        for table in ("central_card_blocks", "central_card_reservations",
                      "central_card_numbers", "central_blank_deliveries"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT count(*) FROM {table}")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"EXPLAIN ANALYZE SELECT 1 FROM {table} WHERE site_id IS NULL")


def test_a_number_is_used_once_and_only_by_the_counter_that_reserved_it(city):
    for name in ("a1", "a2"):
        with psycopg.connect(city[name].url, autocommit=True) as conn:
            conn.execute("SELECT central_card_reserve(10)")
    with psycopg.connect(city["a1"].url, autocommit=True) as conn:
        first, second = _application("SA01"), _application("SA01")
        assert _push(conn, ("application_submitted", first),
                     ("application_submitted", second)) == ["applied", "applied"]
        assert _push(conn,
                     ("card_instant_started", _started(conn, first, "A00000011")),  # a2's
                     ("card_instant_started", _started(conn, first, "B00000001")),  # SB01's
                     ("card_instant_started", _started(conn, first, "A00000099")),  # nobody's
                     ("card_instant_started", _started(conn, first, "A00000001")),
                     ("card_instant_started", _started(conn, second, "A00000001")),
                     ) == [NUMBER_NOT_RESERVED, NUMBER_NOT_RESERVED, NUMBER_NOT_RESERVED,
                           "applied", NUMBER_USED]
        failed = {**_started(conn, first, "A00000001"), "reason": "chip"}
        assert _push(conn,
                     ("card_instant_produced", _started(conn, second, "A00000001")),
                     ("card_instant_failed", failed),
                     ("card_instant_started", _started(conn, first, "A00000001")),
                     ("card_instant_started", _started(conn, first, "A00000002")),
                     ("card_instant_produced", _started(conn, first, "A00000001")),
                     ("card_instant_produced", _started(conn, first, "A00000002")),
                     ("card_collected", {"application_id": first["id"], "at": _now(conn),
                                         "collector": "applicant"}),
                     ) == [CARD_NOT_READY, "applied", NUMBER_USED, "applied",
                           NUMBER_NOT_IN_PRODUCTION, "applied", "applied"]
    with psycopg.connect(city["a2"].url, autocommit=True) as conn:  # a sibling, same site
        third = _application("SA01")
        assert _push(conn, ("application_submitted", third),
                     ("card_instant_started", _started(conn, third, "A00000002")),
                     ("card_instant_started", _started(conn, first, "A00000012")),
                     ) == ["applied", NUMBER_NOT_RESERVED, CARD_NOT_READY]
    with psycopg.connect(city["b1"].url, autocommit=True) as conn:  # another site's
        assert _push(conn, ("card_instant_failed", {**_started(conn, first, "A00000002"),
                                                    "reason": "x"})) == [APPLICATION_UNKNOWN]
    with psycopg.connect(city["url"]) as conn:
        used = conn.execute("SELECT card_number, outcome FROM central_card_numbers "
                            "ORDER BY card_number").fetchall()
        listed = conn.execute("SELECT card_number, reason FROM central_invalid_list").fetchall()
        status = conn.execute("SELECT status FROM central_applications WHERE id = %s",
                              (first["id"],)).fetchone()[0]
    assert used == [("A00000001", "spoiled"), ("A00000002", "issued")]
    assert listed == [("A00000001", "damage")] and status == "collected"


def test_a_counter_of_a_site_that_does_not_issue_instantly_cannot_make_or_hand_over_cards(city):
    with psycopg.connect(city["n1"].url, autocommit=True) as conn:
        application = _application("SN01")
        assert _push(conn, ("application_submitted", application),
                     ("card_instant_started", _started(conn, application, "N00000001")),
                     ) == ["applied", NOT_INSTANT]
    with psycopg.connect(city["url"], autocommit=True) as conn:  # the card centre made it
        conn.execute("UPDATE central_applications SET status = 'produced' WHERE id = %s",
                     (application["id"],))
        conn.execute("UPDATE central_card_records SET status = 'produced', "
                     "card_number = 'N00000001' WHERE application_id = %s",
                     (application["id"],))
    with psycopg.connect(city["n1"].url, autocommit=True) as conn:
        assert _push(conn, ("card_collected", {"application_id": application["id"],
                                               "at": _now(conn), "collector": "applicant"}),
                     ("card_instant_produced", _started(conn, application, "N00000001")),
                     ) == [CARD_NOT_READY, NOT_INSTANT]
    # at an instant site too, a card the card centre made is not handed over before dispatch
    with psycopg.connect(city["a1"].url, autocommit=True) as conn:
        batch_card = _application("SA01")
        assert _push(conn, ("application_submitted", batch_card)) == ["applied"]
    with psycopg.connect(city["url"], autocommit=True) as conn:
        conn.execute("UPDATE central_applications SET status = 'produced' WHERE id = %s",
                     (batch_card["id"],))
        conn.execute("UPDATE central_card_records SET status = 'produced', "
                     "card_number = 'Z12345678' WHERE application_id = %s", (batch_card["id"],))
    with psycopg.connect(city["a1"].url, autocommit=True) as conn:
        assert _push(conn, ("card_collected", {"application_id": batch_card["id"],
                                               "at": _now(conn), "collector": "applicant"}),
                     ) == [CARD_NOT_READY]
    # and a site switched off keeps its counters from making cards with numbers they hold
    with psycopg.connect(city["a2"].url, autocommit=True) as conn:
        conn.execute("SELECT central_card_reserve(5)")
        late = _application("SA01")
        card_blocks.set_instant(city["url"], "SA01", False)
        assert _push(conn, ("application_submitted", late),
                     ("card_instant_started", _started(conn, late, "A00000001")),
                     ) == ["applied", NOT_INSTANT]


def test_runs_never_overlap_and_a_counter_holds_a_bounded_number(city):
    answers, errors = {}, []

    def reserve(name: str) -> None:
        try:
            with psycopg.connect(city[name].url, autocommit=True) as conn:
                answers[name] = [conn.execute("SELECT central_card_reserve(7)").fetchone()[0]
                                 for _ in range(4)]
        except Exception as exc:  # noqa: BLE001 - shown by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=reserve, args=(name,)) for name in ("a1", "a2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and answers == {"a1": [7] * 4, "a2": [7] * 4}
    numbers: list[int] = []
    for name in ("a1", "a2"):
        with psycopg.connect(city[name].url, autocommit=True) as conn:
            for first, last in conn.execute(
                    "SELECT first_no, last_no FROM central_card_reservations()"):
                numbers += range(first, last + 1)
    assert sorted(numbers) == list(range(1, 57))  # 56 numbers, each once, in order
    with psycopg.connect(city["b1"].url, autocommit=True) as conn:
        assert conn.execute("SELECT central_card_reserve(5000)").fetchone()[0] == 100  # block
    _allocate(city["url"], "SB01", "B00010001-B00020000", blanks=0)
    with psycopg.connect(city["b1"].url, autocommit=True) as conn:
        got = conn.execute("SELECT central_card_reserve(5000)").fetchone()[0]
        assert got == device_instant.RESERVED_MAX - 100
        assert conn.execute("SELECT central_card_reserve(1)").fetchone()[0] == 0


def test_the_card_centre_never_gives_two_sites_the_same_number(city):
    admin.add_site(city["url"], "CC01", "card centre", "card_centre")
    centre = enrolled_device(city["url"], "CC01", "console")
    with psycopg.connect(centre.url, autocommit=True) as conn:
        def allocate(site, numbers):
            block = parse_range(numbers)
            return conn.execute(
                "SELECT central_card_allocate(%s, 5, %s, %s, %s, %s, 'bank', 'centre')",
                (site, block.prefix, block.first, block.last, block.width)).fetchone()[0]

        assert allocate("SB01", "A00000100-A00000200") == {"refused": "overlap",
                                                           "site": "SA01"}
        assert allocate("SB01", "A0000100-A0000200")["block"]  # another width: other numbers
        assert allocate("SZ99", "C00000001-C00000002") == {"refused": "unknown_site"}
        assert allocate("SB01", "D00000001-D00000009")["block"]
        # numbers a card already has (the card centre's own production) are refused too
        with psycopg.connect(city["n1"].url, autocommit=True) as counter:
            made = _application("SN01")
            assert _push(counter, ("application_submitted", made)) == ["applied"]
        conn.execute("UPDATE central_card_records SET card_number = 'C00000005', "
                     "status = 'in_production' WHERE application_id = %s", (made["id"],))
        assert allocate("SB01", "C00000001-C00000010") == {"refused": "made"}
        assert conn.execute("SELECT count(*) FROM central_card_blocks").fetchone()[0] == 5
        # the site setting is the administrators' alone, the card centre's role included
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE central_sites SET instant_issuance = true")
