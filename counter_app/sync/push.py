"""Push the outbox to the central database.

Order of events, chosen so that a crash anywhere loses nothing and applies nothing twice:
1. read a batch of unsent outbox rows (local);
2. send the files the batch refers to (each chunk committed centrally on its own);
3. in ONE central transaction (one call of central_push), record every (device, seq) with
   its result and apply the new ones (counter_app.central.apply);
4. after the central commit, store each result locally and mark the rows sent.
A crash between 3 and 4 resends the batch; step 3 recognises it and changes nothing.
A rejected operation is marked too (with its reason): it never blocks the queue.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from sqlalchemy import Engine, Row, Text, func, select, text, type_coerce, update
from sqlalchemy.orm import Session, sessionmaker

from counter_app.central.apply import RETRY_LATER, blob_operation, send
from counter_app.central.database import MSG_ADMINISTRATOR, MSG_REVOKED, SyncError
from counter_app.central.operations import (
    PROOF_KINDS,
    REJECTED,
    Identity,
    Operation,
    OpResult,
    RawJson,
)
from counter_app.domain.errors import CounterError, reason_words
from counter_app.security import audit
from counter_app.security.sealing import SealBroken
from counter_app.security.protected_files import ProtectedFiles
from counter_app.store.models import Meta, OutboxEntry, utcnow

log = logging.getLogger(__name__)

# Operations per central_push call (its most, device_push.BATCH_MAX): on a WAN each call
# costs a few round trips, so fewer, bigger calls.
BATCH_SIZE = 5000
SEQS_PER_STATEMENT = 900  # SQLite's bound-parameter limit is far above; stays portable
OUTBOX = OutboxEntry.__table__


@dataclass(frozen=True)
class PushResult:
    sent: int        # newly applied centrally
    duplicates: int  # already there (a resend after a crash)
    pending: int     # still waiting locally afterwards
    rejected: int = 0  # refused by the central side, with a reason kept locally
    files: int = 0     # photos and scans newly stored centrally (not counted in sent)


def push_once(sessions: sessionmaker[Session], engine: Engine,
              files: ProtectedFiles) -> PushResult:
    """Send every unsent outbox row over *engine*; a database error (nothing lost) on
    failure."""
    counts = {"applied": 0, "duplicate": 0, REJECTED: 0, "files": 0}
    while batch := _unsent(sessions, BATCH_SIZE):
        # a file that arrived damaged, or a proof refused for now, waits for the next
        # cycle; the operations beside it go ahead
        ops, results = send(engine, [_operation(entry, engine, files) for entry in batch])
        record_results(sessions, results)
        for op, result in zip(ops, results, strict=True):
            counted_as_file = op.kind == "blob" and result.result == "applied"
            counts["files" if counted_as_file else result.result] += 1
        if len(ops) < len(batch):
            break  # the rest waits for the next cycle rather than retrying at once
    return PushResult(counts["applied"], counts["duplicate"], pending_count(sessions),
                      counts[REJECTED], counts["files"])


def resolve_identity(engine: Engine) -> Identity:
    """The pushing device and its site, as the central side knows its login."""
    with engine.begin() as connection:
        row = connection.execute(text(
            "SELECT central_current_device() AS device, central_current_site() AS site, "
            "(SELECT code FROM central_sites WHERE id = central_current_site()) AS code, "
            "(SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) "
            "AS administrator")).one()
    if row.device is None:
        raise SyncError(MSG_ADMINISTRATOR if row.administrator else MSG_REVOKED)
    return Identity(row.device, row.site, row.code)


def pending_count(sessions: sessionmaker[Session]) -> int:
    """Applications (not files, not operations) with something still to send."""
    with sessions() as session:
        return session.scalar(select(func.count(func.distinct(OutboxEntry.entity_id)))
                              .where(OutboxEntry.sent_at.is_(None))) or 0


def _unsent(sessions: sessionmaker[Session], limit: int) -> list[Row]:
    """The next unsent rows (seq, op_id, kind, payload as JSON text): plain rows."""
    with sessions() as session:
        return list(session.execute(
            select(OUTBOX.c.seq, OUTBOX.c.op_id, OUTBOX.c.kind,
                   type_coerce(OUTBOX.c.payload, Text).label("payload"),
                   *(func.json_extract(OUTBOX.c.payload, path).label(name)
                     for name, path in _PROOF_FIELDS.items()))
            .where(OUTBOX.c.sent_at.is_(None)).order_by(OUTBOX.c.seq).limit(limit)))


def _operation(entry: Row, engine: Engine, files: ProtectedFiles) -> Operation:
    if entry.kind != "blob":  # sent as stored
        return Operation(entry.seq, entry.op_id, entry.kind, RawJson(entry.payload),
                         proof=_proof(entry))
    payload = json.loads(entry.payload)
    content = file_content(files, str(payload.get("path", ""))) if isinstance(
        payload, dict) else None
    operation = blob_operation(engine, entry.seq, entry.op_id, payload, content)
    if operation.payload is RETRY_LATER:
        log.warning("file of operation %s arrived damaged; sent again next cycle", entry.seq)
    return operation


def file_content(files: ProtectedFiles, relative: str) -> bytes | None:
    """The file's content; None when it is gone, b"" when it was altered since it was
    sealed (its hash then differs: reported as damaged)."""
    try:
        return files.read(relative)
    except SealBroken:
        return b""
    except (OSError, CounterError):
        return None


# What a holder's proof needs, read by SQLite from the stored payload (not parsed here).
_PROOF_FIELDS = {"card_number": "$.card_number", "id_number": "$.id_number",
                 "replaces_card": "$.replaces_card", "applicant_id": "$.applicant.id_number"}


def _proof(entry: Row) -> tuple[str, str] | None:
    if entry.kind in PROOF_KINDS:
        return str(entry.card_number or ""), str(entry.id_number or "")
    if entry.kind == "application_submitted" and entry.replaces_card:
        return str(entry.replaces_card), str(entry.applicant_id or "")
    return None


def record_results(sessions: sessionmaker[Session], results: list[OpResult]) -> None:
    """Store each central answer on its outbox row (marked sent); a rejection is also
    logged and audited."""
    rejected = {result.seq: result for result in results if result.result == REJECTED}
    now = utcnow()
    if not results:
        return
    answers: dict[tuple[str, str], list[int]] = {}  # nearly always one: (applied, "")
    for result in results:
        answers.setdefault((result.result, result.reason), []).append(result.seq)
    with sessions.begin() as session:  # one statement per answer and chunk, not per row
        for (answer, why), seqs in answers.items():
            for start in range(0, len(seqs), SEQS_PER_STATEMENT):
                session.execute(update(OUTBOX).where(
                    OUTBOX.c.seq.in_(seqs[start:start + SEQS_PER_STATEMENT])).values(
                    sent_at=now, result=answer, last_error=why,
                    attempts=OUTBOX.c.attempts + 1))
        if not rejected:
            return
        for entry in session.execute(select(OUTBOX.c.seq, OUTBOX.c.kind, OUTBOX.c.entity_id)
                                     .where(OUTBOX.c.seq.in_(rejected)).order_by(OUTBOX.c.seq)):
            reason = rejected[entry.seq].reason
            log.warning("central side rejected operation %s (%s): %s",
                        entry.seq, entry.kind, reason_words(reason))
            audit.record(session, action="sync_rejected", entity=entry.kind[:40],
                         entity_id=entry.entity_id, operator_id=None, site_id=None,
                         detail=reason)


def set_meta(sessions: sessionmaker[Session], values: dict[str, str]) -> None:
    with sessions.begin() as session:
        for key, value in values.items():
            session.merge(Meta(key=key, value=value))


