"""Instant issuance (即时制卡, issue 16): the card made at the window, the same day.

At a site the administrator switched to instant issuance (pulled at each sync:
counter_app.sync.card_stock), a signed (or submitted) application's card is made here:

1. one transaction: the application is submitted (when it was signed), the next card
   number of this counter's reserved runs is taken, the card is recorded as in production
   (制卡中), audited and queued for the central side;
2. the chip is personalised (the injected encoder: counter_app.encoders), then the face is
   printed (the injected printer: the window prints through Qt, the command line writes a
   PDF) — chip first, so a blank the encoder cannot use at all is not printed on;
3. one transaction with the outcome: produced (签收) and handed over (领卡未激活: collected,
   and activated too where the city activates at issue), or, when the chip or the print
   failed, production failed (制卡失败): the blank recorded as spoiled and its number put
   on the invalid list (as a damaged card). A retry takes the next number and a new blank.

An encoder that cannot be used now (EncoderUnavailable: nothing written) spoils nothing:
the card stays in production with its number, and ``issue_card(..., same_blank=True)``
tries the same blank again. A card left in production by a crash is recorded spoiled
("interrupted") when the next attempt starts without ``same_blank``.

Every step writes its audit records and outbox rows in its own transaction, so an offline
counter issues as usual and the central side receives the moves in order at the next sync
(counter_app.central.device_instant checks each: the site, this counter's own numbers,
each number once). Nothing here imports Qt; a service opens its own sessions.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.cardface import CardFaceData
from counter_app.domain.cards import InvalidKind, card_expires
from counter_app.domain.clock import local_date
from counter_app.domain.collection import Collector
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, reason
from counter_app.domain.lifecycle import Status, check_instant_move, check_transition
from counter_app.encoders import CardData, Encoder, EncoderUnavailable, EncodingFailed
from counter_app.issuance.numbers import NumberRange
from counter_app.issuance.rules import IssuanceRules, load_issuance_rules
from counter_app.issuance.stock import Stock
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.closed_days import ensure_day_open
from counter_app.services.context import AppContext
from counter_app.services.intake import application_payload, file_payloads
from counter_app.store.models import (Application, CardNumberRange, CardRecord, InvalidEntry,
                                      IssuedCardNumber, OutboxEntry, utcnow)
from counter_app.sync import card_stock

log = logging.getLogger(__name__)

MSG_NOT_FOUND = QT_TRANSLATE_NOOP("messages", "The application cannot be found.")
MSG_NOT_THIS_SITE = QT_TRANSLATE_NOOP(
    "messages", "This application was taken in at another handling point; its card is made "
                "there.")
MSG_NOT_INSTANT = QT_TRANSLATE_NOOP(
    "messages", "This handling point does not make cards at the window: its cards are made "
                "by the card centre. (Instant issuance is switched on centrally; the counter "
                "learns of it at the next sync.)")
MSG_NOT_READY = QT_TRANSLATE_NOOP(
    "messages", "The card of application {number} cannot be made here now: its status is "
                "{status} (a card is made for a signed or submitted application, or again "
                "after a failed attempt).")
MSG_NO_NUMBERS = QT_TRANSLATE_NOOP(
    "messages", "This counter has no card numbers left. Sync with the central database to "
                "reserve more; if none come, the card centre must give the handling point a "
                "new block of numbers.")
MSG_NO_BLANKS = QT_TRANSLATE_NOOP(
    "messages", "By the card centre's deliveries no blank cards are left here (received "
                "{received}, used {used}). Ask the card centre for more blanks.")
MSG_INTERRUPTED = QT_TRANSLATE_NOOP(
    "messages", "Card making was interrupted before its result was recorded; the blank is "
                "treated as spoiled.")
MSG_ENCODER_ERROR = QT_TRANSLATE_NOOP(
    "messages", "The card encoder failed ({error}); the blank is treated as spoiled.")
MSG_PRINT_FAILED = QT_TRANSLATE_NOOP(
    "messages", "The card face could not be printed ({error}); the blank is spoiled.")

# A face printer gets the card's face and prints it (or raises): the window prints through
# Qt on the card printer, `counter-app card issue` writes a PDF file.
FacePrinter = Callable[[CardFaceData], None]


class IssuanceError(CounterError):
    code = "issuance"


@dataclass(frozen=True)
class Issued:
    """How one attempt went."""

    application_id: uuid.UUID
    number: str                  # the application's
    card_number: str
    attempt: int                 # 1 for the first blank, 2 after one was spoiled …
    status: Status               # collected / activated; production_failed; in_production
    ok: bool
    reason: str = ""             # why it failed (domain.errors.reason form); '' when ok
    same_blank: bool = False     # nothing was written: try again with the same blank
    seconds: float = 0.0         # software time of the attempt (the printer's included)


@dataclass(frozen=True)
class _Started:
    application_id: uuid.UUID
    number: str
    card_number: str
    attempt: int
    face: CardFaceData
    chip: CardData


def instant_here(ctx: AppContext) -> bool:
    """Whether this counter's site makes cards at the window, as the last sync learnt."""
    with ctx.sessions() as session:
        return card_stock.is_instant(session)


# --- issuing --------------------------------------------------------------------------------

def issue_card(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID, *,
               encoder: Encoder, print_face: FacePrinter, same_blank: bool = False,
               collector: Collector | None = None, now: dt.datetime | None = None,
               rules: IssuanceRules | None = None) -> Issued:
    """Make the card of a signed or submitted application at this instant-issuance site:
    number, chip, face, hand-over; or, failing, the blank spoiled (retry: call again).
    IssuanceError when the card cannot be started (not instant, wrong status, no numbers
    or blanks left)."""
    operator.require(Permission.INTAKE)
    rules = rules or load_issuance_rules()
    began = time.perf_counter()
    started = _start(ctx, operator, application_id, now or utcnow(), same_blank)
    try:
        encoder.personalise(started.chip)
    except EncoderUnavailable as exc:  # nothing written: the same blank, once fixed
        with ctx.sessions.begin() as session:
            audit.record(session, action="card_encoder_unavailable", entity="application",
                         entity_id=application_id, operator_id=operator.id,
                         site_id=operator.site_id, detail=_why(exc))
        return Issued(application_id, started.number, started.card_number, started.attempt,
                      Status.IN_PRODUCTION, False, _why(exc), same_blank=True,
                      seconds=time.perf_counter() - began)
    except EncodingFailed as exc:
        return _spoiled(ctx, operator, started, _why(exc), now, began)
    except Exception as exc:  # noqa: BLE001 - a driver's own error: the chip's state unknown
        log.warning("card encoder raised %s; blank spoiled", type(exc).__name__)
        return _spoiled(ctx, operator, started,
                        reason(MSG_ENCODER_ERROR, error=type(exc).__name__), now, began)
    try:
        print_face(started.face)
    except CounterError as exc:
        return _spoiled(ctx, operator, started, _why(exc), now, began)
    except Exception as exc:  # noqa: BLE001 - a printer's own error, in words
        log.warning("card face printing raised %s; blank spoiled", type(exc).__name__)
        return _spoiled(ctx, operator, started,
                        reason(MSG_PRINT_FAILED, error=type(exc).__name__), now, began)
    status = _hand_over(ctx, operator, started, collector, rules.activate_at_issue,
                        now or utcnow())
    return Issued(application_id, started.number, started.card_number, started.attempt,
                  status, True, seconds=time.perf_counter() - began)


def _why(exc: CounterError) -> str:
    return reason(exc.template, **exc.params)


def _start(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
           now: dt.datetime, same_blank: bool) -> _Started:
    with ctx.sessions.begin() as session:
        app = _ours(session, operator, application_id)
        if not card_stock.is_instant(session):
            raise IssuanceError(MSG_NOT_INSTANT)
        pending = _pending(session, app.id)
        if app.status == Status.IN_PRODUCTION and pending is not None and same_blank:
            audit.record(session, action="card_instant_resumed", entity="application",
                         entity_id=app.id, operator_id=operator.id, site_id=operator.site_id,
                         from_status=app.status, to_status=app.status)
            numbers = session.get(CardNumberRange, pending.range_id)
            photo = _photo_path(app)
            started = _started(ctx, app, pending.card_number, numbers.bank if numbers else "",
                               now, _attempts(session, app.id))
        else:
            if app.status == Status.IN_PRODUCTION and pending is not None:
                _record_spoiled(session, ctx, operator, app, pending,
                                reason(MSG_INTERRUPTED), now)
            if app.status == Status.SIGNED:  # submitting is the counter's edit
                ensure_day_open(session, app)
                _submit(session, operator, app)
            if app.status not in (Status.SUBMITTED, Status.PRODUCTION_FAILED):
                raise IssuanceError(MSG_NOT_READY, number=app.number, status=app.status)
            _check_blanks(session)
            card_number, numbers = _take_number(session)
            session.add(IssuedCardNumber(card_number=card_number, application_id=app.id,
                                         range_id=numbers.id, outcome="in_production",
                                         used_at=now, reason=""))
            current = Status(app.status)
            app.status = check_instant_move(current, Status.IN_PRODUCTION).value
            record = session.get(CardRecord, app.id) or CardRecord(application_id=app.id)
            record.card_number, record.bank = card_number, numbers.bank or None
            record.status, record.reason, record.updated_at = app.status, "", now
            record.issued_on = record.collected_at = record.activated_at = None
            session.merge(record)
            session.flush()
            attempt = _attempts(session, app.id)
            audit.record(session, action="card_instant_started", entity="application",
                         entity_id=app.id, operator_id=operator.id, site_id=operator.site_id,
                         from_status=current, to_status=app.status, detail=f"attempt={attempt}")
            session.add(OutboxEntry(kind="card_instant_started", entity_id=str(app.id),
                                    payload={"application_id": str(app.id),
                                             "card_number": card_number,
                                             "at": now.isoformat(),
                                             "operator": operator.username}))
            photo = _photo_path(app)
            started = _started(ctx, app, card_number, numbers.bank, now, attempt)
    if photo:  # read after the commit: no file is read while the database is locked
        started = _with_photo(ctx, started, photo)
    return started


def _submit(session: Session, operator: CurrentOperator, app: Application) -> None:
    """signed → submitted with its outbox rows (as intake.submit), in this transaction: the
    application goes up right before its card's moves."""
    current = Status(app.status)
    app.status = check_transition(current, Status.SUBMITTED).value
    audit.record(session, action="submitted", entity="application", entity_id=app.id,
                 operator_id=operator.id, site_id=operator.site_id, from_status=current,
                 to_status=Status.SUBMITTED)
    session.add(OutboxEntry(kind="application_submitted", entity_id=str(app.id),
                            payload=application_payload(app, operator.site_code)))
    for payload in file_payloads(session, app):
        session.add(OutboxEntry(kind="blob", entity_id=str(app.id), payload=payload))


def _started(ctx: AppContext, app: Application, card_number: str, bank: str,
             now: dt.datetime, attempt: int) -> _Started:
    issued_on = local_date(now)
    face = CardFaceData(name=app.name, social_security_number=app.id_number,
                        card_number=card_number, issue_date=issued_on, bank=bank or "")
    chip = CardData(card_number=card_number, social_security_number=app.id_number,
                    name=app.name, issue_date=issued_on, bank=bank or "",
                    valid_until=card_expires(issued_on, ctx.rules.cards),
                    sex={"M": "1", "F": "2"}.get(app.sex, ""))
    return _Started(app.id, app.number, card_number, attempt, face, chip)


def _photo_path(app: Application) -> str:
    photo = app.photos[-1] if app.photos else None
    return photo.path if photo is not None and photo.sha256 and photo.path else ""


def _with_photo(ctx: AppContext, started: _Started, path: str) -> _Started:
    from dataclasses import replace

    return replace(started, face=replace(started.face, photo=ctx.files.read(path)))


def _spoiled(ctx: AppContext, operator: CurrentOperator, started: _Started, why: str,
             now: dt.datetime | None, began: float) -> Issued:
    with ctx.sessions.begin() as session:
        app = _ours(session, operator, started.application_id)
        pending = _pending(session, app.id)
        if pending is None or pending.card_number != started.card_number:
            raise IssuanceError(MSG_NOT_READY, number=app.number, status=app.status)
        _record_spoiled(session, ctx, operator, app, pending, why, now or utcnow())
    return Issued(started.application_id, started.number, started.card_number,
                  started.attempt, Status.PRODUCTION_FAILED, False, why,
                  seconds=time.perf_counter() - began)


def _record_spoiled(session: Session, ctx: AppContext, operator: CurrentOperator,
                    app: Application, pending: IssuedCardNumber, why: str,
                    now: dt.datetime) -> None:
    """制卡失败: the blank spoiled, its number on the invalid list (as a damaged card)."""
    current = Status(app.status)
    app.status = check_instant_move(current, Status.PRODUCTION_FAILED).value
    pending.outcome, pending.settled_at, pending.reason = "spoiled", now, why
    record = session.get(CardRecord, app.id)
    if record is not None:
        record.status, record.reason, record.updated_at = app.status, why, now
    entry_id = uuid.uuid4()
    session.add(InvalidEntry(id=entry_id, card_number=pending.card_number,
                             reason=InvalidKind.DAMAGE.value,
                             level=ctx.rules.cards.levels[InvalidKind.DAMAGE].value,
                             listed_at=now, state="active", application_id=app.id))
    audit.record(session, action="card_instant_failed", entity="application",
                 entity_id=app.id, operator_id=operator.id, site_id=operator.site_id,
                 from_status=current, to_status=app.status, detail=why)
    session.add(OutboxEntry(kind="card_instant_failed", entity_id=str(app.id), payload={
        "application_id": str(app.id), "card_number": pending.card_number,
        "at": now.isoformat(), "operator": operator.username, "reason": why,
        "entry_id": str(entry_id)}))


def _hand_over(ctx: AppContext, operator: CurrentOperator, started: _Started,
               collector: Collector | None, activate: bool, now: dt.datetime) -> Status:
    """签收 and 领卡未激活: produced, handed over (and activated where the city does so)."""
    with ctx.sessions.begin() as session:
        app = _ours(session, operator, started.application_id)
        pending = _pending(session, app.id)
        if pending is None or pending.card_number != started.card_number:
            raise IssuanceError(MSG_NOT_READY, number=app.number, status=app.status)
        pending.outcome, pending.settled_at = "issued", now
        record = session.get(CardRecord, app.id)
        issued_on = local_date(now)
        collector = collector or (Collector.GUARDIAN if app.guardian else Collector.APPLICANT)
        moves = [(Status.PRODUCED, "card_instant_produced", {
                     "card_number": pending.card_number, "issued_on": issued_on.isoformat()}),
                 (Status.COLLECTED, "card_collected", {"collector": collector.value})]
        if activate:
            moves.append((Status.ACTIVATED, "card_activated", {}))
        for target, kind, extra in moves:
            current = Status(app.status)
            app.status = check_instant_move(current, target).value
            record.status, record.updated_at = app.status, now
            if target is Status.PRODUCED:
                record.issued_on, record.reason = issued_on, ""
            elif target is Status.COLLECTED:
                record.collected_at, record.collector = now, collector.value
            else:
                record.activated_at = now
            audit.record(session, action=kind, entity="application", entity_id=app.id,
                         operator_id=operator.id, site_id=operator.site_id,
                         from_status=current, to_status=target,
                         detail=f"collector={collector.value}" if extra.get("collector")
                         else "")
            session.add(OutboxEntry(kind=kind, entity_id=str(app.id), payload={
                "application_id": str(app.id), "at": now.isoformat(),
                "operator": operator.username, **extra}))
        return Status(app.status)


# --- numbers and blanks ---------------------------------------------------------------------

def _take_number(session: Session) -> tuple[str, CardNumberRange]:
    """The next number of this counter's reserved runs (the oldest run first)."""
    for numbers in session.scalars(select(CardNumberRange).where(
            CardNumberRange.next_no <= CardNumberRange.last_no)
            .order_by(CardNumberRange.reserved_at, CardNumberRange.first_no)):
        run = NumberRange(numbers.prefix, numbers.first_no, numbers.last_no, numbers.width)
        while numbers.next_no <= numbers.last_no:
            card_number = run.number(numbers.next_no)
            numbers.next_no += 1
            if session.get(IssuedCardNumber, card_number) is None:  # never taken here
                return card_number, numbers
    raise IssuanceError(MSG_NO_NUMBERS)


def _check_blanks(session: Session) -> None:
    stock = local_stock(session)
    if stock is not None and stock.expected <= 0:
        raise IssuanceError(MSG_NO_BLANKS, received=stock.received, used=stock.used)


def local_stock(session: Session) -> Stock | None:
    """The site's blanks as the last sync counted them, with this counter's own moves since
    (what it did that the central side has not seen yet); None before the first sync."""
    stored = card_stock.stored_stock(session)
    if stored is None:
        return None
    mine = stored.get("mine") or {}
    here = dict(session.execute(select(IssuedCardNumber.outcome, func.count())
                                .group_by(IssuedCardNumber.outcome)).all())
    return Stock(int(stored.get("received", 0)), int(stored.get("issued", 0)),
                 int(stored.get("spoiled", 0)), int(stored.get("pending", 0))).plus(
        issued=here.get("issued", 0) - int(mine.get("issued", 0)),
        spoiled=here.get("spoiled", 0) - int(mine.get("spoiled", 0)),
        pending=here.get("in_production", 0) - int(mine.get("pending", 0)))


def _pending(session: Session, application_id: uuid.UUID) -> IssuedCardNumber | None:
    return session.scalar(select(IssuedCardNumber).where(
        IssuedCardNumber.application_id == application_id,
        IssuedCardNumber.outcome == "in_production"))


def _attempts(session: Session, application_id: uuid.UUID) -> int:
    return int(session.scalar(select(func.count()).where(
        IssuedCardNumber.application_id == application_id)) or 0)


def _ours(session: Session, operator: CurrentOperator, application_id: uuid.UUID
          ) -> Application:
    app = session.get(Application, application_id)
    if app is None:
        raise IssuanceError(MSG_NOT_FOUND)
    if app.site_id != operator.site_id:
        raise IssuanceError(MSG_NOT_THIS_SITE)
    return app


def find_application(ctx: AppContext, operator: CurrentOperator, number: str) -> uuid.UUID:
    """The id of this handling point's application numbered *number* (typed or scanned)."""
    operator.require(Permission.INTAKE)
    wanted = "".join((number or "").split()).upper()
    with ctx.sessions() as session:
        app = session.scalar(select(Application).where(Application.number == wanted))
        if app is None:
            raise IssuanceError(MSG_NOT_FOUND)
        if app.site_id != operator.site_id:
            raise IssuanceError(MSG_NOT_THIS_SITE)
        return app.id


# --- stock ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    numbers: NumberRange
    bank: str
    next_number: str | None      # None: used up
    left: int


@dataclass(frozen=True)
class UsedHere:
    card_number: str
    outcome: str                 # in_production, issued, spoiled
    application_number: str
    used_at: dt.datetime
    reason: str


@dataclass(frozen=True)
class CounterStock:
    instant: bool
    site: Stock | None           # None: no sync has brought the stock yet
    as_of: dt.datetime | None    # when the central side counted it (UTC)
    unsent: int                  # this counter's moves since that the central side lacks
    runs: tuple[Run, ...]
    used: tuple[UsedHere, ...]

    @property
    def numbers_left(self) -> int:
        return sum(run.left for run in self.runs)


def counter_stock(ctx: AppContext, operator: CurrentOperator, limit: int = 200
                  ) -> CounterStock:
    """The site's stock of blank cards as this counter knows it, its runs of card numbers
    and the numbers it used (newest first)."""
    operator.require(Permission.INTAKE)
    with ctx.sessions() as session:
        stored = card_stock.stored_stock(session)
        site = local_stock(session)
        runs = []
        for numbers in session.scalars(select(CardNumberRange).order_by(
                CardNumberRange.reserved_at, CardNumberRange.first_no)):
            run = NumberRange(numbers.prefix, numbers.first_no, numbers.last_no, numbers.width)
            left = max(0, numbers.last_no - numbers.next_no + 1)
            runs.append(Run(run, numbers.bank, run.number(numbers.next_no) if left else None,
                            left))
        used = [UsedHere(row.card_number, row.outcome, row.number or "", row.used_at,
                         row.reason)
                for row in session.execute(
                    select(IssuedCardNumber.card_number, IssuedCardNumber.outcome,
                           Application.number, IssuedCardNumber.used_at,
                           IssuedCardNumber.reason)
                    .outerjoin(Application, Application.id == IssuedCardNumber.application_id)
                    .order_by(IssuedCardNumber.used_at.desc(),
                              IssuedCardNumber.card_number.desc()).limit(limit))]
        total_here = int(session.scalar(select(func.count()).select_from(IssuedCardNumber))
                         or 0)
        instant = card_stock.is_instant(session)
    mine = sum(int(v) for v in ((stored or {}).get("mine") or {}).values())
    as_of = dt.datetime.fromisoformat(stored["as_of"]) if stored and stored.get("as_of") else None
    return CounterStock(instant, site, as_of, max(0, total_here - mine) if stored else total_here,
                        tuple(runs), tuple(used))
