"""A replacement or renewal application names the card it replaces; the old card travels
with the application to the central side (which lists it as replaced)."""

import pytest

from counter_app.domain.business import BusinessType
from counter_app.domain.cards import MSG_CARD_NUMBER
from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails
from counter_app.services import intake
from counter_app.store.models import Application
from tests.card_helpers import ADULT_ID, adult_card


def _details(old_card: str = "") -> ApplicantDetails:
    return ApplicantDetails(name="李四", id_number=ADULT_ID, phone="13800138002",
                            old_card_number=old_card)


def _payload(ctx, app_id, site_code="SC001") -> dict:
    with ctx.sessions() as session:
        return intake.application_payload(session.get(Application, app_id), site_code)


@pytest.mark.parametrize("business", [BusinessType.REPLACEMENT, BusinessType.RENEWAL])
def test_the_old_card_is_kept_with_the_application_and_sent(ctx, admin, business):
    step = intake.save_applicant(ctx, admin, business, _details(" b2345 6789 "))
    assert _payload(ctx, step.id)["replaces_card"] == "B23456789"
    again_business, details = intake.applicant_of(ctx, step.id)
    assert (again_business, details.old_card_number) == (business, "B23456789")


def test_a_renewal_needs_the_number_printed_on_the_old_card(ctx, admin):
    with pytest.raises(ValidationError) as caught:
        intake.save_applicant(ctx, admin, BusinessType.RENEWAL, _details())
    assert (caught.value.field, caught.value.template) == (
        "old_card_number", intake.MSG_OLD_CARD_NEEDED)
    with pytest.raises(ValidationError) as caught:
        intake.save_applicant(ctx, admin, BusinessType.RENEWAL, _details("卡号12"))
    assert (caught.value.field, caught.value.template) == ("old_card_number", MSG_CARD_NUMBER)


def test_a_lost_cards_number_comes_from_this_counters_record_when_there_is_one(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.REPLACEMENT, _details())
    assert _payload(ctx, step.id)["replaces_card"] is None  # none known: the card centre finds it
    adult_card(ctx, admin, Status.ACTIVATED, "B23456789")
    step = intake.save_applicant(ctx, admin, BusinessType.REPLACEMENT, _details())
    assert _payload(ctx, step.id)["replaces_card"] == "B23456789"


def test_other_business_types_carry_no_old_card(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.LATER, _details("B23456789"))
    assert _payload(ctx, step.id)["replaces_card"] is None
