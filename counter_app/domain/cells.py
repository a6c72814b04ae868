"""Spreadsheet cells that stay text: no formula reaches a bank, committee or card factory.

A CSV or xlsx cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is taken as a
formula by Excel, WPS and LibreOffice (``=HYPERLINK(...)``, ``@SUM(A1)``, DDE); a leading
tab or carriage return hides such a start. OWASP's CSV injection guidance: prefix such a
cell with a single quote, so it is shown as the text it is. Every text cell the program
writes into a spreadsheet goes through :func:`neutralise`.

Every column the program exports is text by design (application numbers, names, ID
numbers, dates, phones, addresses; no counts or amounts), so every cell is neutralised: a
legitimate negative number would come out as ``'-2``. A column that is numeric by design
would pass real numbers (int/float) as such; :func:`neutralise` leaves non-text values
alone.

This module lives in the domain package because every package that writes a spreadsheet
(services, card centre, batches) may import the domain, and the domain imports nothing
else of ours.
"""

from __future__ import annotations

from collections.abc import Iterable

# OWASP: = + - @ tab (0x09) carriage return (0x0D). Line feed too: a cell may begin with one.
FORMULA_STARTS = frozenset("=+-@\t\r\n")


def starts_like_formula(text: str) -> bool:
    """The text would be read as a formula: its first character, or its first one after
    leading spaces (some programs trim those on import), is a formula start."""
    if not text:
        return False
    return text[0] in FORMULA_STARTS or text.lstrip(" \u3000")[:1] in FORMULA_STARTS


def neutralise(value: object) -> object:
    """The cell as it should be written: text that would start a formula gets a leading
    single quote; other text, numbers, None and the rest stay as they are."""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


def neutralise_row(values: Iterable[object]) -> list[object]:
    return [neutralise(value) for value in values]
