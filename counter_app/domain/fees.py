"""Fees: what a business type costs in a city, in whole fen (分; 1 yuan = 100 fen, never a
float), who is let off, and how a fee may be paid.

The `[fees]` section of the city's rules file (resources/rules/*.toml), parsed here and
checked by domain/business.py like the other sections. The first card is free in most
cities (newborn and later applications: 0), a replacement or renewal costs about ¥20;
a city may waive a business type's fee for applicants under an age. A business type the
section does not name is free. The fee is worked out when the application is saved and
recorded with it (services/fees.py), so a later change of the rules leaves it as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from counter_app.domain.cards import RuleValueError, checked_section, whole_number

MAX_FEE_FEN = 1_000_000          # ¥10,000: anything above is a typing mistake
AGE_RANGE = (1, 150)
CURRENCY = re.compile(r"[A-Z]{3}")  # ISO 4217
METHOD_CODE = re.compile(r"[a-z][a-z0-9_]{0,19}")  # stored in a 20-character column
SYMBOLS = {"CNY": "¥"}
DEFAULT_METHODS = {"cash": "现金", "card": "银行卡", "online": "网上支付"}
WAIVER_UNDER_AGE = "under_age:"  # the recorded waiver: "under_age:16"
_KEYS = {"currency", "amounts", "free_under_age", "methods"}


@dataclass(frozen=True)
class Fee:
    """The fee of one application: the business type's amount, and what is due after a
    waiver ("" when none applies, else e.g. "under_age:16")."""

    currency: str
    standard_fen: int
    amount_fen: int
    waiver: str = ""

    @property
    def payable(self) -> bool:
        """Whether a payment is to be taken (a fee of 0 needs none)."""
        return self.amount_fen > 0


@dataclass(frozen=True)
class FeeRules:
    currency: str = "CNY"
    amounts: Mapping[str, int] = field(default_factory=dict)         # business type -> fen
    free_under_age: Mapping[str, int] = field(default_factory=dict)  # business type -> years
    methods: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_METHODS))

    def fee_for(self, business: str, age: int) -> Fee:
        """The fee of *business* for an applicant of *age* whole years."""
        standard = self.amounts.get(str(business), 0)
        under = self.free_under_age.get(str(business))
        if standard and under is not None and age < under:
            return Fee(self.currency, standard, 0, f"{WAIVER_UNDER_AGE}{under}")
        return Fee(self.currency, standard, standard)

    def method_label(self, method: str) -> str:
        return self.methods.get(method, method)


def parse_fee_rules(section: object, business_types: Iterable[str]) -> FeeRules:
    """The `[fees]` section (every key optional); RuleValueError naming the key at fault."""
    section = checked_section(section, "fees", _KEYS)
    known = set(map(str, business_types))
    currency = section.get("currency", "CNY")
    if not isinstance(currency, str) or not CURRENCY.fullmatch(currency):
        raise RuleValueError("currency", f"[fees] currency must be a code of three capital "
                                         f"letters (CNY), not {currency!r}")
    amounts = _per_business(section, "amounts", known, 0, MAX_FEE_FEN)
    free_under_age = _per_business(section, "free_under_age", known, *AGE_RANGE)
    methods = section.get("methods", DEFAULT_METHODS)
    if not isinstance(methods, dict) or not methods:
        raise RuleValueError("methods", "[fees.methods] must list at least one way to pay")
    for code, label in methods.items():
        if not METHOD_CODE.fullmatch(code):
            raise RuleValueError("methods", f"[fees.methods] {code!r}: a code is lower-case "
                                            "letters, digits and _ (at most 20)")
        if not isinstance(label, str) or not label.strip():
            raise RuleValueError("methods", f"[fees.methods] {code!r} needs the word to print")
    return FeeRules(currency, amounts, free_under_age, dict(methods))


def _per_business(section: dict, key: str, known: set[str], low: int, high: int
                  ) -> dict[str, int]:
    table = section.get(key, {})
    if not isinstance(table, dict):
        raise RuleValueError(key, f"[fees.{key}] must be a table of business types")
    # The section's name is what finds the line: a business type's name is on its own
    # [business.…] section first.
    for business in table:
        if business not in known:
            raise RuleValueError(key, f"[fees.{key}]: unknown business type {business!r}")
    try:
        return {business: whole_number(table, business, 0, low, high) for business in table}
    except RuleValueError as exc:
        raise RuleValueError(key, f"[fees.{key}] {exc}") from None


def format_amount(fen: int, currency: str = "CNY") -> str:
    """¥20.00 for 2000 fen in CNY (other currencies: 20.00 HKD)."""
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    figures = f"{fen // 100:,}.{fen % 100:02d}"
    symbol = SYMBOLS.get(currency)
    return f"{sign}{symbol}{figures}" if symbol else f"{sign}{figures} {currency}"


def waiver_age(waiver: str) -> int | None:
    """The age of a recorded "under_age:16" waiver, else None."""
    if waiver.startswith(WAIVER_UNDER_AGE) and waiver[len(WAIVER_UNDER_AGE):].isdigit():
        return int(waiver[len(WAIVER_UNDER_AGE):])
    return None
