"""Online pre-applications: looked up in the central database when staff press F3, by the
number the applicant brings and the applicant's (or guardian's) ID number. Nothing is
copied to the counter beforehand; each look-up counts against its budget."""

from __future__ import annotations

from dataclasses import fields

from counter_app.central import lookup
from counter_app.domain.business import BusinessType
from counter_app.domain.collection import normalise_id
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.services import central_access
from counter_app.services.context import AppContext

MSG_NOT_FOUND = QT_TRANSLATE_NOOP(
    "messages", "No online pre-application has the number {number} with this ID number. "
                "Check both numbers against the applicant's slip and ID.")
MSG_ENTER_ID = QT_TRANSLATE_NOOP(
    "messages", "Enter the applicant's (or the guardian's) ID number first: a "
                "pre-application is found by its number and that ID number together.")
MSG_ENTER_NUMBER = QT_TRANSLATE_NOOP("messages", "Please enter the pre-application number.")
APPLICANT_FIELDS = {f.name for f in fields(ApplicantDetails)} - {"guardian", "presenter",
                                                                 "agent", "extra"}


class PreApplicationNotFound(CounterError):
    code = "preapplication"


def find(ctx: AppContext, number: str, id_number: str, operator: str = ""
         ) -> tuple[BusinessType, ApplicantDetails]:
    """The pre-application *number* of the person with *id_number* (the applicant or the
    guardian): SyncError when the central database cannot be reached, LookupRefused past
    the counter's look-up budget, PreApplicationNotFound when the two do not match."""
    number = "".join(number.split()).upper()
    holder = normalise_id(id_number)
    if not number:
        raise ValidationError("preapplication_number", MSG_ENTER_NUMBER)
    if not holder:
        raise ValidationError("id_number", MSG_ENTER_ID)
    payload = central_access.ask(
        ctx, lambda connection: lookup.preapplication(connection, number, holder, operator))
    if payload is None:
        raise PreApplicationNotFound(MSG_NOT_FOUND, number=number)
    applicant = {k: v for k, v in payload.get("applicant", {}).items() if k in APPLICANT_FIELDS}
    guardian = payload.get("guardian")
    details = ApplicantDetails(
        **applicant, preapplication_number=number,
        guardian=GuardianDetails(**guardian) if guardian else None)
    return BusinessType(payload.get("business_type", BusinessType.LATER)), details
