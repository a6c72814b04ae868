"""Inquiry (Art. 15/19): a cardholder asks, at any handling point, how their application,
card and invalid-list status stand, by ID number or card number.

The central database answers when it can be reached (every site's applications, through
the SECURITY DEFINER function ``central_inquiry``); applications this counter holds that
the central side does not know yet (still at the window, or queued) are added, and one
this counter changed after the central side last did (a card just collected here) shows
as this counter has it. When the central database cannot be reached, the counter's own
store answers, with a note saying so.

An invalid-list entry is settled with the clock: a temporary loss report past its days
shows as released or cancelled, as the city's rule says. The result holds statuses,
dates, levels, site names and application numbers, never the applicant's name; the ID
and card numbers only masked. Each inquiry is audited locally, with the number masked.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError

from counter_app.central import database
from counter_app.central.lookup import APPLICATION, INVALID, LookupRefused, central_inquiry
from counter_app.domain.business import BusinessType
from counter_app.domain.cards import (
    CardRules,
    EntryState,
    InvalidKind,
    Listing,
    Promise,
    promise_state,
    settle,
)
from counter_app.domain.clock import local_date, local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.inquiry import (
    InquiryNumber,
    NumberKind,
    mask_card_number,
    parse_inquiry_number,
)
from counter_app.domain.lifecycle import OPEN
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.store.models import Application, CardRecord, InvalidEntry, Site, utcnow

log = logging.getLogger(__name__)

MSG_OFFLINE = QT_TRANSLATE_NOOP(
    "messages", "The central database cannot be reached: this answer shows only what this "
                "counter holds (its own applications, and the invalid list as last pulled).")

CENTRAL, LOCAL = "central", "local"


@dataclass(frozen=True)
class CardFinding:
    number: str                      # masked (A****5678); empty before the card is made
    bank: str
    status: str                      # lifecycle.Status value
    issued_on: dt.date | None = None
    collected_at: dt.datetime | None = None   # UTC
    activated_at: dt.datetime | None = None   # UTC


@dataclass(frozen=True)
class ApplicationFinding:
    number: str
    site_name: str
    business_type: str               # BusinessType value
    status: str                      # lifecycle.Status value, as it stands now
    received_on: dt.date | None      # local day the application was taken in / received
    due_date: dt.date | None         # the 30-day promise, once the card centre has it
    promise: Promise | None          # for an application still waiting for its card
    card: CardFinding | None
    sent: bool = True                # False: only on this counter (not at the centre yet)


@dataclass(frozen=True)
class InvalidFinding:
    card_number: str                 # masked
    kind: str                        # InvalidKind value (a feed's unknown kind as it came)
    level: str                       # Level value
    state: str                       # EntryState value, settled with the clock
    listed_at: dt.datetime           # UTC
    expires_at: dt.datetime | None   # UTC (a temporary loss report)
    released_at: dt.datetime | None  # UTC
    site_name: str = ""              # where it was reported (empty: a feed, or unknown)

    @property
    def in_force(self) -> bool:
        return self.state == EntryState.ACTIVE


@dataclass(frozen=True)
class InquiryResult:
    id: uuid.UUID                    # the audit record's entity id; printed as reference
    kind: NumberKind
    masked_number: str
    source: str                      # CENTRAL or LOCAL
    at: dt.datetime                  # the clock the answer was settled with (UTC)
    applications: tuple[ApplicationFinding, ...] = ()
    invalid: tuple[InvalidFinding, ...] = ()
    note: CounterError | None = None  # e.g. MSG_OFFLINE
    site_name: str = ""              # where the inquiry was made

    @property
    def found(self) -> bool:
        return bool(self.applications or self.invalid)

    @property
    def invalid_in_force(self) -> bool:
        return any(entry.in_force for entry in self.invalid)


class InquiryNote(CounterError):
    code = "inquiry"


def look_up(ctx: AppContext, number: str, *, operator: CurrentOperator,
            central_url: str | None = None, offline: bool = False,
            now: dt.datetime | None = None) -> InquiryResult:
    """The answer for *number* (ID number or card number), not audited: IdNumberError or
    InquiryNumberError when the number is not valid. *now* is UTC (naive). Staff who take
    in applications and the card centre may inquire (Forbidden otherwise)."""
    require_inquiry(operator)
    now = now or utcnow()
    today = local_date(now)
    wanted = parse_inquiry_number(number, today)
    rules = ctx.rules.cards
    with ctx.sessions() as session:
        local_apps = _local_applications(session, wanted, today, rules)
        local_invalid = _local_invalid(session, wanted, now, rules)
    result = InquiryResult(uuid.uuid4(), wanted.kind, wanted.masked, LOCAL, now)
    note: CounterError = InquiryNote(MSG_OFFLINE)
    if not offline:
        try:
            rows = _central_rows(ctx, central_url, wanted, operator)
        except LookupRefused as refused:  # past the budget: this counter's answer, and why
            note = refused
        except (database.SyncError, OperationalError, DBAPIError) as exc:
            log.info("inquiry answered locally: central database unreachable (%s)",
                     database.error_name(exc))
        else:
            apps, invalid = _from_central(rows, now, today, rules)
            return replace(result, source=CENTRAL,
                           applications=_merge(apps, local_apps), invalid=tuple(invalid))
    return replace(result, applications=tuple(app for app, _ in local_apps),
                   invalid=tuple(local_invalid), note=note)


def require_inquiry(operator: CurrentOperator) -> None:
    """Forbidden unless *operator* takes in applications or works at the card centre."""
    operator.require_any(Permission.INTAKE, Permission.CARD_CENTRE)


def inquire(ctx: AppContext, number: str, *, operator: CurrentOperator,
            central_url: str | None = None, offline: bool = False,
            now: dt.datetime | None = None) -> InquiryResult:
    """look_up, then an audit record (the number masked) and the site's name."""
    result = look_up(ctx, number, central_url=central_url, offline=offline, now=now,
                     operator=operator)
    with ctx.sessions.begin() as session:
        site = _site_of(session, operator)
        audit.record(session, action="inquiry", entity="inquiry", entity_id=result.id,
                     operator_id=operator.id, site_id=site.id if site else None,
                     detail=audit_detail(result))
        site_name = site.name if site else ""
    return replace(result, site_name=site_name)


def audit_detail(result: InquiryResult) -> str:
    """What the audit keeps of an inquiry: no number in clear, no personal data."""
    return (f"{result.kind.value}={result.masked_number} source={result.source} "
            f"applications={len(result.applications)} invalid={len(result.invalid)}")


def render_result(ctx: AppContext, result: InquiryResult, operator: CurrentOperator) -> Path:
    """The printable result (one A4 page) in the protected directory; the print audited."""
    require_inquiry(operator)
    from counter_app.forms.inquiry_result import render_inquiry
    from counter_app.services.printing import form_fonts

    printed, fonts = print_data(ctx, result), form_fonts(ctx)
    out = ctx.files.write_with(f"inquiries/{result.id}.pdf",
                               lambda stream: render_inquiry(printed, stream, fonts))
    with ctx.sessions.begin() as session:
        site = _site_of(session, operator)
        audit.record(session, action="inquiry_printed", entity="inquiry", entity_id=result.id,
                     operator_id=operator.id, site_id=site.id if site else None)
    return out


def print_data(ctx: AppContext, result: InquiryResult):
    """The result as the printed document takes it (labels, local times)."""
    from counter_app.forms.inquiry_result import (
        InquiryApplicationLine,
        InquiryCardLine,
        InquiryInvalidLine,
        InquiryPrint,
    )

    labels = ctx.rules.labels
    applications = tuple(InquiryApplicationLine(
        app.number, app.site_name, _business_label(labels, app.business_type), app.status,
        _day(app.received_on), _day(app.due_date), app.sent) for app in result.applications)
    cards = tuple(InquiryCardLine(
        app.number, app.card.number, app.card.bank, app.card.status, _day(app.card.issued_on),
        _day(local_date(app.card.collected_at)), _day(local_date(app.card.activated_at)))
        for app in result.applications if app.card is not None and app.card.number)
    invalid = tuple(InquiryInvalidLine(
        entry.card_number, entry.kind, entry.level, entry.state, local_text(entry.listed_at),
        local_text(entry.released_at or entry.expires_at), entry.site_name)
        for entry in result.invalid)
    return InquiryPrint(result.masked_number, result.kind.value, result.site_name,
                        local_text(result.at), result.source, str(result.id)[:8].upper(),
                        applications, cards, invalid)


# --- the counter's own store ------------------------------------------------------------

def _local_applications(session, wanted: InquiryNumber, today: dt.date, rules: CardRules
                        ) -> list[tuple[ApplicationFinding, dt.datetime]]:
    """Findings with the time this counter last changed each (UTC)."""
    a, c = Application, CardRecord
    statement = (select(a.number, Site.name, a.business_type, a.status, a.created_at,
                        a.updated_at, c.card_number, c.bank, c.status.label("card_status"),
                        c.updated_at.label("card_updated_at"), c.due_date, c.issued_on,
                        c.collected_at, c.activated_at)
                 .join(Site, Site.id == a.site_id)
                 .outerjoin(c, c.application_id == a.id))
    if wanted.kind is NumberKind.ID_NUMBER:
        statement = statement.where(a.id_number == wanted.value)
    else:
        statement = statement.where(c.card_number == wanted.value)
    found = []
    for row in session.execute(statement.order_by(a.created_at.desc())):
        # The card record is the central side's word, pulled; the application row is
        # what this counter did last. The newer one tells the status.
        card_newer = row.card_status is not None and row.card_updated_at >= row.updated_at
        status = row.card_status if card_newer else row.status
        card = _card(row.card_number, row.bank, row.card_status, row.issued_on,
                     row.collected_at, row.activated_at)
        changed = max(row.updated_at, row.card_updated_at or row.updated_at)
        found.append((ApplicationFinding(
            row.number, row.name, row.business_type, status, local_date(row.created_at),
            row.due_date, _promise(status, row.due_date, today, rules), card,
            sent=row.card_status is not None or status not in _AT_THE_COUNTER), changed))
    return found


def _local_invalid(session, wanted: InquiryNumber, now: dt.datetime, rules: CardRules
                   ) -> list[InvalidFinding]:
    if wanted.kind is NumberKind.ID_NUMBER:  # the list here holds no ID numbers: the
        # holder's cards this counter knows (the central answer has the rest)
        condition = InvalidEntry.card_number.in_(select(CardRecord.card_number).join(
            Application, Application.id == CardRecord.application_id).where(
            Application.id_number == wanted.value))
    else:
        condition = InvalidEntry.card_number == wanted.value
    rows = session.execute(select(
        InvalidEntry.card_number, InvalidEntry.reason, InvalidEntry.level,
        InvalidEntry.listed_at, InvalidEntry.expires_at, InvalidEntry.released_at,
        InvalidEntry.state).where(condition))
    return _sorted([_invalid(row.card_number and mask_card_number(row.card_number),
                             row.reason, row.level, row.listed_at, row.expires_at,
                             row.released_at, row.state, "", now, rules) for row in rows])


# --- the central database ---------------------------------------------------------------

def _central_rows(ctx: AppContext, url: str | None, wanted: InquiryNumber,
                  operator: CurrentOperator | None) -> list[dict]:
    from counter_app.services import central_access

    name = operator.username if operator else ""
    return central_access.ask(
        ctx, lambda connection: central_inquiry(connection, wanted.kind, wanted.value, name),
        url)


def _from_central(rows: list[dict], now: dt.datetime, today: dt.date, rules: CardRules):
    apps, invalid = [], []
    for row in rows:
        if row["entry"] == APPLICATION:
            status = row["status"]  # the card centre's; the card record mirrors it
            changed = max(filter(None, (row["received_at"], row["card_updated_at"])))
            card = _card(row["card_number"], row["bank"], row["card_status"], row["issued_on"],
                         row["collected_at"], row["activated_at"], masked=True)
            apps.append((ApplicationFinding(
                row["application_number"], row["site_name"] or "", row["business_type"],
                status, local_date(row["received_at"]), row["due_date"],
                _promise(status, row["due_date"], today, rules), card), changed))
        elif row["entry"] == INVALID:
            invalid.append(_invalid(row["card_number"], row["reason"], row["level"],
                                    row["listed_at"], row["expires_at"], row["released_at"],
                                    row["state"], row["site_name"] or "", now, rules))
    return apps, _sorted(invalid)


def _merge(central_apps, local_apps) -> tuple[ApplicationFinding, ...]:
    """Central findings, except where this counter changed an application later (e.g. a
    card collected here, not yet sent); then this counter's applications the central
    side does not have yet."""
    local_by_number = {app.number: (app, changed) for app, changed in local_apps}
    merged = []
    for app, changed in central_apps:
        mine = local_by_number.pop(app.number, None)
        if mine is not None and mine[1] > changed:
            app = replace(app, status=mine[0].status, promise=mine[0].promise,
                          card=app.card or mine[0].card)
        merged.append(app)
    merged += [replace(app, sent=False) for app, _ in local_by_number.values()]
    return tuple(merged)


# --- small pieces -----------------------------------------------------------------------

# Statuses an application has before it is sent (lifecycle.COUNTER_OWNED) and rejected at
# the window: nothing of it has reached the central side.
_AT_THE_COUNTER = frozenset({"draft", "examined", "photo_ok", "form_printed", "signed",
                             "rejected", "withdrawn"})


def _card(number, bank, status, issued_on, collected_at, activated_at, *, masked=False
          ) -> CardFinding | None:
    if status is None:
        return None
    shown = number if masked else mask_card_number(number)
    return CardFinding(shown or "", bank or "", status, issued_on, collected_at, activated_at)


def _promise(status: str, due: dt.date | None, today: dt.date, rules: CardRules
             ) -> Promise | None:
    if due is None or status not in OPEN:
        return None
    return promise_state(due, today, rules)


def _invalid(card_number, reason, level, listed_at, expires_at, released_at, state,
             site_name, now, rules) -> InvalidFinding:
    state = state or EntryState.ACTIVE.value
    if state == EntryState.ACTIVE and released_at is not None:
        state = EntryState.RELEASED.value  # a pulled copy may carry only the release time
    try:
        settled = settle(Listing(InvalidKind(reason), listed_at, expires_at, released_at,
                                 EntryState(state)), now, rules)
    except ValueError:  # a kind or state this version does not know: shown as it came
        return InvalidFinding(card_number or "", reason, level, state, listed_at, expires_at,
                              released_at, site_name)
    return InvalidFinding(card_number or "", reason, level, settled.state.value, listed_at,
                          expires_at, settled.released_at, site_name)


def _sorted(entries: list[InvalidFinding]) -> list[InvalidFinding]:
    return sorted(entries, key=lambda e: e.listed_at, reverse=True)


def _site_of(session, operator: CurrentOperator | None) -> Site | None:
    if operator is not None:
        return session.get(Site, operator.site_id)
    return session.scalar(select(Site).order_by(Site.code).limit(1))


def _business_label(labels: dict, code: str) -> str:
    try:
        return labels[BusinessType(code)]
    except (ValueError, KeyError):
        return code


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
