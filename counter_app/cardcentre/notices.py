"""Notices to applicants, made from a city's template (resources/notices/*.toml).

When a card is sent to its handling point, two notices are queued in the same transaction
(central_notices): an SMS text to the applicant's phone (a child's: the guardian's) and a
printable letter. The notice sender (sending.py) works through them. Notice texts carry
personal data (name, phone): they live in the central database and in the protected
folders the senders write, never in the log.
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
import uuid
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from sqlalchemy.engine import Connection

from counter_app import assets
from counter_app.central.schema import notices
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

NOTICES_DIR = assets.resources() / "notices"
MSG_TEMPLATE = QT_TRANSLATE_NOOP(
    "messages", "The notice template {file} cannot be used: {problem}")

SMS, LETTER = "sms", "letter"
PENDING, SENT, FAILED = "pending", "sent", "failed"
PLACEHOLDERS = ("name", "guardian", "number", "site_name", "opening_hours", "address",
                "site_phone", "collect_with", "date")
SITE_KEYS = ("opening_hours", "address", "site_phone")


class TemplateError(CounterError):
    code = "notice_template"


@dataclass(frozen=True)
class NoticeTemplates:
    sms: dict[str, str]                 # applicant, guardian
    collect_with: dict[str, str]        # applicant, guardian
    letter_title: str
    salutation: dict[str, str]          # applicant, guardian
    paragraphs: tuple[str, ...]
    closing: str
    defaults: dict[str, str]
    sites: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Recipient:
    """What a notice needs to know of one application (personal data: never logged)."""
    site_id: uuid.UUID
    application_id: uuid.UUID
    number: str
    site_code: str
    site_name: str
    name: str
    phone: str
    guardian: str = ""
    guardian_phone: str = ""


@dataclass(frozen=True)
class Letter:
    title: str
    salutation: str
    paragraphs: tuple[str, ...]
    closing: str
    date: str

    def as_text(self) -> str:
        """How it is stored in the notice: title, salutation, paragraphs, closing, date."""
        return "\n".join((self.title, self.salutation, *self.paragraphs, self.closing,
                          self.date))

    @classmethod
    def from_text(cls, text: str) -> Letter:
        lines = text.split("\n")
        if len(lines) < 4:
            return cls("", "", tuple(lines), "", "")
        return cls(lines[0], lines[1], tuple(lines[2:-2]), lines[-2], lines[-1])


def load_templates(path: Path | Traversable | None = None) -> NoticeTemplates:
    path = path or NOTICES_DIR / "default.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        templates = NoticeTemplates(
            sms=_pair(data, "sms"), collect_with=_pair(data, "collect_with"),
            letter_title=str(data["letter"]["title"]),
            salutation={"applicant": str(data["letter"]["salutation"]),
                        "guardian": str(data["letter"]["salutation_guardian"])},
            paragraphs=tuple(str(p) for p in data["letter"]["paragraphs"]),
            closing=str(data["letter"].get("closing", "")),
            defaults={key: str(data.get("defaults", {}).get(key, "")) for key in SITE_KEYS},
            sites={code: {k: str(v) for k, v in values.items()}
                   for code, values in data.get("sites", {}).items()})
    except OSError as exc:
        raise TemplateError(MSG_TEMPLATE, file=path.name, problem=exc.strerror) from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(MSG_TEMPLATE, file=path.name, problem=str(exc)) from exc
    except (KeyError, TypeError) as exc:
        raise TemplateError(MSG_TEMPLATE, file=path.name,
                            problem=f"missing {exc}") from exc
    _check_placeholders(templates, path.name)
    return templates


def _pair(data: dict, section: str) -> dict[str, str]:
    return {"applicant": str(data[section]["applicant"]),
            "guardian": str(data[section]["guardian"])}


def _check_placeholders(templates: NoticeTemplates, file: str) -> None:
    texts = [*templates.sms.values(), *templates.salutation.values(), *templates.paragraphs,
             templates.closing, templates.letter_title]
    for text in texts:
        for _literal, name, _spec, _conv in string.Formatter().parse(text):
            if name is not None and name not in PLACEHOLDERS:
                raise TemplateError(MSG_TEMPLATE, file=file,
                                    problem=f"unknown placeholder {{{name}}}")


def facts(templates: NoticeTemplates, recipient: Recipient, today: dt.date) -> dict[str, str]:
    site = {**templates.defaults, **{k: v for k, v in
                                     templates.sites.get(recipient.site_code, {}).items()
                                     if k in SITE_KEYS}}
    who = "guardian" if recipient.guardian else "applicant"
    return {"name": recipient.name, "guardian": recipient.guardian,
            "number": recipient.number, "site_name": recipient.site_name,
            "collect_with": templates.collect_with[who], "date": today.isoformat(), **site}


def sms_text(templates: NoticeTemplates, recipient: Recipient, today: dt.date) -> str:
    who = "guardian" if recipient.guardian else "applicant"
    return templates.sms[who].format_map(facts(templates, recipient, today))


def letter(templates: NoticeTemplates, recipient: Recipient, today: dt.date) -> Letter:
    values = facts(templates, recipient, today)
    who = "guardian" if recipient.guardian else "applicant"
    return Letter(templates.letter_title.format_map(values),
                  templates.salutation[who].format_map(values),
                  tuple(p.format_map(values) for p in templates.paragraphs),
                  templates.closing.format_map(values), today.isoformat())


def sms_phone(recipient: Recipient) -> str:
    """A child's SMS goes to the guardian on record; an adult's to their own phone."""
    if recipient.guardian and recipient.guardian_phone:
        return recipient.guardian_phone
    return recipient.phone


def queue_notices(connection: Connection, templates: NoticeTemplates,
                  recipients: list[Recipient], now: dt.datetime, today: dt.date) -> int:
    """The SMS (when there is a phone) and the letter of each, pending from *now*."""
    rows = []
    for recipient in recipients:
        base = {"site_id": recipient.site_id, "application_id": recipient.application_id,
                "status": PENDING, "attempts": 0, "last_error": "",
                "next_attempt_at": now, "created_at": now}
        phone = sms_phone(recipient)
        if phone:
            rows.append({**base, "id": uuid.uuid4(), "channel": SMS, "recipient": phone[:30],
                         "body": sms_text(templates, recipient, today)})
        rows.append({**base, "id": uuid.uuid4(), "channel": LETTER, "recipient": "",
                     "body": letter(templates, recipient, today).as_text()})
    if rows:
        connection.execute(notices.insert(), rows)
    return len(rows)
