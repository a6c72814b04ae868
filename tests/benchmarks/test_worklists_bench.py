"""What the main window's open-item counts cost (issue 17): counted after every change and
every minute, so well under 50 ms with 10,000 applications in the local store (a busy
counter's months), their outbox rows (an application and two files each once submitted),
refusals and reviews (waiting, approved, returned). The list behind the largest count is recorded beside it."""

from __future__ import annotations

import datetime as dt
import statistics
import time
import uuid

from sqlalchemy import insert

from counter_app.central.operations import REJECTED
from counter_app.domain.lifecycle import Status
from counter_app.services import worklists
from counter_app.services.worklists import WorkKind
from counter_app.store.models import Application, ApplicationReview, OutboxEntry, utcnow
from tests.benchmarks.budget import record, within_budget
from tests.helpers import child_id

APPLICATIONS = 10_000
# status of the n-th application: most sent long ago, the rest spread over the open states
STATUSES = ([Status.COLLECTED] * 6 + [Status.SUBMITTED] * 2
            + [Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK, Status.FORM_PRINTED])


def fill(ctx, operator) -> None:
    now = utcnow()
    apps, outbox, reviews = [], [], []
    for n in range(APPLICATIONS):
        status = STATUSES[n % len(STATUSES)]
        app_id = uuid.uuid4()
        created = now - dt.timedelta(minutes=10 * n)
        apps.append({
            "id": app_id, "number": f"SC001-B-{n:06d}", "site_id": operator.site_id,
            "operator_id": operator.id, "business_type": "later", "status": status.value,
            "created_at": created, "updated_at": created, "name": "王䶮", "sex": "M",
            "birth_date": dt.date(2016, 3, 15), "phone": "13800138001",
            "id_number": child_id(f"1101052016031{n % 10000:04d}")})
        if status in (Status.SUBMITTED, Status.COLLECTED):
            sent = status is Status.COLLECTED or n % 3 == 0
            refused = status is Status.SUBMITTED and n % 7 == 0
            for kind in ("application_submitted", "blob", "blob"):
                outbox.append({
                    "op_id": uuid.uuid4(), "kind": kind, "entity_id": str(app_id),
                    "payload": {}, "created_at": created,
                    "sent_at": created if sent or refused else None,
                    "result": REJECTED if refused else ("applied" if sent else ""),
                    "last_error": "refused" if refused else ""})
        if status is Status.EXAMINED:
            state = ("waiting", "approved", "returned")[n // len(STATUSES) % 3]
            reviews.append({"application_id": app_id, "state": state,
                            "examined_by": operator.id, "examined_at": created, "rounds": 1,
                            "reason_code": "data_mismatch" if state == "returned" else "",
                            "note": ""})
    with ctx.sessions.begin() as session:
        session.execute(insert(Application), apps)
        session.execute(insert(OutboxEntry), outbox)
        session.execute(insert(ApplicationReview), reviews)


def median_ms(fn, calls: int) -> float:
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def test_the_open_item_counts_are_cheap(ctx, admin):
    fill(ctx, admin)
    counts = worklists.counts(ctx)
    assert counts[WorkKind.OLD_DRAFTS] > 0 and counts[WorkKind.UNSENT] > 0
    assert counts[WorkKind.REFUSED] > 0 and counts[WorkKind.REVIEW] > 0
    assert counts[WorkKind.RETURNED] > 0
    took = median_ms(lambda: worklists.counts(ctx), 30)
    within_budget(took, 50, f"open-item counts, {APPLICATIONS:,} applications", unit="ms")
    largest = max(WorkKind, key=lambda kind: counts[kind])
    listed = median_ms(lambda: worklists.items(ctx, largest), 5)
    record(listed, f"open-item list of {counts[largest]:,} ({largest.value})", unit="ms")
