"""Card numbers in blocks: a prefix and a zero-padded running number ("A00000001" …
"A00000100"). The card centre allocates a site a block; each counter of the site reserves
a run of it while online and takes its numbers one by one, offline too, so two counters
of one site never take the same number (docs/ARCHITECTURE.md, "Instant issuance")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from counter_app.domain.cards import compact_card_number, is_card_number
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError

MSG_RANGE = QT_TRANSLATE_NOOP(
    "messages", "A block of card numbers is written FIRST-LAST, both with the same letters "
                "in front and the same number of digits after them, the first not above the "
                "last (e.g. A00000001-A00000500).")
MSG_RANGE_SIZE = QT_TRANSLATE_NOOP(
    "messages", "A block holds at most {most} card numbers.")

# The running number: the digits at the end; in front of them letters (and digits before
# a letter), the same for both ends of a range.
_NUMBER = re.compile(r"(?P<prefix>(?:[A-Z0-9]*[A-Z])?)(?P<digits>[0-9]+)")
BLOCK_MAX = 1_000_000
PREFIX_MAX = 12     # what central_card_blocks.prefix holds
WIDTH_MAX = 18      # a running number fits a bigint


@dataclass(frozen=True)
class NumberRange:
    """Card numbers prefix + first … prefix + last, the running number *width* digits."""

    prefix: str
    first: int
    last: int
    width: int

    def __post_init__(self) -> None:
        if not (0 <= self.first <= self.last < 10 ** self.width and 1 <= self.width
                <= WIDTH_MAX and len(self.prefix) <= PREFIX_MAX):
            raise ValueError("not a range of card numbers")

    def __len__(self) -> int:
        return self.last - self.first + 1

    def number(self, running: int) -> str:
        """The card number with running number *running* (within the range)."""
        if not self.first <= running <= self.last:
            raise ValueError("outside the range")
        return f"{self.prefix}{running:0{self.width}d}"

    def running_of(self, card_number: str) -> int | None:
        """The running number of *card_number* when it is one of the range's, else None."""
        card = compact_card_number(card_number)
        digits = card[len(self.prefix):]
        if (not card.startswith(self.prefix) or len(digits) != self.width
                or not digits.isdigit()):
            return None
        running = int(digits)
        return running if self.first <= running <= self.last else None

    def __contains__(self, card_number: object) -> bool:
        return isinstance(card_number, str) and self.running_of(card_number) is not None

    @property
    def text(self) -> str:
        return f"{self.number(self.first)}-{self.number(self.last)}"


def parse_range(text: str, field: str = "numbers") -> NumberRange:
    """A range as typed ("A00000001-A00000500"; spaces ignored); ValidationError naming
    *field* when it is none or larger than BLOCK_MAX."""
    parts = [compact_card_number(part) for part in (text or "").split("-", 1)]
    if len(parts) == 2:
        first, last = (_NUMBER.fullmatch(part) for part in parts)
        if (first and last and first["prefix"] == last["prefix"]
                and len(first["digits"]) == len(last["digits"]) <= WIDTH_MAX
                and len(first["prefix"]) <= PREFIX_MAX
                and int(first["digits"]) <= int(last["digits"])
                and is_card_number(parts[0]) and is_card_number(parts[1])):
            numbers = NumberRange(first["prefix"], int(first["digits"]),
                                  int(last["digits"]), len(first["digits"]))
            if len(numbers) > BLOCK_MAX:
                raise ValidationError(field, MSG_RANGE_SIZE, most=BLOCK_MAX)
            return numbers
    raise ValidationError(field, MSG_RANGE)


def overlaps(one: NumberRange, other: NumberRange) -> bool:
    """Whether two ranges share a card number."""
    return (one.prefix == other.prefix and one.width == other.width
            and one.first <= other.last and other.first <= one.last)
