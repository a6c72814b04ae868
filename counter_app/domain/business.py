"""Business types and the materials each one needs.

Which materials a business type needs differs by city, so it is data
(`resources/rules/*.toml`), loaded and checked here; the code knows only the codes.
"""

from __future__ import annotations

import enum
import tomllib
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

RULES_DIR = Path(__file__).resolve().parents[2] / "resources" / "rules"

MSG_RULES = QT_TRANSLATE_NOOP("messages", "The rules file {file} is not valid: {problem}")


class BusinessType(enum.StrEnum):
    NEWBORN = "newborn"            # with the child's first medical-insurance enrolment
    LATER = "later"                # later application at a service centre or bank outlet
    ACTIVATION = "activation"
    LOSS_REPORT = "loss_report"
    UNREPORT = "unreport"
    REPLACEMENT = "replacement"
    RENEWAL = "renewal"
    COLLECTION = "collection"


# Business types that create a new card application going through the counter flow.
CARD_APPLICATIONS = frozenset(
    {BusinessType.NEWBORN, BusinessType.LATER, BusinessType.REPLACEMENT, BusinessType.RENEWAL})


@dataclass(frozen=True)
class Material:
    code: str
    label: str  # Chinese label, as printed on the form
    required: bool
    minors_only: bool = False
    adults_only: bool = False

    def applies_to(self, is_minor: bool) -> bool:
        return not ((self.minors_only and not is_minor) or (self.adults_only and is_minor))


@dataclass(frozen=True)
class BusinessRules:
    city: str
    labels: dict[BusinessType, str]
    materials: dict[BusinessType, tuple[Material, ...]]
    minor_age: int

    def materials_for(self, business: BusinessType, is_minor: bool) -> tuple[Material, ...]:
        return tuple(m for m in self.materials.get(business, ()) if m.applies_to(is_minor))


class RulesError(CounterError):
    code = "rules"


def load_rules(path: Path | None = None) -> BusinessRules:
    path = path or RULES_DIR / "default.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return _parse_rules(data)
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
        raise RulesError(MSG_RULES, file=path.name, problem=exc) from exc


def _parse_rules(data: dict) -> BusinessRules:
    labels: dict[BusinessType, str] = {}
    materials: dict[BusinessType, tuple[Material, ...]] = {}
    catalogue = data["materials"]
    for code, entry in data["business"].items():
        business = BusinessType(code)
        labels[business] = entry["label"]
        materials[business] = tuple(
            _material(catalogue, item, required=True) for item in entry.get("required", ())
        ) + tuple(_material(catalogue, item, required=False) for item in entry.get("optional", ()))
    missing = set(BusinessType) - set(labels)
    if missing:
        raise ValueError(f"business types without rules: {sorted(missing)}")
    return BusinessRules(data["city"], labels, materials, int(data.get("minor_age", 16)))


def _material(catalogue: dict, code: str, required: bool) -> Material:
    if code not in catalogue:
        raise ValueError(f"unknown material {code!r}")
    entry = catalogue[code]
    return Material(code, entry["label"], required,
                    bool(entry.get("minors_only")), bool(entry.get("adults_only")))
