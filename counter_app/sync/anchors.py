"""Audit anchors: the head of this counter's audit hash chain, sent to the central side.

Each audit row is folded into a SHA-256 chain in id order. Every sync that finds new rows
sends the head and the row count; afterwards nobody can rewrite, insert or remove an
audit row from before that anchor on the counter without the recomputed chain
disagreeing with what the central side holds.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from counter_app.central.schema import audit_anchors
from counter_app.store.models import AuditRecord, Meta

META_KEY = "audit_anchor"
GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainHead:
    upto_id: int       # the last audit row folded in
    count: int
    head: str


def fold(head: str, record: AuditRecord) -> str:
    """The next link: the previous head and the row's fields in a fixed order."""
    fields = [record.id, record.at.isoformat(), str(record.operator_id or ""),
              str(record.site_id or ""), record.action, record.entity, record.entity_id,
              record.from_status, record.to_status, record.detail]
    data = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((head + data).encode()).hexdigest()


def extend(session: Session, start: ChainHead) -> ChainHead:
    head, count, upto = start.head, start.count, start.upto_id
    rows = session.scalars(select(AuditRecord).where(AuditRecord.id > upto)
                           .order_by(AuditRecord.id).execution_options(yield_per=2000))
    for record in rows:
        head, count, upto = fold(head, record), count + 1, record.id
    return ChainHead(upto, count, head)


def recompute(session: Session, count: int) -> str:
    """The chain head over the first *count* audit rows as they are now."""
    head = GENESIS
    rows = session.scalars(select(AuditRecord).order_by(AuditRecord.id).limit(count))
    for record in rows:
        head = fold(head, record)
    return head


def anchor(sessions: sessionmaker[Session], engine: Engine) -> ChainHead | None:
    """Send the chain's head if it moved since the last anchor (the central side knows
    the device by its login); the new head or None."""
    with sessions() as session:
        last = _last(session)
        head = extend(session, last)
    if head.count == last.count:
        return None
    with engine.begin() as connection:  # appended by the central side's own function
        connection.execute(text("SELECT central_audit_anchor(:count, :head)"),
                           {"count": head.count, "head": head.head})
    with sessions.begin() as session:  # a crash before this only sends the anchor again
        session.merge(Meta(key=META_KEY, value=json.dumps(head.__dict__)))
    return head


def _last(session: Session) -> ChainHead:
    meta = session.get(Meta, META_KEY)
    return ChainHead(**json.loads(meta.value)) if meta else ChainHead(0, 0, GENESIS)


def verify(sessions: sessionmaker[Session], engine: Engine, site_id: uuid.UUID,
           device_id: uuid.UUID) -> bool | None:
    """Does the counter's audit log still match the central side's latest anchor?
    None when nothing was anchored yet."""
    with engine.connect() as connection:
        latest = connection.execute(
            select(audit_anchors.c.record_count, audit_anchors.c.head_hash)
            .where(audit_anchors.c.site_id == site_id, audit_anchors.c.device_id == device_id)
            .order_by(audit_anchors.c.anchored_at.desc()).limit(1)).first()
    if latest is None:
        return None
    with sessions() as session:
        return recompute(session, latest.record_count) == latest.head_hash
