"""Read a committee's spreadsheet (xlsx or CSV) into rows of text, keyed by column.

Headers may be Chinese or English; unknown columns are ignored, missing required ones
stop the whole file with a message naming them. Size is checked before parsing: a
spreadsheet of applicants is a few hundred kilobytes, not a hundred megabytes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.security.input_files import InputFileError, read_input_file

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an xlsx's parts, unpacked

MSG_TOO_BIG = QT_TRANSLATE_NOOP(
    "messages", "The file is too large ({megabytes} MB); at most {limit} MB can be imported.")
MSG_UNREADABLE = QT_TRANSLATE_NOOP(
    "messages", "The file is not a readable spreadsheet (xlsx or CSV).")
MSG_EMPTY = QT_TRANSLATE_NOOP("messages", "The spreadsheet has no rows of applicants.")
MSG_COLUMNS = QT_TRANSLATE_NOOP(
    "messages", "The spreadsheet lacks the columns: {columns}. The first row must name the "
                "columns as the template does: get the template with “Save template…” in "
                "the batch intake window (or: counter-app batch template --out FILE).")
MSG_TOO_MANY = QT_TRANSLATE_NOOP(
    "messages", "The spreadsheet has more than {limit} rows; please split it.")

# column key -> accepted header texts (first one is the template's)
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "id_number": ("身份证号码", "公民身份号码", "身份证号", "id_number"),
    "phone": ("联系电话", "手机号码", "电话", "phone"),
    "ethnicity": ("民族", "ethnicity"),
    "household_address": ("户籍地址", "household_address"),
    "residence_address": ("居住地址", "常住地址", "residence_address"),
    "guardian_name": ("监护人姓名", "guardian_name"),
    "guardian_relation": ("与监护人关系", "监护人关系", "guardian_relation"),
    "guardian_id_number": ("监护人身份证号码", "guardian_id_number"),
    "guardian_phone": ("监护人电话", "guardian_phone"),
    # Optional, so last: the columns every row needs come first in the template.
    "business_type": ("业务类型", "申领类型", "business_type"),
    "old_card_number": ("原社会保障卡号", "原社保卡号", "原卡号", "old_card_number"),
}
# Checks name fields that are no column of their own: the guardian as a whole is found
# by the guardian's name column.
_FIELD_COLUMNS = {"guardian": "guardian_name"}
REQUIRED_COLUMNS = ("name", "id_number", "phone")


def _check_unpacked_size(raw: bytes) -> None:
    """An xlsx is a zip: a few MB can unpack to gigabytes (one huge cell). Its members'
    declared sizes are summed before anything is unpacked; a member that unpacks to more
    than it declares is stopped by zipfile itself (it checks as it reads)."""
    try:
        unpacked = sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(raw)).infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise SpreadsheetError(MSG_UNREADABLE) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(MSG_TOO_BIG, megabytes=unpacked // 2**20,
                               limit=MAX_UNPACKED_BYTES // 2**20)


class SpreadsheetError(CounterError):
    code = "spreadsheet"


@dataclass(frozen=True)
class Row:
    number: int           # the row number staff see in the spreadsheet (header is row 1)
    values: dict[str, str]


def read_rows(path: Path) -> list[Row]:
    return _rows(read_table(path))


def read_table(path: Path) -> list[list[str]]:
    """The first sheet of an xlsx, or a CSV, as rows of text cells (header included)."""
    try:  # a regular file of bounded size (a FIFO would hang the read)
        raw = read_input_file(path, MAX_BYTES)
    except InputFileError as exc:  # in the batch's own terms (exit code 2)
        raise SpreadsheetError(exc.template, **exc.params) from exc
    return _xlsx_table(raw) if zipfile.is_zipfile(io.BytesIO(raw)) else _csv_table(raw)


def _xlsx_table(raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # large: only when an xlsx comes
    _check_unpacked_size(raw)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            table.append([_cell_text(value) for value in row])
            if len(table) > MAX_ROWS + 1:
                raise SpreadsheetError(MSG_TOO_MANY, limit=MAX_ROWS)
        workbook.close()
        return table
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(MSG_UNREADABLE) from exc


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers
    return str(value).strip()


def _csv_table(raw: bytes) -> list[list[str]]:
    if b"\0" in raw[:4096]:
        raise SpreadsheetError(MSG_UNREADABLE)
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError(MSG_UNREADABLE)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    if len(table) > MAX_ROWS + 1:
        raise SpreadsheetError(MSG_TOO_MANY, limit=MAX_ROWS)
    return table


def _rows(table: list[list[str]]) -> list[Row]:
    table = [row for row in table]
    if not table or not any(table[0]):
        raise SpreadsheetError(MSG_EMPTY)
    positions = _column_positions(table[0])
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue  # blank lines between groups of applicants
        rows.append(Row(number, {key: cells[i] if i < len(cells) else ""
                                 for key, i in positions.items()}))
    if not rows:
        raise SpreadsheetError(MSG_EMPTY)
    return rows


def _column_positions(header: list[str]) -> dict[str, int]:
    positions, missing = header_positions(header, COLUMNS, REQUIRED_COLUMNS)
    if missing:
        raise SpreadsheetError(MSG_COLUMNS, columns="、".join(missing))
    return positions


def header_positions(header: list[str], columns: dict[str, tuple[str, ...]],
                     required: tuple[str, ...]) -> tuple[dict[str, int], list[str]]:
    """Where each column is, found by any of its accepted names (case, spaces and a
    byte-order mark ignored); and the first names of the required ones missing."""
    normalised = [h.strip().lower().replace(" ", "").lstrip("\ufeff") for h in header]
    positions = {}
    for key, names in columns.items():
        for name in names:
            if name.lower() in normalised:
                positions[key] = normalised.index(name.lower())
                break
    return positions, [columns[key][0] for key in required if key not in positions]


def template_header() -> list[str]:
    return [names[0] for names in COLUMNS.values()]


def column_title(field: str) -> str:
    """The template's header of the column a check's *field* is about (what staff look
    for in the spreadsheet); the field itself when no column holds it."""
    key = _FIELD_COLUMNS.get(field, field)
    return COLUMNS[key][0] if key in COLUMNS else field
