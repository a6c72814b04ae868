"""Where everything sits on the registration form. Adjust the form here, and only here.

The table is a grid (grid.py) of five columns: label, value, label, value, photo.
The other documents are laid out the same way in document_layouts.py.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from counter_app.forms.draw import CodesLayout
from counter_app.forms.grid import Grid, PlacedCell, Row, pair
from counter_app.forms.grid import place_cells as grid_cells
from counter_app.forms.text import Box

TITLE = "社会保障卡申请登记表"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
COLUMN_WIDTHS = tuple(w * mm for w in (24, 49, 24, 49, 34))  # sums to 180 mm
QR_SIZE = 24 * mm
QR_BOX = Box(PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - 10 * mm - QR_SIZE, QR_SIZE, QR_SIZE)
# Code 128 of the application number at the top left, its top level with the QR code's.
CODES = CodesLayout(qr_box=QR_BOX, bar_left=MARGIN, bar_height=9 * mm,
                    bar_module=0.27 * mm,  # narrowest bar: 2 pixels even in a 200-dpi scan
                    bar_max_width=62 * mm)
TITLE_SIZE = 20
TITLE_BASELINE = PAGE_HEIGHT - 31 * mm
TABLE_TOP = PAGE_HEIGHT - 38 * mm
PHOTO_SIZE = (26 * mm, 32 * mm)

LABEL_FONT_SIZE = 9.0
VALUE_FONT_SIZE = 10.5

DECLARATION = "本人已核对以上信息，确认真实、准确、完整；如有不实，愿承担相应责任。"
SIGNATURE_LABELS = ("申请人签名：", "监护人/代办人签名：")
SIGNATURE_DATE_LABEL = "日期："
SIGNATURE_FONT_SIZE = 10.5
SIGNATURE_LINE_END = MARGIN + 100 * mm  # every signature line ends here, whatever its label
SIGNATURE_DATE_X = MARGIN + 110 * mm
SIGNATURE_DATE_LINE_WIDTH = 45 * mm
SIGNATURE_ROW_GAP = 13 * mm
EMPTY_BLOCK = "—"  # the values of a guardian or agent the application has none of

FORM_ROWS: tuple[Row, ...] = (
    Row(section="一、申请人信息", height_mm=7),
    pair(("业务类型", "business_type"), beside_photo=True),
    pair(("姓名", "name"), ("姓名拼音", "pinyin"), beside_photo=True),
    pair(("性别", "sex"), ("民族", "ethnicity"), beside_photo=True),
    pair(("国籍（地区）", "nationality"), ("出生日期", "birth_date"), beside_photo=True),
    pair(("证件类型", "id_type"), ("证件号码", "id_number"), beside_photo=True),
    pair(("证件有效期至", "id_valid_until"), ("联系电话", "phone"), beside_photo=True),
    pair(("职业", "occupation")),
    pair(("户籍地址", "household_address"), height_mm=14),
    pair(("居住地址", "residence_address"), height_mm=14),
    pair(("通讯地址", "mailing_address"), height_mm=14),
    Row(section="二、监护人信息（申请人为未成年人时填写）", height_mm=7),
    pair(("监护人姓名", "guardian.name"), ("与申请人关系", "guardian.relation")),
    pair(("证件类型", "guardian.id_type"), ("证件号码", "guardian.id_number")),
    pair(("联系电话", "guardian.phone")),
    # Who is at the window; an agent's details in full (this form is the legal record).
    Row(section="三、办理人信息（由他人代办时填写代办人）", height_mm=7),
    pair(("办理人", "presenter_label"), ("代办人姓名", "agent.name")),
    pair(("证件类型", "agent.id_type"), ("证件号码", "agent.id_number")),
    pair(("与申请人关系", "agent.relation"), ("联系电话", "agent.phone")),
    Row(section="四、受理信息", height_mm=7),
    pair(("已收材料", "materials"), height_mm=16),
    pair(("受理网点", "site_name"), ("经办人", "operator_name")),
    pair(("受理日期", "date"), ("申请编号", "application_number")),
)


REGISTRATION_GRID = Grid(MARGIN, TABLE_TOP, COLUMN_WIDTHS, FORM_ROWS, photo_column=True)


def place_cells(grid: Grid = REGISTRATION_GRID) -> tuple[PlacedCell, ...]:
    return grid_cells(grid)


def table_bottom(grid: Grid = REGISTRATION_GRID) -> float:
    return grid.bottom


def table_width(grid: Grid = REGISTRATION_GRID) -> float:
    return grid.width
