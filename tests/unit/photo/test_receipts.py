"""Photo receipt numbers: typed loosely, stored in one form, checked against the formats
of each kind of issuer (resources/photo_receipts/formats.toml)."""

from __future__ import annotations

import pytest

from counter_app.domain.errors import ValidationError
from counter_app.photo.receipts import (
    MSG_RECEIPT_CHECK_DIGIT, MSG_RECEIPT_DATE, MSG_RECEIPT_LAYOUT, MSG_RECEIPT_LONG,
    MSG_RECEIPT_PREFIX, MSG_RECEIPT_SHORT, MSG_RECEIPT_SITE, STATION, STUDIO, ReceiptFormatError,
    ReceiptNumber, check_receipt, normalise_receipt, receipt_kinds)


def test_spaces_dashes_case_and_full_width_are_folded():
    assert normalise_receipt(" ab-12 34\u3000５６７８ ") == "AB12345678"


@pytest.mark.parametrize("typed", ["ZP2024031500016", "zp 2024 0315 0001 6",
                                   "ＺＰ-202611220001-4", "ZP202403150018X"])
def test_studio_numbers(typed):
    assert check_receipt(typed) == ReceiptNumber(normalise_receipt(typed), STUDIO)


@pytest.mark.parametrize("typed", ["SC001-20261122-A3F9C2-0007", "sc00120261122a3f9c20007",
                                   "QX123456789012345678-20300101-000000-9999",
                                   "S-20240229-000001-0001"])
def test_our_own_numbers_are_told_from_a_studio_s(typed):
    assert check_receipt(typed) == ReceiptNumber(normalise_receipt(typed), STATION)


@pytest.mark.parametrize("typed", ["", "   ", "1234567", "ZP2024-03-15/001", "照相馆123456",
                                   "1" * 21, "SC001-19991122-A3F9C2-0007",
                                   "SC001-20261122-A3F9CG-0007", "ZP20240315001",
                                   "1234 5678 9012", "ab-1234-5678"])
def test_invalid_numbers_name_the_field(typed):
    with pytest.raises(ValidationError) as caught:
        check_receipt(typed)
    assert caught.value.field == "receipt_number"


def refusal(typed: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_receipt(typed)
    return caught.value


@pytest.mark.parametrize("typed, template, params", [
    # a studio number with one digit mistyped, or two swapped: the check digit catches it
    ("ZP2024031500017", MSG_RECEIPT_CHECK_DIGIT, {}),
    ("ZP2024031501006", MSG_RECEIPT_CHECK_DIGIT, {}),
    ("ZP20240315000A6", MSG_RECEIPT_LAYOUT, {"label": "定点照相馆回执"}),
    # a digit left out or one too many
    ("ZP202403150001", MSG_RECEIPT_SHORT, {"label": "定点照相馆回执", "length": "15"}),
    ("ZP20240315000166", MSG_RECEIPT_LONG, {"label": "定点照相馆回执", "length": "15"}),
    # the studio's length but not its prefix
    ("ZQ2024031500016", MSG_RECEIPT_PREFIX, {"prefixes": "ZP"}),
    ("202403150001600", MSG_RECEIPT_PREFIX, {"prefixes": "ZP"}),
    # ours: too short, a site part that is no site's, a day that does not exist
    ("20261122A3F9C20007", MSG_RECEIPT_SHORT, {"label": "本市照相点回执", "length": "19–38"}),
    ("站20261122A3F9C20007", MSG_RECEIPT_SITE, {"label": "本市照相点回执"}),
    ("SC001-20260230-A3F9C2-0007", MSG_RECEIPT_DATE, {}),
    ("SC001-20261122-A3F9C2-007", MSG_RECEIPT_LAYOUT, {"label": "本市照相点回执"}),
    ("A" * 21 + "20261122A3F9C20007", MSG_RECEIPT_LONG,
     {"label": "本市照相点回执", "length": "19–38"}),
])
def test_a_refusal_says_what_is_wrong_without_the_number(typed, template, params):
    refused = refusal(typed)
    assert (refused.template, refused.params) == (template, params)
    assert normalise_receipt(typed) not in str(refused)


def test_each_check_digit_algorithm_of_a_format(tmp_path):
    city = tmp_path / "formats.toml"
    city.write_text(
        '[[kinds]]\nkind = "station"\nsite_part = true\nlength = [9, 12]\n'
        'pattern = "(?P<date>20[0-9]{6})"\ncheck_digit = "iso7064_mod_37_2"\n'
        '[[kinds]]\nkind = "studio"\nlabel = "Luhn"\nprefixes = ["L", "LX"]\nlength = [9, 10]\n'
        'pattern = "[0-9]{7}"\ncheck_digit = "luhn"\n', encoding="utf-8")
    kinds = receipt_kinds(city)
    assert check_receipt("L79927398", kinds).kind == STUDIO      # 7992739 + Luhn 8
    assert check_receipt("LX79927398", kinds).kind == STUDIO     # the longer prefix first
    assert refusal_in(kinds, "L79927397").template == MSG_RECEIPT_CHECK_DIGIT
    assert check_receipt("A202611227", kinds).kind == STATION    # A20261122 + MOD 37-2
    assert refusal_in(kinds, "A202611228").template == MSG_RECEIPT_CHECK_DIGIT
    assert refusal_in(kinds, "202611227").template == MSG_RECEIPT_SITE  # no site part


def refusal_in(kinds, typed: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_receipt(typed, kinds)
    return caught.value


def test_the_formats_are_data_checked_when_read(tmp_path):
    city = tmp_path / "formats.toml"
    city.write_text('[[kinds]]\nkind = "station"\npattern = "^P[0-9]{6}$"\n'
                    '[[kinds]]\nkind = "studio"\npattern = "^[0-9]{10}$"\n', encoding="utf-8")
    kinds = receipt_kinds(city)
    assert check_receipt("p123456", kinds).kind == STATION
    assert check_receipt("0123456789", kinds).kind == STUDIO
    with pytest.raises(ValidationError):
        check_receipt("ZP2024031500016", kinds)  # the default studio format is not this city's

    for broken in ('[[kinds]]\nkind = "studio"\npattern = "^[0-9]{10}$"\n',  # no station kind
                   '[[kinds]]\nkind = "station"\npattern = "^([0-9]$"\n',  # bad expression
                   '[[kinds]]\nkind = "station"\n',  # no pattern
                   '[[kinds]]\nkind = "station"\npattern = "[0-9]"\nlength = 0\n',
                   '[[kinds]]\nkind = "station"\npattern = "[0-9]"\nlength = [9, 8]\n',
                   '[[kinds]]\nkind = "station"\npattern = "[0-9]"\nlength = 65\n',
                   '[[kinds]]\nkind = "station"\npattern = "[0-9]"\nprefixes = ["z-"]\n',
                   '[[kinds]]\nkind = "station"\npattern = "[0-9]"\nsite_part = "yes"\n',
                   '[[kinds]]\nkind = "station"\npattern = "[0-9]"\ncheck_digit = "md5"\n'):
        bad = tmp_path / f"bad{len(broken)}.toml"
        bad.write_text(broken, encoding="utf-8")
        with pytest.raises(ReceiptFormatError) as caught:
            receipt_kinds(bad)
        assert caught.value.params["file"] == bad.name
