import pytest

from counter_app.forms.barcode import (
    CODE_B, CODE_C, START_B, START_C, BarcodeError, code128_symbols, module_widths)


def test_digit_runs_use_code_set_c_and_the_rest_set_b():
    symbols = code128_symbols("SC001-20261122-0001")
    assert symbols[0] == START_B
    assert symbols[1:7] == [ord(c) - 32 for c in "SC001-"]
    assert symbols[7:12] == [CODE_C, 20, 26, 11, 22]
    assert symbols[12:14] == [CODE_B, ord("-") - 32]
    assert symbols[14:17] == [CODE_C, 0, 1]


def test_a_number_starting_with_digits_starts_in_set_c():
    assert code128_symbols("20261122")[:5] == [START_C, 20, 26, 11, 22]


def test_check_symbol_is_the_weighted_sum_mod_103():
    symbols = code128_symbols("AB12")
    data = symbols[:-1]
    assert symbols[-1] == (data[0] + sum(i * v for i, v in enumerate(data[1:], 1))) % 103


def test_every_symbol_is_eleven_modules_and_the_stop_thirteen():
    widths = module_widths("SC001-20261122-0001")
    symbols = code128_symbols("SC001-20261122-0001")
    assert sum(map(int, widths)) == 11 * len(symbols) + 13


@pytest.mark.parametrize("text", ["", "王䶮", "tab\there"])
def test_text_outside_printable_ascii_is_refused(text):
    with pytest.raises(BarcodeError):
        code128_symbols(text)
