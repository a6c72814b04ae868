"""The inquiry result and the end-of-day report as documents: one page for the inquiry
whatever it finds, the report running on to more pages with its headings repeated."""

import re

from counter_app.forms.day_report import (BusinessCount, DayReportPrint, OverdueLine,
                                          render_day_report)
from counter_app.forms.inquiry_result import (InquiryApplicationLine, InquiryInvalidLine,
                                              InquiryPrint, render_inquiry)
from tests.unit.documents.support import needs_poppler, run

pytestmark = needs_poppler


def text_of(pdf) -> str:
    return run("pdftotext", "-layout", str(pdf), "-")


def pages_of(pdf) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M).group(1))


def test_a_long_inquiry_result_stays_on_one_page_and_says_how_many_more(tmp_path):
    apps = [InquiryApplicationLine(f"SC001-20261122-{n:04d}", "示范社保服务中心", "补卡",
                                   "at_site", "2026-11-22", "2026-12-22") for n in range(10)]
    invalid = [InquiryInvalidLine(f"A****{n:04d}", "temporary_loss", "city", "released",
                                  "2026-11-01 09:00", "2026-11-08 09:00", "示范社保服务中心")
               for n in range(9)]
    pdf = tmp_path / "inquiry.pdf"
    render_inquiry(InquiryPrint("110105********002X", "id_number", "示范社保服务中心",
                                "2026-11-22 10:00", "central", "ABCD1234", apps, (), invalid),
                   pdf)
    text = text_of(pdf)
    assert pages_of(pdf) == 1
    assert "SC001-20261122-0005" in text and "SC001-20261122-0006" not in text
    assert "另有 4 条记录未列出" in text and "另有 3 条记录未列出" in text
    assert "临时挂失" in text and "已解除" in text and "市级" in text
    assert "无记录" in text  # no card
    assert "中心数据库（各服务网点）" in text and "中心数据库暂时无法连接" not in text
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(row.split()[-5:-3] == ["yes", "yes"] for row in fonts)


def test_a_report_with_many_overdue_cards_runs_on_with_its_headings(tmp_path):
    overdue = [OverdueLine(f"SC001-20261001-{n:04d}", "新生儿参保申领", "in_production",
                           "2026-10-31", 22) for n in range(60)]
    report = DayReportPrint("SC001", "示范社保服务中心", "2026-11-22", "2026-11-22 18:00",
                            (BusinessCount("新生儿参保申领", {"submitted": 7, "draft": 2}),
                             BusinessCount("补卡", {})), overdue=overdue)
    pdf = tmp_path / "eod.pdf"
    render_day_report(report, pdf)
    pages = pages_of(pdf)
    assert pages >= 2
    text = text_of(pdf)
    assert all(f"SC001-20261001-{n:04d}" in text for n in range(60))
    compact = "".join(text.split())
    assert compact.count("超期天数") >= 2  # the table's heading again on the next page
    assert all(f"第{page}页" in compact for page in range(1, pages + 1))
    assert "9件" in compact  # the day's applications
