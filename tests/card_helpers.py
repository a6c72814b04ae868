"""Cards as the card centre reports them (a pulled card record), for the collection,
activation and invalid-list tests."""

from __future__ import annotations

import datetime as dt
import uuid

from counter_app.domain.business import BusinessType
from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails
from counter_app.services import intake
from counter_app.store.models import Application, CardRecord
from tests.helpers import application_at

ADULT_ID = "110105198001010016"     # 1980-01-01, male
STRANGER_ID = "110105197506060014"  # neither applicant nor guardian
NOW = dt.datetime(2026, 12, 1, 9, 30)


def pull_card(ctx, application_id: uuid.UUID, status: Status | str = Status.AT_SITE,
              card_number: str | None = "A12345678", bank: str = "中国工商银行") -> None:
    """What a pull of the card record brings: the card centre's status of the card."""
    with ctx.sessions.begin() as session:
        record = session.get(CardRecord, application_id) or CardRecord(
            application_id=application_id)
        record.card_number, record.bank, record.status = card_number, bank, str(status)
        record.updated_at = NOW
        session.merge(record)


def child_card(ctx, operator, tmp_path, status=Status.AT_SITE, card_number="A12345678",
               first17="11010520240315003"):
    """A child's application, submitted, with its card at *status*; its id."""
    app_id = application_at(ctx, operator, Status.SUBMITTED, tmp_path, first17=first17)
    pull_card(ctx, app_id, status, card_number)
    return app_id


def adult_card(ctx, operator, status=Status.AT_SITE, card_number="B23456789",
               id_number: str | None = None):
    """An adult's application taken in at *operator*'s site, sent, with its card."""
    step = intake.save_applicant(ctx, operator, BusinessType.LATER, ApplicantDetails(
        name="李四", id_number=id_number or ADULT_ID, phone="13800138002"))
    with ctx.sessions.begin() as session:  # the steps up to submission are tested elsewhere
        session.get(Application, step.id).status = Status.SUBMITTED.value
    pull_card(ctx, step.id, status, card_number)
    return step.id
