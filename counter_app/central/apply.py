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
from dataclasses import replace

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from counter_app.central import blobs
from counter_app.central.lookup import PROOFS_MAX
from counter_app.central.operations import (
    APPLIED,
    DUPLICATE,
    MALFORMED,
    REJECTED,
    PROOF_KINDS,
    Operation,
    OpResult,
    RawJson,
)
from counter_app.domain.errors import reason

_PUSH = text("SELECT central_push(CAST(:batch AS jsonb))")
RETRY_LATER: dict = {}  # marks an operation left queued for the next cycle
_PROOFS = text("SELECT central_proof_tickets(CAST(:proofs AS jsonb), :operator)")


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
    head = {"seq": op.seq, "op_id": str(op.op_id), "kind": op.kind}
    if op.proof_ticket:
        head["proof_ticket"] = op.proof_ticket
    head = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    return f'{head[:-1]},"payload":{payload}}}'


def send(engine: Engine, ops: list[Operation]) -> tuple[list[Operation], list[OpResult]]:
    """Apply *ops* over *engine* (a device's login) in one transaction: (the operations
    sent, their results). A file that arrived damaged (RETRY_LATER) and a holder's proof
    the look-up budget refused for now are left out, unanswered: they wait for a later
    push (a recorded answer would be final)."""
    ops, waiting = with_proofs(engine, [op for op in ops if op.payload is not RETRY_LATER],
                               "sync")
    ops = [op for op in ops if op.seq not in waiting]
    with engine.begin() as connection:
        return ops, apply_batch(connection, ops)


def blob_operation(engine: Engine, seq: int, op_id, payload, content: bytes | None
                   ) -> Operation:
    """A file's operation, its content uploaded first (chunks committed on their own,
    only what the central side lacks): the payload with the upload's error, if any;
    RETRY_LATER when the file arrived damaged. *content* None: the file is gone, b"":
    altered since it was sealed."""
    if isinstance(payload, dict) and payload.get("sha256"):
        error = blobs.upload(engine, content, str(payload["sha256"]))
        if error == blobs.UPLOAD_DAMAGED:
            return Operation(seq, op_id, "blob", RETRY_LATER)
        if error:
            payload = {**payload, "upload_error": reason(error)}
    return Operation(seq, op_id, "blob", payload)


def proof_of(op: Operation) -> tuple[str, str] | None:
    """The (card number, ID number) *op* proves: a card report or un-report, or an
    application replacing a card (with the applicant's ID number); None for the rest."""
    if op.proof is not None or not isinstance(op.payload, dict):
        return op.proof
    payload = op.payload
    if op.kind in PROOF_KINDS:
        return str(payload.get("card_number") or ""), str(payload.get("id_number") or "")
    if op.kind == "application_submitted" and payload.get("replaces_card"):
        applicant = payload.get("applicant")
        holder = applicant.get("id_number") if isinstance(applicant, dict) else ""
        return str(payload["replaces_card"]), str(holder or "")
    return None


def with_proofs(engine: Engine, ops: list[Operation], operator: str = ""
                ) -> tuple[list[Operation], set[int]]:
    """*ops* with a committed proof ticket on each that proves a card's holder (asking
    counts against the device's look-up budget), and the seqs refused one: those wait
    for a later push (sent without, they would be refused for good)."""
    wanted = [(index, proof) for index, op in enumerate(ops)
              if (proof := proof_of(op)) is not None]
    if not wanted:
        return ops, set()
    proofs = [{"card_number": card, "id_number": holder} for _, (card, holder) in wanted]
    answers = []
    with engine.connect() as connection:
        for start in range(0, len(proofs), PROOFS_MAX):
            answers += connection.execute(_PROOFS, {
                "proofs": json.dumps(proofs[start:start + PROOFS_MAX]),
                "operator": operator}).scalar_one()
            connection.commit()  # a ticket counts only once its record has committed
    ready, refused = list(ops), set()
    for (index, _), answer in zip(wanted, answers, strict=True):
        if answer.get("ticket"):
            ready[index] = replace(ops[index], proof_ticket=str(answer["ticket"]))
        elif answer.get("refused"):
            refused.add(ops[index].seq)
        # else nothing to prove (no card or ID number): the push refuses it as malformed
    return ready, refused


__all__ = ["APPLIED", "DUPLICATE", "REJECTED", "OpResult", "Operation", "apply_batch"]
