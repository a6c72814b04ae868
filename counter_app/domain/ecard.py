"""The electronic social security card (电子社保卡, issue 16; DOMAIN.md; seed 003).

The e-card is the online form of the physical card, one to one, sharing its status. It is
claimed in an app (the national platform's, the city's, a bank's), never at the window,
and only on a card that is activated, valid and not on the invalid list; family members
can claim a child's. What the counter does is tell the applicant whether the card the
e-card would rest on allows it, and why not (with what to do), and hand out the city's
guide. Both halves are here, without Qt and without a database:

- ``ecard_eligibility``: a card's status (domain.lifecycle) and its invalid-list entries
  (settled with the clock, domain.cards.settle) → claimable or not, with the reason as a
  message template ("messages") staff read in their language.
- ``load_ecard_guide``: the city's channels as data (resources/ecard/*.toml, the file
  whose ``city`` matches the business rules' city, else default.toml), checked; a mistake
  is refused naming the file, the key and its line.
"""

from __future__ import annotations

import datetime as dt
import enum
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from counter_app import assets
from counter_app.domain.cards import CardRules, EntryState, InvalidKind, card_expires
from counter_app.domain.errors import (QT_TRANSLATE_NOOP, ConfigFileError, CounterError,
                                       line_of)
from counter_app.domain.lifecycle import Status
from counter_app.domain.city_files import city_file

ECARD_DIR = assets.resources() / "ecard"

# --- what the window says about a card ------------------------------------------------------

MSG_CLAIMABLE = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card can be claimed: the card is activated, "
                "valid and not on the invalid list. It is claimed in the national platform's "
                "app, the city's app or a bank app; parents claim a child's through the "
                "family-member service.")
MSG_NO_CARD = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card cannot be claimed yet: there is no "
                "social security card for it to rest on. Apply for the card first (a child's "
                "with the household register); once it is collected and activated, the e-card "
                "can be claimed in the app.")
MSG_CARD_PENDING = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card cannot be claimed yet: the card is not "
                "in the holder's hands (its status: {status}). Collect and activate the card "
                "first; then the e-card can be claimed in the app.")
MSG_NOT_ACTIVATED = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card cannot be claimed yet: the card has not "
                "been activated. Activate the card first; then the e-card can be claimed in "
                "the app.")
MSG_SUSPENDED_TEMPORARY = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card is suspended with the card: the card is "
                "reported lost (temporary loss report). If the card is found, undo the report "
                "and the e-card works again; otherwise apply for a replacement card and claim "
                "the e-card again once it is activated.")
MSG_SUSPENDED_FORMAL = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card is suspended with the card: the card is "
                "reported lost (formal loss report). Apply for a replacement card; once it is "
                "activated, claim the e-card again.")
MSG_CANCELLED = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card cannot be claimed: the card is "
                "cancelled, and the e-card with it. A new card must be applied for before an "
                "e-card can be claimed.")
MSG_NOT_VALID = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card cannot be claimed on this card: it is no "
                "longer valid ({kind}). Apply for a replacement or renewal; once the new card "
                "is activated, claim the e-card on it.")
MSG_UNKNOWN = QT_TRANSLATE_NOOP(
    "messages", "Whether the electronic social security card can be claimed cannot be told "
                "here: this counter does not know the card's status. The app says so when the "
                "e-card is claimed.")

# --- what the window says when a card is reported ------------------------------------------

MSG_REPORT_SUSPENDS = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card is suspended with the card. Undoing the "
                "temporary loss report restores it; after a replacement card is activated, "
                "the e-card must be claimed again.")
MSG_FORMAL_REPORT_SUSPENDS = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card is suspended with the card. Once the "
                "replacement card is activated, the e-card must be claimed again.")
MSG_DAMAGE_SUSPENDS = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card is suspended with the damaged card. "
                "Once the replacement card is activated, the e-card must be claimed again.")
MSG_CANCELLATION_ENDS = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card is cancelled with the card.")
MSG_UNREPORT_RESTORES = QT_TRANSLATE_NOOP(
    "messages", "The electronic social security card works again with the card.")

MSG_ECARD_CONFIG = QT_TRANSLATE_NOOP(
    "messages", "The e-card guide file {file} is not valid: {problem}")


class EcardReason(enum.StrEnum):
    CLAIMABLE = "claimable"
    NO_CARD = "no_card"              # never applied for, or the application refused/withdrawn
    CARD_PENDING = "card_pending"    # applied for, being made, or waiting to be collected
    NOT_ACTIVATED = "not_activated"  # collected, not activated
    SUSPENDED = "suspended"          # reported lost: the e-card is suspended with the card
    CANCELLED = "cancelled"          # cancelled (or a temporary loss report that ran out so)
    NOT_VALID = "not_valid"          # damaged, expired, replaced by a new card
    UNKNOWN = "unknown"              # only the invalid list knows the card, nothing in force


class EcardNote(CounterError):
    """Not an error: what the window says about the e-card, as a template and values
    (like the inquiry's note), so it reads in the language in effect."""

    code = "ecard"


@dataclass(frozen=True)
class EcardEligibility:
    reason: EcardReason
    message: EcardNote
    kind: str = ""                   # the invalid-list kind that decided it, if one did

    @property
    def claimable(self) -> bool:
        return self.reason is EcardReason.CLAIMABLE


class Entry(Protocol):
    """An invalid-list entry as it stands now (settled): domain.cards.Listing, or the
    services' views of one (an unknown kind from a newer feed comes as text)."""

    kind: object
    state: object


_NO_CARD_STATUSES = frozenset({Status.REJECTED, Status.WITHDRAWN})
# The order in which entries in force decide (the most final first).
_SUSPENDING = (InvalidKind.FORMAL_LOSS, InvalidKind.TEMPORARY_LOSS)
_ENDING = (InvalidKind.REPLACED, InvalidKind.DAMAGE, InvalidKind.EXPIRY)


def ecard_eligibility(status: str | None, entries: Iterable[Entry] = (), *,
                      issued_on: dt.date | None = None, today: dt.date | None = None,
                      validity_years: int = 10) -> EcardEligibility:
    """Whether an e-card can be claimed on a card at *status* (a lifecycle.Status value;
    None or "" when there is no application), with its invalid-list *entries* settled at
    *today*; a card issued on *issued_on* past its *validity_years* counts as expired."""
    entries = list(entries)
    in_force = [str(e.kind) for e in entries if str(e.state) == EntryState.ACTIVE]
    if (InvalidKind.CANCELLATION in in_force
            or any(str(e.state) == EntryState.CANCELLED for e in entries)):
        return _answer(EcardReason.CANCELLED, MSG_CANCELLED, InvalidKind.CANCELLATION)
    for kind in _SUSPENDING:
        if kind in in_force:
            template = (MSG_SUSPENDED_FORMAL if kind is InvalidKind.FORMAL_LOSS
                        else MSG_SUSPENDED_TEMPORARY)
            return _answer(EcardReason.SUSPENDED, template, kind)
    for kind in (*_ENDING, *in_force):  # a kind this version does not know: not valid
        if kind in in_force:
            return _answer(EcardReason.NOT_VALID, MSG_NOT_VALID, kind, kind=str(kind))
    if not status:
        if entries:  # known to the invalid list only (a card taken in elsewhere)
            return _answer(EcardReason.UNKNOWN, MSG_UNKNOWN)
        return _answer(EcardReason.NO_CARD, MSG_NO_CARD)
    if status in _NO_CARD_STATUSES:
        return _answer(EcardReason.NO_CARD, MSG_NO_CARD)
    if status == Status.COLLECTED:
        return _answer(EcardReason.NOT_ACTIVATED, MSG_NOT_ACTIVATED)
    if status != Status.ACTIVATED:
        return _answer(EcardReason.CARD_PENDING, MSG_CARD_PENDING, status=str(status))
    if issued_on is not None and today is not None and today >= _expiry(issued_on,
                                                                         validity_years):
        return _answer(EcardReason.NOT_VALID, MSG_NOT_VALID, InvalidKind.EXPIRY,
                       kind=InvalidKind.EXPIRY.value)
    return _answer(EcardReason.CLAIMABLE, MSG_CLAIMABLE)


def _answer(reason: EcardReason, template: str, decided_by: object = "", **params: object
            ) -> EcardEligibility:
    return EcardEligibility(reason, EcardNote(template, **params), str(decided_by))


def _expiry(issued_on: dt.date, years: int) -> dt.date:
    return card_expires(issued_on, CardRules(validity_years=years))


def report_note(kind: InvalidKind | str | None) -> EcardNote:
    """What staff tell the holder about the e-card once a card is put on the invalid list
    as *kind*; None: a temporary loss report was undone."""
    if kind is None:
        return EcardNote(MSG_UNREPORT_RESTORES)
    template = {InvalidKind.TEMPORARY_LOSS: MSG_REPORT_SUSPENDS,
                InvalidKind.FORMAL_LOSS: MSG_FORMAL_REPORT_SUSPENDS,
                InvalidKind.CANCELLATION: MSG_CANCELLATION_ENDS}.get(
        InvalidKind(kind), MSG_DAMAGE_SUSPENDS)
    return EcardNote(template)


# --- the city's channels ---------------------------------------------------------------------

class ChannelKind(enum.StrEnum):
    NATIONAL = "national"  # 国家社会保险公共服务平台 / 掌上12333
    CITY = "city"          # the city's own app
    BANK = "bank"          # a cooperating bank's app


@dataclass(frozen=True)
class Channel:
    name: str
    kind: ChannelKind
    how: str = ""                        # where to get it, what to look for in it
    banks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    intro: str = ""
    items: tuple[str, ...] = ()          # numbered steps, or paragraphs


@dataclass(frozen=True)
class EcardGuide:
    """What the guide prints (texts in the city's words: data, not code)."""

    city: str
    title: str
    intro: str
    channels_title: str
    channels: tuple[Channel, ...]
    steps: Section
    family: Section
    lost_card: Section
    page_url: str                        # the city's page, the QR code's target
    page_caption: str = ""
    closing: str = ""
    notes: tuple[str, ...] = ()


class EcardConfigError(ConfigFileError):
    code = "ecard_config"


class _Problem(ValueError):
    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


_TOP_KEYS = {"city", "title", "intro", "closing", "notes", "page", "channels", "steps",
             "family", "lost_card"}


def load_ecard_guide(city: str = "", directory: Traversable | Path = ECARD_DIR) -> EcardGuide:
    """The e-card guide of *city* (the file in *directory* whose ``city`` matches), else
    the default file; EcardConfigError naming the file, the key and its line."""
    path = city_file(city, directory)
    text = ""
    try:
        text = path.read_text(encoding="utf-8")
        return _parse(tomllib.loads(text))
    except OSError as exc:
        raise EcardConfigError(MSG_ECARD_CONFIG, file=path.name,
                               problem=exc.strerror or type(exc).__name__) from exc
    except UnicodeDecodeError as exc:
        raise EcardConfigError(MSG_ECARD_CONFIG, file=path.name,
                               problem="not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:  # its message names line and column
        raise EcardConfigError(MSG_ECARD_CONFIG, file=path.name, problem=str(exc)) from exc
    except _Problem as exc:
        line = line_of(text, exc.token)
        problem = f"line {line}: {exc}" if line else str(exc)
        raise EcardConfigError(MSG_ECARD_CONFIG, file=path.name, problem=problem) from exc


def _parse(data: dict) -> EcardGuide:
    _no_unknown(data, _TOP_KEYS, "")
    page = _table(data, "page")
    _no_unknown(page, {"url", "caption"}, "page")
    channels = _table(data, "channels")
    _no_unknown(channels, {"title", "apps"}, "channels")
    apps = channels.get("apps")
    if not isinstance(apps, list) or not apps:
        raise _Problem("[channels] needs at least one [[channels.apps]]", "channels")
    return EcardGuide(
        city=_text(data, "city", ""), title=_text(data, "title", ""),
        intro=_text(data, "intro", "", required=False),
        channels_title=_text(channels, "title", "channels"),
        channels=tuple(_channel(app, n) for n, app in enumerate(apps, 1)),
        steps=_section(data, "steps", needs_items=True),
        family=_section(data, "family", needs_items=True),
        lost_card=_section(data, "lost_card", needs_items=True),
        page_url=_url(page),
        page_caption=_text(page, "caption", "page", required=False),
        closing=_text(data, "closing", "", required=False),
        notes=_texts(data, "notes", "", required=False))


def _channel(app: object, number: int) -> Channel:
    where = f"channels.apps #{number}"
    if not isinstance(app, dict):
        raise _Problem(f"[[channels.apps]] #{number} must be a table", "channels")
    _no_unknown(app, {"name", "kind", "how", "banks"}, where)
    kind = _text(app, "kind", where)
    try:
        kind = ChannelKind(kind)
    except ValueError:
        raise _Problem(f"{where}: kind must be one of {', '.join(ChannelKind)}, not "
                       f"{kind!r}", kind) from None
    return Channel(_text(app, "name", where), kind, _text(app, "how", where, required=False),
                   _texts(app, "banks", where, required=False))


def _section(data: dict, name: str, needs_items: bool) -> Section:
    table = _table(data, name)
    _no_unknown(table, {"title", "intro", "items"}, name)
    return Section(_text(table, "title", name), _text(table, "intro", name, required=False),
                   _texts(table, "items", name, required=needs_items))


def _url(page: dict) -> str:
    url = _text(page, "url", "page")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc or any(
            c.isspace() for c in url):
        raise _Problem(f"[page] url must be a web address (https://…), not {url!r}", "url")
    return url


def _table(data: dict, name: str) -> dict:
    table = data.get(name)
    if table is None:
        raise _Problem(f"the section [{name}] is missing", name)
    if not isinstance(table, dict):
        raise _Problem(f"{name} must be a section [{name}]", name)
    return table


def _text(table: dict, key: str, where: str, required: bool = True) -> str:
    value = table.get(key)
    owner = f"[{where}] " if where else ""
    if value is None:
        if required:
            raise _Problem(f"{owner}{key} is missing", where or key)
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _Problem(f"{owner}{key} must be a text that is not empty", key)
    return value.strip()


def _texts(table: dict, key: str, where: str, required: bool = True) -> tuple[str, ...]:
    value = table.get(key)
    owner = f"[{where}] " if where else ""
    if value is None:
        if required:
            raise _Problem(f"{owner}{key} is missing", where or key)
        return ()
    if (not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value)
            or (required and not value)):
        raise _Problem(f"{owner}{key} must be a list of texts that are not empty", key)
    return tuple(v.strip() for v in value)


def _no_unknown(table: dict, known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        owner = f"[{where}]" if where else "the file"
        raise _Problem(f"{owner}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})",
                       unknown[0])


