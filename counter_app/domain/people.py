"""What staff type in about the applicant and the guardian, checked field by field."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from counter_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from counter_app.domain.idnumber import IdNumberError, ResidentId, parse_resident_id

MSG_NAME = QT_TRANSLATE_NOOP("messages", "Please enter the name.")
MSG_PHONE = QT_TRANSLATE_NOOP(
    "messages", "The phone number should be an 11-digit mobile number or a landline.")
MSG_GUARDIAN_NEEDED = QT_TRANSLATE_NOOP(
    "messages", "The applicant is a minor: please enter a guardian.")
MSG_GUARDIAN_MINOR = QT_TRANSLATE_NOOP("messages", "The guardian must be an adult.")
MSG_RELATION = QT_TRANSLATE_NOOP("messages", "Please enter the guardian's relation.")

_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


@dataclass(frozen=True)
class GuardianDetails:
    name: str
    relation: str
    id_number: str
    phone: str
    id_type: str = "resident_id"


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
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class CheckedApplicant:
    details: ApplicantDetails
    resident_id: ResidentId
    is_minor: bool


def check_applicant(details: ApplicantDetails, minor_age: int,
                    today: dt.date | None = None) -> CheckedApplicant:
    """Check every field; raise the first ValidationError (its .field says where)."""
    today = today or dt.date.today()
    if not details.name.strip():
        raise ValidationError("name", MSG_NAME)
    resident = parse_resident_id(details.id_number, today)
    _check_phone("phone", details.phone)
    is_minor = resident.age_on(today) < minor_age
    if is_minor:
        _check_guardian(details.guardian, minor_age, today)
    return CheckedApplicant(details, resident, is_minor)


def _check_guardian(guardian: GuardianDetails | None, minor_age: int, today: dt.date) -> None:
    if guardian is None:
        raise ValidationError("guardian", MSG_GUARDIAN_NEEDED)
    if not guardian.name.strip():
        raise ValidationError("guardian_name", MSG_NAME)
    if not guardian.relation.strip():
        raise ValidationError("guardian_relation", MSG_RELATION)
    try:
        resident = parse_resident_id(guardian.id_number, today)
    except IdNumberError as exc:
        raise ValidationError("guardian_id_number", exc.template, **exc.params) from exc
    if resident.age_on(today) < 18:
        raise ValidationError("guardian_id_number", MSG_GUARDIAN_MINOR)
    _check_phone("guardian_phone", guardian.phone)


def _check_phone(field_name: str, phone: str) -> None:
    if not _PHONE.match(phone.replace(" ", "")):
        raise ValidationError(field_name, MSG_PHONE)
