"""What staff type in about the applicant, the guardian and an agent, checked field by field."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace

from counter_app.domain.business import Presenter
from counter_app.domain.cells import starts_like_formula
from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.domain.idnumber import IdNumberError, ResidentId, parse_resident_id

MSG_NAME = QT_TRANSLATE_NOOP("messages", "Please enter the name.")
MSG_GUARDIAN_NAME = QT_TRANSLATE_NOOP("messages", "Please enter the guardian's name.")
MSG_AGENT_NAME = QT_TRANSLATE_NOOP("messages", "Please enter the agent's name.")
MSG_CHILD_PHONE = QT_TRANSLATE_NOOP(
    "messages", "Please enter a phone number: the child's own, or the guardian's below "
                "(then the child's may stay empty).")
MSG_NAME_CHARS = QT_TRANSLATE_NOOP(
    "messages", "A name holds Chinese characters (rare ones too), letters, spaces and the "
                "middle dot only.")
MSG_TOO_LONG = QT_TRANSLATE_NOOP("messages", "This entry is too long (at most {limit} characters).")
MSG_ADDRESS_CHARS = QT_TRANSLATE_NOOP("messages", "The address contains characters that cannot be printed.")
MSG_ADDRESS_START = QT_TRANSLATE_NOOP(
    "messages", "An address cannot begin with =, +, - or @ (a spreadsheet would take it for "
                "a formula).")
MSG_PHONE = QT_TRANSLATE_NOOP(
    "messages", "The phone number should be an 11-digit mobile number or a landline.")
MSG_GUARDIAN_NEEDED = QT_TRANSLATE_NOOP(
    "messages", "The applicant is a minor: please enter a guardian.")
MSG_GUARDIAN_MINOR = QT_TRANSLATE_NOOP("messages", "The guardian must be an adult.")
MSG_AGENT_MINOR = QT_TRANSLATE_NOOP("messages", "The agent must be an adult.")
MSG_RELATION = QT_TRANSLATE_NOOP("messages", "Please enter the relation to the applicant.")
MSG_AGENT_NEEDED = QT_TRANSLATE_NOOP("messages", "Please enter the agent who applies on the applicant's behalf.")
MSG_PRESENTER_MINOR = QT_TRANSLATE_NOOP(
    "messages", "A minor's application is presented by a guardian or an agent.")
MSG_PRESENTER_ADULT = QT_TRANSLATE_NOOP(
    "messages", "The applicant is an adult: a guardian cannot present the application.")

_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
NAME_LIMIT, ADDRESS_LIMIT = 50, 200


@dataclass(frozen=True)
class GuardianDetails:
    name: str
    relation: str
    id_number: str
    phone: str
    id_type: str = "resident_id"


@dataclass(frozen=True)
class AgentDetails:
    """Someone applying on the applicant's behalf (their own ID is checked too)."""

    name: str
    id_number: str
    phone: str
    relation: str = ""


@dataclass(frozen=True)
class ApplicantDetails:
    name: str
    id_number: str
    phone: str
    pinyin: str = ""
    ethnicity: str = "汉族"
    nationality: str = "CHN"
    id_type: str = "resident_id"
    id_valid_until: str = ""
    occupation: str = ""
    household_address: str = ""
    residence_address: str = ""
    mailing_address: str = ""
    guardian: GuardianDetails | None = None
    presenter: Presenter | None = None   # None: the applicant, or the guardian for a minor
    same_register: bool = True           # child and guardian on one household register
    agent: AgentDetails | None = None
    preapplication_number: str = ""
    old_card_number: str = ""            # replacement / renewal: the card it replaces
    extra: dict = field(default_factory=dict, compare=False)

    def effective_presenter(self, is_minor: bool) -> Presenter:
        return self.presenter or (Presenter.GUARDIAN if is_minor else Presenter.APPLICANT)


@dataclass(frozen=True)
class CheckedApplicant:
    details: ApplicantDetails
    resident_id: ResidentId
    is_minor: bool
    presenter: Presenter


class ValidationErrors(ValidationError):
    """Several fields wrong at once: the first is this error itself (its .field and
    message), .errors holds them all, so staff see every problem after one Next."""

    def __init__(self, errors: list[ValidationError]) -> None:
        first = errors[0]
        super().__init__(first.field, first.template, **first.params)
        self.errors = errors


def check_applicant(details: ApplicantDetails, minor_age: int,
                    today: dt.date | None = None) -> CheckedApplicant:
    """Check every field; raise a ValidationErrors naming every field in error (a child's
    own phone may be left empty: the guardian's is taken for it)."""
    today = today or dt.date.today()
    errors: list[ValidationError] = []
    _collect(errors, check_name, "name", details.name)
    resident = _collect(errors, parse_resident_id, details.id_number, today)
    is_minor = resident is not None and resident.age_on(today) < minor_age
    if is_minor and not details.phone.strip() and details.guardian is not None:
        details = replace(details, phone=details.guardian.phone)
        message = MSG_CHILD_PHONE
    else:
        message = MSG_PHONE
    _collect(errors, check_phone, "phone", details.phone, message)
    for name in ("household_address", "residence_address", "mailing_address"):
        _collect(errors, check_address, name, getattr(details, name))
    if is_minor:
        _check_guardian(errors, details.guardian, today)
    presenter = details.effective_presenter(is_minor)
    if resident is not None:
        _collect(errors, _check_presenter, presenter, is_minor, details.agent, today)
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    return CheckedApplicant(details, resident, is_minor, presenter)


def _collect(errors: list[ValidationError], check, *args):
    """check(*args), its ValidationError (an IdNumberError too) added to *errors* (None
    returned) instead of raised."""
    try:
        return check(*args)
    except ValidationError as exc:
        errors.append(exc)
    return None


def check_name(field_name: str, name: str, missing: str = MSG_NAME) -> None:
    name = name.strip()
    if not name:
        raise ValidationError(field_name, missing)
    if len(name) > NAME_LIMIT:
        raise ValidationError(field_name, MSG_TOO_LONG, limit=NAME_LIMIT)
    if not all(_name_character(c) for c in name):
        raise ValidationError(field_name, MSG_NAME_CHARS)


def _name_character(char: str) -> bool:
    """Letters of any script (CJK Ext A/B included: category Lo), spaces, the middle dot."""
    return char in " ·•." or unicodedata.category(char) in ("Lo", "Lu", "Ll")


def check_address(field_name: str, address: str) -> None:
    if len(address) > ADDRESS_LIMIT:
        raise ValidationError(field_name, MSG_TOO_LONG, limit=ADDRESS_LIMIT)
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in address):
        raise ValidationError(field_name, MSG_ADDRESS_CHARS)
    if starts_like_formula(address):  # it reaches the bank's spreadsheet (OWASP)
        raise ValidationError(field_name, MSG_ADDRESS_START)


def check_phone(field_name: str, phone: str, message: str = MSG_PHONE) -> None:
    if not _PHONE.match(phone.replace(" ", "")):
        raise ValidationError(field_name, message)


def _check_adult_id(field_name: str, number: str, today: dt.date, minor_message: str) -> None:
    try:
        resident = parse_resident_id(number, today)
    except IdNumberError as exc:
        raise ValidationError(field_name, exc.template, **exc.params) from exc
    if resident.age_on(today) < 18:
        raise ValidationError(field_name, minor_message)


def _check_guardian(errors: list[ValidationError], guardian: GuardianDetails | None,
                    today: dt.date) -> None:
    if guardian is None:
        errors.append(ValidationError("guardian", MSG_GUARDIAN_NEEDED))
        return
    _collect(errors, check_name, "guardian_name", guardian.name, MSG_GUARDIAN_NAME)
    if not guardian.relation.strip():
        errors.append(ValidationError("guardian_relation", MSG_RELATION))
    _collect(errors, _check_adult_id, "guardian_id_number", guardian.id_number, today,
             MSG_GUARDIAN_MINOR)
    _collect(errors, check_phone, "guardian_phone", guardian.phone)


def _check_presenter(presenter: Presenter, is_minor: bool, agent: AgentDetails | None,
                     today: dt.date) -> None:
    if is_minor and presenter is Presenter.APPLICANT:
        raise ValidationError("presenter", MSG_PRESENTER_MINOR)
    if not is_minor and presenter is Presenter.GUARDIAN:
        raise ValidationError("presenter", MSG_PRESENTER_ADULT)
    if presenter is not Presenter.AGENT:
        return
    if agent is None:
        raise ValidationError("agent", MSG_AGENT_NEEDED)
    check_name("agent_name", agent.name, MSG_AGENT_NAME)
    _check_adult_id("agent_id_number", agent.id_number, today, MSG_AGENT_MINOR)
    check_phone("agent_phone", agent.phone)
