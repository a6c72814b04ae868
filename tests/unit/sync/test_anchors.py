"""The counter's audit log on the central side: each sync pushes the new rows, the central
side recomputes the hash chain and flags the device for a missing row, an edited row or a
chain head that disagrees; nothing else of the counter's work is refused."""

import datetime as dt
import json
import uuid

import psycopg
import pytest
from sqlalchemy import delete, insert, select, update

from counter_app.central import reasons
from counter_app.domain.errors import read_reason
from counter_app.services import syncing
from counter_app.store.models import AuditRecord, Meta
from counter_app.sync import anchors
from tests.sync_helpers import central_rows, submit_child

pytestmark = pytest.mark.postgres


def add_audit_rows(ctx, count: int, action: str = "printed") -> list[int]:
    """*count* audit rows as the counter's work writes them (ids and states only); their
    ids."""
    at = dt.datetime(2026, 12, 7, 9, 0, 0, 123456)
    rows = [{"action": action, "entity": "application", "entity_id": str(uuid.uuid4()),
             "operator_id": uuid.uuid4(), "site_id": None, "from_status": "draft",
             "to_status": "examined", "detail": f"第 {n} 次", "at": at + dt.timedelta(seconds=n)}
            for n in range(count)]
    with ctx.sessions.begin() as session:
        session.execute(insert(AuditRecord), rows)
    return local_ids(ctx)[-count:]


def local_ids(ctx) -> list[int]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord.id).order_by(AuditRecord.id)))


def central_records(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT seq, detail, chain_hash FROM central_audit_records "
                            "ORDER BY seq").fetchall()


def flags(url: str) -> list[tuple[str, str, dict]]:
    """(reason, detail template, its values) of every flag, oldest first."""
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT reason, detail FROM central_device_flags "
                            "ORDER BY flagged_at").fetchall()
    return [(reason, *read_reason(detail)) for reason, detail in rows]


def chain_state(ctx) -> dict:
    with ctx.sessions() as session:
        return json.loads(session.get(Meta, anchors.META_KEY).value)


def set_chain_state(ctx, **changes) -> None:
    with ctx.sessions.begin() as session:
        meta = session.get(Meta, anchors.META_KEY)
        meta.value = json.dumps({**json.loads(meta.value), **changes})


def test_a_sync_pushes_every_audit_row_and_flags_nothing(ctx, admin, central, tmp_path):
    application = submit_child(ctx, admin, tmp_path)  # the counter's own work, audited
    add_audit_rows(ctx, 2 * anchors.BATCH + 500)      # three calls, the later ones rechecking

    syncing.sync_now(ctx)

    records = central_records(central)
    assert [seq for seq, _, _ in records] == local_ids(ctx)
    with ctx.sessions() as session:  # the central chain is the counter's own
        rows = session.execute(select(*anchors.COLUMNS).order_by(AuditRecord.id)).all()
    assert records[-1][2] == anchors.fold(anchors.GENESIS, rows) == chain_state(ctx)["head"]
    assert flags(central) == []
    assert syncing.sync_status(ctx).audit_flags == 0
    assert application in central_rows(central)  # the applications went too


def test_an_idle_sync_sends_nothing_and_a_crash_before_the_ack_resends_harmlessly(
        ctx, admin, central, monkeypatch):
    add_audit_rows(ctx, 30)
    syncing.sync_now(ctx)
    calls = []
    monkeypatch.setattr(anchors, "push_batch", lambda *args: calls.append(args))
    syncing.sync_now(ctx)
    assert calls == []  # no new row: no round trip
    monkeypatch.undo()

    with ctx.sessions.begin() as session:  # as if the acknowledgement was never stored
        session.execute(delete(Meta).where(Meta.key == anchors.META_KEY))
    add_audit_rows(ctx, 5)
    syncing.sync_now(ctx)

    assert [seq for seq, _, _ in central_records(central)] == local_ids(ctx)
    assert flags(central) == []


def test_a_row_deleted_before_the_sync_flags_a_gap(ctx, admin, central):
    gone = add_audit_rows(ctx, 20)[6]
    with ctx.sessions.begin() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.id.in_([gone, gone + 1])))

    syncing.sync_now(ctx)

    assert flags(central) == [("gap", reasons.AUDIT_MISSING, {"records": f"{gone}-{gone + 1}"})]
    # the rest arrived all the same
    assert [seq for seq, _, _ in central_records(central)] == local_ids(ctx)
    assert syncing.sync_status(ctx).audit_flags == 1


def test_a_row_deleted_after_it_was_pushed_flags_a_gap(ctx, admin, central):
    gone = add_audit_rows(ctx, 20)[3]
    syncing.sync_now(ctx)
    with ctx.sessions.begin() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.id == gone))
    add_audit_rows(ctx, 1)  # work goes on; its sync sends older rows again

    syncing.sync_now(ctx)

    assert flags(central) == [("gap", reasons.AUDIT_REMOVED, {"records": str(gone)})]


def test_an_edited_row_flags_edited_and_the_central_copy_keeps_the_original(ctx, admin,
                                                                            central):
    edited = add_audit_rows(ctx, 20)[4]
    syncing.sync_now(ctx)
    with ctx.sessions.begin() as session:
        session.execute(update(AuditRecord).where(AuditRecord.id == edited)
                        .values(detail="nothing happened here"))
    add_audit_rows(ctx, 1)

    syncing.sync_now(ctx)

    assert flags(central) == [("edited", reasons.AUDIT_EDITED, {"records": str(edited)})]
    assert dict((seq, detail) for seq, detail, _ in central_records(central))[edited] == "第 4 次"
    assert [seq for seq, _, _ in central_records(central)] == local_ids(ctx)


def test_a_rewritten_chain_head_flags_the_anchor_once(ctx, admin, central):
    add_audit_rows(ctx, 20)
    syncing.sync_now(ctx)
    set_chain_state(ctx, head="f" * 64)  # the acknowledged head, rewritten on the counter
    add_audit_rows(ctx, 3)

    syncing.sync_now(ctx)

    last = local_ids(ctx)[-1]
    assert flags(central) == [("anchor_rewritten", reasons.AUDIT_HEAD, {"record": str(last)})]
    add_audit_rows(ctx, 3)
    syncing.sync_now(ctx)  # the counter goes on from the central chain: no second flag
    assert [reason for reason, _, _ in flags(central)] == ["anchor_rewritten"]


def test_edits_hidden_by_recomputing_the_chain_are_still_flagged(ctx, admin, central):
    """An attacker edits a pushed row and refolds the stored head over the edited log."""
    add_audit_rows(ctx, 10)
    syncing.sync_now(ctx)
    with ctx.sessions.begin() as session:
        session.execute(update(AuditRecord).where(AuditRecord.id == local_ids(ctx)[-1])
                        .values(to_status="rejected"))
    with ctx.sessions() as session:
        rows = session.execute(select(*anchors.COLUMNS).order_by(AuditRecord.id)).all()
    refolded = anchors.fold(anchors.GENESIS, rows)
    set_chain_state(ctx, head=refolded)
    add_audit_rows(ctx, 1)

    syncing.sync_now(ctx)

    assert {reason for reason, _, _ in flags(central)} == {"edited", "anchor_rewritten"}


def test_a_counter_enrolled_anew_sends_its_whole_log_as_the_new_devices(ctx, admin, central):
    from counter_app.central.admin import add_device
    from counter_app.services.enrolment import enrol

    add_audit_rows(ctx, 10)
    syncing.sync_now(ctx)
    first = chain_state(ctx)["device_id"]
    enrol(ctx, add_device(central, "SC001", "counter-1, again").code())

    syncing.sync_now(ctx)

    assert chain_state(ctx)["device_id"] != first
    with psycopg.connect(central) as conn:
        per_device = conn.execute("SELECT device_id, count(*) FROM central_audit_records "
                                  "GROUP BY device_id ORDER BY 2").fetchall()
    assert [count for _, count in per_device] == [len(local_ids(ctx)) - 1, len(local_ids(ctx))]
    assert flags(central) == []


def test_the_first_push_replaces_an_anchor_of_the_earlier_format(ctx, admin, central):
    add_audit_rows(ctx, 5)
    with ctx.sessions.begin() as session:
        session.add(Meta(key=anchors.LEGACY_KEY,
                         value=json.dumps({"upto_id": 5, "count": 5, "head": "a" * 64})))

    syncing.sync_now(ctx)

    assert [seq for seq, _, _ in central_records(central)] == local_ids(ctx)
    assert flags(central) == []
    with ctx.sessions() as session:
        assert session.get(Meta, anchors.LEGACY_KEY) is None
