"""The audit log's push (issue 12): a counter's first push of 10,000 audit rows (an
install that kept its log before the rows were pushed), and a busy cycle's 200 new rows
with the 1,000 older ones sent again to be checked. Recorded, no budget: the idle cycle's
budget (no new row, no round trip) is test_sync_bench.py's."""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from sqlalchemy import insert

from counter_app.central import admin as central_admin
from counter_app.central import database
from counter_app.services import central_access
from counter_app.store.models import AuditRecord
from counter_app.sync import anchors
from counter_app.sync.push import resolve_identity
from tests.benchmarks.budget import record
from tests.benchmarks.test_sync_bench import enrolled_counter

pytestmark = pytest.mark.postgres


def audit_rows(ctx, count: int) -> None:
    at = dt.datetime(2026, 12, 7, 9, 0)
    with ctx.sessions.begin() as session:
        session.execute(insert(AuditRecord), [
            {"action": "printed", "entity": "application", "entity_id": str(uuid.uuid4()),
             "operator_id": uuid.uuid4(), "site_id": None, "from_status": "draft",
             "to_status": "examined", "detail": f"batch {n}", "at": at + dt.timedelta(seconds=n)}
            for n in range(count)])


def test_audit_push(fresh_central, tmp_path):
    central_admin.add_site(fresh_central, "SC001", "示范社保服务中心")
    ctx = enrolled_counter(tmp_path / "counter", fresh_central, "SC001", "window 1")
    engine = database.engine_for(central_access.counter_url(ctx))
    device = resolve_identity(engine).device_id
    audit_rows(ctx, 10_000)
    began = time.perf_counter()
    pushed = anchors.push(ctx.sessions, engine, device)
    first = time.perf_counter() - began
    audit_rows(ctx, 200)
    began = time.perf_counter()
    busy = anchors.push(ctx.sessions, engine, device)
    cycle = time.perf_counter() - began
    assert pushed.flags.count == busy.flags.count == 0 and busy.sent == 200
    record(first, "audit push, first 10,000 rows", unit="s")
    record(cycle * 1000, "audit push, 200 new rows + 1,000 checked again", unit="ms")
