"""Plain data handed to the form renderers (no Qt, no database types)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GuardianBlock:
    name: str
    relation: str
    id_type: str
    id_number: str
    phone: str


@dataclass(frozen=True)
class RegistrationFormData:
    application_number: str
    business_type: str  # Chinese label, e.g. "新生儿参保申领"
    name: str
    pinyin: str
    sex: str
    ethnicity: str
    nationality: str
    id_type: str
    id_number: str
    id_valid_until: str
    birth_date: str
    occupation: str
    phone: str
    household_address: str = ""
    residence_address: str = ""
    mailing_address: str = ""
    guardian: GuardianBlock | None = None
    materials: tuple[str, ...] = ()  # Chinese labels of materials received
    photo_jpeg: bytes | None = None
    photo_receipt_number: str = ""  # studio photo receipt, shown when there is no photo
    site_name: str = ""
    operator_name: str = ""
    date: str = ""  # YYYY-MM-DD
