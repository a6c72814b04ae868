"""Inquiry by ID number against 1,000,000 applications and 1,000,000 invalid-list entries:
median at most 5 ms on the counter's own store (SQLite) and at most 20 ms against the
central PostgreSQL (issue 7, "Show").

The data (tests/benchmarks/million_rows.py) is loaded once per run, beside the promise
city, by tests/benchmarks/conftest.py: locally into the counter's store, centrally by an
administrator (the per-row triggers of change tracking and the card-status guard off:
reference data, not counters' work). A card record comes with every fourth application.
The inquiries are the real path: the service with its ID-number check, the local query
and the settling of the invalid list; centrally an enrolled counter's own login through
the SECURITY DEFINER function (row-level security in force). Load times are in the notes
under the table of figures.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import statistics
import time

import pytest

from counter_app.central import database
from counter_app.central.lookup import central_inquiry
from counter_app.domain.inquiry import NumberKind
from counter_app.services import central_access, inquiry
from tests.benchmarks.budget import record, within_budget
from tests.benchmarks.million_rows import (
    APPLICATIONS,
    CARD_EVERY,
    INVALID,
    NOW,
    SITES,
    card_number,
    id_number,
    open_local_db,
)

QUERIES = 300


def sample(count: int, seed: int = 7) -> list[int]:
    return random.Random(seed).sample(range(APPLICATIONS), count)


def window_staff(ctx):
    """The operator the inquiries are made as (issue 13: an inquiry needs one): the data's
    administrator, else one of window staff that is not stored (look-ups are not audited)."""
    import uuid

    from sqlalchemy import select

    from counter_app.security.roles import Role
    from counter_app.services.auth import CurrentOperator, as_current
    from counter_app.store.models import Operator

    with ctx.sessions() as session:
        operator = session.scalar(select(Operator).limit(1))
        if operator is not None:
            return as_current(operator)
    return CurrentOperator(uuid.uuid4(), "bench", "bench", uuid.uuid4(), "S000", "bench",
                           frozenset({Role.WINDOW_STAFF}))


def median_ms(action, arguments: list) -> float:
    times = []
    for argument in arguments:
        began = time.perf_counter()
        action(argument)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


# --- the counter's own store --------------------------------------------------------------

def test_local_indexes_serve_the_inquiry(inquiry_local):
    """The queries the service makes find their rows through an index, never a scan."""
    db = open_local_db(inquiry_local.settings.data_dir / "counter.sqlite3")
    plans = {
        "applications by ID number": "SELECT * FROM applications a LEFT JOIN card_records c "
                                     "ON c.application_id = a.id WHERE a.id_number = ?",
        "cards by number": "SELECT * FROM card_records WHERE card_number = ?",
        "invalid by card number": "SELECT * FROM invalid_list WHERE card_number = ?",
    }
    for what, sql in plans.items():
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", ("x",)))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (what, plan)
        assert "SCAN applications" not in plan and "SCAN invalid_list" not in plan, plan
    db.close()


def test_local_inquiry_by_id_number(inquiry_local):
    numbers = [id_number(i) for i in sample(QUERIES)]
    staff = window_staff(inquiry_local)
    look_up = functools.partial(inquiry.look_up, inquiry_local, operator=staff)
    result = look_up(numbers[0], offline=True, now=NOW)
    assert result.source == inquiry.LOCAL and len(result.applications) == 1
    assert all(look_up(n, offline=True, now=NOW).found for n in numbers[:20])
    # one that is on the invalid list too, with its card and a settled listing
    first = id_number(0)
    found = look_up(first, offline=True, now=NOW)
    assert found.applications[0].card.number == "A****0000" and found.invalid
    assert found.invalid[0].kind == "temporary_loss" and found.invalid[0].state == "active"
    week_later = look_up(first, offline=True, now=NOW + dt.timedelta(days=7))
    assert week_later.invalid[0].state == "released"  # its 7 days ran out
    median = median_ms(lambda n: look_up(n, offline=True, now=NOW), numbers)
    by_card = median_ms(lambda n: look_up(n, offline=True, now=NOW),
                        [card_number(i - i % CARD_EVERY) for i in sample(QUERIES, 11)])
    audited = median_ms(lambda n: inquiry.inquire(inquiry_local, n, operator=staff,
                                                  offline=True, now=NOW), numbers[:100])
    print(f"\nlocal inquiry (SQLite, {APPLICATIONS:,} applications, {INVALID:,} invalid): "
          f"by ID number median {median:.2f} ms, by card number {by_card:.2f} ms, with "
          f"the audit record committed (fsync) {audited:.2f} ms")
    record(by_card, "local inquiry by card number (median)", unit="ms")
    record(audited, "local inquiry with its audit record committed (median)", unit="ms")
    within_budget(median, 5, "local inquiry by ID number (median)", unit="ms")


# --- the central database ------------------------------------------------------------------

@pytest.mark.postgres
def test_central_inquiry_by_id_number(inquiry_central):
    ctx, _url = inquiry_central
    numbers = [id_number(i) for i in sample(QUERIES, 13)]
    look_up = functools.partial(inquiry.look_up, ctx, operator=window_staff(ctx))
    first = look_up(numbers[0], now=NOW)
    assert first.source == inquiry.CENTRAL and len(first.applications) == 1
    assert first.applications[0].site_name.startswith("第")  # any site, not only S000
    # the counter's own login and the process's engine for it, as look_up uses them
    engine = database.engine_for(central_access.counter_url(ctx))

    def function_only(number: str) -> None:
        with engine.connect() as connection:
            central_inquiry(connection, NumberKind.ID_NUMBER, number)

    function = median_ms(function_only, numbers)
    median = median_ms(lambda n: look_up(n, now=NOW), numbers)
    by_card = median_ms(lambda n: look_up(n, now=NOW),
                        [card_number(i - i % CARD_EVERY) for i in sample(QUERIES, 17)])
    print(f"\ncentral inquiry (PostgreSQL, {APPLICATIONS:,} applications over {SITES} sites, "
          f"{INVALID:,} invalid, counter's login under row-level security): central_inquiry "
          f"round trip median {function:.2f} ms; whole inquiry by ID number (local store "
          f"too, merge, settle) {median:.2f} ms; by card number {by_card:.2f} ms")
    record(function, "central look-up round trip (budget checked, recorded), counter's login "
           "(median)", unit="ms")
    record(by_card, "central inquiry by card number (median)", unit="ms")
    within_budget(median, 20, "central inquiry by ID number, budget checked (median)",
                  unit="ms")
