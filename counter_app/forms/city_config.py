"""What a city prints besides the registration form, and the texts on it: data in
``resources/forms/*.toml``, read and checked here (no text lives in code)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable

from counter_app import assets
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.city_files import city_file

FORMS_DIR = assets.resources() / "forms"

MSG_FORM_CONFIG = QT_TRANSLATE_NOOP(
    "messages", "The document settings file {file} is not valid: {problem}")


class FormConfigError(CounterError):
    code = "form_config"


@dataclass(frozen=True)
class GuideSection:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class FormConfig:
    city: str
    agreement_for: frozenset[str]  # business type codes
    voucher: dict
    photo_receipt: dict
    rejection_notice: dict
    agreement: dict
    guide_title: str
    guide_closing: str
    guide_sections: tuple[GuideSection, ...]
    guide_by_business: dict[str, tuple[str, ...]]
    collection_receipt: dict = field(default_factory=dict)  # title, copies, notes, ...

    def needs_agreement(self, business_type: str) -> bool:
        return business_type in self.agreement_for


def load_form_config(city: str = "", directory: Traversable = FORMS_DIR) -> FormConfig:
    """The settings file of ``city``, or the default one when the city has none."""
    path = city_file(city, directory)
    try:
        return _parse(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
        raise FormConfigError(MSG_FORM_CONFIG, file=path.name, problem=exc) from exc


def _parse(data: dict) -> FormConfig:
    guide = data["guide"]
    return FormConfig(
        city=data["city"],
        agreement_for=frozenset(data["registration"].get("agreement_for", ())),
        voucher=_checked(data["voucher"], "title", "copies", "days_to_produce", "notes"),
        photo_receipt=_checked(data["photo_receipt"], "title", "notes"),
        rejection_notice=_checked(data["rejection_notice"], "title", "intro", "closing",
                                  "signature"),
        agreement=_checked(data["agreement"], "title", "intro", "clauses", "signatures"),
        guide_title=guide["title"],
        guide_closing=guide.get("closing", ""),
        guide_sections=tuple(GuideSection(s["heading"], tuple(s["paragraphs"]))
                             for s in guide["sections"]),
        guide_by_business={k: tuple(v) for k, v in guide.get("business", {}).items()},
        collection_receipt=_checked(data["collection_receipt"], "title", "copies", "notes",
                                    "signature", "collectors"),
    )


def _checked(section: dict, *keys: str) -> dict:
    missing = [key for key in keys if key not in section]
    if missing:
        raise KeyError(", ".join(missing))
    return dict(section)
