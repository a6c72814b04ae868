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
class AgentBlock:
    """Someone applying on the applicant's behalf, printed in full (the form is the
    legal record of who handed the application in)."""

    name: str
    id_type: str
    id_number: str
    phone: str
    relation: str


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
    presenter_label: str = ""  # who is at the window, the rules file's label (e.g. "代办人")
    agent: AgentBlock | None = None
    materials: tuple[str, ...] = ()  # Chinese labels of materials received
    photo_jpeg: bytes | None = None
    photo_receipt_number: str = ""  # studio photo receipt, shown when there is no photo
    site_name: str = ""
    operator_name: str = ""
    date: str = ""  # YYYY-MM-DD


@dataclass(frozen=True)
class ApplicationSlip:
    """What the pick-up voucher, the rejection notice and the card service agreement
    print about an application (the ID number is masked on vouchers by the service)."""

    application_number: str
    business_type: str  # Chinese label
    name: str
    id_type: str
    id_number: str
    site_name: str
    operator_name: str
    date: str  # YYYY-MM-DD: accepted, rejected or printed
    ready_by: str = ""  # voucher: the card should be made by this date
    reasons: tuple[str, ...] = ()  # rejection notice: why it was refused
    guardian_name: str = ""
    fee: str = ""  # voucher: the fee recorded with the application, e.g. "¥20.00", "免费"
    fee_status: str = ""  # voucher: whether it was paid, e.g. "已缴费（现金）", "未缴费"


@dataclass(frozen=True)
class ReceiptSlipData:
    """The photo receipt one of our photo stations prints: no name or ID number, only
    the number that finds the photo in the receipt registry."""

    number: str
    issuer: str      # the photo station's site
    date: str        # YYYY-MM-DD, the day the photo was taken
    photo_jpeg: bytes | None = None


@dataclass(frozen=True)
class GuideData:
    """The applicant guide of one business type (texts from resources/forms)."""

    business_type: str  # Chinese label
    required_materials: tuple[str, ...]
    optional_materials: tuple[str, ...]
    notes: tuple[str, ...]  # what this business type needs to know
    site_name: str = ""
    date: str = ""


@dataclass(frozen=True)
class BatchEntry:
    """One application of a batch: its form, and its agreement where the city wants one."""

    form: RegistrationFormData
    agreement: ApplicationSlip | None = None


@dataclass(frozen=True)
class BatchData:
    entries: tuple[BatchEntry, ...]
    site_name: str
    operator_name: str
    date: str
    batch_number: str  # e.g. PL-SC001-20261122-0930, printed on every cover page
