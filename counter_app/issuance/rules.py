"""The `[instant_issuance]` section of the city's rules file: whether a card handed over at
the window is activated there too, and how many card numbers a counter keeps reserved so
it can issue while the network is down."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.business import MSG_RULES, RULES_DIR, RulesError
from counter_app.domain.cards import RuleValueError, whole_number

KEYS = ("activate_at_issue", "reserve_count", "reserve_below")


@dataclass(frozen=True)
class IssuanceRules:
    activate_at_issue: bool = False   # the city activates a card when it is handed over
    reserve_count: int = 20           # card numbers a counter reserves at a time …
    reserve_below: int = 10           # … when it has fewer than this left


def parse_issuance_rules(section: dict) -> IssuanceRules:
    """The section (every key optional); ValueError naming what is wrong."""
    if not isinstance(section, dict):
        raise ValueError("[instant_issuance] must be a section")
    unknown = sorted(set(section) - set(KEYS))
    if unknown:
        raise ValueError(f"[instant_issuance]: unknown key {unknown[0]!r}")
    defaults = IssuanceRules()
    activate = section.get("activate_at_issue", defaults.activate_at_issue)
    if not isinstance(activate, bool):
        raise ValueError("[instant_issuance]: activate_at_issue must be true or false")
    try:
        count = whole_number(section, "reserve_count", defaults.reserve_count, 1, 1000)
        below = whole_number(section, "reserve_below", defaults.reserve_below, 0, count)
    except RuleValueError as exc:
        raise ValueError(f"[instant_issuance]: {exc}") from exc
    return IssuanceRules(activate, count, below)


def load_issuance_rules(path: Path | None = None) -> IssuanceRules:
    """The section of the rules file (the city's default one unless *path*); RulesError
    naming the file and the problem."""
    if path is None:
        return _default()
    return _load(path)


@functools.cache
def _default() -> IssuanceRules:
    return _load(RULES_DIR / "default.toml")


def _load(path) -> IssuanceRules:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return parse_issuance_rules(data.get("instant_issuance", {}))
    except OSError as exc:
        raise RulesError(MSG_RULES, file=path.name, problem=exc.strerror) from exc
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise RulesError(MSG_RULES, file=path.name, problem=str(exc)) from exc
