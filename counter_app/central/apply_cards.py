"""The central side of a counter's card operations: collection, activation, and the
invalid-list reports made at the window (issue 7).

Called by counter_app.central.apply inside the push's central transaction, after each
operation was recorded under its (device, seq): ``check`` before touching the database,
``apply`` for the new ones of ``KINDS``, ``on_application_submitted`` for applications
that replace an old card. Collection and activation are moves of the one lifecycle
(counter_app.central.transitions, actor "counter"): the database trigger on the card
record allows a counter exactly these. Reports go onto the shared invalid list under the
reporting site (row-level security: a site lists cards under its own name; a temporary
loss report still in force may be released at any site).

Reasons are stored and shown to staff (translated in the window, context "sync_reasons"):
never personal data.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from counter_app.central import lookup, transitions
from counter_app.central.database import utcnow
from counter_app.central.operations import (
    APPLIED,
    MALFORMED,
    REJECTED,
    UNKNOWN_KIND,
    Identity,
    Operation,
    OpResult,
)
from counter_app.central.schema import applications, card_records, invalid_list
from counter_app.domain.cards import (
    MSG_FORMAL_IS_FINAL,
    CardRules,
    CardsError,
    EntryState,
    InvalidKind,
    Listing,
    compact_card_number,
    new_listing,
    settle,
    unreport,
)
from counter_app.domain.collection import normalise_id
from counter_app.domain.errors import QT_TRANSLATE_NOOP, reason
from counter_app.domain.lifecycle import Actor, Status

COLLECTED, ACTIVATED = "card_collected", "card_activated"
REPORTED, UNREPORTED = "card_reported", "card_unreported"
KINDS = (COLLECTED, ACTIVATED, REPORTED, UNREPORTED)
MOVES = {COLLECTED: Status.COLLECTED, ACTIVATED: Status.ACTIVATED}
# What a counter may put on the list itself (expiry comes from the card centre and the
# feeds; "replaced" from a replacement or renewal application).
REPORTABLE = frozenset({InvalidKind.TEMPORARY_LOSS, InvalidKind.FORMAL_LOSS,
                        InvalidKind.DAMAGE, InvalidKind.CANCELLATION})
COLLECTORS = ("applicant", "guardian")

APPLICATION_UNKNOWN = QT_TRANSLATE_NOOP(
    "sync_reasons", "this site has no such application on the central database")
CARD_NOT_READY = QT_TRANSLATE_NOOP(
    "sync_reasons", "the card cannot be recorded as {target} while its status is {current}")
ALREADY_LISTED = QT_TRANSLATE_NOOP(
    "sync_reasons", "this card is already on the invalid list ({entry})")
NOT_HOLDER = QT_TRANSLATE_NOOP(
    "sync_reasons", "the card number belongs to another ID number")
FORMAL_IS_FINAL = QT_TRANSLATE_NOOP(
    "sync_reasons", "a formal loss report cannot be undone")
NOTHING_TO_UNREPORT = QT_TRANSLATE_NOOP(
    "sync_reasons", "this card has no temporary loss report in force to undo")
ENTRY_TAKEN = QT_TRANSLATE_NOOP(
    "sync_reasons", "an invalid-list entry with this id already exists")
# For the window's translation of reasons (counter_app.qt.sync_reasons).
REASONS = (APPLICATION_UNKNOWN, CARD_NOT_READY, ALREADY_LISTED, NOT_HOLDER, FORMAL_IS_FINAL,
           NOTHING_TO_UNREPORT, ENTRY_TAKEN)


# --- before the database ---------------------------------------------------------------

def check(op: Operation, identity: Identity) -> str:
    """The reason to reject *op* (one of KINDS) before touching the database, or ''."""
    payload = op.payload if isinstance(op.payload, dict) else {}
    if op.kind in MOVES:
        problem = _missing(payload, "application_id", "at") or _uuid(payload, "application_id")
        problem = problem or _time(payload, "at")
        if not problem and op.kind == COLLECTED and payload.get("collector") not in COLLECTORS:
            problem = "collector"
        return _malformed(problem)
    if op.kind == REPORTED:
        problem = (_missing(payload, "id", "card_number", "id_number", "kind", "listed_at")
                   or _uuid(payload, "id") or _time(payload, "listed_at")
                   or _text(payload, "card_number", 30) or _text(payload, "id_number", 18))
        if not problem and payload["kind"] not in REPORTABLE:
            problem = "kind"
        if not problem and payload.get("application_id"):
            problem = _uuid(payload, "application_id")
        return _malformed(problem)
    if op.kind == UNREPORTED:
        problem = (_missing(payload, "id", "card_number", "released_at") or _uuid(payload, "id")
                   or _time(payload, "released_at") or _text(payload, "card_number", 30))
        return _malformed(problem)
    return reason(UNKNOWN_KIND, kind=op.kind)


def _malformed(problem: str) -> str:
    return reason(MALFORMED, detail=problem) if problem else ""


def _missing(payload: dict, *keys: str) -> str:
    missing = [key for key in keys if not payload.get(key)]
    return "missing " + ", ".join(missing) if missing else ""


def _uuid(payload: dict, key: str) -> str:
    try:
        uuid.UUID(str(payload[key]))
    except ValueError:
        return key
    return ""


def _time(payload: dict, key: str) -> str:
    try:
        _when(payload[key])
    except (TypeError, ValueError):
        return key
    return ""


def _text(payload: dict, key: str, limit: int) -> str:
    value = payload[key]
    return "" if isinstance(value, str) and 0 < len(value.strip()) <= limit else key


def _when(value: str) -> dt.datetime:
    """An ISO time from the counter, as the naive UTC the central tables hold."""
    when = dt.datetime.fromisoformat(str(value))
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when


# --- in the central transaction ----------------------------------------------------------

def apply(connection: Connection, identity: Identity, ops: list[Operation], *,
          now: dt.datetime | None = None, rules: CardRules | None = None
          ) -> dict[int, OpResult]:
    """Apply new, checked operations of KINDS in *connection*'s transaction; one result
    per operation (by seq). A refusal is a result, never an exception; a database error
    propagates (the caller redoes the batch one operation at a time)."""
    now = now or utcnow()
    rules = rules or default_rules()
    results: dict[int, OpResult] = {}
    moves = [op for op in ops if op.kind in MOVES]
    for run in _runs_by_operator(moves):
        results.update(_apply_moves(connection, identity, run, now))
    for op in ops:
        if op.kind == REPORTED:
            results[op.seq] = _report(connection, identity, op, rules)
        elif op.kind == UNREPORTED:
            results[op.seq] = _unreport(connection, op, rules)
    return results


def _runs_by_operator(ops: list[Operation]) -> list[list[Operation]]:
    """Consecutive operations by the same operator (one history name per run), in order."""
    runs: list[list[Operation]] = []
    for op in ops:
        if runs and runs[-1][0].payload.get("operator") == op.payload.get("operator"):
            runs[-1].append(op)
        else:
            runs.append([op])
    return runs


def _apply_moves(connection, identity: Identity, ops: list[Operation], now: dt.datetime
                 ) -> dict[int, OpResult]:
    operator = str(ops[0].payload.get("operator") or "")
    name = f"{operator} @ {identity.site_code}" if operator else f"counter @ {identity.site_code}"
    who = transitions.Who(Actor.COUNTER, name[:100], identity.site_id)
    moves = [transitions.Move(identity.site_id, uuid.UUID(str(op.payload["application_id"])),
                              MOVES[op.kind], card=_card_fields(op)) for op in ops]
    results = {}
    for op, moved in zip(ops, transitions.move(connection, moves, who, now), strict=True):
        if moved.ok:
            results[op.seq] = _result(op, APPLIED)
        elif moved.error == transitions.UNKNOWN_APPLICATION:
            results[op.seq] = _result(op, REJECTED, reason(APPLICATION_UNKNOWN))
        else:
            results[op.seq] = _result(op, REJECTED, reason(CARD_NOT_READY,
                target=MOVES[op.kind].value, current=moved.from_status))
    return results


def _card_fields(op: Operation) -> dict:
    at = _when(op.payload["at"])
    if op.kind == COLLECTED:
        return {"collected_at": at, "collector": op.payload["collector"]}
    return {"activated_at": at}


def _report(connection, identity: Identity, op: Operation, rules: CardRules) -> OpResult:
    payload = op.payload
    card, holder = compact_card_number(payload["card_number"]), normalise_id(payload["id_number"])
    kind, at = InvalidKind(payload["kind"]), _when(payload["listed_at"])
    if lookup.card_holder(connection, card, holder) == lookup.MISMATCH:
        return _result(op, REJECTED, reason(NOT_HOLDER))
    try:
        listing, level = new_listing(kind, at, rules, _listings(connection, card))
    except CardsError as exc:
        return _result(op, REJECTED, reason(ALREADY_LISTED, entry=exc.params.get("kind", "")))
    application_id = payload.get("application_id")
    row = {"id": uuid.UUID(str(payload["id"])), "card_number": card, "id_number": holder,
           "reason": kind.value, "level": level.value, "listed_at": listing.listed_at,
           "expires_at": listing.expires_at, "released_at": None,
           "state": EntryState.ACTIVE.value, "site_id": identity.site_id,
           "application_id": uuid.UUID(str(application_id)) if application_id else None}
    inserted = connection.execute(insert(invalid_list).values(**row)
                                  .on_conflict_do_nothing().returning(invalid_list.c.id)).first()
    if inserted is None:
        return _result(op, REJECTED, reason(ENTRY_TAKEN))
    return _result(op, APPLIED)


def _unreport(connection, op: Operation, rules: CardRules) -> OpResult:
    payload = op.payload
    card, at = compact_card_number(payload["card_number"]), _when(payload["released_at"])
    entry_id = uuid.UUID(str(payload["id"]))
    entries = _entries(connection, card)
    settled = [settle(_listing(row), at, rules) for row in entries]
    if any(s.kind is InvalidKind.FORMAL_LOSS and s.state is EntryState.ACTIVE for s in settled):
        return _result(op, REJECTED, reason(FORMAL_IS_FINAL))
    entry = next((row for row in entries if row.id == entry_id), None)
    if entry is None:
        return _result(op, REJECTED, reason(NOTHING_TO_UNREPORT))
    try:
        released = unreport(_listing(entry), at, rules)
    except CardsError as exc:
        template = FORMAL_IS_FINAL if exc.template == MSG_FORMAL_IS_FINAL else NOTHING_TO_UNREPORT
        return _result(op, REJECTED, reason(template))
    done = connection.execute(update(invalid_list).where(
        invalid_list.c.id == entry_id, invalid_list.c.reason == InvalidKind.TEMPORARY_LOSS.value,
        invalid_list.c.state == EntryState.ACTIVE.value,
    ).values(state=released.state.value, released_at=released.released_at)
        .returning(invalid_list.c.id)).first()
    if done is None:  # settled by someone else meanwhile
        return _result(op, REJECTED, reason(NOTHING_TO_UNREPORT))
    return _result(op, APPLIED)


def on_application_submitted(connection: Connection, identity: Identity,
                             payloads: list[dict], *, now: dt.datetime | None = None,
                             rules: CardRules | None = None) -> dict[str, str]:
    """For each written application payload that replaces an old card ("replaces_card":
    a replacement or renewal), note the old card on the application and put it on the
    invalid list (kind "replaced") unless it is there already as replaced. Returns
    {application id: reason} for old cards left off the list because the central side
    knows them as another person's (the application itself stays as sent)."""
    now = now or utcnow()
    rules = rules or default_rules()
    problems: dict[str, str] = {}
    for payload in payloads:
        old = compact_card_number(str(payload.get("replaces_card") or ""))
        if not old:
            continue
        application_id = uuid.UUID(str(payload["id"]))
        holder = normalise_id(str((payload.get("applicant") or {}).get("id_number", "")))
        connection.execute(update(applications).where(
            applications.c.site_id == identity.site_id, applications.c.id == application_id
        ).values(replaces_card=old[:30]))
        if lookup.card_holder(connection, old, holder) == lookup.MISMATCH:
            problems[str(payload["id"])] = NOT_HOLDER
            continue
        if connection.execute(select(invalid_list.c.id).where(
                invalid_list.c.card_number == old,
                invalid_list.c.reason == InvalidKind.REPLACED.value).limit(1)).first():
            continue  # listed by an earlier send of this (or another) application
        connection.execute(invalid_list.insert().values(
            id=uuid.uuid4(), card_number=old[:30], id_number=holder[:18],
            reason=InvalidKind.REPLACED.value, level=rules.levels[InvalidKind.REPLACED].value,
            listed_at=now, state=EntryState.ACTIVE.value, site_id=identity.site_id,
            application_id=_old_card_application(connection, old)))
    return problems


def expire_temporary_reports(connection: Connection, now: dt.datetime,
                             rules: CardRules | None = None) -> int:
    """Settle the temporary loss reports whose days have run out at *now*: released or
    cancelled as the city's rule says (domain.cards.settle), as of their expiry. Returns
    how many. Any site may (a temporary report in force is releasable everywhere)."""
    rules = rules or default_rules()
    rows = connection.execute(update(invalid_list).where(
        invalid_list.c.reason == InvalidKind.TEMPORARY_LOSS.value,
        invalid_list.c.state == EntryState.ACTIVE.value,
        invalid_list.c.expires_at.is_not(None), invalid_list.c.expires_at <= now,
    ).values(state=rules.temporary_loss_at_expiry.value,
             released_at=invalid_list.c.expires_at).returning(invalid_list.c.id))
    return len(rows.all())


# --- helpers -------------------------------------------------------------------------------

@functools.cache
def default_rules() -> CardRules:
    """The city's card rules (resources/rules/default.toml, [cards])."""
    from counter_app.domain.business import load_rules

    return load_rules().cards


def _entries(connection, card: str) -> list:
    return list(connection.execute(select(invalid_list).where(
        invalid_list.c.card_number == card)))


def _listings(connection, card: str) -> list[Listing]:
    """The card's entries, newest first (a refusal names the latest in force)."""
    return sorted((_listing(row) for row in _entries(connection, card)),
                  key=lambda listing: listing.listed_at, reverse=True)


def _listing(row) -> Listing:
    return Listing(InvalidKind(row.reason), row.listed_at, row.expires_at, row.released_at,
                   EntryState(row.state))


def _old_card_application(connection, card: str) -> uuid.UUID | None:
    """The old card's application, when this site (row-level security) can see it."""
    return connection.execute(select(card_records.c.application_id).where(
        card_records.c.card_number == card).limit(1)).scalar()


def _result(op: Operation, result: str, reason: str = "") -> OpResult:
    return OpResult(op.seq, result, reason)
