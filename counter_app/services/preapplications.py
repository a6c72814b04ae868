"""Online pre-applications: looked up at the counter by the number the applicant brings."""

from __future__ import annotations

from dataclasses import fields

from counter_app.domain.business import BusinessType
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.services.context import AppContext
from counter_app.store.models import PreApplication

MSG_NOT_FOUND = QT_TRANSLATE_NOOP(
    "messages", "No online pre-application has the number {number}. Check the number; if it "
                "was made today, sync (F9) and try again.")
APPLICANT_FIELDS = {f.name for f in fields(ApplicantDetails)} - {"guardian", "presenter",
                                                                 "agent", "extra"}


class PreApplicationNotFound(CounterError):
    code = "preapplication"


def refresh(ctx: AppContext, central_url: str | None = None) -> int:
    """Sync now (pre-applications come down with everything else); how many arrived."""
    from counter_app.services import syncing

    return syncing.sync_now(ctx, central_url).pulled.get("preapplications", 0)


def find(ctx: AppContext, number: str) -> tuple[BusinessType, ApplicantDetails]:
    number = number.strip().upper()
    with ctx.sessions() as session:
        found = session.get(PreApplication, number)
        if found is None:
            raise PreApplicationNotFound(MSG_NOT_FOUND, number=number)
        payload = found.payload
    applicant = {k: v for k, v in payload.get("applicant", {}).items() if k in APPLICANT_FIELDS}
    guardian = payload.get("guardian")
    details = ApplicantDetails(
        **applicant, preapplication_number=number,
        guardian=GuardianDetails(**guardian) if guardian else None)
    return BusinessType(payload.get("business_type", BusinessType.LATER)), details
