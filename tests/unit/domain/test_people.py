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


def test_every_field_in_error_is_named_at_once():
    """A bad ID number and an empty name: both, not the name alone."""
    from counter_app.domain.people import ValidationErrors
    with pytest.raises(ValidationErrors) as caught:
        check_applicant(child(name="", id_number="110105202403150030"), 16, TODAY)
    assert [error.field for error in caught.value.errors] == ["name", "id_number"]
    with pytest.raises(ValidationErrors) as caught:
        check_applicant(child(name="", guardian=GuardianDetails("", "父亲", GUARDIAN_ID, "1")),
                        16, TODAY)
    assert [e.field for e in caught.value.errors] == ["name", "guardian_name", "guardian_phone"]


def test_the_guardians_errors_say_whose():
    from counter_app.domain.people import MSG_GUARDIAN_NAME
    with pytest.raises(ValidationError) as caught:
        check_applicant(child(guardian=GuardianDetails(" ", "父亲", GUARDIAN_ID,
                                                       "13800138001")), 16, TODAY)
    assert caught.value.field == "guardian_name" and caught.value.template == MSG_GUARDIAN_NAME


def test_a_child_without_a_phone_takes_the_guardians():
    checked = check_applicant(child(phone=""), 16, TODAY)
    assert checked.details.phone == GUARDIAN.phone


def test_an_adult_still_needs_a_phone():
    with pytest.raises(ValidationError) as caught:
        check_applicant(ApplicantDetails("张三", GUARDIAN_ID, ""), 16, TODAY)
    assert caught.value.field == "phone"
