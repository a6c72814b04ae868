"""The registration form of an application, rendered to a PDF in the protected directory."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from counter_app.domain.business import BusinessType
from counter_app.forms.data import GuardianBlock, RegistrationFormData
from counter_app.forms.fonts import find_fonts
from counter_app.forms.registration import render_registration_form
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.intake import load_application
from counter_app.store.models import Application, Operator, Site

SEX_LABELS = {"M": "男", "F": "女"}
ID_TYPE_LABELS = {"resident_id": "居民身份证"}


def render_form(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID) -> Path:
    """Write the form PDF (named by the application's UUID, never by name or ID number)."""
    operator.require(Permission.INTAKE)
    with ctx.sessions() as session:
        app = load_application(session, application_id)
        data = form_data(ctx, app, session.get(Site, app.site_id),
                         session.get(Operator, app.operator_id))
    out = ctx.settings.protected_dir / "forms" / f"{app.id}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".part")
    fonts = find_fonts(list(ctx.settings.font_paths) or None)
    with partial.open("wb") as stream:
        render_registration_form(data, stream, fonts)
    partial.replace(out)  # never leave half a form where the preview looks
    return out


def form_data(ctx: AppContext, app: Application, site: Site | None,
              operator: Operator | None) -> RegistrationFormData:
    guardian = app.guardian
    photo = app.photos[-1] if app.photos else None
    return RegistrationFormData(
        application_number=app.number,
        business_type=ctx.rules.labels[BusinessType(app.business_type)],
        name=app.name, pinyin=app.pinyin, sex=SEX_LABELS.get(app.sex, app.sex),
        ethnicity=app.ethnicity, nationality=app.nationality,
        id_type=ID_TYPE_LABELS.get(app.id_type, app.id_type), id_number=app.id_number,
        id_valid_until=app.id_valid_until, birth_date=app.birth_date.isoformat(),
        occupation=app.occupation, phone=app.phone,
        household_address=app.household_address, residence_address=app.residence_address,
        mailing_address=app.mailing_address,
        guardian=None if guardian is None else GuardianBlock(
            name=guardian.name, relation=guardian.relation,
            id_type=ID_TYPE_LABELS.get(guardian.id_type, guardian.id_type),
            id_number=guardian.id_number, phone=guardian.phone),
        materials=tuple(m.label for m in app.materials if m.received),
        photo_jpeg=_photo_bytes(ctx, photo.path) if photo and photo.path else None,
        photo_receipt_number=photo.receipt_number if photo else "",
        site_name=site.name if site else "", operator_name=operator.display_name if operator else "",
        date=dt.date.today().isoformat(),
    )


def _photo_bytes(ctx: AppContext, relative: str) -> bytes | None:
    try:
        return (ctx.settings.protected_dir / relative).read_bytes()
    except OSError:
        return None
