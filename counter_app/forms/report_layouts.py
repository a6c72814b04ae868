"""Where everything sits on the inquiry result (查询结果单) and the end-of-day report
(日终报表), and the Chinese words they print for statuses, invalid-list kinds, levels and
states. Adjust them here, and only here."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.units import mm

from counter_app.forms.document_layouts import (BODY_SIZE, BOTTOM_MARGIN, CONTENT_WIDTH,
                                                DATE_LABEL, DOCUMENT_TITLE_SIZE, HEADING_SIZE,
                                                SMALL_SIZE, STAMP_LABEL)
from counter_app.forms.layout import MARGIN, PAGE_HEIGHT, PAGE_WIDTH

__all__ = ["BODY_SIZE", "BOTTOM_MARGIN", "CONTENT_WIDTH", "DATE_LABEL", "DOCUMENT_TITLE_SIZE",
           "HEADING_SIZE", "MARGIN", "PAGE_HEIGHT", "PAGE_WIDTH", "SMALL_SIZE", "STAMP_LABEL"]

# --- words ------------------------------------------------------------------------------
STATUS_LABELS = {
    "draft": "录入中", "examined": "已初审", "photo_ok": "已采集照片",
    "form_printed": "已打印登记表", "signed": "已签字", "submitted": "已提交",
    "in_production": "制卡中", "production_failed": "制卡失败", "produced": "已制卡",
    "at_site": "待领取", "notified": "已通知领卡", "collected": "已领取", "activated": "已激活",
    "rejected": "不予受理", "withdrawn": "已撤回",
}
INVALID_KIND_LABELS = {
    "temporary_loss": "临时挂失", "formal_loss": "正式挂失", "damage": "损坏",
    "expiry": "有效期满", "cancellation": "注销", "replaced": "已补换",
}
LEVEL_LABELS = {"city": "市级", "province": "省级", "national": "国家级"}
# The state of an invalid-list entry, settled with the clock.
STATE_LABELS = {"active": "在册（卡片不可用）", "released": "已解除", "cancelled": "已注销"}
PROMISE_LABELS = {"on_time": "按期", "due_soon": "即将到期", "overdue": "已超期"}
COLLECTOR_LABELS = {"applicant": "本人", "guardian": "监护人", "agent": "代办人"}
NONE = "—"


def label(table: dict[str, str], code: str | None) -> str:
    """The printed word for a code; an unknown code prints as it is."""
    if not code:
        return NONE
    return table.get(code, code)


# --- tables both documents draw ---------------------------------------------------------
ROW_HEIGHT = 7 * mm
HEADING_FILL = Color(0.9, 0.9, 0.9)
SECTION_GAP = 5 * mm        # space above a section heading
SECTION_DROP = 7 * mm       # from the heading's top to the table's top
FOOTER_BASELINE = 10 * mm
PAGE_FOOTER = "第 {page} 页"

# --- Inquiry result (社会保障卡信息查询结果), one A4 page ---------------------------------
INQUIRY_TITLE = "社会保障卡信息查询结果"
INQUIRY_TITLE_BASELINE = PAGE_HEIGHT - 24 * mm
INQUIRY_INFO_TOP = PAGE_HEIGHT - 32 * mm
INQUIRY_INFO_COLUMNS = tuple(w * mm for w in (24, 66, 24, 66))
INQUIRY_KIND_LABELS = {"id_number": "居民身份证号码", "card_number": "社会保障卡卡号"}
INQUIRY_SOURCE_LABELS = {"central": "中心数据库（各服务网点）", "local": "本网点数据（中心数据库未连接）"}
INQUIRY_INFO = (  # (label, key) pairs, two a row
    (("查询号码", "number"), ("号码类型", "kind")),
    (("查询网点", "site"), ("查询时间", "at")),
    (("数据来源", "source"), ("查询编号", "reference")),
)
INQUIRY_APPLICATIONS_HEADING = "一、申领记录"
INQUIRY_APPLICATION_COLUMNS = (("申请编号", 42 * mm), ("受理网点", 36 * mm),
                               ("业务类型", 32 * mm), ("申请状态", 28 * mm),
                               ("受理日期", 21 * mm), ("承诺制卡日期", 21 * mm))
INQUIRY_CARDS_HEADING = "二、社会保障卡"
INQUIRY_CARD_COLUMNS = (("申请编号", 44 * mm), ("卡号", 26 * mm), ("发卡银行", 26 * mm),
                        ("卡片状态", 24 * mm), ("制卡日期", 20 * mm), ("领卡日期", 20 * mm),
                        ("激活日期", 20 * mm))
INQUIRY_INVALID_HEADING = "三、挂失及失效名单（《社会保障卡管理办法》第十九条）"
INQUIRY_INVALID_COLUMNS = (("卡号", 24 * mm), ("类型", 20 * mm), ("级别", 16 * mm),
                           ("状态", 30 * mm), ("列入时间", 30 * mm), ("到期/解除时间", 30 * mm),
                           ("登记网点", 30 * mm))
INQUIRY_MAX_ROWS = 6        # per table: the result stays on one page
INQUIRY_ROW_HEIGHT = 6.5 * mm
INQUIRY_MORE = "另有 {count} 条记录未列出，请在窗口查看。"
INQUIRY_NOTHING = "无记录"
INQUIRY_NOT_SENT = "（未上传）"
INQUIRY_OFFLINE_NOTE = ("注：中心数据库暂时无法连接，以上仅为本网点保存的数据（本网点受理的申请及最近一次同步的"
                        "挂失及失效名单），其他服务网点的记录未包括在内。")
INQUIRY_PRIVACY_NOTE = ("本结果单仅列明办理状态，不含姓名、联系电话等个人信息；证件号码与卡号已作遮蔽处理。"
                        "临时挂失超过规定期限的，按本市规定自动解除或注销。")
INQUIRY_STAMP_DROP = 16 * mm  # the stamp below the last text

# --- End-of-day report (社会保障卡业务日终报表), A4, as many pages as it needs -----------
DAY_TITLE = "社会保障卡业务日终报表"
DAY_TITLE_BASELINE = PAGE_HEIGHT - 22 * mm
DAY_INFO_BASELINE = PAGE_HEIGHT - 31 * mm
DAY_INFO = "网点：{site}（{code}）　报表日期：{day}　生成时间：{generated}"
DAY_SUMMARY_TOP = PAGE_HEIGHT - 36 * mm
DAY_SUMMARY = (("当日受理申请", "applications"), ("当日领卡", "collected"),
               ("超期未制卡", "overdue"), ("5日内到期", "due_soon"), ("待领取", "ready"),
               ("当日收费", "fees"))
DAY_SUMMARY_UNIT = {"applications": "件", "collected": "张", "overdue": "件", "due_soon": "件",
                    "ready": "张", "fees": ""}
DAY_BY_BUSINESS_HEADING = "一、当日受理申请（按业务类型和状态）"
DAY_BUSINESS_COLUMN = ("业务类型", 52 * mm)
DAY_TOTAL_LABEL = "合计"
# Status groups, one column each (the exact statuses are in the next table).
DAY_STATUS_GROUPS = (
    ("窗口办理中", ("draft", "examined", "photo_ok", "form_printed", "signed")),
    ("已提交制卡", ("submitted", "in_production", "production_failed", "produced")),
    ("待领取", ("at_site", "notified")),
    ("已领取", ("collected", "activated")),
    ("不予受理", ("rejected",)),
    ("已撤回", ("withdrawn",)),
)
DAY_GROUP_WIDTH = 18 * mm   # 6 groups and the total: 7 x 18 mm + 52 mm = 178 mm
DAY_BY_STATUS_HEADING = "二、当日受理申请（按状态）"
DAY_STATUS_COLUMNS = (("状态", 52 * mm), ("件数", 24 * mm))
DAY_CHART_HEADING = "当日受理申请数（按业务类型）"
DAY_CHART_HEIGHT = 56 * mm
DAY_CHART_LEFT_LABELS = 56 * mm  # room for the business type names
DAY_CHART_BAR = Color(0.20, 0.42, 0.66)
DAY_COLLECTED_HEADING = "三、当日领卡"
DAY_COLLECTED_COLUMNS = (("序号", 14 * mm), ("申请编号", 50 * mm), ("业务类型", 50 * mm),
                         ("领取时间", 36 * mm), ("领取人", 30 * mm))
DAY_OVERDUE_HEADING = "四、超期未制卡（承诺制卡期限已过）"
DAY_OVERDUE_COLUMNS = (("序号", 14 * mm), ("申请编号", 48 * mm), ("业务类型", 46 * mm),
                       ("状态", 26 * mm), ("承诺日期", 26 * mm), ("超期天数", 20 * mm))
DAY_FEES_HEADING = "五、当日收费（按经办人和收费方式）"
DAY_FEES_OPERATOR_COLUMN = ("经办人", 40 * mm)
DAY_FEES_COUNT_COLUMN = ("笔数", 18 * mm)
DAY_FEES_TOTAL_COLUMN = ("金额合计", 30 * mm)
DAY_FEES_METHODS_WIDTH = 92 * mm  # shared by the methods' columns: 180 mm in all
DAY_FEES_UNPAID = "当日受理申请中应缴未缴：{count} 件，{amount}"
DAY_BLANKS_HEADING = "六、空白卡盘点（即时制卡网点日终）"
DAY_BLANKS_COLUMNS = (("领入", 30 * mm), ("已发卡", 30 * mm), ("作废", 30 * mm),
                      ("应有库存", 30 * mm), ("实点数", 30 * mm), ("差异", 30 * mm))
DAY_BLANKS_NOT_COUNTED = "尚未盘点（应有库存 = 领入 - 已发卡 - 作废，实点数与之不符须说明差异）。"
DAY_BLANKS_COUNTED = "盘点人：{operator}　盘点时间：{at}"
DAY_BLANKS_EXPLANATION = "差异说明：{text}"
DAY_BLANKS_PENDING = "注：另有 {count} 张空白卡在制卡中（结果未记录），不计入应有库存。"
DAY_NOTHING = "无"
DAY_STATUS_NOTE = "注：申请状态为生成报表时的状态；超期以报表日期计算。"
DAY_SIGNATURES = ("制表人：", "审核（主管）：")
# The day's close (日终结账), under the report of a closed day.
DAY_CLOSE_HEADING = "日终结账：未办结事项及说明"
DAY_CLOSE_COLUMNS = (("序号", 10 * mm), ("申请编号", 42 * mm), ("证件号码", 36 * mm),
                     ("事项", 24 * mm), ("说明原因", 54 * mm), ("可续办", 14 * mm))
DAY_CLOSE_KIND_LABELS = {"review": "待复核", "unsent": "未上传", "refused": "中心退回",
                         "unsigned": "已打印未签字", "old_drafts": "未办结",
                         "returned": "被退回"}
DAY_CLOSE_NOTE = "{n}. 备注：{text}"
DAY_CLOSE_NONE = "当日无未办结事项。"
DAY_CLOSE_CONTINUES = "是"  # the application may be continued on a later day
DAY_CLOSE_BY = "结账主管：{operator}　结账时间：{at}"
