"""Blank cards counted at day close at an instant-issuance site (issue 16): received −
issued − spoiled must equal the count; a difference needs an explanation and a supervisor;
the count is audited and printed in the end-of-day report (or "not counted yet")."""

import datetime as dt
import subprocess

import pytest
from sqlalchemy import select

from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import Status
from counter_app.encoders import SimulatedEncoder
from counter_app.security.roles import Role
from counter_app.services import reports
from counter_app.services.auth import Forbidden
from counter_app.services.blank_count import (BlankCountError, blank_count_of,
                                              record_blank_count)
from counter_app.store.models import AuditRecord
from tests.helpers import add_operator, application_at
from tests.issuance_helpers import issue, make_instant, sync
from tests.unit.documents.support import needs_poppler

pytestmark = pytest.mark.postgres


@pytest.fixture
def instant_site(ctx, central):
    """SC001 makes cards at the window: 50 blanks received, synced."""
    make_instant(central)
    sync(ctx)
    return central


@pytest.fixture
def day_of_cards(ctx, admin, instant_site, tmp_path):
    """Two cards made today: the first blank spoiled (chip failed), the second issued:
    expected 50 − 1 − 1 = 48."""
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    assert not issue(ctx, admin, app_id, SimulatedEncoder(fail_next=1)).ok
    assert issue(ctx, admin, app_id).ok
    return app_id


def _audits(ctx) -> list[str]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord.detail).where(
            AuditRecord.action == "blank_count_recorded").order_by(AuditRecord.id)))


def test_window_staff_record_a_count_that_matches(ctx, admin, site_id, day_of_cards):
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    today = dt.date.today()
    assert blank_count_of(ctx, today) is None
    done = record_blank_count(ctx, clerk, today, 48)
    assert (done.received, done.issued, done.spoiled, done.expected, done.counted,
            done.difference) == (50, 1, 1, 48, 48, 0)
    kept = blank_count_of(ctx, today)
    assert (kept.counted, kept.expected, kept.explanation, kept.counted_by) == (
        48, 48, "", "clerk")
    assert _audits(ctx) == [f"day={today} expected=48 counted=48 difference=+0 explained=no"]


def test_a_difference_needs_an_explanation_and_a_supervisor(ctx, admin, site_id,
                                                            day_of_cards):
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    boss = add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    today = dt.date.today()
    with pytest.raises(ValidationError) as refused:
        record_blank_count(ctx, boss, today, 46, "   ")
    assert refused.value.field == "explanation"
    assert str(refused.value) == (
        "46 blank cards were counted but 48 are expected (received 50, issued 1, spoiled "
        "1): explain the difference of -2.")
    with pytest.raises(Forbidden, match="recorded by a supervisor"):
        record_blank_count(ctx, clerk, today, 46, "two blanks bent in the drawer")
    assert blank_count_of(ctx, today) is None and _audits(ctx) == []
    done = record_blank_count(ctx, boss, today, 46, "two blanks  bent in the drawer")
    assert (done.difference, done.explanation) == (-2, "two blanks bent in the drawer")
    assert blank_count_of(ctx, today).counted_by == "boss"
    assert _audits(ctx) == [f"day={today} expected=48 counted=46 difference=-2 explained=yes"]
    # counted again: replaced, audited again
    record_blank_count(ctx, clerk, today, 48)
    assert (blank_count_of(ctx, today).counted, blank_count_of(ctx, today).explanation) == (
        48, "")
    assert _audits(ctx)[-1].endswith("difference=+0 explained=no recount=yes")


def test_only_today_and_a_whole_number(ctx, admin, instant_site):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="for today only"):
        record_blank_count(ctx, admin, yesterday, 50)
    with pytest.raises(ValidationError, match="negative"):
        record_blank_count(ctx, admin, dt.date.today(), -1, "x")


def test_a_site_that_does_not_make_cards_counts_no_blanks(ctx, admin):
    with pytest.raises(BlankCountError, match="does not make cards"):
        record_blank_count(ctx, admin, dt.date.today(), 0)
    assert reports.end_of_day(ctx, admin).instant is False


def _pdf_text(ctx, admin, tmp_path) -> str:
    report = reports.end_of_day(ctx, admin)
    pdf = reports.render_end_of_day(ctx, report, tmp_path / "eod.pdf", operator=admin)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


@needs_poppler
def test_the_report_shows_the_count_or_that_there_is_none(ctx, admin, site_id, day_of_cards,
                                                          tmp_path):
    report = reports.end_of_day(ctx, admin)
    assert report.instant and report.blank_count is None
    assert (report.blank_stock.received, report.blank_stock.expected) == (50, 48)
    flat = _pdf_text(ctx, admin, tmp_path)
    assert "六、空白卡盘点（即时制卡网点日终）" in flat
    assert "领入 已发卡 作废 应有库存 实点数 差异 50 1 1 48 — —" in flat
    assert "尚未盘点" in flat

    boss = add_operator(ctx, admin, site_id, "主管甲", {Role.SUPERVISOR})
    record_blank_count(ctx, boss, dt.date.today(), 47, "一张空白卡交卡管中心检测")
    assert reports.end_of_day(ctx, admin).blank_count.counted == 47
    flat = _pdf_text(ctx, admin, tmp_path)
    assert "领入 已发卡 作废 应有库存 实点数 差异 50 1 1 48 47 -1" in flat
    assert "盘点人：主管甲" in flat
    assert "差异说明：一张空白卡交卡管中心检测" in flat
    assert "尚未盘点" not in flat


@needs_poppler
def test_a_site_without_instant_issuance_has_no_blank_section(ctx, admin, tmp_path):
    assert "空白卡盘点" not in _pdf_text(ctx, admin, tmp_path)
