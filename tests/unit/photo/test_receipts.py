"""Photo receipt numbers: typed loosely, stored in one form, checked against the formats
of each kind of issuer (resources/photo_receipts/formats.toml)."""

from __future__ import annotations

import pytest

from counter_app.domain.errors import ValidationError
from counter_app.photo.receipts import (STATION, STUDIO, ReceiptFormatError, ReceiptNumber,
                                        check_receipt, normalise_receipt, receipt_kinds)


def test_spaces_dashes_case_and_full_width_are_folded():
    assert normalise_receipt(" ab-12 34\u3000５６７８ ") == "AB12345678"


@pytest.mark.parametrize("typed", ["ZP20240315001", "1234 5678 9012", "ab-1234-5678"])
def test_studio_numbers(typed):
    assert check_receipt(typed) == ReceiptNumber(normalise_receipt(typed), STUDIO)


@pytest.mark.parametrize("typed", ["SC001-20261122-A3F9C2-0007", "sc00120261122a3f9c20007",
                                   "QX123456789012345678-20300101-000000-9999"])
def test_our_own_numbers_are_told_from_a_studio_s(typed):
    assert check_receipt(typed) == ReceiptNumber(normalise_receipt(typed), STATION)


@pytest.mark.parametrize("typed", ["", "   ", "1234567", "ZP2024-03-15/001", "照相馆123456",
                                   "1" * 21, "SC001-19991122-A3F9C2-0007",
                                   "SC001-20261122-A3F9CG-0007"])
def test_invalid_numbers_name_the_field(typed):
    with pytest.raises(ValidationError) as caught:
        check_receipt(typed)
    assert caught.value.field == "receipt_number"


def test_the_formats_are_data_checked_when_read(tmp_path):
    city = tmp_path / "formats.toml"
    city.write_text('[[kinds]]\nkind = "station"\npattern = "^P[0-9]{6}$"\n'
                    '[[kinds]]\nkind = "studio"\npattern = "^[0-9]{10}$"\n', encoding="utf-8")
    kinds = receipt_kinds(city)
    assert check_receipt("p123456", kinds).kind == STATION
    assert check_receipt("0123456789", kinds).kind == STUDIO
    with pytest.raises(ValidationError):
        check_receipt("ZP20240315001", kinds)  # the default studio format is not this city's

    for broken in ('[[kinds]]\nkind = "studio"\npattern = "^[0-9]{10}$"\n',  # no station kind
                   '[[kinds]]\nkind = "station"\npattern = "^([0-9]$"\n',  # bad expression
                   '[[kinds]]\nkind = "station"\n'):  # no pattern
        bad = tmp_path / f"bad{len(broken)}.toml"
        bad.write_text(broken, encoding="utf-8")
        with pytest.raises(ReceiptFormatError) as caught:
            receipt_kinds(bad)
        assert caught.value.params["file"] == bad.name
