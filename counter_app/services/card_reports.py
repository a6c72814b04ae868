"""Reporting a card to the invalid list at the window (Art. 19), and undoing a temporary
loss report (issue 7).

Kinds staff report: temporary loss (holds the city's number of days, then is released or
cancelled as the city's rule says), formal loss (cannot be undone), damage, cancellation.
Each report is written locally (the invalid-list row the next pull will bring back from
the central side, same id) and queued as an operation the central side applies to the
shared list; the central side may still refuse it (e.g. listed meanwhile elsewhere), and
says why. Time is passed in (``now``, naive UTC): a test moves the clock, never sleeps.

The card is found by card number or ID number among this counter's cards (pulled card
records); a card taken in elsewhere may be reported too, with its number and the holder's
ID number as shown, and the central side checks that they belong together.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from counter_app.domain.cards import (MSG_FORMAL_IS_FINAL, MSG_NOTHING_TO_UNREPORT, CardRules,
                                      CardsError, EntryState, InvalidKind, Listing,
                                      compact_card_number, new_listing, parse_card_number,
                                      settle, unreport)
from counter_app.domain.collection import normalise_id
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.domain.idnumber import mask
from counter_app.domain.lifecycle import Status
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.store.models import Application, CardRecord, InvalidEntry, OutboxEntry, utcnow

# What staff may report at the window (expiry comes from the card centre; "replaced" with
# a replacement or renewal application).
REPORTABLE = (InvalidKind.TEMPORARY_LOSS, InvalidKind.FORMAL_LOSS, InvalidKind.DAMAGE,
              InvalidKind.CANCELLATION)
HANDED_OVER = frozenset({Status.COLLECTED.value, Status.ACTIVATED.value})

MSG_ENTER_CARD = QT_TRANSLATE_NOOP("messages", "Please enter the card number.")
MSG_ENTER_HOLDER = QT_TRANSLATE_NOOP(
    "messages", "Please enter the cardholder's ID number, as on the ID shown.")
MSG_NOT_REPORTABLE = QT_TRANSLATE_NOOP(
    "messages", "This kind of entry is not reported at the window.")
MSG_NOT_HOLDER = QT_TRANSLATE_NOOP(
    "messages", "This card belongs to another ID number: it cannot be reported with the ID "
                "shown.")
MSG_NOT_HANDED_OVER = QT_TRANSLATE_NOOP(
    "messages", "This card has not been handed over yet (its status: {status}); a card still "
                "at the handling point is not reported.")
MSG_ENTER_SEARCH = QT_TRANSLATE_NOOP(
    "messages", "Please enter a card number or an ID number.")


@dataclass(frozen=True)
class EntryView:
    """An invalid-list entry as it stands at the time asked (settled)."""

    id: uuid.UUID
    kind: InvalidKind
    level: str
    state: EntryState
    listed_at: dt.datetime
    expires_at: dt.datetime | None
    released_at: dt.datetime | None


@dataclass(frozen=True)
class CardView:
    """A card as the report dialog shows it (ID number masked)."""

    card_number: str
    id_number_masked: str
    name: str                          # "" for a card not taken in here
    application_id: uuid.UUID | None
    application_number: str
    status: str                        # the card's status, "" when not known here
    entries: tuple[EntryView, ...]

    @property
    def in_force(self) -> tuple[EntryView, ...]:
        return tuple(e for e in self.entries if e.state is EntryState.ACTIVE)


def find_cards(ctx: AppContext, operator: CurrentOperator, text: str,
               now: dt.datetime | None = None) -> list[CardView]:
    """Cards for a card number or an ID number: this counter's (pulled card records) and
    any on the invalid list, each with its entries settled at *now*."""
    operator.require(Permission.INTAKE)
    wanted = compact_card_number(text)  # an ID number compacts the same way
    if not wanted:
        raise ValidationError("search", MSG_ENTER_SEARCH)
    now = now or utcnow()
    rules = ctx.rules.cards
    with ctx.sessions() as session:
        rows = session.execute(select(CardRecord, Application).join(
            Application, Application.id == CardRecord.application_id).where(
            CardRecord.card_number.is_not(None),
            or_(CardRecord.card_number == wanted, Application.id_number == wanted))
            .order_by(Application.created_at.desc())).all()
        cards = {card.card_number: (card, app) for card, app in rows if card.card_number}
        listed = session.scalars(select(InvalidEntry).where(or_(
            InvalidEntry.card_number == wanted,
            InvalidEntry.card_number.in_(list(cards) or [""])))
            .order_by(InvalidEntry.listed_at)).all()
        by_card: dict[str, list[InvalidEntry]] = {}
        for entry in listed:
            by_card.setdefault(entry.card_number, []).append(entry)
        views = []
        for number in list(cards) + [n for n in by_card if n not in cards]:
            card, app = cards.get(number, (None, None))
            views.append(CardView(  # whose a card taken in elsewhere is, is not kept here
                card_number=number, id_number_masked=mask(app.id_number) if app else "",
                name=app.name if app else "", application_id=app.id if app else None,
                application_number=app.number if app else "",
                status=card.status if card else "",
                entries=tuple(_view(e, now, rules) for e in by_card.get(number, ()))))
        return views


def report(ctx: AppContext, operator: CurrentOperator, card_number: str, id_number: str,
           kind: InvalidKind, now: dt.datetime | None = None) -> EntryView:
    """Put a card on the invalid list: written locally and queued for the central side."""
    operator.require(Permission.INTAKE)
    kind = InvalidKind(kind)
    if kind not in REPORTABLE:
        raise CardsError(MSG_NOT_REPORTABLE)
    card_number, holder = _card_number(card_number), _holder(id_number)
    now = now or utcnow()
    rules = ctx.rules.cards
    with ctx.sessions.begin() as session:
        application_id = _check_card(session, card_number, holder)
        in_force = [_listing(e) for e in reversed(_entries(session, card_number))]
        listing, level = new_listing(kind, now, rules, in_force)
        entry = InvalidEntry(id=uuid.uuid4(), card_number=card_number, reason=kind.value, level=level.value, listed_at=now,
                             expires_at=listing.expires_at, released_at=None,
                             state=EntryState.ACTIVE.value, application_id=application_id)
        session.add(entry)
        audit.record(session, action="card_reported", entity="invalid_entry",
                     entity_id=entry.id, operator_id=operator.id, site_id=operator.site_id,
                     to_status=EntryState.ACTIVE, detail=f"kind={kind.value}")
        session.add(OutboxEntry(kind="card_reported",
                                entity_id=str(application_id or entry.id), payload={
            "id": str(entry.id), "card_number": card_number, "id_number": holder,
            "kind": kind.value, "listed_at": now.isoformat(),
            "application_id": str(application_id) if application_id else None,
            "operator": operator.username}))
        return _view(entry, now, rules)


def unreport_card(ctx: AppContext, operator: CurrentOperator, card_number: str,
                  id_number: str, now: dt.datetime | None = None) -> EntryView:
    """Undo the card's temporary loss report in force (the card was found), on the holder's
    (or guardian's) ID number, as a report. A formal loss report cannot be undone; a
    temporary one whose days ran out has nothing left to undo."""
    operator.require(Permission.INTAKE)
    card_number, holder = _card_number(card_number), _holder(id_number)
    now = now or utcnow()
    rules = ctx.rules.cards
    with ctx.sessions.begin() as session:
        _check_holder(session, card_number, holder)
        entries = _entries(session, card_number)
        settled = [(e, settle(_listing(e), now, rules)) for e in entries]
        if any(s.kind is InvalidKind.FORMAL_LOSS and s.state is EntryState.ACTIVE
               for _e, s in settled):
            raise CardsError(MSG_FORMAL_IS_FINAL)
        temporary = [e for e, s in settled if s.kind is InvalidKind.TEMPORARY_LOSS
                     and s.state is EntryState.ACTIVE]
        if not temporary:
            raise CardsError(MSG_NOTHING_TO_UNREPORT)
        entry = temporary[-1]
        released = unreport(_listing(entry), now, rules)
        entry.state, entry.released_at = released.state.value, released.released_at
        audit.record(session, action="card_unreported", entity="invalid_entry",
                     entity_id=entry.id, operator_id=operator.id, site_id=operator.site_id,
                     from_status=EntryState.ACTIVE, to_status=released.state)
        session.add(OutboxEntry(kind="card_unreported",
                                entity_id=str(entry.application_id or entry.id), payload={
            "id": str(entry.id), "card_number": card_number, "id_number": holder,
            "released_at": now.isoformat(), "operator": operator.username}))
        return _view(entry, now, rules)


def settled_state(entry: InvalidEntry, now: dt.datetime, rules: CardRules) -> EntryState:
    """An invalid-list row's state at *now* (a temporary report past its days is released
    or cancelled as the city says, even before the central side has settled it)."""
    return settle(_listing(entry), now, rules).state


# --- helpers -----------------------------------------------------------------------------

def _card_number(text: str) -> str:
    if not compact_card_number(text):
        raise ValidationError("card_number", MSG_ENTER_CARD)
    return parse_card_number(text)


def _holder(text: str) -> str:
    number = normalise_id(text)
    if not number:
        raise ValidationError("id_number", MSG_ENTER_HOLDER)
    if len(number) > 18:
        raise ValidationError("id_number", MSG_NOT_HOLDER)
    return number


def _check_card(session: Session, card_number: str, holder: str) -> uuid.UUID | None:
    """The card's application when this counter knows the card (its holder and status
    checked here); None for a card taken in elsewhere (checked centrally)."""
    row = _card_and_application(session, card_number)
    if row is None:
        return None
    card, app = row
    _check_holder(session, card_number, holder)
    if card.status not in HANDED_OVER:
        raise CardsError(MSG_NOT_HANDED_OVER, status=card.status)
    return app.id


def _check_holder(session: Session, card_number: str, holder: str) -> None:
    """Refuse an ID number that is not the holder's of a card this counter knows (the
    central side checks every card again, those taken in elsewhere included)."""
    row = _card_and_application(session, card_number)
    if row is not None and normalise_id(row[1].id_number) != holder:
        raise ValidationError("id_number", MSG_NOT_HOLDER)


def _card_and_application(session: Session, card_number: str):
    return session.execute(select(CardRecord, Application).join(
        Application, Application.id == CardRecord.application_id).where(
        CardRecord.card_number == card_number)).first()


def _entries(session: Session, card_number: str) -> list[InvalidEntry]:
    return list(session.scalars(select(InvalidEntry).where(
        InvalidEntry.card_number == card_number).order_by(InvalidEntry.listed_at)))


def _listing(entry: InvalidEntry) -> Listing:
    return Listing(InvalidKind(entry.reason), entry.listed_at, entry.expires_at,
                   entry.released_at, EntryState(entry.state or EntryState.ACTIVE))


def _view(entry: InvalidEntry, now: dt.datetime, rules: CardRules) -> EntryView:
    current = settle(_listing(entry), now, rules)
    return EntryView(entry.id, current.kind, entry.level, current.state, entry.listed_at,
                     entry.expires_at, current.released_at)
