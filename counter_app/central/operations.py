"""What a counter's push carries and what it gets back: operations, the pushing device,
one result per operation, and the reasons every applier may give."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from counter_app.domain.errors import QT_TRANSLATE_NOOP

APPLIED, DUPLICATE, REJECTED = "applied", "duplicate", "rejected"
UNKNOWN_KIND = QT_TRANSLATE_NOOP("sync_reasons", "unknown operation {kind}")
MALFORMED = QT_TRANSLATE_NOOP("sync_reasons", "malformed operation: {detail}")


@dataclass(frozen=True)
class Operation:
    seq: int
    op_id: uuid.UUID
    kind: str
    payload: dict | RawJson
    proof: tuple[str, str] | None = None  # (card number, holder's ID number) to prove
    proof_ticket: str = ""                # the committed look-up that asked for it


# Operations that carry a holder's proof (a card number and an ID number the central side
# checks against each other): asked as a look-up before the push (counter_app.central.apply).
PROOF_KINDS = ("card_reported", "card_unreported")


@dataclass(frozen=True)
class RawJson:
    """A payload as the outbox stores it (JSON text): sent as it is, never parsed and
    written again (a push of thousands would spend a third of its time doing so)."""
    text: str


@dataclass(frozen=True)
class Identity:
    """Who pushes: the device and its site (found from the device's own login)."""
    device_id: uuid.UUID
    site_id: uuid.UUID
    site_code: str


@dataclass(frozen=True)
class OpResult:
    seq: int
    result: str
    reason: str = ""
