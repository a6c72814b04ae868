import datetime as dt

import pytest

from counter_app.domain.errors import ValidationError
from counter_app.domain.people import ApplicantDetails, GuardianDetails, check_applicant
from tests.helpers import GUARDIAN_ID, child_id

TODAY = dt.date(2026, 11, 22)
GUARDIAN = GuardianDetails("王建国", "父亲", GUARDIAN_ID, "13800138001")


def child(**changes) -> ApplicantDetails:
    values = dict(name="王䶮", id_number=child_id(), phone="13800138000", guardian=GUARDIAN)
    values.update(changes)
    return ApplicantDetails(**values)


def test_a_child_with_a_guardian_passes():
    checked = check_applicant(child(), 16, TODAY)
    assert checked.is_minor and checked.resident_id.sex == "M"


@pytest.mark.parametrize("changes, field", [
    ({"name": "  "}, "name"),
    ({"id_number": "110105202403150030"}, "id_number"),
    ({"phone": "12345"}, "phone"),
    ({"guardian": None}, "guardian"),
    ({"guardian": GuardianDetails("王建国", "", GUARDIAN_ID, "13800138001")}, "guardian_relation"),
    ({"guardian": GuardianDetails("王建国", "父亲", child_id(), "13800138001")},
     "guardian_id_number"),
])
def test_each_bad_field_is_named(changes, field):
    with pytest.raises(ValidationError) as caught:
        check_applicant(child(**changes), 16, TODAY)
    assert caught.value.field == field


def test_an_adult_needs_no_guardian():
    checked = check_applicant(ApplicantDetails("张三", GUARDIAN_ID, "010-12345678"), 16, TODAY)
    assert not checked.is_minor
