"""What every card encoder shares: the data written to the chip, the interface, the errors.

    CardData(card_number, social_security_number, name, issue_date, bank, ...)
    class Encoder(Protocol): personalise(card: CardData) -> None
    EncodingFailed      the card was (or may have been) written and is spoiled
    EncoderUnavailable  nothing was written: no encoder, no reader, no card in it; the same
                        blank may be used once staff have fixed it

Both are CounterErrors: an English template ("messages", translated by the window) and
parameters that never hold personal data; ``domain.errors.reason(exc.template,
**exc.params)`` is the form to store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from counter_app.domain.cards import is_card_number
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

REASON_SIMULATED = QT_TRANSLATE_NOOP(
    "messages", "The simulated card encoder was told to fail this card.")


class EncodingFailed(CounterError):
    """The chip could not be personalised; the card is spoiled (its number goes on the
    invalid list, a retry takes the next number and a new blank)."""

    code = "encoding_failed"

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason, **params)

    @property
    def reason(self) -> str:
        return self.template


class EncoderUnavailable(CounterError):
    """No card was written: the encoder cannot be used now (the message says why)."""

    code = "encoder_unavailable"


@dataclass(frozen=True)
class CardData:
    """What is written to the chip. ValueError when a value is not of its kind (the
    issuance service builds it from checked records; this is the last guard)."""

    card_number: str
    social_security_number: str  # the ID number
    name: str
    issue_date: dt.date
    bank: str = ""
    valid_until: dt.date | None = None
    sex: str = ""                # "1" male, "2" female (GB/T 2261.1), "" not written

    def __post_init__(self) -> None:
        if not is_card_number(self.card_number):
            raise ValueError("card_number is not a card number")
        ssn = self.social_security_number
        if not (ssn.isascii() and ssn.isalnum() and 15 <= len(ssn) <= 18):
            raise ValueError("social_security_number must be 15 to 18 letters and digits")
        if not self.name.strip():
            raise ValueError("name is empty")
        if not isinstance(self.issue_date, dt.date):
            raise ValueError("issue_date must be a date")
        if self.valid_until is not None and self.valid_until <= self.issue_date:
            raise ValueError("valid_until must come after issue_date")
        if self.sex not in ("", "1", "2", "9"):
            raise ValueError("sex must be 1, 2, 9 or empty")

    def __repr__(self) -> str:  # never a name or a number in a log or a traceback
        return f"CardData(issue_date={self.issue_date.isoformat()}, …)"


@runtime_checkable
class Encoder(Protocol):
    def personalise(self, card: CardData) -> None:
        """Write *card* to the chip of the blank in the encoder. Raises EncodingFailed
        (the blank is spoiled) or EncoderUnavailable (nothing written)."""
        ...
