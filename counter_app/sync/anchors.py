"""This counter's audit log, pushed to the central side, which checks its hash chain.

Each audit row is folded into a SHA-256 chain in id order, in the format the central side
reproduces in SQL (counter_app.central.device_audit: canonical, link). Every sync that
finds new rows sends them in batches to ``central_audit_push`` with the chain head the
counter computed after them, and a slice of the rows it sent before (RECHECK ids, in turn
from the first): the central side stores the new rows, recomputes the chain itself and
flags the device when a row is missing, a row sent again differs from the one received, or
the heads disagree. A sync with no new row costs one local query and no round trip.

The chain as the central side acknowledged it is kept in Meta (META_KEY), after the
central commit: a crash in between sends the same rows again, which the central side
recognises. It is the enrolled device's: a counter enrolled anew sends its whole log
again, as the new device's chain. The device's flags, as each answer tells them, are kept
too (FLAGS_KEY), for the status bar.

Counters that anchored before audit rows were pushed kept the head of another format
(LEGACY_KEY, folding the local site id, which the central side does not know): the first
push sends the whole log from id 1 and becomes the new baseline; the old key is dropped.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import Engine, Row, select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.central.device_audit import FIELDS, GENESIS, canonical, link, push_batch
from counter_app.store.models import AuditRecord, Meta

META_KEY = "audit_chain"
FLAGS_KEY = "audit_flags"
LEGACY_KEY = "audit_anchor"
BATCH = 2000     # new rows per call
RECHECK = 1000   # ids already sent, sent again with each call so later edits show
AUDIT = AuditRecord.__table__
COLUMNS = (AUDIT.c.id, AUDIT.c.at, AUDIT.c.operator_id, AUDIT.c.action, AUDIT.c.entity,
           AUDIT.c.entity_id, AUDIT.c.from_status, AUDIT.c.to_status, AUDIT.c.detail)


@dataclass(frozen=True)
class ChainState:
    device_id: str = ""    # the device whose chain it is (enrolled anew: a new chain)
    upto_id: int = 0       # the last row the central side acknowledged
    head: str = GENESIS    # the chain after it
    check_from: int = 1    # the first id the next call sends again


@dataclass(frozen=True)
class AuditFlags:
    """What the central side holds against this device's audit log."""
    count: int = 0
    recent: tuple[dict, ...] = ()  # the newest: {"reason": ..., "flagged_at": ...}


@dataclass(frozen=True)
class AuditPush:
    sent: int              # rows sent for the first time (as far as this counter knew)
    flags: AuditFlags | None  # None when nothing was sent (and nothing learnt)


def push(sessions: sessionmaker[Session], engine: Engine, device_id: uuid.UUID
         ) -> AuditPush:
    """Send the audit rows the central side has not acknowledged from *device_id* (the
    engine's login), in batches."""
    sent, flags = 0, None
    with sessions() as session:
        state = _state(session, str(device_id))
        new = _rows(session, AUDIT.c.id > state.upto_id, BATCH)
    while new:
        check_to = min(state.check_from + RECHECK - 1, state.upto_id)
        with sessions() as session:
            again = _rows(session, AUDIT.c.id.between(state.check_from, check_to), RECHECK)
        head = fold(state.head, new)
        answer = push_batch(engine, _batch(state, check_to, again, new, head))
        flags = AuditFlags(answer["flags"]["count"], tuple(answer["flags"]["recent"]))
        # the central chain goes on from here: a flagged disagreement is not told again
        state = ChainState(state.device_id, new[-1].id, answer["head"] or head,
                           1 if check_to >= state.upto_id else check_to + 1)
        _store(sessions, state, flags)
        sent += len(new)
        if len(new) < BATCH:
            break
        with sessions() as session:
            new = _rows(session, AUDIT.c.id > state.upto_id, BATCH)
    return AuditPush(sent, flags)


def unsent_batches(sessions: sessionmaker[Session], device_id: str
                   ) -> tuple[list[dict], int]:
    """The audit rows the central side has not acknowledged, as the batches a push would
    send (none sent again): (batches, the last row's id; 0 when there is none). For a
    carried file: the central side applies them as if pushed."""
    with sessions() as session:
        state = _state(session, device_id)
        new = _rows(session, AUDIT.c.id > state.upto_id, None)
    batches, head, upto = [], state.head, state.upto_id
    for start in range(0, len(new), BATCH):
        rows = new[start:start + BATCH]
        head = fold(head, rows)
        batches.append({"ranges": [[upto + 1, rows[-1].id]],
                        "records": [_record(row) for row in rows], "head": head})
        upto = rows[-1].id
    return batches, (upto if batches else 0)


def acknowledge(sessions: sessionmaker[Session], device_id: str, upto_id: int, head: str,
                flags: dict) -> bool:
    """Take the central side's answer to carried audit rows (a receipt) as a push's: the
    chain goes on from *upto_id*. False when the counter had gone past it already."""
    with sessions() as session:
        state = _state(session, device_id)
    if upto_id <= state.upto_id:
        return False
    _store(sessions, ChainState(device_id, upto_id, head, state.check_from),
           AuditFlags(int(flags.get("count", 0)), tuple(flags.get("recent", ()))))
    return True


def fold(head: str, rows: Sequence[Row]) -> str:
    """The chain head after *rows* (in id order), starting from *head*."""
    for row in rows:
        head = link(head, canonical(*row))
    return head


def stored_flags(session: Session) -> AuditFlags:
    """The device's flags as the last push was told them."""
    meta = session.get(Meta, FLAGS_KEY)
    if meta is None:
        return AuditFlags()
    data = json.loads(meta.value)
    return AuditFlags(int(data.get("count", 0)), tuple(data.get("recent", ())))


def _state(session: Session, device_id: str) -> ChainState:
    meta = session.get(Meta, META_KEY)
    state = ChainState(**json.loads(meta.value)) if meta else None
    return state if state and state.device_id == device_id else ChainState(device_id)


def _rows(session: Session, where, limit: int | None) -> list[Row]:
    return list(session.execute(select(*COLUMNS).where(where).order_by(AUDIT.c.id)
                                .limit(limit)))


def _batch(state: ChainState, check_to: int, again: list[Row], new: list[Row],
           head: str) -> dict:
    ranges = [[state.check_from, check_to]] if check_to >= state.check_from else []
    ranges.append([state.upto_id + 1, new[-1].id])
    return {"ranges": ranges, "records": [_record(row) for row in again + new], "head": head}


def _record(row: Row) -> dict:
    seq, at, operator_id, *texts = row
    # PostgreSQL text holds no NUL: such a row arrives changed, and is flagged
    texts = [(value or "").replace("\x00", "\ufffd") for value in texts]
    values = (seq, at.replace(tzinfo=None).isoformat(timespec="microseconds"),
              str(operator_id or ""), *texts)
    return dict(zip(FIELDS, values, strict=True))


def _store(sessions: sessionmaker[Session], state: ChainState, flags: AuditFlags) -> None:
    with sessions.begin() as session:
        session.merge(Meta(key=META_KEY, value=json.dumps(asdict(state))))
        session.merge(Meta(key=FLAGS_KEY, value=json.dumps(
            {"count": flags.count, "recent": list(flags.recent)}, default=str)))
        legacy = session.get(Meta, LEGACY_KEY)
        if legacy is not None:
            session.delete(legacy)
