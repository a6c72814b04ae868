"""A push batch to the central side: one call of ``central_push`` (the SQL function of
counter_app.central.device_push, which checks and applies it under the database's own
fence), one result per operation.

One round trip per batch: the operations go as one JSON document. The function records
each operation under its (device, seq) first, so a resend has no second effect and gets
the same answer. Conflict rules: the counter owns an application until it is sent; once
the card centre has moved it on (status other than "submitted"), a resend no longer
changes it.
"""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.engine import Connection

from counter_app.central.operations import (
    APPLIED,
    DUPLICATE,
    MALFORMED,
    REJECTED,
    Operation,
    OpResult,
    RawJson,
)
from counter_app.domain.errors import reason

_PUSH = text("SELECT central_push(CAST(:batch AS jsonb))")


def apply_batch(connection: Connection, ops: list[Operation]) -> list[OpResult]:
    """Apply *ops* in *connection*'s transaction (a device's login); results in order.
    An operation the server could not even read (a NUL character: jsonb holds none) is
    refused here, so it never blocks the ones behind it."""
    documents, results = [], {}
    for op in ops:
        document = _document(op)
        if "\\u0000" in document:
            results[op.seq] = OpResult(op.seq, REJECTED,
                                       reason(MALFORMED, detail="NUL character"))
        else:
            documents.append(document)
    if documents:
        answer = connection.execute(_PUSH, {"batch": f"[{','.join(documents)}]"}).scalar_one()
        results.update({int(row["seq"]): OpResult(int(row["seq"]), row["result"],
                                                  row["reason"]) for row in answer})
    return [results[op.seq] for op in ops]


def _document(op: Operation) -> str:
    payload = (op.payload.text if isinstance(op.payload, RawJson)
               else json.dumps(op.payload, ensure_ascii=False, default=str,
                               separators=(",", ":")))
    head = json.dumps({"seq": op.seq, "op_id": str(op.op_id), "kind": op.kind},
                      ensure_ascii=False, separators=(",", ":"))
    return f'{head[:-1]},"payload":{payload}}}'


__all__ = ["APPLIED", "DUPLICATE", "REJECTED", "OpResult", "Operation", "apply_batch"]
