"""Spreadsheet cells never start a formula (OWASP CSV injection), and addresses that would
are refused where staff or a committee enter them."""

import pytest

from counter_app.domain.cells import neutralise, neutralise_row, starts_like_formula
from counter_app.domain.errors import ValidationError
from counter_app.domain.people import (MSG_ADDRESS_CHARS, MSG_ADDRESS_START, ApplicantDetails,
                                       GuardianDetails, check_address, check_applicant)
from tests.helpers import GUARDIAN_ID, child_id

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\t=1+1", "\r=1+1",
           " =1+1", "\u3000@SUM(A1)"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_start_gets_a_single_quote(text):
    assert starts_like_formula(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "四川省成都市武侯区某街1号", "SC001-20261122-001",
                                  "2016-05-04", "010-12345678", "A-1", "a=b", "'=1"])
def test_other_text_stays_as_it_is(text):
    assert not starts_like_formula(text)
    assert neutralise(text) == text


def test_only_text_is_touched():
    assert neutralise_row([-2, 3.5, None, "-2"]) == [-2, 3.5, None, "'-2"]


@pytest.mark.parametrize("address", ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)",
                                     " =1+1"])
def test_an_address_that_starts_a_formula_is_refused(address):
    with pytest.raises(ValidationError) as error:
        check_address("household_address", address)
    assert error.value.template == MSG_ADDRESS_START
    assert error.value.field == "household_address"
    assert "=, +, - or @" in str(error.value)


@pytest.mark.parametrize("address", ["\t=1+1", "\r=1+1", "某村\n=1+1", "某村\x00", "某村\x1b[0m"])
def test_an_address_with_control_characters_is_refused(address):
    with pytest.raises(ValidationError) as error:
        check_address("mailing_address", address)
    assert error.value.template == MSG_ADDRESS_CHARS


@pytest.mark.parametrize("field", ["household_address", "residence_address", "mailing_address"])
def test_the_applicant_check_refuses_each_address_field(field):
    details = ApplicantDetails(
        name="王䶮", id_number=child_id(), phone="13800138000",
        guardian=GuardianDetails("王建国", "父亲", GUARDIAN_ID, "13800138001"),
        **{field: '=HYPERLINK("http://x","y")'})
    with pytest.raises(ValidationError) as error:
        check_applicant(details, 16)
    assert error.value.field == field and error.value.template == MSG_ADDRESS_START


def test_ordinary_addresses_pass():
    for address in ("", "四川省成都市武侯区某街道1-2-3号", "某村3组 (老屋)", "No. 5, A-1"):
        check_address("household_address", address)
