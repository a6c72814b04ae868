import pytest

from counter_app.central.database import SyncError
from counter_app.domain.business import BusinessType
from counter_app.services import intake, preapplications
from counter_app.central.admin import publish_preapplication
from tests.helpers import GUARDIAN_ID, child_id

PAYLOAD = {"business_type": "later",
           "applicant": {"name": "李𠮷", "id_number": child_id(), "phone": "13800138000",
                         "household_address": "某市某区", "not_a_field": "ignored"},
           "guardian": {"name": "李建国", "relation": "父亲", "id_number": GUARDIAN_ID,
                        "phone": "13800138001"}}


def test_a_pre_application_pulled_from_central_fills_the_form(ctx, admin, central):
    publish_preapplication(central, "WS20261122001", PAYLOAD)
    with pytest.raises(preapplications.PreApplicationNotFound):
        preapplications.find(ctx, "WS20261122001")  # not pulled yet
    assert preapplications.refresh(ctx) == 1
    business, details = preapplications.find(ctx, " ws20261122001 ")
    assert business is BusinessType.LATER and details.name == "李𠮷"
    assert details.guardian.name == "李建国" and details.preapplication_number == "WS20261122001"
    step = intake.save_applicant(ctx, admin, business, details)
    _, saved = intake.applicant_of(ctx, step.id)
    assert saved.preapplication_number == "WS20261122001"


def test_pulling_with_the_central_database_down_says_so(ctx):
    with pytest.raises(SyncError):
        preapplications.refresh(ctx, "postgresql://postgres@127.0.0.1:1/x")
