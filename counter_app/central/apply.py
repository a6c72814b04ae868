"""The central side of a push: apply a batch of operations, one result per operation.

Everything happens in the caller's central transaction. Each operation is first recorded
under its (device, seq) with its result, so a resend has no second effect and gets the
same answer. The fast path applies the whole batch with a few bulk statements; should the
database refuse part of it (row-level security, a constraint), the batch is redone one
operation at a time in savepoints, so only the bad operation is rejected.

Conflict rules: the counter owns an application until it is sent; once the card centre has
moved it on (status other than "submitted"), a resend no longer changes it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid

from psycopg.types.json import Jsonb
from sqlalchemy import JSON, and_, column, select, update
from sqlalchemy import table as sql_table
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from counter_app.central import apply_cards
from counter_app.central.arrival import due, record_arrival
from counter_app.central.database import error_name, utcnow
from counter_app.central.operations import (
    APPLIED,
    DUPLICATE,
    MALFORMED,
    REJECTED,
    UNKNOWN_KIND,
    Identity,
    Operation,
    OpResult,
)
from counter_app.central.schema import (
    application_files,
    applications,
    applied_operations,
    blobs,
    photo_receipts,
)
from counter_app.domain.errors import QT_TRANSLATE_NOOP, reason

# From this many rows on, they go by COPY (see _insert).
BULK_ROWS = 100
# Reasons are stored and shown to staff (translated in the window): never personal data.
WRONG_SITE = QT_TRANSLATE_NOOP(
    "sync_reasons", "operation for site {site}, but this counter belongs to {own}")
SEQ_REUSED = QT_TRANSLATE_NOOP(
    "sync_reasons", "sequence {seq} was already used by a different operation")
TAKEN_OVER = QT_TRANSLATE_NOOP(
    "sync_reasons", "the card centre has already taken this application over")
FILE_INCOMPLETE = QT_TRANSLATE_NOOP("sync_reasons", "the file did not arrive complete")
REFUSED = QT_TRANSLATE_NOOP("sync_reasons", "refused by the central database ({error})")
RECEIPT_TAKEN = QT_TRANSLATE_NOOP(
    "sync_reasons", "this photo receipt number is already in the registry for another photo")


def apply_batch(connection: Connection, identity: Identity, ops: list[Operation]
                ) -> list[OpResult]:
    checked = {op.seq: _check(op, identity) for op in ops}
    savepoint = connection.begin_nested()
    try:
        results = _apply_all(connection, identity, ops, checked)
        savepoint.commit()
        return results
    except OperationalError:
        raise
    except DBAPIError:
        savepoint.rollback()
    return [_apply_alone(connection, identity, op, checked[op.seq]) for op in ops]


def _check(op: Operation, identity: Identity) -> str:
    """The reason to reject *op* before touching the database, or ''."""
    if op.kind in apply_cards.KINDS:
        return apply_cards.check(op, identity)
    payload = op.payload if isinstance(op.payload, dict) else {}
    if op.kind == "application_submitted":
        missing = [key for key in ("id", "number", "site_code", "business_type", "status",
                                   "applicant") if not payload.get(key)]
        if missing:
            return reason(MALFORMED, detail="missing " + ", ".join(missing))
        if payload["site_code"] != identity.site_code:
            return reason(WRONG_SITE, site=payload["site_code"], own=identity.site_code)
        try:
            uuid.UUID(str(payload["id"]))
        except ValueError:
            return reason(MALFORMED, detail="id")
        if not isinstance(payload["applicant"], dict):
            return reason(MALFORMED, detail="applicant")
        return ""
    if op.kind == "blob":
        if not payload.get("sha256") or not payload.get("application_id"):
            return reason(MALFORMED, detail="sha256, application_id")
        return payload.get("upload_error", "")
    if op.kind == "photo_receipt_issued":
        return _check_receipt(payload)
    return reason(UNKNOWN_KIND, kind=op.kind)


def _check_receipt(payload: dict) -> str:
    if not payload.get("number") or not payload.get("photo_base64"):
        return reason(MALFORMED, detail="number, photo_base64")
    try:
        photo = base64.b64decode(payload["photo_base64"], validate=True)
    except (binascii.Error, ValueError):
        return reason(MALFORMED, detail="photo_base64")
    if hashlib.sha256(photo).hexdigest() != payload.get("photo_sha256"):
        return reason(MALFORMED, detail="photo_sha256")
    return ""


def _apply_all(connection, identity, ops, checked) -> list[OpResult]:
    new = _record(connection, identity, ops, checked)
    results = _answers_for_resends(connection, identity, [op for op in ops if op.seq not in new])
    todo = [op for op in ops if op.seq in new and not checked[op.seq]]
    results.update({op.seq: OpResult(op.seq, REJECTED, checked[op.seq])
                    for op in ops if op.seq in new and checked[op.seq]})
    by_kind = {kind: [op for op in todo if op.kind == kind] for kind in
               ("application_submitted", "blob", "photo_receipt_issued")}
    results.update(_apply_applications(connection, identity, by_kind["application_submitted"]))
    results.update(_apply_blobs(connection, identity, by_kind["blob"]))
    results.update(_apply_receipts(connection, identity, by_kind["photo_receipt_issued"]))
    results.update(apply_cards.apply(connection, identity,
                                     [op for op in todo if op.kind in apply_cards.KINDS]))
    _store_late_rejections(connection, identity, results.values(), new)
    return [results[op.seq] for op in ops]


def _apply_alone(connection, identity, op, refusal) -> OpResult:
    savepoint = connection.begin_nested()
    try:
        result = _apply_all(connection, identity, [op], {op.seq: refusal})[0]
        savepoint.commit()
        return result
    except OperationalError:
        raise
    except DBAPIError as exc:
        savepoint.rollback()
        refused = reason(REFUSED, error=error_name(exc))
    return _apply_all(connection, identity, [op], {op.seq: refused})[0]


def _record(connection, identity, ops, checked) -> set[int]:
    """Record each operation once; the seqs recorded now (the others were resends)."""
    if not ops:
        return set()
    now = utcnow()
    rows = [{"site_id": identity.site_id, "device_id": identity.device_id, "seq": op.seq,
             "op_id": op.op_id, "kind": op.kind[:40],
             "result": REJECTED if checked[op.seq] else APPLIED,
             "reason": checked[op.seq], "applied_at": now} for op in ops]
    return set(_insert(connection, applied_operations, rows, lambda statement: statement
                       .on_conflict_do_nothing().returning(applied_operations.c.seq)).scalars())


def _insert(connection: Connection, table, rows: list[dict], finish):
    """INSERT *rows* into *table*, *finish* adding the conflict rule and RETURNING. Many
    rows are COPY'd into a temporary table shaped like *table*, then go in by one
    INSERT ... SELECT with the same rule: no statement per row, and no statement with
    thousands of parameters for the driver to parse."""
    statement = insert(table)
    if len(rows) < BULK_ROWS:
        return connection.execute(finish(statement), rows)
    columns = list(rows[0])
    stage = _stage(connection, table, columns, rows)
    return connection.execute(finish(statement.from_select(
        columns, select(*(stage.c[name] for name in columns)))))


def _stage(connection: Connection, table, columns: list[str], rows: list[dict]):
    """A temporary table like *table* holding *rows* (emptied at commit; on a pooled
    server connection the next transaction finds it empty)."""
    name = f"stage_{table.name}"
    sql = f"COPY {name} ({', '.join(columns)}) FROM STDIN"
    jsons = {c.name for c in table.columns if isinstance(c.type, JSON)}
    # One round trip; DELETE empties it of an earlier batch in this same transaction.
    connection.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {name} (LIKE {table.name}) "
                               f"ON COMMIT DELETE ROWS; DELETE FROM {name}")
    driver = connection.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([Jsonb(row[c]) if c in jsons else row[c] for c in columns])
    except connection.dialect.loaded_dbapi.Error as exc:
        # As SQLAlchemy's own errors: the caller tells a refusal from a lost connection.
        raise DBAPIError.instance(sql, None, exc, connection.dialect.loaded_dbapi.Error
                                  ) from exc
    return sql_table(name, *(column(c) for c in columns))


def _answers_for_resends(connection, identity, resent) -> dict[int, OpResult]:
    if not resent:
        return {}
    stored = {row.seq: row for row in connection.execute(
        select(applied_operations).where(
            applied_operations.c.site_id == identity.site_id,
            applied_operations.c.device_id == identity.device_id,
            applied_operations.c.seq.in_([op.seq for op in resent])))}
    answers = {}
    for op in resent:
        row = stored.get(op.seq)
        if row is None or row.op_id != op.op_id:
            answers[op.seq] = OpResult(op.seq, REJECTED, reason(SEQ_REUSED, seq=op.seq))
        elif row.result == REJECTED:
            answers[op.seq] = OpResult(op.seq, REJECTED, row.reason)
        else:
            answers[op.seq] = OpResult(op.seq, DUPLICATE)
    return answers


def _apply_applications(connection, identity, ops) -> dict[int, OpResult]:
    if not ops:
        return {}
    latest = {op.payload["id"]: op for op in ops}  # one row per application and statement
    now = utcnow()
    rows = [_application_row(identity, op.payload, now) for op in latest.values()]

    def upsert(statement):
        return statement.on_conflict_do_update(
            index_elements=[applications.c.site_id, applications.c.id],
            set_={name: statement.excluded[name] for name in
                  ("number", "business_type", "status", "id_number", "payload", "updated_at")},
            where=applications.c.status == "submitted",
        ).returning(applications.c.id)

    written_ids = list(_insert(connection, applications, rows, upsert).scalars())
    record_arrival(connection, identity.site_id, f"device {identity.device_id}",
                   written_ids, now)
    written = {str(value) for value in written_ids}
    # a replacement's or renewal's old card goes on the invalid list
    apply_cards.on_application_submitted(
        connection, identity, [op.payload for op in latest.values() if op.payload["id"] in written])
    return {op.seq: OpResult(op.seq, APPLIED) if op.payload["id"] in written
            else OpResult(op.seq, REJECTED, reason(TAKEN_OVER)) for op in ops}


def _application_row(identity: Identity, payload: dict, now) -> dict:
    return {"site_id": identity.site_id, "id": uuid.UUID(str(payload["id"])),
            "number": str(payload["number"])[:40],
            "business_type": str(payload["business_type"])[:30],
            "status": str(payload["status"])[:30],
            "id_number": str(payload["applicant"].get("id_number", ""))[:18],
            "payload": payload, "received_at": now, "updated_at": now,
            "due_date": due(now),
            "replaces_card": str(payload.get("replaces_card") or "")[:30] or None}


def _apply_blobs(connection, identity, ops) -> dict[int, OpResult]:
    if not ops:
        return {}
    wanted = {op.payload["sha256"] for op in ops}
    complete = set(connection.execute(select(blobs.c.sha256).where(
        blobs.c.site_id == identity.site_id, blobs.c.sha256.in_(wanted),
        blobs.c.complete.is_(True))).scalars())
    results, links = {}, []
    for op in ops:
        if op.payload["sha256"] not in complete:
            results[op.seq] = OpResult(op.seq, REJECTED, reason(FILE_INCOMPLETE))
            continue
        results[op.seq] = OpResult(op.seq, APPLIED)
        links.append({"site_id": identity.site_id,
                      "application_id": uuid.UUID(str(op.payload["application_id"])),
                      "sha256": op.payload["sha256"],
                      "role": str(op.payload.get("role", "file"))[:30]})
    if links:
        connection.execute(
            insert(application_files).on_conflict_do_nothing(), links)
    return results


def _apply_receipts(connection, identity, ops) -> dict[int, OpResult]:
    """A receipt our own photo station issued joins the shared registry; a number already
    taken by another photo is refused (receipt numbers are for life)."""
    results = {}
    for op in ops:
        payload = op.payload
        row = {"number": str(payload["number"])[:40], "issuer_site_id": identity.site_id,
               "issuer": str(payload.get("issuer") or identity.site_code)[:100],
               "photo_sha256": payload["photo_sha256"],
               "photo": base64.b64decode(payload["photo_base64"]),
               "created_at": utcnow()}
        connection.execute(insert(photo_receipts).values(**row)
                           .on_conflict_do_nothing())
        stored = connection.execute(select(photo_receipts.c.photo_sha256).where(
            photo_receipts.c.number == row["number"])).scalar()
        results[op.seq] = (OpResult(op.seq, APPLIED) if stored == row["photo_sha256"]
                           else OpResult(op.seq, REJECTED, reason(RECEIPT_TAKEN)))
    return results


def _store_late_rejections(connection, identity, results, new) -> None:
    """Rejections found while applying are stored too, so a resend gets the same answer."""
    late = [r for r in results if r.seq in new and r.result == REJECTED]
    for result in late:
        connection.execute(update(applied_operations).where(and_(
            applied_operations.c.site_id == identity.site_id,
            applied_operations.c.device_id == identity.device_id,
            applied_operations.c.seq == result.seq)).values(result=REJECTED,
                                                            reason=result.reason))


__all__ = ["APPLIED", "DUPLICATE", "REJECTED", "Identity", "OpResult", "Operation",
           "apply_batch"]
