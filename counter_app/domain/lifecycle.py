"""The application's lifecycle (DOMAIN.md, "Card lifecycle") as one state machine, shared
by the counter and the card centre: each transition also says who may make it."""

from __future__ import annotations

import enum

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_ILLEGAL = QT_TRANSLATE_NOOP(
    "messages", "An application in state \"{current}\" cannot move to \"{target}\".")
MSG_NOT_YOURS = QT_TRANSLATE_NOOP(
    "messages", "Moving an application from \"{current}\" to \"{target}\" is done by the "
                "{actor}, not here.")


class Status(enum.StrEnum):
    DRAFT = "draft"
    EXAMINED = "examined"
    PHOTO_OK = "photo_ok"
    FORM_PRINTED = "form_printed"
    SIGNED = "signed"
    SUBMITTED = "submitted"          # sent (or queued) to the card centre
    IN_PRODUCTION = "in_production"
    PRODUCTION_FAILED = "production_failed"  # the card factory could not make it (reason)
    PRODUCED = "produced"
    AT_SITE = "at_site"              # sent to the handling point, ready for collection
    NOTIFIED = "notified"
    COLLECTED = "collected"
    ACTIVATED = "activated"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Actor(enum.StrEnum):
    COUNTER = "counter"              # window staff at the handling point
    CARD_CENTRE = "card_centre"      # card centre staff, on the central database
    NOTIFIER = "notifier"            # the notice sender, when a notice went out


COUNTER, CARD_CENTRE, NOTIFIER = Actor.COUNTER, Actor.CARD_CENTRE, Actor.NOTIFIER

# (from, to) -> who may make the move.
_MOVES: dict[tuple[Status, Status], Actor] = {
    (Status.DRAFT, Status.EXAMINED): COUNTER,
    (Status.DRAFT, Status.REJECTED): COUNTER,
    (Status.EXAMINED, Status.PHOTO_OK): COUNTER,
    (Status.PHOTO_OK, Status.FORM_PRINTED): COUNTER,
    (Status.FORM_PRINTED, Status.FORM_PRINTED): COUNTER,  # a reprint stays printed
    (Status.FORM_PRINTED, Status.SIGNED): COUNTER,
    (Status.SIGNED, Status.SUBMITTED): COUNTER,
    (Status.SUBMITTED, Status.IN_PRODUCTION): CARD_CENTRE,
    (Status.SUBMITTED, Status.REJECTED): CARD_CENTRE,      # the card centre refuses it
    (Status.SUBMITTED, Status.WITHDRAWN): CARD_CENTRE,     # at the applicant's request
    (Status.IN_PRODUCTION, Status.PRODUCED): CARD_CENTRE,
    (Status.IN_PRODUCTION, Status.PRODUCTION_FAILED): CARD_CENTRE,
    (Status.IN_PRODUCTION, Status.WITHDRAWN): CARD_CENTRE,
    (Status.PRODUCTION_FAILED, Status.IN_PRODUCTION): CARD_CENTRE,  # made again
    (Status.PRODUCTION_FAILED, Status.REJECTED): CARD_CENTRE,
    (Status.PRODUCED, Status.AT_SITE): CARD_CENTRE,
    (Status.AT_SITE, Status.NOTIFIED): NOTIFIER,
    (Status.AT_SITE, Status.COLLECTED): COUNTER,
    (Status.NOTIFIED, Status.COLLECTED): COUNTER,
    (Status.COLLECTED, Status.ACTIVATED): COUNTER,
}
# Until it is sent, the applicant may withdraw the application at the counter.
_WITHDRAWABLE = {Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK, Status.FORM_PRINTED,
                 Status.SIGNED}
_MOVES.update({(status, Status.WITHDRAWN): COUNTER for status in _WITHDRAWABLE})

TRANSITIONS: dict[Status, frozenset[Status]] = {
    status: frozenset(target for (source, target) in _MOVES if source == status)
    for status in Status
}
FINAL = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# States the counter still owns; once submitted, the card centre owns the status.
COUNTER_OWNED = frozenset(_WITHDRAWABLE)
# Sent and not yet in the applicant's hands: what the 30-day promise is about.
OPEN = frozenset({Status.SUBMITTED, Status.IN_PRODUCTION, Status.PRODUCTION_FAILED,
                  Status.PRODUCED})
# The card waits at the handling point.
READY = frozenset({Status.AT_SITE, Status.NOTIFIED})

# Instant issuance (即时制卡): at a site the card centre lets issue cards itself, the
# counter makes the moves the card centre makes for a batch card, and hands the card over
# at once. The status chain: 数据录入 (draft … signed) → 已缴费 (submitted) →
# 制卡中 (in_production) → 签收 (produced) → 领卡未激活 (collected), and 制卡失败
# (production_failed), after which a retry takes the next card number. Only the counter of
# such a site makes these (the central side checks the site: counter_app.central
# .device_instant); everywhere else they stay the card centre's.
INSTANT_MOVES = frozenset({
    (Status.SUBMITTED, Status.IN_PRODUCTION),
    (Status.PRODUCTION_FAILED, Status.IN_PRODUCTION),   # a retry with the next number
    (Status.IN_PRODUCTION, Status.PRODUCED),
    (Status.IN_PRODUCTION, Status.PRODUCTION_FAILED),
    (Status.PRODUCED, Status.COLLECTED),                # handed over at the window
})


class IllegalTransition(CounterError):
    code = "illegal_transition"


def check_transition(current: Status, target: Status, actor: Actor | None = None) -> Status:
    """*target* if the move is allowed (and, given *actor*, theirs to make)."""
    current, target = Status(current), Status(target)
    owner = _MOVES.get((current, target))
    if owner is None:
        raise IllegalTransition(MSG_ILLEGAL, current=current.value, target=target.value)
    if actor is not None and owner != actor:
        raise IllegalTransition(MSG_NOT_YOURS, current=current.value, target=target.value,
                                actor=owner.value)
    return target


def check_instant_move(current: Status, target: Status) -> Status:
    """*target* if the counter of an instant-issuance site may make the move: one of
    INSTANT_MOVES, or a move that is the counter's anyway (activation)."""
    current, target = Status(current), Status(target)
    if (current, target) in INSTANT_MOVES or _MOVES.get((current, target)) is COUNTER:
        return target
    raise IllegalTransition(MSG_ILLEGAL, current=current.value, target=target.value)


def actor_of(current: Status, target: Status) -> Actor | None:
    return _MOVES.get((Status(current), Status(target)))
