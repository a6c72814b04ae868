"""The registration form of an application, rendered to a PDF in the protected directory,
with the card service agreement after it where the city's document settings ask for it."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import lru_cache
from pathlib import Path

from counter_app.domain.business import BusinessType, Presenter
from counter_app.domain.errors import CounterError
from counter_app.domain.idnumber import mask
from counter_app.forms.city_config import FormConfig, load_form_config
from counter_app.forms.data import (
    AgentBlock, ApplicationSlip, GuardianBlock, RegistrationFormData)
from counter_app.forms.fonts import FontSet, find_fonts
from counter_app.forms.layout import TITLE
from counter_app.forms.pdf import write_pdf
from counter_app.forms.registration import draw_registration_page
from counter_app.forms.slips import draw_agreement
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.closed_days import ensure_day_open
from counter_app.services.context import AppContext
from counter_app.services.intake import load_application
from counter_app.store.models import Application, Operator, Site

SEX_LABELS = {"M": "男", "F": "女"}
ID_TYPE_LABELS = {"resident_id": "居民身份证"}
# Nationality as the form prints it: the name with the ISO 3166 code the system stores.
NATIONALITY_LABELS = {"CHN": "中国（CHN）"}


def render_form(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID) -> Path:
    """Write the form PDF (named by the application's UUID, never by name or ID number)."""
    operator.require(Permission.INTAKE)
    config = form_config(ctx)
    with ctx.sessions() as session:
        app = load_application(session, application_id)
        ensure_day_open(session, app)  # a closed day's form is not printed again
        site, clerk = session.get(Site, app.site_id), session.get(Operator, app.operator_id)
        data = form_data(ctx, app, site, clerk)
        agreement = (slip_data(ctx, app, site, clerk, data.date)
                     if config.needs_agreement(app.business_type) else None)
    fonts = form_fonts(ctx)

    def draw(canvas) -> None:
        draw_registration_page(canvas, fonts, data)
        if agreement is not None:  # signed together with the form
            draw_agreement(canvas, fonts, agreement, config.agreement)

    # atomic: the preview never sees half a form
    return ctx.files.write_with(f"forms/{app.id}.pdf",
                                lambda stream: write_pdf(stream, fonts, TITLE, draw))


def form_fonts(ctx: AppContext) -> FontSet:
    """The fonts forms are printed in; FontsMissingError says why there are none."""
    return find_fonts(list(ctx.settings.font_paths) or None,
                      cache_dir=ctx.settings.data_dir / "cache" / "fonts")


def form_config(ctx: AppContext) -> FormConfig:
    """The document settings of the city the business rules are for."""
    return _config_of(ctx.rules.city)


@lru_cache(maxsize=4)
def _config_of(city: str) -> FormConfig:
    return load_form_config(city)


def form_data(ctx: AppContext, app: Application, site: Site | None,
              operator: Operator | None) -> RegistrationFormData:
    guardian = app.guardian
    photo = app.photos[-1] if app.photos else None
    return RegistrationFormData(
        application_number=app.number,
        business_type=ctx.rules.labels[BusinessType(app.business_type)],
        name=app.name, pinyin=app.pinyin, sex=SEX_LABELS.get(app.sex, app.sex),
        ethnicity=app.ethnicity,
        nationality=NATIONALITY_LABELS.get(app.nationality, app.nationality),
        id_type=ID_TYPE_LABELS.get(app.id_type, app.id_type), id_number=app.id_number,
        id_valid_until=app.id_valid_until, birth_date=app.birth_date.isoformat(),
        occupation=app.occupation, phone=app.phone,
        household_address=app.household_address, residence_address=app.residence_address,
        mailing_address=app.mailing_address,
        guardian=None if guardian is None else GuardianBlock(
            name=guardian.name, relation=guardian.relation,
            id_type=ID_TYPE_LABELS.get(guardian.id_type, guardian.id_type),
            id_number=guardian.id_number, phone=guardian.phone),
        presenter_label=_presenter_label(ctx, app.presenter), agent=_agent(app),
        materials=tuple(m.label for m in app.materials if m.received),
        photo_jpeg=_photo_bytes(ctx, photo.path) if photo and photo.path else None,
        photo_receipt_number=photo.receipt_number if photo else "",
        site_name=site.name if site else "", operator_name=operator.display_name if operator else "",
        date=dt.date.today().isoformat(),
    )


def _presenter_label(ctx: AppContext, presenter: str) -> str:
    rule = ctx.rules.presenters.get(Presenter(presenter)) if presenter else None
    return rule.label if rule else ""


def _agent(app: Application) -> AgentBlock | None:
    """The agent as entered, unmasked: the form is the record of who applied."""
    if app.presenter != Presenter.AGENT:
        return None
    return AgentBlock(name=app.agent_name, id_type=ID_TYPE_LABELS["resident_id"],
                      id_number=app.agent_id_number, phone=app.agent_phone,
                      relation=app.agent_relation)


def slip_data(ctx: AppContext, app: Application, site: Site | None, operator: Operator | None,
              date: str, *, masked: bool = False, ready_by: str = "") -> ApplicationSlip:
    """What the voucher, the notice and the agreement print about the application."""
    return ApplicationSlip(
        application_number=app.number,
        business_type=ctx.rules.labels[BusinessType(app.business_type)],
        name=app.name, id_type=ID_TYPE_LABELS.get(app.id_type, app.id_type),
        id_number=mask(app.id_number) if masked else app.id_number,
        site_name=site.name if site else "",
        operator_name=operator.display_name if operator else "", date=date,
        ready_by=ready_by,
        reasons=rejection_reasons(ctx, app),
        guardian_name=app.guardian.name if app.guardian else "")


def rejection_reasons(ctx: AppContext, app: Application) -> tuple[str, ...]:
    """The reasons chosen from the rules file, then those typed in, as the notice prints them."""
    chosen = [ctx.rules.rejection_reasons.get(code, code)
              for code in app.rejection_codes.split(",") if code]
    typed = [r.strip() for r in app.rejection_reasons.splitlines() if r.strip()]
    return tuple(chosen + typed)


def _photo_bytes(ctx: AppContext, relative: str) -> bytes | None:
    try:
        return ctx.files.read(relative)
    except (OSError, CounterError):  # gone or damaged: the form prints without it
        return None
