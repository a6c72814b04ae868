"""Enrolment: this counter takes the identity and credentials the central side gave it."""

from __future__ import annotations

from counter_app.central import credentials
from counter_app.central.credentials import Enrolment
from counter_app.security import audit
from counter_app.services import auth
from counter_app.services.context import AppContext
from counter_app.store.models import Meta


def enrol(ctx: AppContext, code: str) -> Enrolment:
    """Store the credentials (protected file), adopt the device id and the site."""
    return adopt(ctx, Enrolment.from_code(code))


def adopt(ctx: AppContext, enrolment: Enrolment) -> Enrolment:
    """Store *enrolment*'s credentials and take its device id and site as this counter's."""
    credentials.save(ctx.settings.protected_dir, enrolment)
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
    return credentials.load(ctx.settings.protected_dir)
