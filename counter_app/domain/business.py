"""Business types, who may present them, and the materials each needs.

What a business type needs differs by city, so it is data (`resources/rules/*.toml`),
loaded and checked here: a mistake in the file is reported with the file and line. The
code knows only codes and conditions: minor or adult, child and guardian on the same
household register or not, who is at the window, the city's photo age, and the ages a
business type is for (the newborn type only within the city's window after birth): a
combination outside them is refused naming the type to choose instead.
"""

from __future__ import annotations

import datetime as dt
import enum
import tomllib
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from counter_app import assets
from counter_app.domain.cards import CardRules, RuleValueError, parse_card_rules, whole_number
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ConfigFileError, line_of
from counter_app.domain.day_close import DayCloseRules, parse_day_close_rules
from counter_app.domain.fees import FeeRules, parse_fee_rules
from counter_app.domain.review import ReviewRules, parse_review_rules

RULES_DIR = assets.resources() / "rules"

MSG_RULES = QT_TRANSLATE_NOOP("messages", "The rules file {file} is not valid: {problem}")
MSG_PAST_WINDOW = QT_TRANSLATE_NOOP(
    "messages", "{business} is only for children within {days} days after birth: this "
                "applicant should apply for {instead}.")
MSG_TOO_OLD = QT_TRANSLATE_NOOP(
    "messages", "{business} is only for applicants up to {age} years old: this applicant "
                "should apply for {instead}.")
MSG_TOO_YOUNG = QT_TRANSLATE_NOOP(
    "messages", "{business} is only for applicants from {age} years old: this applicant "
                "should apply for {instead}.")


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


class Presenter(enum.StrEnum):
    """Who is at the window."""

    APPLICANT = "applicant"   # the applicant in person
    GUARDIAN = "guardian"     # a guardian for a minor
    AGENT = "agent"           # someone applying on the applicant's behalf


class Step(enum.StrEnum):
    EXAMINATION = "examination"
    PHOTO = "photo"
    FORM = "form"
    SIGNATURE = "signature"
    SUBMIT = "submit"


class Condition(enum.StrEnum):
    """When a material applies, beyond the business type."""

    ALWAYS = "always"
    MINOR = "minor"
    ADULT = "adult"
    NOT_SAME_REGISTER = "not_same_register"  # child and guardian on different registers


@dataclass(frozen=True)
class Material:
    code: str
    label: str
    required: bool
    condition: Condition = Condition.ALWAYS
    group: str = ""  # materials sharing a group: at least one of them is required

    def applies(self, is_minor: bool, same_register: bool) -> bool:
        return {Condition.ALWAYS: True, Condition.MINOR: is_minor, Condition.ADULT: not is_minor,
                Condition.NOT_SAME_REGISTER: is_minor and not same_register}[self.condition]


@dataclass(frozen=True)
class PresenterRule:
    label: str
    materials: tuple[Material, ...]
    minors_only: bool = False


@dataclass(frozen=True)
class AgeLimits:
    """Whom a business type is for, by age (None: no limit), and the type to choose
    instead for anyone outside (required with any limit)."""

    min_age: int | None = None        # whole years, at least
    max_age: int | None = None        # whole years, at most
    max_age_days: int | None = None   # days since birth, at most (the newborn window)
    instead: BusinessType | None = None

    def refusal(self, birth_date: dt.date, today: dt.date) -> tuple[str, dict] | None:
        """None when an applicant born on *birth_date* fits; else the message template
        and its parameters, less the type labels (BusinessRules.age_refusal adds them)."""
        years = today.year - birth_date.year - (
            (today.month, today.day) < (birth_date.month, birth_date.day))
        if self.max_age_days is not None and (today - birth_date).days > self.max_age_days:
            return MSG_PAST_WINDOW, {"days": self.max_age_days}
        if self.max_age is not None and years > self.max_age:
            return MSG_TOO_OLD, {"age": self.max_age}
        if self.min_age is not None and years < self.min_age:
            return MSG_TOO_YOUNG, {"age": self.min_age}
        return None


@dataclass(frozen=True)
class BusinessRule:
    label: str
    materials: tuple[Material, ...]
    steps: tuple[Step, ...]
    ages: AgeLimits = field(default_factory=AgeLimits)


@dataclass(frozen=True)
class OperatorRules:
    """The `[operators]` section: how many wrong passwords in a row lock an operator out,
    and for how long."""

    failed_logins_limit: int = 5
    lockout_minutes: int = 15


FAILED_LOGINS_RANGE = (1, 100)
LOCKOUT_MINUTES_RANGE = (1, 24 * 60)


@dataclass(frozen=True)
class SelfCheckRules:
    """The `[self_check]` section: where the counter's self-check warns, and where it stops
    new applications (a clock that would put wrong dates on forms; a disk too full for
    durable writes) until the condition clears or a supervisor allows them for the day."""

    max_clock_offset_minutes: int = 5   # beyond: new applications stop
    clock_warning_seconds: int = 60     # beyond: a warning
    min_free_mb: int = 500              # below: new applications stop
    free_warning_mb: int = 2048         # below: a warning
    sync_warning_hours: int = 24        # no successful sync for longer: a warning
    unsent_warning_hours: int = 24      # an application unsent for longer: a warning


CLOCK_OFFSET_MINUTES_RANGE = (1, 24 * 60)
CLOCK_WARNING_SECONDS_RANGE = (1, 24 * 3600)
FREE_MB_RANGE = (1, 1024 * 1024)
WARNING_HOURS_RANGE = (1, 24 * 365)


@dataclass(frozen=True)
class BusinessRules:
    city: str
    minor_age: int
    photo_optional_under_age: int   # 0: every applicant needs a photo
    businesses: dict[BusinessType, BusinessRule]
    presenters: dict[Presenter, PresenterRule]
    rejection_reasons: dict[str, str]  # reason code -> text printed on the notice
    cards: CardRules = field(default_factory=CardRules)  # promise, invalid list
    operators: OperatorRules = field(default_factory=OperatorRules)  # login lockout
    self_check: SelfCheckRules = field(default_factory=SelfCheckRules)  # warnings, gates
    fees: FeeRules = field(default_factory=FeeRules)  # per business type, in fen
    review: ReviewRules = field(default_factory=ReviewRules)  # four eyes, per site
    day_close: DayCloseRules = field(default_factory=DayCloseRules)  # reasons left open

    @property
    def labels(self) -> dict[BusinessType, str]:
        return {business: rule.label for business, rule in self.businesses.items()}

    def presenters_for(self, is_minor: bool) -> tuple[Presenter, ...]:
        return tuple(p for p, rule in self.presenters.items() if is_minor or not rule.minors_only)

    def materials_for(self, business: BusinessType, is_minor: bool, *,
                      same_register: bool = True,
                      presenter: Presenter | None = None) -> tuple[Material, ...]:
        """The checklist: the business type's materials, then those of who presents it."""
        presenter = presenter or (Presenter.GUARDIAN if is_minor else Presenter.APPLICANT)
        wanted = self.businesses[business].materials + self.presenters[presenter].materials
        seen: set[str] = set()
        checklist = []
        for material in wanted:
            if material.code not in seen and material.applies(is_minor, same_register):
                seen.add(material.code)
                checklist.append(material)
        return tuple(checklist)

    def steps_for(self, business: BusinessType, age: int) -> tuple[Step, ...]:
        steps = self.businesses[business].steps
        if Step.PHOTO in steps and not self.photo_required(age):
            return tuple(s for s in steps if s is not Step.PHOTO)
        return steps

    def photo_required(self, age: int) -> bool:
        return age >= self.photo_optional_under_age

    def age_refusal(self, business: BusinessType, birth_date: dt.date, today: dt.date
                    ) -> tuple[str, dict] | None:
        """None when *business* is for an applicant born on *birth_date*; else why not, as
        a message template and its parameters naming the type to choose instead."""
        rule = self.businesses[business]
        refused = rule.ages.refusal(birth_date, today)
        if refused is None:
            return None
        template, params = refused
        instead = self.businesses[rule.ages.instead].label
        return template, {**params, "business": rule.label, "instead": instead}


def missing_materials(checklist: tuple[Material, ...], received: set[str]) -> list[str]:
    """Labels of what is still missing: each required material, and one of each group."""
    missing = [m.label for m in checklist if m.required and m.code not in received]
    groups: dict[str, list[Material]] = {}
    for material in checklist:
        if material.group:
            groups.setdefault(material.group, []).append(material)
    for members in groups.values():
        if not any(m.code in received for m in members):
            missing.append(" / ".join(m.label for m in members))
    return missing


class RulesError(ConfigFileError):
    code = "rules"


# Ages in years: a child is a minor below minor_age; photos optional below the other.
AGE_RANGE = (0, 150)
# A business type's window after birth, in days (the newborn type's): up to 3 years.
AGE_DAYS_RANGE = (1, 1096)


def load_rules(path: Path | Traversable | None = None) -> BusinessRules:
    path = path or RULES_DIR / "default.toml"
    try:
        text = path.read_text(encoding="utf-8")
        return _parse_rules(tomllib.loads(text))
    except OSError as exc:
        raise RulesError(MSG_RULES, file=path.name, problem=exc.strerror) from exc
    except tomllib.TOMLDecodeError as exc:  # its message names line and column itself
        raise RulesError(MSG_RULES, file=path.name, problem=exc) from exc
    except UnicodeDecodeError as exc:
        raise RulesError(MSG_RULES, file=path.name, problem="not UTF-8 text") from exc
    except _RuleProblem as exc:
        where = line_of(text, exc.token)
        problem = f"line {where}: {exc}" if where else str(exc)
        raise RulesError(MSG_RULES, file=path.name, problem=problem) from exc
    except (TypeError, ValueError, AttributeError, KeyError) as exc:  # a value of a wrong kind
        raise RulesError(MSG_RULES, file=path.name,
                         problem=f"a value of the wrong kind ({exc})") from exc


class _RuleProblem(ValueError):
    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


def _parse_rules(data: dict) -> BusinessRules:
    catalogue = _section(data, "materials")
    businesses = {}
    for code, entry in _section(data, "business").items():
        business = _enum(BusinessType, code, "business type")
        steps = tuple(_enum(Step, s, "step") for s in entry.get("steps", list(Step)))
        businesses[business] = BusinessRule(
            _text(entry, "label", code), _materials(catalogue, entry), steps,
            _age_limits(entry, business))
    presenters = {}
    for code, entry in _section(data, "presenters").items():
        presenters[_enum(Presenter, code, "presenter")] = PresenterRule(
            _text(entry, "label", code), _materials(catalogue, entry),
            bool(entry.get("minors_only", False)))
    for kind, given, expected in (("business types", businesses, BusinessType),
                                  ("presenters", presenters, Presenter)):
        missing = sorted(set(expected) - set(given))
        if missing:
            raise _RuleProblem(f"{kind} without rules: {', '.join(missing)}", kind)
    for business, rule in businesses.items():
        if rule.ages.instead is not None and rule.ages.instead not in CARD_APPLICATIONS:
            raise _RuleProblem(f"[business.{business}] instead must be a type that makes a "
                               f"card application", str(rule.ages.instead))
    return BusinessRules(
        city=_text(data, "city", "city"), minor_age=_number(data, "minor_age", 16, AGE_RANGE),
        photo_optional_under_age=_number(data, "photo_optional_under_age", 0, AGE_RANGE),
        businesses=businesses, presenters=presenters,
        rejection_reasons={code: _text(data["rejection_reasons"], code, code)
                           for code in _section(data, "rejection_reasons")},
        cards=_card_rules(data.get("cards", {})),
        operators=_operator_rules(data.get("operators", {})),
        self_check=_self_check_rules(data.get("self_check", {})),
        fees=_fee_rules(data.get("fees", {})),
        review=_review_rules(data.get("review", {})),
        day_close=_day_close_rules(data.get("day_close", {})))


def _number(data: dict, key: str, default: int, bounds: tuple[int, int]) -> int:
    try:
        return whole_number(data, key, default, *bounds)
    except RuleValueError as exc:
        raise _RuleProblem(str(exc), key) from exc


def _age_limits(entry: dict, business: BusinessType) -> AgeLimits:
    """A business type's min_age, max_age (years), max_age_days and the type instead."""
    def limit(key: str, bounds: tuple[int, int]) -> int | None:
        return _number(entry, key, 0, bounds) if key in entry else None

    limits = AgeLimits(limit("min_age", AGE_RANGE), limit("max_age", AGE_RANGE),
                       limit("max_age_days", AGE_DAYS_RANGE))
    has_limit = limits != AgeLimits()
    if "instead" not in entry:
        if has_limit:
            raise _RuleProblem(f"[business.{business}] has age limits, so it needs `instead`: "
                               "the business type for applicants outside them", business)
        return limits
    instead = _enum(BusinessType, entry["instead"], "business type")
    if not has_limit or instead is business:
        raise _RuleProblem(f"[business.{business}] instead = {str(instead)!r} without age limits "
                           "or naming itself", "instead")
    if (limits.min_age is not None and limits.max_age is not None
            and limits.min_age > limits.max_age):
        raise _RuleProblem(f"[business.{business}] min_age is above max_age", "min_age")
    return AgeLimits(limits.min_age, limits.max_age, limits.max_age_days, instead)


def _operator_rules(section: dict) -> OperatorRules:
    if not isinstance(section, dict):
        raise _RuleProblem("[operators] must be a section", "operators")
    defaults = OperatorRules()
    return OperatorRules(
        failed_logins_limit=_number(section, "failed_logins_limit",
                                    defaults.failed_logins_limit, FAILED_LOGINS_RANGE),
        lockout_minutes=_number(section, "lockout_minutes", defaults.lockout_minutes,
                                LOCKOUT_MINUTES_RANGE))


def _self_check_rules(section: dict) -> SelfCheckRules:
    if not isinstance(section, dict):
        raise _RuleProblem("[self_check] must be a section", "self_check")
    defaults = SelfCheckRules()
    ranges = {"max_clock_offset_minutes": CLOCK_OFFSET_MINUTES_RANGE,
              "clock_warning_seconds": CLOCK_WARNING_SECONDS_RANGE,
              "min_free_mb": FREE_MB_RANGE, "free_warning_mb": FREE_MB_RANGE,
              "sync_warning_hours": WARNING_HOURS_RANGE,
              "unsent_warning_hours": WARNING_HOURS_RANGE}
    unknown = sorted(set(section) - set(ranges))
    if unknown:
        raise _RuleProblem(f"[self_check]: unknown key {unknown[0]!r}", unknown[0])
    return SelfCheckRules(**{key: _number(section, key, getattr(defaults, key), bounds)
                             for key, bounds in ranges.items()})


def _fee_rules(section: dict) -> FeeRules:
    try:
        return parse_fee_rules(section, BusinessType)
    except RuleValueError as exc:
        raise _RuleProblem(str(exc), exc.key) from exc


def _review_rules(section: dict) -> ReviewRules:
    try:
        return parse_review_rules(section)
    except RuleValueError as exc:
        raise _RuleProblem(str(exc), exc.key) from exc


def _day_close_rules(section: dict) -> DayCloseRules:
    try:
        return parse_day_close_rules(section)
    except RuleValueError as exc:
        raise _RuleProblem(str(exc), exc.key) from exc


def _card_rules(section: dict) -> CardRules:
    try:
        return parse_card_rules(section)
    except RuleValueError as exc:
        raise _RuleProblem(f"[cards]: {exc}", exc.key) from exc
    except ValueError as exc:
        raise _RuleProblem(f"[cards]: {exc}", "cards") from exc


def _materials(catalogue: dict, entry: dict) -> tuple[Material, ...]:
    overrides = entry.get("when", {})  # per business type: {material = condition}
    for code in overrides:
        _catalogued(catalogue, code)

    def material(code: str, required: bool, group: str = "") -> Material:
        label = _text(_catalogued(catalogue, code), "label", code)
        when = overrides.get(code, catalogue[code].get("when", "always"))
        return Material(code, label, required, _enum(Condition, when, "condition"), group)

    return tuple([material(code, True) for code in entry.get("required", ())]
                 + [material(code, False) for code in entry.get("optional", ())]
                 + [material(code, False, group=f"g{i}")
                    for i, codes in enumerate(entry.get("one_of", ())) for code in codes])


def _catalogued(catalogue: dict, code: str) -> dict:
    if code not in catalogue:
        raise _RuleProblem(f"unknown material {code!r}", code)
    return catalogue[code]


def _section(data: dict, name: str) -> dict:
    if not isinstance(data.get(name), dict):
        raise _RuleProblem(f"the section [{name}] is missing", name)
    return data[name]


def _text(entry: dict, key: str, owner: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _RuleProblem(f"{owner!r} needs a {key}", owner)
    return value


def _enum(kind: type[enum.StrEnum], value: str, what: str):
    try:
        return kind(value)
    except ValueError:
        raise _RuleProblem(f"unknown {what} {value!r}", str(value)) from None
