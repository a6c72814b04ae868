"""The card centre's part of the invalid list: settling temporary loss reports whose days
have run out. (A counter's reports go through central_push: counter_app.central
.device_cards.)"""

from __future__ import annotations

import datetime as dt
import functools

from sqlalchemy import update
from sqlalchemy.engine import Connection

from counter_app.central.schema import invalid_list
from counter_app.domain.cards import CardRules, EntryState, InvalidKind


@functools.cache
def default_rules() -> CardRules:
    """The city's card rules (resources/rules/default.toml, [cards])."""
    from counter_app.domain.business import load_rules

    return load_rules().cards


def expire_temporary_reports(connection: Connection, now: dt.datetime,
                             rules: CardRules | None = None) -> int:
    """Settle the temporary loss reports whose days have run out at *now*: released or
    cancelled as the city's rule says (domain.cards.settle), as of their expiry. Returns
    how many (the card centre's login)."""
    rules = rules or default_rules()
    rows = connection.execute(update(invalid_list).where(
        invalid_list.c.reason == InvalidKind.TEMPORARY_LOSS.value,
        invalid_list.c.state == EntryState.ACTIVE.value,
        invalid_list.c.expires_at.is_not(None), invalid_list.c.expires_at <= now,
    ).values(state=rules.temporary_loss_at_expiry.value,
             released_at=invalid_list.c.expires_at).returning(invalid_list.c.id))
    return len(rows.all())
