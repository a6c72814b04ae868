"""Where everything sits on the registration form. Adjust the form here, and only here.

The table is a grid of five columns: label, value, label, value, photo. Each row
lists its fields; a field takes a label column and a value column, and the last
value of a row stretches to the right edge (to the photo column for rows beside
the photo). Rows marked ``beside_photo`` must be consecutive.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from counter_app.forms.text import Box

TITLE = "社会保障卡申请登记表"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
COLUMN_WIDTHS = tuple(w * mm for w in (24, 49, 24, 49, 34))  # sums to 180 mm
QR_SIZE = 24 * mm
QR_BOX = Box(PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - 10 * mm - QR_SIZE, QR_SIZE, QR_SIZE)
TITLE_BASELINE = PAGE_HEIGHT - 27 * mm
TABLE_TOP = PAGE_HEIGHT - 38 * mm
PHOTO_SIZE = (26 * mm, 32 * mm)
CELL_PADDING = 1.5 * mm

LABEL_FONT_SIZE = 9.0
VALUE_FONT_SIZE = 10.5
MIN_FONT_SIZE = 6.0

DECLARATION = "本人已核对以上信息，确认真实、准确、完整；如有不实，愿承担相应责任。"
SIGNATURE_LABELS = ("申请人签名：", "监护人签名：")
SIGNATURE_DATE_LABEL = "日期："
SIGNATURE_LINE_WIDTH = 62 * mm
SIGNATURE_DATE_X = MARGIN + 110 * mm
SIGNATURE_DATE_LINE_WIDTH = 45 * mm
SIGNATURE_ROW_GAP = 15 * mm
NO_GUARDIAN = "—"


@dataclass(frozen=True)
class Field:
    label: str
    attr: str  # attribute of RegistrationFormData; "guardian.name" reaches into the guardian


@dataclass(frozen=True)
class Row:
    fields: tuple[Field, ...] = ()
    height_mm: float = 8
    section: str = ""  # set for a heading row spanning the table
    beside_photo: bool = False


def _pair(a: tuple[str, str], b: tuple[str, str] | None = None, **kw) -> Row:
    return Row(tuple(Field(*f) for f in (a, b) if f), **kw)


FORM_ROWS: tuple[Row, ...] = (
    Row(section="一、申请人信息", height_mm=7),
    _pair(("业务类型", "business_type"), beside_photo=True),
    _pair(("姓名", "name"), ("姓名拼音", "pinyin"), beside_photo=True),
    _pair(("性别", "sex"), ("民族", "ethnicity"), beside_photo=True),
    _pair(("国籍（地区）", "nationality"), ("出生日期", "birth_date"), beside_photo=True),
    _pair(("证件类型", "id_type"), ("证件号码", "id_number"), beside_photo=True),
    _pair(("证件有效期至", "id_valid_until"), ("联系电话", "phone"), beside_photo=True),
    _pair(("职业", "occupation")),
    _pair(("户籍地址", "household_address"), height_mm=16),
    _pair(("居住地址", "residence_address"), height_mm=16),
    _pair(("通讯地址", "mailing_address"), height_mm=16),
    Row(section="二、监护人信息（申请人为未成年人时填写）", height_mm=7),
    _pair(("监护人姓名", "guardian.name"), ("与申请人关系", "guardian.relation")),
    _pair(("证件类型", "guardian.id_type"), ("证件号码", "guardian.id_number")),
    _pair(("联系电话", "guardian.phone")),
    Row(section="三、受理信息", height_mm=7),
    _pair(("已收材料", "materials"), height_mm=18),
    _pair(("受理网点", "site_name"), ("经办人", "operator_name")),
    _pair(("受理日期", "date"), ("申请编号", "application_number")),
)


@dataclass(frozen=True)
class PlacedCell:
    kind: str  # "section", "label", "value" or "photo"
    content: str  # heading or label text, or the field attribute of a value cell
    box: Box


def place_cells(rows: tuple[Row, ...] = FORM_ROWS) -> list[PlacedCell]:
    """Turn the row table into boxes on the page, top to bottom."""
    cells, top = [], TABLE_TOP
    for row in rows:
        height = row.height_mm * mm
        cells += _place_row(row, top - height, height)
        top -= height
    return cells + [_photo_cell(rows)]


def table_bottom(rows: tuple[Row, ...] = FORM_ROWS) -> float:
    return TABLE_TOP - sum(row.height_mm for row in rows) * mm


def table_width() -> float:
    return sum(COLUMN_WIDTHS)


def _place_row(row: Row, y: float, height: float) -> list[PlacedCell]:
    if row.section:
        return [PlacedCell("section", row.section, Box(MARGIN, y, table_width(), height))]
    right_edge = MARGIN + sum(COLUMN_WIDTHS[:-1] if row.beside_photo else COLUMN_WIDTHS)
    cells, x = [], MARGIN
    for i, field in enumerate(row.fields):
        label_width, value_width = COLUMN_WIDTHS[2 * i], COLUMN_WIDTHS[2 * i + 1]
        if i == len(row.fields) - 1:
            value_width = right_edge - x - label_width
        cells.append(PlacedCell("label", field.label, Box(x, y, label_width, height)))
        cells.append(PlacedCell("value", field.attr, Box(x + label_width, y, value_width, height)))
        x += label_width + value_width
    return cells


def _photo_cell(rows: tuple[Row, ...]) -> PlacedCell:
    top, photo_top, photo_bottom = TABLE_TOP, None, None
    for row in rows:
        bottom = top - row.height_mm * mm
        if row.beside_photo:
            photo_top = top if photo_top is None else photo_top
            photo_bottom = bottom
        top = bottom
    x = MARGIN + sum(COLUMN_WIDTHS[:-1])
    return PlacedCell("photo", "photo", Box(x, photo_bottom, COLUMN_WIDTHS[-1], photo_top - photo_bottom))
