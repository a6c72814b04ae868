"""The electronic social security card at the window (issue 16): whether a looked-up card
allows the holder to claim one, and the city's one-page guide.

The e-card itself is issued in an app by the national platform, never here; the counter
tells the applicant whether the card it rests on is activated, valid and not on the
invalid list (domain.ecard.ecard_eligibility), and why not, and prints the city's
channels (resources/ecard/*.toml). The guide holds no personal data: it is written
plainly under the data directory (documents/ecard/), like the applicant guide.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from counter_app.domain.cards import EntryState
from counter_app.domain.clock import local_date
from counter_app.domain.ecard import (EcardEligibility, EcardGuide, ecard_eligibility,
                                      load_ecard_guide)
from counter_app.forms.ecard_guide import render_ecard_guide
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.card_reports import settled_state
from counter_app.services.context import AppContext
from counter_app.services.inquiry import ApplicationFinding, InquiryResult
from counter_app.services.printing import form_fonts
from counter_app.store.models import CardRecord, InvalidEntry, utcnow

GUIDE_FOLDER = ("documents", "ecard")  # the print dialog's title goes by the folder's name
GUIDE_FILE = "ecard-guide.pdf"


def guide_config(ctx: AppContext) -> EcardGuide:
    """The e-card guide of the city the business rules are for (EcardConfigError)."""
    return _guide_of(ctx.rules.city)


@lru_cache(maxsize=4)
def _guide_of(city: str) -> EcardGuide:
    return load_ecard_guide(city)


def render_guide(ctx: AppContext, operator: CurrentOperator,
                 today: dt.date | None = None) -> Path:
    """The one-page e-card guide with the handling point's name and the day."""
    operator.require_any(Permission.INTAKE, Permission.CARD_CENTRE)
    guide = guide_config(ctx)
    out = ctx.settings.data_dir.joinpath(*GUIDE_FOLDER, GUIDE_FILE)
    out.parent.mkdir(parents=True, exist_ok=True)
    render_ecard_guide(guide, out, form_fonts(ctx), site_name=operator.site_name,
                       date=(today or dt.date.today()).isoformat())
    return out


def for_inquiry(ctx: AppContext, result: InquiryResult) -> EcardEligibility:
    """What an inquiry's answer means for the e-card: claimable when any of the holder's
    cards is activated, valid and not listed; otherwise the newest application's reason
    (no card at all: apply first). Entries are matched to cards by the masked number both
    carry; entries of a card no application here names (a card number asked for, taken
    in elsewhere) decide alone."""
    today = local_date(result.at)
    validity = ctx.rules.cards.validity_years
    answers = []
    for app in _newest_first(result.applications):
        masked = app.card.number if app.card else ""
        entries = [e for e in result.invalid if masked and e.card_number == masked]
        answers.append(ecard_eligibility(
            app.status, entries, issued_on=app.card.issued_on if app.card else None,
            today=today, validity_years=validity))
    claimable = [answer for answer in answers if answer.claimable]
    if claimable:
        return claimable[0]
    if answers:
        return answers[0]
    return ecard_eligibility(None, result.invalid, today=today, validity_years=validity)


def for_card(ctx: AppContext, operator: CurrentOperator, card_number: str, status: str = "",
             now: dt.datetime | None = None) -> EcardEligibility:
    """The e-card of a card this counter holds (collection, activation): its status and
    issue date from the pulled card record (*status* when the counter has none), its
    entries from the invalid list as last pulled, settled at *now* (UTC)."""
    operator.require(Permission.INTAKE)
    now = now or utcnow()
    rules = ctx.rules.cards
    issued_on, entries = None, []
    if card_number:
        with ctx.sessions() as session:
            record = session.scalars(select(CardRecord).where(
                CardRecord.card_number == card_number)).first()
            if record is not None:
                status, issued_on = record.status or status, record.issued_on
            entries = [_Settled(row.reason, _state(row, now, rules))
                       for row in session.scalars(select(InvalidEntry).where(
                           InvalidEntry.card_number == card_number))]
    return ecard_eligibility(status or None, entries, issued_on=issued_on,
                             today=local_date(now), validity_years=rules.validity_years)


def for_application(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                    now: dt.datetime | None = None) -> EcardEligibility:
    """for_card of an application's card (after a hand-over or an activation here)."""
    operator.require(Permission.INTAKE)
    with ctx.sessions() as session:
        record = session.get(CardRecord, application_id)
        number, status = ((record.card_number or "", record.status or "") if record
                          else ("", ""))
    return for_card(ctx, operator, number, status, now)


def for_cards(ctx: AppContext, operator: CurrentOperator, cards: Iterable,
              now: dt.datetime | None = None) -> dict:
    """for_card of each of the collection dialog's cards, by application id."""
    now = now or utcnow()
    return {card.application_id: for_card(ctx, operator, card.card_number, card.status, now)
            for card in cards}


class _Settled:
    __slots__ = ("kind", "state")

    def __init__(self, kind: str, state: str) -> None:
        self.kind, self.state = kind, state


def _state(row: InvalidEntry, now: dt.datetime, rules) -> str:
    try:
        return settled_state(row, now, rules)
    except ValueError:  # a kind or state this version does not know: as it came
        return row.state or EntryState.ACTIVE


def _newest_first(apps: Iterable[ApplicationFinding]) -> list[ApplicationFinding]:
    return sorted(apps, key=lambda app: app.received_on or dt.date.min, reverse=True)


__all__ = ["for_card", "for_cards", "for_inquiry", "guide_config", "render_guide"]
