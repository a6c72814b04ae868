"""Four eyes (issue 17): where a supervisor approves an examination before the application
goes on, and the reasons an application may be returned to staff with.

The `[review]` section of the city's rules file, parsed here and checked by
domain/business.py like the other sections (a problem names its key, which finds the line).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from counter_app.domain.cards import RuleValueError, checked_section

REASON_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")  # stored in a 40-character column
SITE_CODE = re.compile(r"[A-Za-z0-9_-]{1,20}")
_KEYS = {"required", "sites", "return_reasons"}


@dataclass(frozen=True)
class ReviewRules:
    required: bool = False                    # every site of the city
    sites: frozenset[str] = frozenset()       # else these site codes
    return_reasons: Mapping[str, str] = field(default_factory=dict)  # code -> words

    def required_at(self, site_code: str) -> bool:
        return self.required or site_code in self.sites

    def reason_label(self, code: str) -> str:
        return self.return_reasons.get(code, code)


def parse_review_rules(section: object) -> ReviewRules:
    """The `[review]` section (every key optional); RuleValueError naming the key at fault."""
    section = checked_section(section, "review", _KEYS)
    required = section.get("required", False)
    if not isinstance(required, bool):
        # named by its section: "required" is a key of every business type too
        raise RuleValueError("review", "[review] required must be true or false")
    sites = section.get("sites", [])
    if not isinstance(sites, list) or not all(
            isinstance(code, str) and SITE_CODE.fullmatch(code) for code in sites):
        raise RuleValueError("sites", "[review] sites must be a list of site codes")
    reasons = _reasons(section.get("return_reasons", {}))
    if (required or sites) and not reasons:
        raise RuleValueError("review", "[review.return_reasons] must list at least one "
                                       "reason where a review is required")
    return ReviewRules(required, frozenset(sites), reasons)


def _reasons(table: object) -> dict[str, str]:
    if not isinstance(table, dict):
        raise RuleValueError("return_reasons", "[review.return_reasons] must be a table")
    for code, words in table.items():
        if not REASON_CODE.fullmatch(code):
            raise RuleValueError(code, f"[review.return_reasons] {code!r}: a code is "
                                       "lower-case letters, digits and _ (at most 40)")
        if not isinstance(words, str) or not words.strip():
            raise RuleValueError(code, f"[review.return_reasons] {code!r} needs its words")
    return dict(table)
