"""Taking in an application: applicant, materials, examination, photo, form, signature.

Every step is one transaction that moves the application through the lifecycle and
writes its audit record; the last one also writes the outbox entry for the central side.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain.business import BusinessType, Material, Presenter, missing_materials
from counter_app.domain.cards import InvalidKind, compact_card_number, parse_card_number
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.domain.lifecycle import COUNTER_OWNED, Status, check_transition
from counter_app.domain.people import (AgentDetails, ApplicantDetails, CheckedApplicant,
                                       GuardianDetails, check_applicant)
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services import fees, review, selfcheck
from counter_app.services.closed_days import ensure_day_open
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.store.models import (Application, Attachment, CardRecord, Guardian,
                                      InvalidEntry, MaterialRecord, Meta, OutboxEntry, Photo)

MSG_NOT_FOUND = QT_TRANSLATE_NOOP("messages", "The application cannot be found.")
MSG_MISSING_MATERIALS = QT_TRANSLATE_NOOP(
    "messages", "Required materials are missing: {materials}.")
MSG_NO_REASON = QT_TRANSLATE_NOOP("messages", "Please give the reason for the rejection.")
MSG_LOCKED = QT_TRANSLATE_NOOP(
    "messages", "The application is past this step and can no longer be changed here.")
MSG_OLD_CARD_NEEDED = QT_TRANSLATE_NOOP(
    "messages", "Please enter the number of the card being renewed (it is printed on the card).")

# Business types whose new card replaces an old one; the old card goes on the invalid
# list (kind "replaced") when the central side receives the application.
REPLACING = frozenset({BusinessType.REPLACEMENT, BusinessType.RENEWAL})
# Where a review is wanted, these wait for the approval (services/review.py).
AFTER_EXAMINATION = frozenset({Status.PHOTO_OK, Status.FORM_PRINTED, Status.SIGNED,
                               Status.SUBMITTED})


class IntakeError(CounterError):
    code = "intake"


@dataclass(frozen=True)
class Step:
    """Result of a step: the application's id, number and new status."""

    id: uuid.UUID
    number: str
    status: Status


def save_applicant(ctx: AppContext, operator: CurrentOperator, business: BusinessType,
                   details: ApplicantDetails, application_id: uuid.UUID | None = None,
                   today: dt.date | None = None) -> Step:
    """Create the application (status draft) or update its applicant while still a draft.
    A business type whose ages (rules file) the applicant is outside is refused, naming the
    type to choose instead; checked when the type or the birth date is first saved (a draft
    begun within the newborn window may be finished after it). A new application is refused
    while the self-check finds it harmful (services/selfcheck.py: the clock, the disk) and
    no supervisor has allowed new applications today."""
    operator.require(Permission.INTAKE)
    if application_id is None:  # before any transaction: it may read the allowances
        selfcheck.check_new_application(ctx)
    checked = check_applicant(details, ctx.rules.minor_age, today)
    old_card = check_old_card(business, details.old_card_number)
    with ctx.sessions.begin() as session:
        if application_id is None:
            check_business_age(ctx, business, checked, today)
            app = new_application(session, operator, next_numbers(session, operator, 1)[0])
            ensure_day_open(session, app)  # today closed: nothing new is added to it
            action = "application_created"
        else:
            app = load_application(session, application_id)
            ensure_day_open(session, app)
            if app.status != Status.DRAFT and not review.is_returned(session, app.id):
                raise IntakeError(MSG_LOCKED)
            if (app.business_type, app.birth_date) != (business.value,
                                                       checked.resident_id.birth_date):
                check_business_age(ctx, business, checked, today)
            action = "applicant_updated"
        fill_applicant(ctx, app, business, checked)
        app.replaces_card = old_card or known_old_card(session, business, app.id_number)
        fees.record_due(ctx.rules, app, checked.resident_id.age_on(today or dt.date.today()))
        session.flush()
        audit.record(session, action=action, entity="application", entity_id=app.id,
                     operator_id=operator.id, site_id=operator.site_id, to_status=app.status)
        return Step(app.id, app.number, Status(app.status))


def check_business_age(ctx: AppContext, business: BusinessType, checked: CheckedApplicant,
                       today: dt.date | None = None) -> None:
    """ValidationError (field business_type) when *business* is not for an applicant of
    this age, e.g. the newborn type past the city's window after birth."""
    refused = ctx.rules.age_refusal(business, checked.resident_id.birth_date,
                                    today or dt.date.today())
    if refused is not None:
        template, params = refused
        raise ValidationError("business_type", template, **params)


def check_old_card(business: BusinessType, number: str) -> str:
    """The old card number of a replacement or renewal, compacted ('' for other types).
    A renewal brings the old card, so its number is needed; a lost card's may be unknown."""
    if business not in REPLACING:
        return ""
    if not compact_card_number(number):
        if business is BusinessType.RENEWAL:
            raise ValidationError("old_card_number", MSG_OLD_CARD_NEEDED)
        return ""
    return parse_card_number(number, "old_card_number")


def known_old_card(session: Session, business: BusinessType, id_number: str) -> str:
    """For a replacement whose old card number was not given: the applicant's one card
    this counter knows (handed over, not yet listed as replaced), else ''."""
    if business not in REPLACING:
        return ""
    replaced = select(InvalidEntry.card_number).where(
        InvalidEntry.reason == InvalidKind.REPLACED.value)
    cards = session.scalars(select(CardRecord.card_number).join(
        Application, Application.id == CardRecord.application_id).where(
        Application.id_number == id_number, CardRecord.card_number.is_not(None),
        CardRecord.status.in_((Status.COLLECTED.value, Status.ACTIVATED.value)),
        CardRecord.card_number.not_in(replaced))).all()
    return cards[0] if len(cards) == 1 else ""


def applicant_of(ctx: AppContext, application_id: uuid.UUID) -> tuple[BusinessType, ApplicantDetails]:
    """What was typed for the applicant, to show it again when a draft is reopened."""
    with ctx.sessions() as session:
        app = load_application(session, application_id)
        guardian = app.guardian
        return BusinessType(app.business_type), ApplicantDetails(
            name=app.name, id_number=app.id_number, phone=app.phone, pinyin=app.pinyin,
            ethnicity=app.ethnicity, nationality=app.nationality, id_type=app.id_type,
            id_valid_until=app.id_valid_until, occupation=app.occupation,
            household_address=app.household_address, residence_address=app.residence_address,
            mailing_address=app.mailing_address, presenter=Presenter(app.presenter),
            same_register=app.same_register,
            preapplication_number=app.preapplication_number,
            old_card_number=app.replaces_card,
            agent=None if not app.agent_name else AgentDetails(
                app.agent_name, app.agent_id_number, app.agent_phone, app.agent_relation),
            guardian=None if guardian is None else GuardianDetails(
                name=guardian.name, relation=guardian.relation, id_number=guardian.id_number,
                phone=guardian.phone, id_type=guardian.id_type))


def record_materials(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                     received: set[str]) -> Step:
    operator.require(Permission.INTAKE)
    with ctx.sessions.begin() as session:
        app = load_application(session, application_id)
        ensure_day_open(session, app)
        if app.status not in COUNTER_OWNED:
            raise IntakeError(MSG_LOCKED)
        review.check_not_waiting(session, app)  # the supervisor judges what staff saw
        for material in app.materials:
            material.received = material.code in received
        audit.record(session, action="materials_recorded", entity="application",
                     entity_id=app.id, operator_id=operator.id, site_id=operator.site_id,
                     detail=",".join(sorted(received)))
        return Step(app.id, app.number, Status(app.status))


def examine(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
            passed: bool, reasons: list[str] | None = None,
            codes: list[str] | None = None) -> Step:
    """Preliminary examination: pass (every material needed is in) or reject with reason
    codes from the rules file and/or free-text reasons (what the notice prints)."""
    operator.require(Permission.INTAKE)
    with ctx.sessions.begin() as session:
        app = load_application(session, application_id)
        ensure_day_open(session, app)
        if passed:
            missing = missing_of(app)
            if missing:
                raise IntakeError(MSG_MISSING_MATERIALS, materials="、".join(missing))
            if review.is_returned(session, app.id):  # corrected: examined again, same state
                _audit_step(session, operator, app, "examined_again")
            else:
                _move(session, operator, app, Status.EXAMINED, "examined")
            review.after_examination(session, ctx, operator, app)  # where a review is wanted
        else:
            unknown = set(codes or ()) - set(ctx.rules.rejection_reasons)
            if unknown or not (reasons or codes):
                raise IntakeError(MSG_NO_REASON)
            app.rejection_codes = ",".join(codes or ())
            app.rejection_reasons = "\n".join(reasons or ())
            _move(session, operator, app, Status.REJECTED, "rejected")
        return Step(app.id, app.number, Status(app.status))


def record_form_printed(ctx: AppContext, operator: CurrentOperator,
                        application_id: uuid.UUID, form_path: Path) -> Step:
    """Note that the registration form was printed (each reprint is counted and audited)."""
    operator.require(Permission.INTAKE)
    with ctx.sessions.begin() as session:
        app = load_application(session, application_id)
        ensure_day_open(session, app)
        app.print_count += 1
        app.form_path = str(form_path.relative_to(ctx.settings.protected_dir))
        action = "form_printed" if app.print_count == 1 else "form_reprinted"
        _move(session, operator, app, Status.FORM_PRINTED, action)
        return Step(app.id, app.number, Status(app.status))


def mark_signed(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID) -> Step:
    operator.require(Permission.INTAKE)
    with ctx.sessions.begin() as session:
        app = load_application(session, application_id)
        ensure_day_open(session, app)
        _move(session, operator, app, Status.SIGNED, "signed")
        return Step(app.id, app.number, Status(app.status))


def submit(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID) -> Step:
    """Hand the application to the card centre: queued in the outbox in the same commit."""
    operator.require(Permission.INTAKE)
    with ctx.sessions.begin() as session:
        app = load_application(session, application_id)
        ensure_day_open(session, app)
        _move(session, operator, app, Status.SUBMITTED, "submitted")
        session.add(OutboxEntry(kind="application_submitted", entity_id=str(app.id),
                                payload=application_payload(app, operator.site_code)))
        for payload in file_payloads(session, app):
            session.add(OutboxEntry(kind="blob", entity_id=str(app.id), payload=payload))
        return Step(app.id, app.number, Status(app.status))


def withdraw(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID) -> Step:
    operator.require(Permission.INTAKE)
    with ctx.sessions.begin() as session:
        app = load_application(session, application_id)
        ensure_day_open(session, app)
        _move(session, operator, app, Status.WITHDRAWN, "withdrawn")
        return Step(app.id, app.number, Status(app.status))


def missing_of(app: Application) -> list[str]:
    """Labels of the materials still missing (each required one, one of each group)."""
    checklist = tuple(Material(m.code, m.label, m.required, group=m.group)
                      for m in app.materials)
    return missing_materials(checklist, {m.code for m in app.materials if m.received})


def application_payload(app: Application, site_code: str) -> dict:
    """What the central side receives; the files follow as their own entries."""
    guardian = app.guardian
    return {
        "id": str(app.id), "number": app.number, "site_code": site_code,
        "business_type": app.business_type, "status": app.status,
        "submitted_at": dt.datetime.now(dt.UTC).isoformat(),
        "applicant": {
            "name": app.name, "pinyin": app.pinyin, "sex": app.sex,
            "birth_date": app.birth_date.isoformat(), "id_type": app.id_type,
            "id_number": app.id_number, "phone": app.phone, "ethnicity": app.ethnicity,
            "nationality": app.nationality,
        },
        "guardian": None if guardian is None else {
            "name": guardian.name, "relation": guardian.relation,
            "id_number": guardian.id_number, "phone": guardian.phone,
        },
        "presenter": app.presenter,
        "agent": None if not app.agent_name else {
            "name": app.agent_name, "id_number": app.agent_id_number,
            "phone": app.agent_phone, "relation": app.agent_relation},
        "materials": [m.code for m in app.materials if m.received],
        "replaces_card": app.replaces_card or None,
        "photo_sha256": (app.photos[-1].sha256 or None) if app.photos else None,
        "photo": photo_summary(app.photos[-1]) if app.photos else None,
        "fee": fees.fee_payload(app),  # the central side keeps it in the payload for now
    }


def photo_summary(photo: Photo) -> dict:
    """How the application's photo came: its source, and for a photo receipt its number
    and whether its photo is attached or still for the card centre to resolve."""
    receipt = None
    if photo.receipt_number:
        receipt = {"number": photo.receipt_number,
                   "status": "attached" if photo.sha256 else "pending"}
    return {"source": photo.source, "sha256": photo.sha256 or None, "receipt": receipt}


def file_payloads(session: Session, app: Application) -> list[dict]:
    """The photo and the kept files (scans, signed form, original capture) that travel
    to the central side with the application, one outbox entry each."""
    files = [(photo.sha256, photo.path, "photo") for photo in app.photos[-1:]]
    attachments = session.scalars(select(Attachment).where(
        Attachment.application_id == app.id).order_by(Attachment.created_at))
    files += [(a.sha256, a.path, a.kind) for a in attachments]
    seen, payloads = set(), []
    for sha256, path, role in files:
        if sha256 and sha256 not in seen:
            seen.add(sha256)
            payloads.append({"application_id": str(app.id), "sha256": sha256, "path": path,
                             "role": role})
    return payloads


def _move(session: Session, operator: CurrentOperator, app: Application, target: Status,
          action: str) -> None:
    current = Status(app.status)
    if target in AFTER_EXAMINATION:
        review.check_may_continue(session, app)
    app.status = check_transition(current, target)
    audit.record(session, action=action, entity="application", entity_id=app.id,
                 operator_id=operator.id, site_id=operator.site_id,
                 from_status=current, to_status=target)


def _audit_step(session: Session, operator: CurrentOperator, app: Application,
                action: str) -> None:
    """A step that leaves the status as it is."""
    audit.record(session, action=action, entity="application", entity_id=app.id,
                 operator_id=operator.id, site_id=operator.site_id,
                 from_status=app.status, to_status=app.status)


def load_application(session: Session, application_id: uuid.UUID) -> Application:
    app = session.get(Application, application_id)
    if app is None:
        raise IntakeError(MSG_NOT_FOUND)
    return app


def next_numbers(session: Session, operator: CurrentOperator, count: int) -> list[str]:
    """The next *count* application numbers: site code + date + daily sequence
    (SC001-20261122-0007); an enrolled counter adds its number within the site
    (SC001-20261122-02-0007), so two counters of one site never clash."""
    counter_no = session.get(Meta, "counter_no")
    counter = f"{int(counter_no.value):02d}-" if counter_no else ""
    prefix = f"{operator.site_code}-{dt.date.today():%Y%m%d}-{counter}"
    taken = session.scalar(select(func.count()).where(Application.number.startswith(prefix)))
    return [f"{prefix}{(taken or 0) + i:04d}" for i in range(1, count + 1)]


def new_application(session: Session, operator: CurrentOperator, number: str) -> Application:
    app = Application(number=number, site_id=operator.site_id, operator_id=operator.id,
                      status=Status.DRAFT)
    session.add(app)
    return app


def fill_applicant(ctx: AppContext, app: Application, business: BusinessType,
                   checked: CheckedApplicant) -> None:
    """Copy a checked applicant (with guardian, presenter, materials) onto *app*."""
    app.business_type = business.value
    for column, value in applicant_columns(checked).items():
        setattr(app, column, value)
    _set_guardian(app, checked.details.guardian if checked.is_minor else None)
    _reset_materials(ctx, app, business, checked)


def applicant_columns(checked: CheckedApplicant) -> dict:
    """The application's columns for a checked applicant (guardian and materials apart)."""
    details, resident, presenter = checked.details, checked.resident_id, checked.presenter
    agent = details.agent if presenter == "agent" else None
    return {
        "name": details.name.strip(), "pinyin": details.pinyin, "phone": details.phone,
        "sex": resident.sex, "birth_date": resident.birth_date, "id_number": resident.number,
        "id_type": details.id_type, "id_valid_until": details.id_valid_until,
        "ethnicity": details.ethnicity, "nationality": details.nationality,
        "occupation": details.occupation, "household_address": details.household_address,
        "residence_address": details.residence_address,
        "mailing_address": details.mailing_address,
        "presenter": presenter.value, "same_register": details.same_register,
        "preapplication_number": details.preapplication_number.strip(),
        "agent_name": agent.name.strip() if agent else "",
        "agent_id_number": agent.id_number.strip().upper() if agent else "",
        "agent_phone": agent.phone.strip() if agent else "",
        "agent_relation": agent.relation.strip() if agent else "",
    }


def guardian_columns(details: GuardianDetails) -> dict:
    return {"name": details.name.strip(), "relation": details.relation.strip(),
            "id_type": details.id_type, "id_number": details.id_number.strip().upper(),
            "phone": details.phone}


def material_columns(ctx: AppContext, business: BusinessType, checked: CheckedApplicant,
                     ) -> list[dict]:
    wanted = ctx.rules.materials_for(business, checked.is_minor,
                                     same_register=checked.details.same_register,
                                     presenter=checked.presenter)
    return [{"code": m.code, "label": m.label, "required": m.required, "group": m.group,
             "position": position} for position, m in enumerate(wanted)]


def _set_guardian(app: Application, details: GuardianDetails | None) -> None:
    """Update the guardian in place: replacing the row would clash on its unique key."""
    if details is None:
        app.guardian = None
        return
    guardian = app.guardian or Guardian()
    for column, value in guardian_columns(details).items():
        setattr(guardian, column, value)
    app.guardian = guardian


def _reset_materials(ctx: AppContext, app: Application, business: BusinessType,
                     checked: CheckedApplicant) -> None:
    """Make the checklist match the business type and who presents it, keeping ticks."""
    existing = {m.code: m for m in app.materials}
    records = []
    for columns in material_columns(ctx, business, checked):
        record = existing.get(columns["code"]) or MaterialRecord()
        for column, value in columns.items():
            setattr(record, column, value)
        records.append(record)
    app.materials = records
