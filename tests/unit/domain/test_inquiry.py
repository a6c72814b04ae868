"""What an inquiry may be made by: an ID number (checked) or a card number."""

import pytest

from counter_app.domain.idnumber import IdNumberError
from counter_app.domain.inquiry import (InquiryNumberError, NumberKind, mask_card_number,
                                        parse_inquiry_number)


@pytest.mark.parametrize("typed, kind, value, masked", [
    ("11010519491231002x", NumberKind.ID_NUMBER, "11010519491231002X", "110105********002X"),
    (" 110105 19491231 002X ", NumberKind.ID_NUMBER, "11010519491231002X",
     "110105********002X"),
    ("a12345678", NumberKind.CARD_NUMBER, "A12345678", "A****5678"),
    ("A1234-5678", NumberKind.CARD_NUMBER, "A12345678", "A****5678"),
    ("123456", NumberKind.CARD_NUMBER, "123456", "******"),
    ("A" + "1" * 29, NumberKind.CARD_NUMBER, "A" + "1" * 29, "A" + "*" * 25 + "1111"),
])
def test_the_kind_and_the_masked_form(typed, kind, value, masked):
    number = parse_inquiry_number(typed)
    assert (number.kind, number.value, number.masked) == (kind, value, masked)


@pytest.mark.parametrize("typed, message", [
    ("11010519491231002Y", "Only digits"),           # 17 digits and a wrong letter
    ("1101051949123100", "18 characters"),           # a digit missing
    ("110105491231002", "15-digit"),
    ("11010519491231003X", "check character"),
    ("", "Please enter"),
])
def test_id_shaped_numbers_go_through_the_id_checks(typed, message):
    with pytest.raises(IdNumberError, match=message):
        parse_inquiry_number(typed)


@pytest.mark.parametrize("typed", ["ABCDEFGH", "A1234", "A" + "1" * 30, "A12#45678"])
def test_other_text_is_neither(typed):
    with pytest.raises(InquiryNumberError):
        parse_inquiry_number(typed)


def test_card_numbers_are_masked_to_their_last_four():
    assert mask_card_number("A12345678") == "A****5678"
    assert mask_card_number(None) == "" and mask_card_number("12345") == "*****"
