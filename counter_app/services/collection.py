"""Handing over a finished card at the window, and activating it (issue 7).

Collection is at the original handling point only: staff scan the pick-up voucher (its
QR code carries the application number) or type the application number or an ID number
(the applicant's, or a guardian's on record); the card must be waiting here (the card
record pulled from the card centre says at_site or notified); the person collecting shows
their ID: the applicant, or for a child a guardian on record. A card waiting at another
handling point is refused with that handling point's name (asked of the central database
through a SECURITY DEFINER function, counter_app.central.lookup); offline, staff are told it
cannot be checked now. Each hand-over and activation is recorded locally with its audit
record and an outbox entry in one transaction; a collection receipt is printed.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from counter_app.central.lookup import LookupRefused
from counter_app.domain.business import BusinessType
from counter_app.domain.clock import local_text
from counter_app.domain.collection import Collector, identify_collector
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.idnumber import mask
from counter_app.domain.lifecycle import READY, Actor, Status, check_transition
from counter_app.forms.collection_receipt import CollectionReceiptData, render_collection_receipt
from counter_app.forms.qr import parse_qr_payload
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.printing import ID_TYPE_LABELS, form_config, form_fonts
from counter_app.store.models import (
    Application,
    CardRecord,
    Guardian,
    Operator,
    OutboxEntry,
    Site,
    utcnow,
)

log = logging.getLogger(__name__)

MSG_ENTER_NUMBER = QT_TRANSLATE_NOOP(
    "messages", "Scan the pick-up voucher, or type the application number or an ID number.")
MSG_NOT_FOUND_ANYWHERE = QT_TRANSLATE_NOOP(
    "messages", "No card waiting for collection was found for this number at any handling point.")
MSG_OTHER_SITE = QT_TRANSLATE_NOOP(
    "messages", "This card is not collected here: it waits at {site} ({code}), the handling "
                "point where it was applied for. Please send the applicant there.")
MSG_CANNOT_CHECK = QT_TRANSLATE_NOOP(
    "messages", "No card for this number waits here. Whether it waits at another handling "
                "point cannot be checked now: the central database cannot be reached.")
MSG_SYNC_FIRST = QT_TRANSLATE_NOOP(
    "messages", "The central database says this card waits here, but this counter has not "
                "received it yet: sync (F9) and try again.")
MSG_NO_CARD_YET = QT_TRANSLATE_NOOP(
    "messages", "The card of application {number} has not been reported ready yet; the "
                "applicant is notified when it arrives.")
MSG_NOT_READY = QT_TRANSLATE_NOOP(
    "messages", "The card of application {number} is not waiting for collection (its status: "
                "{status}).")
MSG_ALREADY_COLLECTED = QT_TRANSLATE_NOOP(
    "messages", "The card of application {number} was already collected on {date}.")
MSG_NOT_COLLECTED = QT_TRANSLATE_NOOP(
    "messages", "Only a collected card can be activated; the card of application {number} is "
                "not (its status: {status}).")
MSG_NO_RECEIPT = QT_TRANSLATE_NOOP(
    "messages", "A collection receipt is printed only for a card that has been collected.")
MSG_NOTHING_TO_ACTIVATE = QT_TRANSLATE_NOOP(
    "messages", "No collected card of this handling point was found for this number.")
MSG_NOT_THIS_SITE = QT_TRANSLATE_NOOP(
    "messages", "This application was taken in at another handling point; its card is "
                "handed over there.")
MSG_NOT_FOUND = QT_TRANSLATE_NOOP("messages", "The application cannot be found.")


class CollectionError(CounterError):
    code = "collection"


@dataclass(frozen=True)
class CardAtCounter:
    """An application of this handling point with its card, as the window shows it."""

    application_id: uuid.UUID
    number: str
    business_type: str
    name: str
    id_number_masked: str
    is_minor: bool             # on the day asked: the card goes to a guardian
    guardian_name: str
    guardian_relation: str
    card_number: str
    bank: str
    status: str                # the card's status (card centre's, pulled)
    collected_at: dt.datetime | None = None
    collector: str = ""


@dataclass(frozen=True)
class Collected:
    application_id: uuid.UUID
    number: str
    collector: Collector
    at: dt.datetime  # UTC


# Where a card waits, asked of the central database: (code, name) pairs, or SyncError.
Lookup = Callable[[AppContext, str], list[tuple[str, str]]]


# --- finding the card -------------------------------------------------------------------

def application_number_of(text: str) -> str:
    """A scanned voucher's QR payload gives its application number; typed text stays."""
    text = (text or "").strip()
    try:
        return parse_qr_payload(text)
    except ValueError:
        return "".join(text.split()).upper()


def find_for_collection(ctx: AppContext, operator: CurrentOperator, text: str,
                        today: dt.date | None = None, lookup: Lookup | None = None
                        ) -> list[CardAtCounter]:
    """The cards waiting here for *text* (voucher QR, application number, applicant's or
    guardian's ID number); CollectionError saying why there are none, naming the right
    handling point when the card waits elsewhere."""
    operator.require(Permission.INTAKE)
    wanted = application_number_of(text)
    if not wanted:
        raise CollectionError(MSG_ENTER_NUMBER)
    today = today or dt.date.today()
    with ctx.sessions() as session:
        found = _applications(session, wanted)
        ours = [app for app in found if app.site_id == operator.site_id]
        cards = [_view(ctx, session, app, today) for app in ours]
        ready = [card for card in cards if card.status in READY]
        if ready:
            return ready
        if cards:
            raise _not_ready(cards[0])
        others = [app.site_id for app in found]
        local_site = session.get(Site, others[0]) if others else None
    if local_site is not None:  # a second site kept in this local store
        raise CollectionError(MSG_OTHER_SITE, site=local_site.name, code=local_site.code)
    raise _elsewhere(ctx, wanted, operator,
                     lookup or partial(where_to_collect, operator=operator.username))


def find_for_activation(ctx: AppContext, operator: CurrentOperator, text: str,
                        today: dt.date | None = None) -> list[CardAtCounter]:
    """This handling point's collected cards for *text* (as find_for_collection)."""
    operator.require(Permission.INTAKE)
    wanted = application_number_of(text)
    if not wanted:
        raise CollectionError(MSG_ENTER_NUMBER)
    today = today or dt.date.today()
    with ctx.sessions() as session:
        cards = [_view(ctx, session, app, today) for app in _applications(session, wanted)
                 if app.site_id == operator.site_id]
    collected = [card for card in cards if card.status == Status.COLLECTED]
    if collected:
        return collected
    if cards:
        raise CollectionError(MSG_NOT_COLLECTED, number=cards[0].number,
                              status=cards[0].status or "-")
    raise CollectionError(MSG_NOTHING_TO_ACTIVATE)


def _applications(session: Session, wanted: str) -> list[Application]:
    guardians = select(Guardian.application_id).where(Guardian.id_number == wanted)
    return list(session.scalars(select(Application).where(or_(
        Application.number == wanted, Application.id_number == wanted,
        Application.id.in_(guardians))).order_by(Application.created_at.desc())))


def _view(ctx: AppContext, session: Session, app: Application, today: dt.date
          ) -> CardAtCounter:
    card = session.get(CardRecord, app.id)
    guardian = app.guardian
    return CardAtCounter(
        application_id=app.id, number=app.number, business_type=app.business_type,
        name=app.name, id_number_masked=mask(app.id_number),
        is_minor=_age(app.birth_date, today) < ctx.rules.minor_age,
        guardian_name=guardian.name if guardian else "",
        guardian_relation=guardian.relation if guardian else "",
        card_number=(card.card_number or "") if card else "",
        bank=(card.bank or "") if card else "",
        status=card.status if card else "",
        collected_at=card.collected_at if card else None,
        collector=(card.collector or "") if card else "")


def _not_ready(card: CardAtCounter) -> CollectionError:
    if not card.status or Status(card.status) in (Status.SUBMITTED, Status.IN_PRODUCTION,
                                                   Status.PRODUCED, Status.PRODUCTION_FAILED):
        return CollectionError(MSG_NO_CARD_YET, number=card.number)
    if card.status in (Status.COLLECTED, Status.ACTIVATED) and card.collected_at:
        return CollectionError(MSG_ALREADY_COLLECTED, number=card.number,
                               date=card.collected_at.date().isoformat())
    return CollectionError(MSG_NOT_READY, number=card.number, status=card.status)


def _elsewhere(ctx: AppContext, wanted: str, operator: CurrentOperator,
               lookup: Lookup) -> CounterError:
    try:
        places = lookup(ctx, wanted)
    except LookupRefused as refused:  # the budget's words: staff know when to try again
        return refused
    except (CounterError, DBAPIError, OSError) as exc:
        log.info("where-to-collect lookup failed: %s", type(exc).__name__)
        return CollectionError(MSG_CANNOT_CHECK)
    elsewhere = [place for place in places if place[0] != operator.site_code]
    if elsewhere:
        code, name = elsewhere[0]
        return CollectionError(MSG_OTHER_SITE, site=name, code=code)
    return CollectionError(MSG_SYNC_FIRST if places else MSG_NOT_FOUND_ANYWHERE)


def where_to_collect(ctx: AppContext, wanted: str, operator: str = ""
                     ) -> list[tuple[str, str]]:
    """Ask the central database (this counter's enrolment) where a card for *wanted*
    waits: handling points' (code, name) only. SyncError when it cannot be reached,
    LookupRefused past this counter's look-up budget."""
    from counter_app.central import lookup
    from counter_app.services.central_access import ask

    return ask(ctx, lambda connection: lookup.where_to_collect(connection, wanted, operator))


# --- handing over and activating -----------------------------------------------------------

def collect(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
            collector_id_number: str, now: dt.datetime | None = None,
            expected: Collector | None = None) -> Collected:
    """Hand the card over to the person whose ID was checked: the applicant, or for a
    child a guardian on record (*expected*: who staff said collects). Recorded (audit),
    queued for the central side."""
    operator.require(Permission.INTAKE)
    now = now or utcnow()
    with ctx.sessions.begin() as session:
        app, card = _ours(session, operator, application_id)
        current = card.status if card else ""
        if card is None or current not in READY:
            raise _not_ready(_view(ctx, session, app, now.date()))
        check_transition(Status(current), Status.COLLECTED, Actor.COUNTER)
        guardian_ids = (app.guardian.id_number,) if app.guardian else ()
        collector = identify_collector(collector_id_number, app.id_number, guardian_ids,
                                       _age(app.birth_date, now.date()), ctx.rules.minor_age,
                                       expected)
        card.status, card.collected_at, card.collector = Status.COLLECTED.value, now, collector
        app.status = Status.COLLECTED.value  # the local copy follows the card
        audit.record(session, action="card_collected", entity="application",
                     entity_id=app.id, operator_id=operator.id, site_id=operator.site_id,
                     from_status=current, to_status=Status.COLLECTED,
                     detail=f"collector={collector.value}")
        session.add(OutboxEntry(kind="card_collected", entity_id=str(app.id), payload={
            "application_id": str(app.id), "at": now.isoformat(), "collector": collector.value,
            "operator": operator.username}))
        return Collected(app.id, app.number, collector, now)


def activate(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
             now: dt.datetime | None = None) -> Status:
    """Record the activation of a collected card at the window."""
    operator.require(Permission.INTAKE)
    now = now or utcnow()
    with ctx.sessions.begin() as session:
        app, card = _ours(session, operator, application_id)
        current = card.status if card else ""
        if card is None or current != Status.COLLECTED:
            raise CollectionError(MSG_NOT_COLLECTED, number=app.number, status=current or "-")
        check_transition(Status(current), Status.ACTIVATED, Actor.COUNTER)
        card.status, card.activated_at = Status.ACTIVATED.value, now
        app.status = Status.ACTIVATED.value
        audit.record(session, action="card_activated", entity="application", entity_id=app.id,
                     operator_id=operator.id, site_id=operator.site_id,
                     from_status=current, to_status=Status.ACTIVATED)
        session.add(OutboxEntry(kind="card_activated", entity_id=str(app.id), payload={
            "application_id": str(app.id), "at": now.isoformat(),
            "operator": operator.username}))
        return Status.ACTIVATED


def _ours(session: Session, operator: CurrentOperator, application_id: uuid.UUID
          ) -> tuple[Application, CardRecord | None]:
    app = session.get(Application, application_id)
    if app is None:
        raise CollectionError(MSG_NOT_FOUND)
    if app.site_id != operator.site_id:
        raise CollectionError(MSG_NOT_THIS_SITE)
    return app, session.get(CardRecord, app.id)


def _age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


# --- the collection receipt ----------------------------------------------------------------

def collection_receipt(ctx: AppContext, operator: CurrentOperator,
                       application_id: uuid.UUID) -> Path:
    """The collection receipt (社会保障卡领取回执) of a collected card: who took it, when,
    where; two copies (the collector's and the handling point's, signed)."""
    operator.require(Permission.INTAKE)
    with ctx.sessions() as session:
        app, card = _ours(session, operator, application_id)
        if card is None or card.status not in (Status.COLLECTED, Status.ACTIVATED) \
                or card.collected_at is None:
            raise CollectionError(MSG_NO_RECEIPT)
        site = session.get(Site, app.site_id)
        clerk = session.get(Operator, operator.id)
        guardian = app.guardian
        by_guardian = card.collector == Collector.GUARDIAN and guardian is not None
        data = CollectionReceiptData(
            application_number=app.number,
            business_type=ctx.rules.labels[BusinessType(app.business_type)],
            name=app.name, id_type=ID_TYPE_LABELS.get(app.id_type, app.id_type),
            id_number=mask(app.id_number), card_number=_mask_card(card.card_number or ""),
            bank=card.bank or "",
            collector=(f"{guardian.name}（{guardian.relation}）" if by_guardian
                       else app.name),
            collector_id_number=mask(guardian.id_number) if by_guardian
            else mask(app.id_number),
            collector_kind=card.collector or "",
            collected_at=local_text(card.collected_at),
            site_name=site.name if site else "",
            operator_name=clerk.display_name if clerk else operator.display_name)
    config, fonts = form_config(ctx), form_fonts(ctx)
    out = ctx.files.write_with(
        f"collection_receipts/{application_id}.pdf",
        lambda stream: render_collection_receipt(data, config, stream, fonts))
    with ctx.sessions.begin() as session:
        audit.record(session, action="collection_receipt_printed", entity="application",
                     entity_id=application_id, operator_id=operator.id,
                     site_id=operator.site_id)
    return out


def _mask_card(number: str) -> str:
    """A card number on paper: its first and last three characters."""
    if len(number) <= 6:
        return number
    return number[:3] + "*" * (len(number) - 6) + number[-3:]


__all__ = ["CardAtCounter", "Collected", "CollectionError", "activate", "collect",
           "collection_receipt", "find_for_activation", "find_for_collection",
           "where_to_collect"]
