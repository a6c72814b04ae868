"""Studio photo receipt numbers: typed loosely, stored in one form, checked by format."""

from __future__ import annotations

import pytest

from counter_app.domain.errors import ValidationError
from counter_app.photo.receipts import check_receipt, normalise_receipt


def test_spaces_dashes_case_and_full_width_are_folded():
    assert normalise_receipt(" ab-12 34\u3000５６７８ ") == "AB12345678"


@pytest.mark.parametrize("typed", ["ZP20240315001", "1234 5678 9012", "ab-1234-5678"])
def test_valid_numbers(ga461, typed):
    assert check_receipt(typed, ga461) == normalise_receipt(typed)


@pytest.mark.parametrize("typed", ["", "   ", "1234567", "ZP2024-03-15/001", "照相馆123456",
                                   "1" * 21])
def test_invalid_numbers_name_the_field(ga461, typed):
    with pytest.raises(ValidationError) as caught:
        check_receipt(typed, ga461)
    assert caught.value.field == "receipt_number"
