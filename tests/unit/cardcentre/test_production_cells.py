"""The card factory's result template never carries a formula (OWASP CSV injection)."""

import csv
import io

from counter_app.cardcentre import production

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def test_the_result_template_has_no_cell_that_starts_a_formula():
    text = production.result_template([*HOSTILE, "SC001-1"])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert rows[0] == list(production.RESULT_HEADER)
    assert [row[0] for row in rows[1:]] == ["'" + number for number in HOSTILE] + ["SC001-1"]
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]

    from openpyxl import Workbook  # as a spreadsheet program would take the text in
    sheet = Workbook().active
    for row in rows:
        sheet.append(row)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in text  # every cell quoted
