"""The end-of-day report at an instant-issuance site: the supervisor counts the blank cards
in the dialog; a difference without an explanation is refused in words, with one the
count is recorded and the report shown again with it. Elsewhere there is nothing to
count."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from counter_app.qt.day_report import DayReportDialog
from counter_app.qt.tasks import TaskRunner
from counter_app.security.roles import Role
from counter_app.services import documents
from counter_app.services.blank_count import blank_count_of
from tests.helpers import add_operator
from tests.issuance_helpers import make_instant, sync
from tests.unit.documents.support import needs_poppler


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.wait_for_done(30000)


def _open(qtbot, ctx, operator, runner) -> DayReportDialog:
    dialog = DayReportDialog(ctx, operator, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_rendered, timeout=30000):
        dialog.show()
    return dialog


@needs_poppler
@pytest.mark.postgres
def test_a_supervisor_counts_the_blanks_before_the_report(qtbot, ctx, admin, site_id,
                                                           central, runner, tmp_path):
    make_instant(central)  # 50 blanks, none used
    sync(ctx)
    boss = add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    dialog = _open(qtbot, ctx, boss, runner)
    ui = dialog.ui
    assert ui.blank_group.isVisibleTo(dialog)
    assert "Expected in stock: 50" in ui.blank_expected_label.text()
    # staff type what they counted: nothing is filled in for them
    assert ui.count_spin.value() == 0 and ui.blank_error_label.isHidden()

    # two short, no explanation: refused in words, nothing recorded, the report not redone
    ui.count_spin.setValue(48)
    with qtbot.assertNotEmitted(dialog.sig_rendered, wait=200):
        ui.record_count_button.click()
    assert ui.blank_error_label.isVisibleTo(dialog)
    assert ui.blank_error_label.text().startswith(
        "48 blank cards were counted but 50 are expected")
    assert blank_count_of(ctx, dt.date.today()) is None

    # explained: recorded, then the report again, with the count in it
    ui.explanation_edit.setText("two blanks sent back to the card centre")
    with qtbot.waitSignal(dialog.sig_counted), qtbot.waitSignal(dialog.sig_rendered,
                                                                timeout=30000) as rendered:
        ui.record_count_button.click()
    assert ui.blank_error_label.isHidden()
    counted = blank_count_of(ctx, dt.date.today())
    assert (counted.counted, counted.difference, counted.counted_by) == (48, -2, "boss")
    assert "Counted today: 48." in ui.blank_expected_label.text()
    pdf = tmp_path / "eod.pdf"
    pdf.write_bytes(documents.document_bytes(ctx, rendered.args[0]))
    flat = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    assert "50 0 0 50 48 -2" in flat
    assert "差异说明：two blanks sent back to the card centre" in flat


def test_a_site_that_does_not_make_cards_has_nothing_to_count(qtbot, ctx, admin, runner):
    dialog = _open(qtbot, ctx, admin, runner)
    assert dialog.ui.blank_group.isHidden()
