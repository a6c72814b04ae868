"""The application's lifecycle (DOMAIN.md, "Card lifecycle") as a state machine."""

from __future__ import annotations

import enum

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_ILLEGAL = QT_TRANSLATE_NOOP(
    "messages", "An application in state \"{current}\" cannot move to \"{target}\".")


class Status(enum.StrEnum):
    DRAFT = "draft"
    EXAMINED = "examined"
    PHOTO_OK = "photo_ok"
    FORM_PRINTED = "form_printed"
    SIGNED = "signed"
    SUBMITTED = "submitted"          # sent (or queued) to the card centre
    IN_PRODUCTION = "in_production"
    PRODUCED = "produced"
    AT_SITE = "at_site"
    NOTIFIED = "notified"
    COLLECTED = "collected"
    ACTIVATED = "activated"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


_FORWARD = {
    Status.DRAFT: {Status.EXAMINED, Status.REJECTED},
    Status.EXAMINED: {Status.PHOTO_OK},
    Status.PHOTO_OK: {Status.FORM_PRINTED},
    Status.FORM_PRINTED: {Status.FORM_PRINTED, Status.SIGNED},  # a reprint stays printed
    Status.SIGNED: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.IN_PRODUCTION},
    Status.IN_PRODUCTION: {Status.PRODUCED},
    Status.PRODUCED: {Status.AT_SITE},
    Status.AT_SITE: {Status.NOTIFIED, Status.COLLECTED},
    Status.NOTIFIED: {Status.COLLECTED},
    Status.COLLECTED: {Status.ACTIVATED},
}
# Until it is sent, the applicant may withdraw the application.
_WITHDRAWABLE = {Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK, Status.FORM_PRINTED,
                 Status.SIGNED}
TRANSITIONS: dict[Status, frozenset[Status]] = {
    status: frozenset(_FORWARD.get(status, set())
                      | ({Status.WITHDRAWN} if status in _WITHDRAWABLE else set()))
    for status in Status
}
FINAL = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# States the counter still owns; once submitted, the card centre owns the status.
COUNTER_OWNED = _WITHDRAWABLE


class IllegalTransition(CounterError):
    code = "illegal_transition"


def check_transition(current: Status, target: Status) -> Status:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(MSG_ILLEGAL, current=current.value, target=target.value)
    return target
