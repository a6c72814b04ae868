import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain import idnumber
from counter_app.domain.idnumber import IdNumberError, make_check_char, mask, parse_resident_id

VALID = "11010519491231002X"


def test_valid_number_tells_birth_date_sex_and_region():
    resident = parse_resident_id(" 11010519491231002x ")
    assert resident.number == VALID
    assert resident.birth_date == dt.date(1949, 12, 31)
    assert resident.sex == "F"
    assert resident.region == "朝阳区"


@pytest.mark.parametrize("text, template", [
    ("", idnumber.MSG_EMPTY),
    ("1101051949123", idnumber.MSG_LENGTH),
    ("110105491231002", idnumber.MSG_OLD_FORMAT),
    ("1101051949123100AX", idnumber.MSG_FORMAT),
    ("110105194912310021", idnumber.MSG_CHECKSUM),
    ("11010519491331002X", idnumber.MSG_BIRTH),
    ("99010519491231002X", idnumber.MSG_REGION),
])
def test_each_kind_of_mistake_has_its_own_message(text, template):
    with pytest.raises(IdNumberError) as caught:
        parse_resident_id(text)
    assert caught.value.template == template
    assert caught.value.field == "id_number"


def test_birth_date_in_the_future_is_refused():
    first17 = "11010520300101001"
    with pytest.raises(IdNumberError) as caught:
        parse_resident_id(first17 + make_check_char(first17), today=dt.date(2026, 11, 22))
    assert caught.value.template == idnumber.MSG_FUTURE


def test_age_counts_birthdays():
    resident = parse_resident_id(VALID)
    assert resident.age_on(dt.date(2026, 12, 30)) == 76
    assert resident.age_on(dt.date(2026, 12, 31)) == 77


def test_mask_keeps_region_and_last_four():
    assert mask(VALID) == "110105********002X"


@given(year=st.integers(1900, 2025), day_of_year=st.integers(0, 364),
       sequence=st.integers(0, 999))
def test_made_numbers_validate_and_any_single_digit_change_is_caught(year, day_of_year, sequence):
    birth = dt.date(year, 1, 1) + dt.timedelta(days=day_of_year)
    first17 = f"110105{birth:%Y%m%d}{sequence:03d}"
    number = first17 + make_check_char(first17)
    assert parse_resident_id(number).birth_date == birth
    changed = first17[:14] + str((int(first17[14]) + 1) % 10) + first17[15:] + number[-1]
    with pytest.raises(IdNumberError):
        parse_resident_id(changed)
