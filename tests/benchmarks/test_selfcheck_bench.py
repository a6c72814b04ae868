"""What the self-check costs (issue 15): the gate intake.save_applicant passes before a
new application (no server asked: free space kept for a few seconds, the clock's last
reading), the same application saved with and without it, and every check once on a
counter enrolled with the central PostgreSQL (the clock question included)."""

from __future__ import annotations

import statistics
import time

import pytest

from counter_app.domain.business import BusinessType
from counter_app.selfcheck import Check
from counter_app.services import intake, selfcheck
from tests.benchmarks.budget import record, within_budget
from tests.helpers import child_details, newborn_day

pytestmark = pytest.mark.postgres


def per_call_ms(fn, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - started) * 1000 / calls


def test_selfcheck_costs(ctx, central, admin, monkeypatch):
    reports = [selfcheck.run_checks(ctx) for _ in range(5)]  # the first opens the engine
    whole = statistics.median(r.took_ms for r in reports[1:])
    clock = statistics.median(r.item(Check.CLOCK).took_ms for r in reports[1:])
    within_budget(whole, 100, "self-check, every item (enrolled, clock asked)", unit="ms")
    record(clock, "self-check, the clock question alone", unit="ms")
    record(reports[0].took_ms, "self-check, first run (central engine opened)", unit="ms")

    warm = per_call_ms(lambda: selfcheck.check_new_application(ctx), 10_000)
    within_budget(warm * 1000, 50, "gate before a new application (kept free space)",
                  unit="µs")
    monkeypatch.setattr(selfcheck, "DISK_CACHE_S", 0.0)
    cold = per_call_ms(lambda: selfcheck.check_new_application(ctx), 10_000)
    record(cold * 1000, "gate, free space measured every call", unit="µs")
    monkeypatch.undo()

    def save(n: int) -> None:
        first17 = f"110105202403150{n % 100:02d}"
        intake.save_applicant(ctx, admin, BusinessType.NEWBORN, child_details(first17=first17),
                              today=newborn_day(first17))

    counter = iter(range(10_000))
    with_gate = per_call_ms(lambda: save(next(counter)), 50)
    monkeypatch.setattr(selfcheck, "check_new_application", lambda ctx: None)
    without = per_call_ms(lambda: save(next(counter)), 50)
    record(with_gate, "new application saved, with the gate", unit="ms")
    record(without, "new application saved, without the gate", unit="ms")
