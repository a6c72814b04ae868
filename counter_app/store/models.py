"""Local tables. UUID keys are made at the counter, so rows never clash centrally."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, BigInteger, ForeignKey, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Site(Base):
    """A handling point: service centre, street point, bank outlet, photo station..."""

    __tablename__ = "sites"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30), default="service_centre")


class Operator(Base):
    __tablename__ = "operators"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(200))  # comma-separated Role values
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Wrong passwords in a row; at the rules' limit the operator is locked until then (UTC).
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None]
    # The first administrator and a reset password: changed at the next login.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default="0")
    site: Mapped[Site] = relationship()


class Batch(Base):
    """Applications a village committee or community collected, taken in together."""

    __tablename__ = "batches"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    operator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("operators.id"))
    committee: Mapped[str] = mapped_column(String(100))  # who collected the applications
    source_file: Mapped[str] = mapped_column(String(200), default="")  # name only, no path
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    handed_to: Mapped[str] = mapped_column(String(100), default="")  # the bank outlet
    handed_over_at: Mapped[dt.datetime | None]


class Application(Base):
    """One application, with the applicant as printed on the form (a snapshot)."""

    __tablename__ = "applications"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    operator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("operators.id"))
    business_type: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    name: Mapped[str] = mapped_column(String(100))
    pinyin: Mapped[str] = mapped_column(String(200), default="")
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date]
    id_type: Mapped[str] = mapped_column(String(30), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(30), index=True)
    id_valid_until: Mapped[str] = mapped_column(String(20), default="")
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    nationality: Mapped[str] = mapped_column(String(10), default="CHN")
    occupation: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(20))
    household_address: Mapped[str] = mapped_column(Text, default="")
    residence_address: Mapped[str] = mapped_column(Text, default="")
    mailing_address: Mapped[str] = mapped_column(Text, default="")

    rejection_reasons: Mapped[str] = mapped_column(Text, default="")
    rejection_codes: Mapped[str] = mapped_column(String(200), default="")  # comma-separated

    # Who is at the window (domain.business.Presenter) and, for an agent, who they are.
    presenter: Mapped[str] = mapped_column(String(20), default="applicant")
    same_register: Mapped[bool] = mapped_column(default=True)
    agent_name: Mapped[str] = mapped_column(String(100), default="")
    agent_id_number: Mapped[str] = mapped_column(String(30), default="")
    agent_phone: Mapped[str] = mapped_column(String(20), default="")
    agent_relation: Mapped[str] = mapped_column(String(20), default="")
    preapplication_number: Mapped[str] = mapped_column(String(40), default="")
    # A replacement's or renewal's old card (it goes on the invalid list centrally).
    replaces_card: Mapped[str] = mapped_column(String(30), default="", server_default="")
    batch_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("batches.id"), index=True)
    form_path: Mapped[str] = mapped_column(Text, default="")  # relative to protected dir
    print_count: Mapped[int] = mapped_column(default=0)

    guardian: Mapped[Guardian | None] = relationship(
        back_populates="application", cascade="all, delete-orphan", uselist=False)
    materials: Mapped[list[MaterialRecord]] = relationship(
        back_populates="application", cascade="all, delete-orphan",
        order_by="MaterialRecord.position")
    photos: Mapped[list[Photo]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Photo.created_at")
    fee: Mapped[ApplicationFee | None] = relationship(
        back_populates="application", cascade="all, delete-orphan", uselist=False)


class Guardian(Base):
    __tablename__ = "guardians"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    relation: Mapped[str] = mapped_column(String(20))
    id_type: Mapped[str] = mapped_column(String(30), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(30))
    phone: Mapped[str] = mapped_column(String(20))
    application: Mapped[Application] = relationship(back_populates="guardian")


class MaterialRecord(Base):
    __tablename__ = "materials"
    __table_args__ = (UniqueConstraint("application_id", "code"),)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(100))
    required: Mapped[bool]
    received: Mapped[bool] = mapped_column(default=False)
    group: Mapped[str] = mapped_column(String(20), default="")  # one of a group is required
    position: Mapped[int] = mapped_column(default=0)
    application: Mapped[Application] = relationship(back_populates="materials")


class ApplicationFee(Base):
    """The fee of an application as worked out when it was saved (the rules' `[fees]`: its
    business type, the applicant's age), kept as recorded when the rules change later;
    and its payment: when, how (a method code of the rules) and by whom. Amounts in fen."""

    __tablename__ = "application_fees"
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    business_type: Mapped[str] = mapped_column(String(30))  # the type the fee is for
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    standard_fen: Mapped[int] = mapped_column(default=0)  # the business type's amount
    amount_fen: Mapped[int] = mapped_column(default=0)    # due, after a waiver
    waiver: Mapped[str] = mapped_column(String(40), default="")  # e.g. "under_age:16"
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    paid_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(String(20), default="")
    paid_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("operators.id"))
    application: Mapped[Application] = relationship(back_populates="fee")


class Photo(Base):
    """A photo file in the protected directory, named by its content hash."""

    __tablename__ = "photos"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)  # relative to the protected dir
    source: Mapped[str] = mapped_column(String(20))  # file, camera, receipt
    receipt_number: Mapped[str] = mapped_column(String(40), default="")
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    application: Mapped[Application] = relationship(back_populates="photos")


class Attachment(Base):
    """A file kept with an application: a scanned material, the signed form, the original
    photo capture. Stored in the protected dir, named by content hash."""

    __tablename__ = "attachments"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # material_scan, signed_form, photo_original
    material_code: Mapped[str] = mapped_column(String(40), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)  # relative to the protected dir
    media_type: Mapped[str] = mapped_column(String(50), default="image/jpeg")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[uuid.UUID | None]


class AuditRecord(Base):
    """Who did what, where and when. Never personal data: ids and states only."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[uuid.UUID | None]
    site_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str] = mapped_column(String(30), default="")
    to_status: Mapped[str] = mapped_column(String(30), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class OutboxEntry(Base):
    """A change waiting to reach the central database, written with the change itself."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column(default=uuid.uuid4, unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")  # the central side's reason
    # What the central side answered: applied, duplicate (a resend) or rejected.
    result: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # When staff marked a rejected operation as seen (it leaves the status bar's count).
    dismissed_at: Mapped[dt.datetime | None]


class CardRecord(Base):
    """The card made for one of this counter's applications, as the card centre reports
    it (pulled; the central side owns it)."""

    __tablename__ = "card_records"
    application_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    card_number: Mapped[str | None] = mapped_column(String(30), index=True)
    bank: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime]
    due_date: Mapped[dt.date | None] = mapped_column(index=True)  # the 30-day promise
    issued_on: Mapped[dt.date | None]
    collected_at: Mapped[dt.datetime | None]
    collector: Mapped[str | None] = mapped_column(String(20))
    activated_at: Mapped[dt.datetime | None]


class InvalidEntry(Base):
    """A card on the invalid list (lost, damaged, expired, cancelled), pulled: without whose
    card it is (no ID numbers of the city's cardholders on a counter)."""

    __tablename__ = "invalid_list"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    card_number: Mapped[str] = mapped_column(String(30), index=True)
    reason: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(20))
    listed_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime | None]
    released_at: Mapped[dt.datetime | None]
    state: Mapped[str] = mapped_column(String(20), default="active", server_default="active")
    application_id: Mapped[uuid.UUID | None]


class PhotoReceipt(Base):
    """A photo receipt this counter issued, or looked up centrally and attached; the photo
    is a file in the protected dir named by its hash."""

    __tablename__ = "photo_receipts"
    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    issuer: Mapped[str] = mapped_column(String(100))
    photo_sha256: Mapped[str | None] = mapped_column(String(64))
    photo_path: Mapped[str | None] = mapped_column(Text)  # relative to the protected dir
    created_at: Mapped[dt.datetime]


class CardNumberRange(Base):
    """A run of card numbers the central side reserved for this counter (instant issuance:
    counter_app.services.issuance): its numbers are this counter's alone, so it issues
    from them while the network is down. Kept as the central side lists them (sync)."""

    __tablename__ = "card_number_ranges"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)   # the central reservation's
    prefix: Mapped[str] = mapped_column(String(12))
    first_no: Mapped[int] = mapped_column(BigInteger)
    last_no: Mapped[int] = mapped_column(BigInteger)
    width: Mapped[int]
    bank: Mapped[str] = mapped_column(String(50), default="")
    next_no: Mapped[int] = mapped_column(BigInteger)          # the next number to take
    reserved_at: Mapped[dt.datetime]


class IssuedCardNumber(Base):
    """A card number this counter took for a card made at the window: in production (a
    blank in the printer), issued, or spoiled (its number on the invalid list)."""

    __tablename__ = "issued_card_numbers"
    card_number: Mapped[str] = mapped_column(String(30), primary_key=True)
    application_id: Mapped[uuid.UUID] = mapped_column(index=True)
    range_id: Mapped[uuid.UUID]
    outcome: Mapped[str] = mapped_column(String(20))
    used_at: Mapped[dt.datetime]
    settled_at: Mapped[dt.datetime | None]
    reason: Mapped[str] = mapped_column(Text, default="")


class BlankCount(Base):
    """The blank cards staff counted in the drawer at day close (instant issuance, issue
    16), one row a local day (counted again: replaced), beside the stock the counter
    expected then (received − issued − spoiled − in the printer): a difference carries
    its explanation. Recorded by counter_app.services.blank_count."""

    __tablename__ = "blank_counts"
    day: Mapped[dt.date] = mapped_column(primary_key=True)   # the counter's local day
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    received: Mapped[int]
    issued: Mapped[int]
    spoiled: Mapped[int]
    pending: Mapped[int]         # blanks in the printer, outcome not yet recorded
    expected: Mapped[int]
    counted: Mapped[int]
    explanation: Mapped[str] = mapped_column(Text, default="")
    counted_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("operators.id"))
    counted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Meta(Base):
    """Small facts about this counter (device id, last sync...)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ApplicationReview(Base):
    """A supervisor's review of an examination where the site's rules want one (four eyes,
    issue 17): waiting, approved or returned with a reason. One row an application, the
    latest round; every decision is in the audit log. Kept beside the lifecycle, which the
    central side shares: a waiting application stays examined. counter_app.services.review."""

    __tablename__ = "application_reviews"
    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20), index=True)  # waiting, approved, returned
    examined_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("operators.id"))
    examined_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    rounds: Mapped[int] = mapped_column(default=1)  # examinations so far
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("operators.id"))
    decided_at: Mapped[dt.datetime | None]
    reason_code: Mapped[str] = mapped_column(String(40), default="")  # a returned one's
    note: Mapped[str] = mapped_column(Text, default="")


class DayClosure(Base):
    """A local day a supervisor closed for a site (issue 17): the records of that day no
    longer change until an administrator reopens it (counter_app.services.day_close says
    which records). The report as closed is kept sealed at report_path. A reopened closure
    stays, with who reopened it, when and why; closing the day again adds a new row."""

    __tablename__ = "day_closures"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    day: Mapped[dt.date] = mapped_column(index=True)      # the counter's local day
    closed_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("operators.id"))
    closed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    report_path: Mapped[str] = mapped_column(Text, default="")  # relative to protected dir
    reopened_at: Mapped[dt.datetime | None]
    reopened_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("operators.id"))
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    explanations: Mapped[list[DayCloseExplanation]] = relationship(
        back_populates="closure", cascade="all, delete-orphan",
        order_by="DayCloseExplanation.position")


class DayCloseExplanation(Base):
    """Why one open item of a closed day was left open: a reason code of the rules'
    `[day_close.reasons]` (its words and flag as they were at the close) and a note."""

    __tablename__ = "day_close_explanations"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    closure_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("day_closures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))          # a worklists.WorkKind value
    item_key: Mapped[str] = mapped_column(String(80))
    application_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    number: Mapped[str] = mapped_column(String(40), default="")
    masked_id: Mapped[str] = mapped_column(String(30), default="")
    status: Mapped[str] = mapped_column(String(30), default="")
    reason: Mapped[str] = mapped_column(String(40))
    reason_label: Mapped[str] = mapped_column(Text, default="")
    continues: Mapped[bool] = mapped_column(default=False)  # may go on on a later day
    note: Mapped[str] = mapped_column(Text, default="")
    closure: Mapped[DayClosure] = relationship(back_populates="explanations")


class CarriedExport(Base):
    """An outbox file this counter wrote to carry by hand (issue 17), and when the
    central side's receipt for it came back. Counts and sequence numbers only."""

    __tablename__ = "carried_exports"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the file's export id
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("operators.id"))
    device_id: Mapped[str] = mapped_column(String(40))  # the central side's device id
    first_seq: Mapped[int] = mapped_column(default=0)
    last_seq: Mapped[int] = mapped_column(default=0)
    operations: Mapped[int] = mapped_column(default=0)
    applications: Mapped[int] = mapped_column(default=0)
    files: Mapped[int] = mapped_column(default=0)
    audit_rows: Mapped[int] = mapped_column(default=0)
    file_sha256: Mapped[str] = mapped_column(String(64))
    receipt_at: Mapped[dt.datetime | None]
    marked_sent: Mapped[int] = mapped_column(default=0)  # rows the receipt marked sent
