import psycopg
import pytest

from counter_app.central.database import SyncError
from counter_app.domain.business import BusinessType
from counter_app.domain.errors import ValidationError
from counter_app.services import intake, preapplications
from counter_app.central.admin import publish_preapplication
from tests.helpers import GUARDIAN_ID, child_id

PAYLOAD = {"business_type": "later",
           "applicant": {"name": "李𠮷", "id_number": child_id(), "phone": "13800138000",
                         "household_address": "某市某区", "not_a_field": "ignored"},
           "guardian": {"name": "李建国", "relation": "父亲", "id_number": GUARDIAN_ID,
                        "phone": "13800138001"}}


def test_a_pre_application_is_looked_up_with_the_applicants_id_and_fills_the_form(
        ctx, admin, central):
    publish_preapplication(central, "WS20261122001", PAYLOAD)
    with pytest.raises(preapplications.PreApplicationNotFound):  # the number alone: no
        preapplications.find(ctx, "WS20261122001", GUARDIAN_ID[:-1] + "3", "admin")
    business, details = preapplications.find(ctx, " ws20261122001 ", child_id(), "admin")
    assert business is BusinessType.LATER and details.name == "李𠮷"
    assert details.guardian.name == "李建国" and details.preapplication_number == "WS20261122001"
    assert preapplications.find(ctx, "WS20261122001", GUARDIAN_ID.lower())[1].name == "李𠮷"
    step = intake.save_applicant(ctx, admin, business, details)
    _, saved = intake.applicant_of(ctx, step.id)
    assert saved.preapplication_number == "WS20261122001"
    with psycopg.connect(central) as conn:  # each look-up recorded, the number hashed
        kinds = conn.execute("SELECT kind, operator FROM central_lookups").fetchall()
    assert kinds == [("preapplication", "admin")] * 2 + [("preapplication", "")]


def test_the_number_and_an_id_number_are_both_needed(ctx):
    for number, id_number in (("", child_id()), ("WS1", " ")):
        with pytest.raises(ValidationError):
            preapplications.find(ctx, number, id_number)


def test_with_the_central_database_down_it_says_so(ctx):
    with pytest.raises(SyncError):  # not enrolled: told so, nothing else tried
        preapplications.find(ctx, "WS20261122001", child_id())
