"""Where everything sits on the pick-up voucher, the rejection notice, the card service
agreement, the applicant guide and the batch cover list. Adjust them here, and only here
(the registration form is in layout.py; texts are data in resources/forms/*.toml)."""

from __future__ import annotations

from reportlab.lib.units import mm

from counter_app.forms.draw import CodesLayout
from counter_app.forms.grid import Grid, Row, pair
from counter_app.forms.layout import CODES, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, TITLE_SIZE
from counter_app.forms.text import Box

CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN  # 180 mm
FOUR_COLUMNS = tuple(w * mm for w in (26, 64, 26, 64))
BODY_SIZE = 10.5
HEADING_SIZE = 12.5
SMALL_SIZE = 9.0
PARAGRAPH_GAP = 2 * mm
BOTTOM_MARGIN = 18 * mm
STAMP_LABEL = "受理网点（盖章）"
DATE_LABEL = "日期："

# --- Pick-up voucher (取卡凭证): two copies on one A4 page, cut apart along the middle.
VOUCHER_HALF = PAGE_HEIGHT / 2
VOUCHER_TITLE_DROP = 27 * mm  # title baseline below the top of a copy
VOUCHER_COPY_LABEL_SIZE = 9.0
VOUCHER_TABLE_DROP = 36 * mm  # table top below the top of a copy
VOUCHER_QR_SIZE = 20 * mm
VOUCHER_ROWS: tuple[Row, ...] = (
    pair(("申请编号", "application_number"), ("业务类型", "business_type")),
    pair(("申请人", "name"), ("证件号码", "id_number")),
    pair(("受理网点", "site_name"), ("经办人", "operator_name")),
    pair(("受理日期", "date"), ("预计制卡完成", "ready_by")),
    pair(("费用", "fee"), ("缴费情况", "fee_status")),
)
# The fee and whether it was paid (services/fees.py, fee_text).
VOUCHER_FEE_FREE = "免费"
VOUCHER_FEE_WAIVED = "{amount}（未满{age}周岁免收，原{standard}）"
VOUCHER_FEE_PAID = "已缴费（{method}）"
VOUCHER_FEE_UNPAID = "未缴费"
VOUCHER_FEE_NONE_DUE = "无需缴费"
VOUCHER_NOTES_LABEL = "温馨提示："
VOUCHER_CUT_TEXT = "（沿此线裁开）"


def voucher_codes(copy_top: float) -> CodesLayout:
    qr = Box(PAGE_WIDTH - MARGIN - VOUCHER_QR_SIZE, copy_top - 6 * mm - VOUCHER_QR_SIZE,
             VOUCHER_QR_SIZE, VOUCHER_QR_SIZE)
    return CodesLayout(qr_box=qr, bar_left=MARGIN, bar_height=8 * mm, bar_module=0.27 * mm,
                       bar_max_width=62 * mm)


def voucher_grid(copy_top: float) -> Grid:
    return Grid(MARGIN, copy_top - VOUCHER_TABLE_DROP, FOUR_COLUMNS, VOUCHER_ROWS)


# --- Photo receipt (社会保障卡照片回执): the top half of an A4 page, cut off along the
# middle like the voucher. The photo at the left, the number, issuer and date beside it
# with the Code 128 of the number, the QR code of the number at the right; notes below.
RECEIPT_HALF = PAGE_HEIGHT / 2
RECEIPT_TITLE_BASELINE = PAGE_HEIGHT - 22 * mm
RECEIPT_PHOTO = Box(MARGIN, PAGE_HEIGHT - 66 * mm, 26 * mm, 32 * mm)  # the card photo's size
RECEIPT_TEXT_LEFT = MARGIN + 34 * mm
RECEIPT_NUMBER_BASELINE = PAGE_HEIGHT - 37 * mm  # of its label; the lines follow
RECEIPT_NUMBER_SIZE = 15.0
RECEIPT_LINE_GAP = 6.8 * mm
RECEIPT_BARS = Box(RECEIPT_TEXT_LEFT, PAGE_HEIGHT - 66 * mm, 95 * mm, 6 * mm)
RECEIPT_QR = Box(PAGE_WIDTH - MARGIN - 36 * mm, PAGE_HEIGHT - 68 * mm, 36 * mm, 36 * mm)
RECEIPT_NOTES_TOP = PAGE_HEIGHT - 76 * mm
RECEIPT_NUMBER_LABEL = "回执编号："
RECEIPT_ISSUER_LABEL = "拍摄网点："
RECEIPT_DATE_LABEL = "拍摄日期："
RECEIPT_NOTES_LABEL = "温馨提示："
RECEIPT_NO_PHOTO = "照片"


# --- Rejection notice (不予受理告知书) and card service agreement (服务协议): A4, the
# registration form's header (codes and title), a small table, then flowing text.
DOCUMENT_CODES = CODES
DOCUMENT_TITLE_BASELINE = PAGE_HEIGHT - 37 * mm  # below the barcode's number
DOCUMENT_TABLE_TOP = PAGE_HEIGHT - 45 * mm
DOCUMENT_TITLE_SIZE = TITLE_SIZE
NOTICE_ROWS: tuple[Row, ...] = (
    pair(("申请编号", "application_number"), ("业务类型", "business_type")),
    pair(("申请人", "name"), ("证件号码", "id_number")),
    pair(("受理网点", "site_name"), ("经办人", "operator_name")),
    pair(("告知日期", "date")),
)
NOTICE_GRID = Grid(MARGIN, DOCUMENT_TABLE_TOP, FOUR_COLUMNS, NOTICE_ROWS)
NOTICE_REASONS_HEADING = "不予受理原因："
AGREEMENT_ROWS: tuple[Row, ...] = (
    pair(("申请编号", "application_number"), ("申请人", "name")),
    pair(("证件类型", "id_type"), ("证件号码", "id_number")),
)
AGREEMENT_GRID = Grid(MARGIN, DOCUMENT_TABLE_TOP, FOUR_COLUMNS, AGREEMENT_ROWS)
SIGNATURE_LINE_WIDTH = 62 * mm
SIGNATURE_DATE_X = MARGIN + 110 * mm
SIGNATURE_DATE_LINE_WIDTH = 45 * mm
SIGNATURE_ROW_GAP = 14 * mm

# --- Applicant guide (申领须知, Art. 16): A4, flowing text, no personal data.
GUIDE_TITLE_BASELINE = PAGE_HEIGHT - 25 * mm
GUIDE_SUBTITLE_DROP = 9 * mm
GUIDE_TEXT_TOP = PAGE_HEIGHT - 42 * mm
GUIDE_MATERIALS_HEADING = "办理所需材料"
GUIDE_REQUIRED_LABEL = "必须提供："
GUIDE_OPTIONAL_LABEL = "视情况提供："
GUIDE_NOTES_HEADING = "办理说明"
GUIDE_FOOTER = "{site}　{date}"

# --- Batch cover list (批量打印清单): A4, a table of the batch, then one form each.
BATCH_TITLE = "社会保障卡申请批量打印清单"
BATCH_TITLE_BASELINE = PAGE_HEIGHT - 22 * mm
BATCH_INFO_BASELINE = PAGE_HEIGHT - 32 * mm
BATCH_INFO = "批次号：{batch}　受理网点：{site}　经办人：{operator}　打印日期：{date}　共 {count} 份"
BATCH_TABLE_TOP = PAGE_HEIGHT - 38 * mm
BATCH_ROW_HEIGHT = 7 * mm
BATCH_COLUMNS: tuple[tuple[str, float], ...] = (  # heading, width; widths sum to 180 mm
    ("序号", 12 * mm), ("申请编号", 44 * mm), ("姓名", 30 * mm),
    ("证件号码", 42 * mm), ("业务类型", 34 * mm), ("登记表", 18 * mm))
BATCH_FORM_ENCLOSED = "附后"  # the form follows the cover list
BATCH_FORM_PENDING = "待初审"  # listed only: not yet past the examination
BATCH_PAGE_FOOTER = "第 {page} / {pages} 页"
BATCH_FOOTER_BASELINE = 10 * mm

# --- Notice letter (社会保障卡领卡通知书): A4, the codes header (the application number
# scans at the window as the voucher's does), the title, then the letter's paragraphs;
# texts come from the card centre's notice template (resources/notices/*.toml).
LETTER_TEXT_TOP = PAGE_HEIGHT - 50 * mm
LETTER_FIRST_LINE_INDENT = 2.0  # the first line of a paragraph, in characters (em)

# --- E-card guide (电子社会保障卡申领指南, issue 16): one A4 page of flowing text (texts
# from resources/ecard/*.toml), and a fixed block at the foot: the QR code of the city's
# page at the right, its caption, the address, the closing and the handling point at left.
ECARD_TITLE_BASELINE = PAGE_HEIGHT - 22 * mm
ECARD_TEXT_TOP = PAGE_HEIGHT - 30 * mm
ECARD_QR = Box(PAGE_WIDTH - MARGIN - 38 * mm, 14 * mm, 38 * mm, 38 * mm)  # quiet zone in
ECARD_FOOT_RULE = ECARD_QR.y + ECARD_QR.height + 3 * mm
ECARD_TEXT_BOTTOM = ECARD_FOOT_RULE + 3 * mm
ECARD_FOOT_WIDTH = CONTENT_WIDTH - ECARD_QR.width - 6 * mm
ECARD_FOOT_TOP = ECARD_FOOT_RULE - 6 * mm
ECARD_BANKS_LABEL = "合作银行："
ECARD_FOOTER = "{site}　{date}"
