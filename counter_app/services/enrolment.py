"""Enrolment: this counter redeems its code with the central side and takes the identity
and credentials it gave (counter_app.central.enrolment)."""

from __future__ import annotations

from functools import partial

from counter_app.central import credentials
from counter_app.central import enrolment as central_enrolment
from counter_app.central.credentials import Enrolment
from counter_app.central.enrolment import EnrolmentCode
from counter_app.security import audit
from counter_app.services import auth
from counter_app.services.context import AppContext
from counter_app.store.models import Meta


def enrol(ctx: AppContext, code: str) -> Enrolment:
    """Redeem *code* (EnrolmentError with the reason when refused) and adopt the device."""
    return redeem(ctx, EnrolmentCode.from_code(code))


def redeem(ctx: AppContext, code: EnrolmentCode, builtin: bool = False) -> Enrolment:
    """The central side checks the code and the counter chooses the device's password; the
    credentials are saved before that commits, so a crash afterwards loses nothing: the
    same code again then finds them saved and working, and only adopts them."""
    saved = credentials.load(ctx.files)
    if saved and saved.device_id == code.device_id and central_enrolment.is_enrolled(saved):
        return adopt(ctx, saved)
    keep = partial(credentials.save, ctx.files)
    return adopt(ctx, central_enrolment.redeem(code, keep, builtin=builtin))


def adopt(ctx: AppContext, enrolment: Enrolment) -> Enrolment:
    """Store *enrolment*'s credentials and take its device id and site as this counter's."""
    credentials.save(ctx.files, enrolment)
    site_id = auth.ensure_site(ctx, enrolment.site_code, enrolment.site_code)
    with ctx.sessions.begin() as session:
        session.merge(Meta(key="device_id", value=enrolment.device_id))
        if enrolment.counter_no:
            session.merge(Meta(key="counter_no", value=str(enrolment.counter_no)))
        audit.record(session, action="enrolled", entity="device",
                     entity_id=enrolment.device_id, operator_id=None, site_id=site_id)
    ctx.__dict__.pop("device_id", None)  # the cached identity is stale now
    return enrolment


def enrolled(ctx: AppContext) -> Enrolment | None:
    return credentials.load(ctx.files)
