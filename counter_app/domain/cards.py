"""A card: what its number looks like, the 30-day promise, and the invalid list (Art. 19).

Every rule that differs by city (days a temporary loss report holds and what happens
when they run out, the promise, the levels lists are kept at) comes from the `[cards]`
section of the city's rules file. Time is always passed in, never read here, so tests
move the clock instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError

MSG_FORMAL_IS_FINAL = QT_TRANSLATE_NOOP(
    "messages", "A formal loss report cannot be undone; the card can only be replaced.")
MSG_NOTHING_TO_UNREPORT = QT_TRANSLATE_NOOP(
    "messages", "This card has no temporary loss report in force to undo.")
MSG_ALREADY_LISTED = QT_TRANSLATE_NOOP(
    "messages", "This card is already on the invalid list ({kind}).")
MSG_CARD_NUMBER = QT_TRANSLATE_NOOP(
    "messages", "A card number is 6 to 30 letters and digits, at least one of them a digit.")

_TYPED_SEPARATORS = re.compile(r"[\s\-]")
# 社会保障卡卡号: usually a letter and 8 digits; 30 is what every card-number column holds.
_CARD_NUMBER = re.compile(r"(?=.*[0-9])[A-Z0-9]{6,30}")


class InvalidKind(enum.StrEnum):
    TEMPORARY_LOSS = "temporary_loss"
    FORMAL_LOSS = "formal_loss"
    DAMAGE = "damage"
    EXPIRY = "expiry"
    CANCELLATION = "cancellation"   # moved away, abroad, death
    REPLACED = "replaced"           # a replacement or renewal card was applied for


class Level(enum.StrEnum):
    CITY = "city"
    PROVINCE = "province"
    NATIONAL = "national"


class EntryState(enum.StrEnum):
    ACTIVE = "active"        # the card is invalid
    RELEASED = "released"    # a temporary loss report undone (or run out, where released)
    CANCELLED = "cancelled"  # a temporary loss report run out where that cancels the card


class CardsError(CounterError):
    code = "cards"


@dataclass(frozen=True)
class CardRules:
    promise_days: int = 30
    due_soon_days: int = 5
    temporary_loss_days: int = 7
    temporary_loss_at_expiry: EntryState = EntryState.RELEASED
    validity_years: int = 10
    levels: dict[InvalidKind, Level] = field(default_factory=lambda: {
        InvalidKind.TEMPORARY_LOSS: Level.CITY, InvalidKind.FORMAL_LOSS: Level.NATIONAL,
        InvalidKind.DAMAGE: Level.PROVINCE, InvalidKind.EXPIRY: Level.PROVINCE,
        InvalidKind.CANCELLATION: Level.NATIONAL, InvalidKind.REPLACED: Level.NATIONAL})


def parse_card_rules(section: dict) -> CardRules:
    """The `[cards]` section of a rules file (every key optional)."""
    defaults = CardRules()
    at_expiry = EntryState(section.get("temporary_loss_at_expiry",
                                       defaults.temporary_loss_at_expiry))
    if at_expiry is EntryState.ACTIVE:
        raise ValueError("temporary_loss_at_expiry must be released or cancelled")
    levels = dict(defaults.levels)
    levels.update({InvalidKind(kind): Level(level)
                   for kind, level in section.get("levels", {}).items()})
    return CardRules(
        promise_days=whole_number(section, "promise_days", defaults.promise_days, 0, 366),
        due_soon_days=whole_number(section, "due_soon_days", defaults.due_soon_days, 0, 366),
        temporary_loss_days=whole_number(section, "temporary_loss_days",
                                         defaults.temporary_loss_days, 0, 366),
        temporary_loss_at_expiry=at_expiry,
        validity_years=whole_number(section, "validity_years", defaults.validity_years, 1, 100),
        levels=levels)


class RuleValueError(ValueError):
    """A number in a rules file out of its range, or not a whole number; names the key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def checked_section(section: object, name: str, keys) -> dict:
    """*section* of the rules file when it is a table of known *keys* only; RuleValueError
    naming the section, or the first unknown key, otherwise."""
    if not isinstance(section, dict):
        raise RuleValueError(name, f"[{name}] must be a section")
    unknown = sorted(set(section) - set(keys))
    if unknown:
        raise RuleValueError(unknown[0], f"[{name}]: unknown key {unknown[0]!r}")
    return section


def whole_number(section: dict, key: str, default: int, low: int, high: int) -> int:
    """section[key] (else *default*) if a whole number from *low* to *high*: text, true or
    false, fractions, inf and nan are refused (RuleValueError naming the key)."""
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RuleValueError(key, f"{key} must be a whole number from {low} to {high}, "
                                  f"not {value!r}")
    return value


# --- the card number ----------------------------------------------------------------------

def compact_card_number(text: str | None) -> str:
    """A card number as stored and compared: upper case, without the spaces and hyphens
    it is typed or printed with."""
    return _TYPED_SEPARATORS.sub("", text or "").upper()


def is_card_number(number: str) -> bool:
    """Whether an already compacted *number* has the shape of a card number."""
    return _CARD_NUMBER.fullmatch(number) is not None


def parse_card_number(text: str | None, field: str = "card_number") -> str:
    """The compacted card number typed into *field*; ValidationError if it is none."""
    number = compact_card_number(text)
    if not is_card_number(number):
        raise ValidationError(field, MSG_CARD_NUMBER)
    return number


# --- the 30-day promise ---------------------------------------------------------------

def due_date(received: dt.date, rules: CardRules) -> dt.date:
    return received + dt.timedelta(days=rules.promise_days)


class Promise(enum.StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def promise_state(due: dt.date, today: dt.date, rules: CardRules) -> Promise:
    if today > due:
        return Promise.OVERDUE
    if (due - today).days <= rules.due_soon_days:
        return Promise.DUE_SOON
    return Promise.ON_TIME


# --- the invalid list -------------------------------------------------------------------

@dataclass(frozen=True)
class Listing:
    """One entry on the invalid list, as the rules see it."""
    kind: InvalidKind
    listed_at: dt.datetime
    expires_at: dt.datetime | None = None
    released_at: dt.datetime | None = None
    state: EntryState = EntryState.ACTIVE


def new_listing(kind: InvalidKind, now: dt.datetime, rules: CardRules,
                in_force: list[Listing] = ()) -> tuple[Listing, Level]:
    """The entry a report makes, and the level it is kept at. A card already listed
    may still be reported formally lost (a temporary report becomes formal) or replaced."""
    for listing in in_force:
        current = settle(listing, now, rules)
        if current.state is EntryState.ACTIVE and not _may_follow(current.kind, kind):
            raise CardsError(MSG_ALREADY_LISTED, kind=current.kind.value)
    expires = (now + dt.timedelta(days=rules.temporary_loss_days)
               if kind is InvalidKind.TEMPORARY_LOSS else None)
    return Listing(kind, now, expires), rules.levels[kind]


def _may_follow(current: InvalidKind, new: InvalidKind) -> bool:
    return (new is InvalidKind.REPLACED
            or (current is InvalidKind.TEMPORARY_LOSS and new is InvalidKind.FORMAL_LOSS))


def unreport(listing: Listing, now: dt.datetime, rules: CardRules) -> Listing:
    """Undo a temporary loss report (the card was found)."""
    current = settle(listing, now, rules)
    if current.kind is InvalidKind.FORMAL_LOSS:
        raise CardsError(MSG_FORMAL_IS_FINAL)
    if current.kind is not InvalidKind.TEMPORARY_LOSS or current.state is not EntryState.ACTIVE:
        raise CardsError(MSG_NOTHING_TO_UNREPORT)
    return Listing(current.kind, current.listed_at, current.expires_at, now,
                   EntryState.RELEASED)


def settle(listing: Listing, now: dt.datetime, rules: CardRules) -> Listing:
    """The entry as it stands at *now*: a temporary report past its days is released or
    cancelled, as the city's rule says."""
    if (listing.kind is InvalidKind.TEMPORARY_LOSS and listing.state is EntryState.ACTIVE
            and listing.expires_at is not None and now >= listing.expires_at):
        return Listing(listing.kind, listing.listed_at, listing.expires_at,
                       listing.expires_at, rules.temporary_loss_at_expiry)
    return listing


def card_expires(issued: dt.date, rules: CardRules) -> dt.date:
    """A card is valid for the city's number of years (10) from issue."""
    try:
        return issued.replace(year=issued.year + rules.validity_years)
    except ValueError:  # 29 February
        return issued.replace(year=issued.year + rules.validity_years, day=28)
