"""Documents besides the registration form: pick-up voucher, rejection notice, applicant
guide and batch printing. Each renders a PDF and returns where it is; personal data stays
in the protected directory, in files named by UUID."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain.business import BusinessType, Condition, Material, Presenter
from counter_app.domain.clock import local_date
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.lifecycle import Status
from counter_app.forms.batch import CoverRow
from counter_app.forms.batch import render_batch as render_batch_pdf
from counter_app.forms.city_config import FormConfig
from counter_app.forms.data import BatchData, BatchEntry, GuideData
from counter_app.forms.guide import render_guide as render_guide_pdf
from counter_app.forms.slips import render_rejection_notice, render_voucher
from counter_app.security import audit
from counter_app.security.input_files import read_input_file
from counter_app.security.protected_files import MAX_PROTECTED_BYTES
from counter_app.security.roles import Permission
from counter_app.services import fees
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.intake import load_application
from counter_app.services.printing import form_config, form_data, form_fonts, slip_data
from counter_app.store.models import Application, AuditRecord, Batch, Operator, Site

VOUCHER_STATUSES = frozenset({Status.SIGNED, Status.SUBMITTED, Status.IN_PRODUCTION,
                              Status.PRODUCED, Status.AT_SITE, Status.NOTIFIED})
NOT_BATCHABLE = frozenset({Status.DRAFT, Status.REJECTED, Status.WITHDRAWN})
NOT_LISTED = frozenset({Status.REJECTED, Status.WITHDRAWN})  # not for the bank's list
# How the guide says when a material is needed (domain.business.Condition).
CONDITION_NOTES = {Condition.MINOR: "未满{age}周岁的申请人", Condition.ADULT: "年满{age}周岁的申请人",
                   Condition.NOT_SAME_REGISTER: "与监护人不在同一户口簿的"}
PRESENTER_NOTE = "由{presenter}办理的，另需{materials}"

MSG_NO_VOUCHER = QT_TRANSLATE_NOOP(
    "messages", "A pick-up voucher is issued once the application has been accepted (signed), "
                "until the card is collected.")
MSG_NOT_REJECTED = QT_TRANSLATE_NOOP(
    "messages", "A rejection notice is printed only for a rejected application.")
MSG_EMPTY_BATCH = QT_TRANSLATE_NOOP("messages", "Choose at least one application to print.")
MSG_NO_BATCH = QT_TRANSLATE_NOOP("messages", "The batch cannot be found.")
MSG_NOTHING_TO_LIST = QT_TRANSLATE_NOOP(
    "messages", "Every application of the batch was rejected or withdrawn: there is nothing "
                "to print.")
MSG_NOT_BATCHABLE = QT_TRANSLATE_NOOP(
    "messages", "The form of application {number} cannot be printed: it has not passed the "
                "examination yet, or it was rejected or withdrawn.")

Progress = Callable[[int, int], None]
# What a form prints besides the application row: loaded for a whole batch at once.
_FORM_PARTS = (selectinload(Application.guardian), selectinload(Application.photos),
               selectinload(Application.materials))


class DocumentError(CounterError):
    code = "document"


@dataclass(frozen=True)
class BatchPrint:
    path: Path
    batch_number: str
    forms: int
    listed: int = 0  # applications on the cover list (batch_of), forms or not


def voucher(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID) -> Path:
    """The pick-up voucher (取卡凭证): two copies, QR code, the date the card should be ready."""
    operator.require(Permission.INTAKE)
    config = form_config(ctx)
    with ctx.sessions() as session:
        app = load_application(session, application_id)
        if app.status not in VOUCHER_STATUSES:
            raise DocumentError(MSG_NO_VOUCHER)
        accepted = (_day_of(session, app, "submitted") or _day_of(session, app, "signed")
                    or dt.date.today())
        ready = accepted + dt.timedelta(days=int(config.voucher["days_to_produce"]))
        slip = slip_data(ctx, app, *_site_and_clerk(session, app), accepted.isoformat(),
                         masked=True, ready_by=ready.isoformat())
        fee, fee_status = fees.fee_text(fees.due_of(session, ctx.rules, app), ctx.rules)
        slip = dataclasses.replace(slip, fee=fee, fee_status=fee_status)
    fonts = form_fonts(ctx)
    out = ctx.files.write_with(_target("vouchers", application_id),
                               lambda stream: render_voucher(slip, config, stream, fonts))
    _audit(ctx, operator, "voucher_printed", "application", application_id)
    return out


def rejection_notice(ctx: AppContext, operator: CurrentOperator,
                     application_id: uuid.UUID) -> Path:
    """The rejection notice (不予受理告知书) listing the reasons recorded at examination."""
    operator.require(Permission.INTAKE)
    config = form_config(ctx)
    with ctx.sessions() as session:
        app = load_application(session, application_id)
        if app.status != Status.REJECTED:
            raise DocumentError(MSG_NOT_REJECTED)
        day = _day_of(session, app, "rejected") or dt.date.today()
        slip = slip_data(ctx, app, *_site_and_clerk(session, app), day.isoformat(), masked=True)
    fonts = form_fonts(ctx)
    out = ctx.files.write_with(
        _target("notices", application_id),
        lambda stream: render_rejection_notice(slip, config, stream, fonts))
    _audit(ctx, operator, "rejection_notice_printed", "application", application_id)
    return out


def guide(ctx: AppContext, operator: CurrentOperator, business: BusinessType) -> Path:
    """The applicant guide (申领须知) of a business type: no personal data on it."""
    operator.require(Permission.INTAKE)
    config = form_config(ctx)
    materials = ctx.rules.businesses[business].materials
    data = GuideData(
        business_type=ctx.rules.labels[business],
        required_materials=tuple(_material_label(ctx, m) for m in materials if m.required)
        + _presenter_materials(ctx),
        optional_materials=tuple(_material_label(ctx, m) for m in materials if not m.required),
        notes=config.guide_by_business.get(business.value, ()),
        site_name=operator.site_name, date=dt.date.today().isoformat())
    out = ctx.settings.data_dir / "documents" / f"guide-{business.value}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    render_guide_pdf(data, config, out, form_fonts(ctx))
    return out


def batch(ctx: AppContext, operator: CurrentOperator, application_ids: list[uuid.UUID],
          progress: Progress | None = None) -> BatchPrint:
    """One PDF for a community batch: a cover list, then each application's form (and its
    agreement where the city wants one). ``progress(done, total)`` runs on the caller's
    thread after each form; a Qt caller forwards it with a queued signal."""
    operator.require(Permission.INTAKE)
    if not application_ids:
        raise DocumentError(MSG_EMPTY_BATCH)
    config = form_config(ctx)
    batch_id, now = uuid.uuid4(), dt.datetime.now()
    with ctx.sessions() as session:  # read, then let go of the database while rendering
        entries = tuple(_batch_entry(ctx, session, config, app_id) for app_id in application_ids)
    number = f"PL-{operator.site_code}-{now:%Y%m%d-%H%M%S}"
    data = BatchData(entries, operator.site_name, operator.display_name,
                     now.date().isoformat(), number)
    fonts = form_fonts(ctx)
    out = ctx.files.write_with(
        _target("batches", batch_id),
        lambda stream: render_batch_pdf(data, config, stream, fonts, progress))
    _audit(ctx, operator, "batch_printed", "batch", batch_id, detail=f"forms={len(entries)}")
    return BatchPrint(out, number, len(entries))


def batch_of(ctx: AppContext, operator: CurrentOperator, batch_id: uuid.UUID,
             progress: Progress | None = None) -> BatchPrint:
    """The print of a community batch (batch intake): the cover list names every
    application of the batch that is not rejected or withdrawn, and the forms follow for
    those past examination. A batch still all in draft prints as its list alone, the list
    that goes to the bank with the handover file. ``progress`` as for batch(); it may
    raise to stop, and then nothing is written or recorded."""
    operator.require(Permission.INTAKE)
    config = form_config(ctx)
    with ctx.sessions() as session:  # read, then let go of the database while rendering
        number, entries, cover = _read_batch(ctx, session, config, batch_id)
    data = BatchData(entries, operator.site_name, operator.display_name,
                     dt.date.today().isoformat(), number)
    fonts = form_fonts(ctx)
    out = ctx.files.write_with(  # a reprint replaces the last one
        _target("batches", batch_id),
        lambda stream: render_batch_pdf(data, config, stream, fonts, progress, cover))
    _audit(ctx, operator, "batch_printed", "batch", batch_id,
           detail=f"listed={len(cover)} forms={len(entries)}")
    return BatchPrint(out, number, len(entries), len(cover))


def _read_batch(ctx: AppContext, session: Session, config: FormConfig, batch_id: uuid.UUID,
                ) -> tuple[str, tuple[BatchEntry, ...], tuple[CoverRow, ...]]:
    """The batch number, the forms past examination and the cover list's rows."""
    batch_row = session.get(Batch, batch_id)
    if batch_row is None:
        raise DocumentError(MSG_NO_BATCH)
    apps = session.scalars(select(Application).where(
        Application.batch_id == batch_id,
        Application.status.not_in([s.value for s in NOT_LISTED])
    ).options(*_FORM_PARTS).order_by(Application.number)).all()
    if not apps:
        raise DocumentError(MSG_NOTHING_TO_LIST)
    get = functools.cache(session.get)  # one site and one clerk for most of a batch
    entries = tuple(_entry_of(ctx, config, app, get(Site, app.site_id),
                              get(Operator, app.operator_id))
                    for app in apps if app.status not in NOT_BATCHABLE)
    return batch_row.number, entries, tuple(_cover_row_of(ctx, app) for app in apps)


def _cover_row_of(ctx: AppContext, app: Application) -> CoverRow:
    return CoverRow(app.number, app.name, app.id_number,
                    ctx.rules.labels[BusinessType(app.business_type)],
                    form_enclosed=app.status not in NOT_BATCHABLE)


def _batch_entry(ctx: AppContext, session: Session, config: FormConfig,
                 application_id: uuid.UUID) -> BatchEntry:
    app = load_application(session, application_id)
    if app.status in NOT_BATCHABLE:
        raise DocumentError(MSG_NOT_BATCHABLE, number=app.number)
    return _entry_of(ctx, config, app, *_site_and_clerk(session, app))


def _entry_of(ctx: AppContext, config: FormConfig, app: Application, site: Site | None,
              clerk: Operator | None) -> BatchEntry:
    form = form_data(ctx, app, site, clerk)
    agreement = (slip_data(ctx, app, site, clerk, form.date)
                 if config.needs_agreement(app.business_type) else None)
    return BatchEntry(form, agreement)


def _site_and_clerk(session: Session, app: Application) -> tuple[Site | None, Operator | None]:
    return session.get(Site, app.site_id), session.get(Operator, app.operator_id)


def _day_of(session: Session, app: Application, action: str) -> dt.date | None:
    """The local day the application last went through ``action``, if it did."""
    at = session.scalar(select(AuditRecord.at).where(
        AuditRecord.entity_id == str(app.id), AuditRecord.action == action
    ).order_by(AuditRecord.at.desc()).limit(1))
    return local_date(at)


def _material_label(ctx: AppContext, material: Material) -> str:
    condition = CONDITION_NOTES.get(material.condition, "")
    if not condition:
        return material.label
    return f"{material.label}（{condition.format(age=ctx.rules.minor_age)}）"


def _presenter_materials(ctx: AppContext) -> tuple[str, ...]:
    """"监护人代为办理的：监护人居民身份证" and the like, for everyone not the applicant."""
    return tuple(
        PRESENTER_NOTE.format(presenter=rule.label,
                              materials="、".join(m.label for m in rule.materials))
        for presenter, rule in ctx.rules.presenters.items()
        if presenter != Presenter.APPLICANT and rule.materials)


def _target(folder: str, name: uuid.UUID) -> str:
    """Where a print is kept in the protected directory (sealed), named by a UUID."""
    return f"{folder}/{name}.pdf"


def _audit(ctx: AppContext, operator: CurrentOperator, action: str, entity: str,
           entity_id: uuid.UUID, detail: str = "") -> None:
    with ctx.sessions.begin() as session:
        audit.record(session, action=action, entity=entity, entity_id=entity_id,
                     operator_id=operator.id, site_id=operator.site_id, detail=detail)


def document_bytes(ctx: AppContext, path: Path) -> bytes:
    """A PDF or picture the program made, to show or print: one in the protected directory
    is opened with the data key, any other (the applicant guide) read as it is."""
    if Path(path).is_relative_to(ctx.settings.protected_dir):
        return ctx.files.read(path)
    return read_input_file(Path(path), MAX_PROTECTED_BYTES)
