"""Batch intake in the window: report, accept, hand over."""

from __future__ import annotations

import csv
import subprocess
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from counter_app.batches.spreadsheet import read_table, template_header
from counter_app.domain.business import BusinessType
from counter_app.forms.batch import cover_pages
from counter_app.qt import dialogs
from counter_app.qt.batch_intake import BatchIntakeDialog
from counter_app.qt.i18n import message_for
from counter_app.qt.main_window import MainWindow
from counter_app.qt.tasks import TaskRunner
from counter_app.services import batches
from tests.batch_helpers import (applicant_rows, batch_applications, examine, write_csv,
                                 write_xlsx)
from tests.helpers import opened
from tests.qt.qt_helpers import pdf_printer, printed_pages


def test_batch_intake_from_the_main_window(qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    rows, bad = applicant_rows(30, bad_every=10)
    sheet = tmp_path / "village.xlsx"
    write_xlsx(sheet, rows)
    out = tmp_path / "handover.csv"
    monkeypatch.setattr(dialogs, "choose_spreadsheet", lambda parent: sheet)
    monkeypatch.setattr(dialogs, "choose_handover", lambda parent, name: ("建设银行某支行", out))

    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = window.batch_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.ui.committee_edit, "village")
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dialog.ui.accept_button.isEnabled, timeout=10000)
    table = dialog.ui.problems_table
    assert {int(table.item(r, 0).text()) for r in range(table.rowCount())} == bad
    assert table.item(0, 2).text() == "身份证号码"  # the column, as the spreadsheet names it
    assert table.item(0, 3).text() == "身份证号码校验位不符，可能有数字录入错误。"

    qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.ui.handover_button.isEnabled, timeout=10000)
    assert f"{30 - len(bad)}" in dialog.ui.summary_label.text()
    qtbot.mouseClick(dialog.ui.handover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=10000)
    with out.open(encoding="utf-8-sig") as stream:
        assert len(list(csv.reader(stream))) == 1 + 30 - len(bad)
    dialog.reject()
    assert window.model.rowCount() == 30 - len(bad)


def test_a_batch_prints_with_progress_and_the_window_stays_responsive(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    rows, _ = applicant_rows(30)
    sheet = tmp_path / "village.xlsx"
    write_xlsx(sheet, rows)
    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialogs, "choose_spreadsheet", lambda parent: sheet)
    monkeypatch.setattr(dialogs, "setup_printer", lambda printer, parent, title="": to_pdf(printer, printed))
    seen = record_progress(monkeypatch)
    dialog = batch_dialog(qtbot, ctx, admin)
    dialog.ui.committee_edit.setText("幸福村村委会")
    dialog.choose_file()
    qtbot.waitUntil(dialog.ui.accept_button.isEnabled, timeout=10000)
    qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.ui.print_button.isEnabled, timeout=10000)
    apps = batch_applications(ctx, dialog.accepted_batch.id)
    for app_id, *_ in apps:
        examine(ctx, admin, app_id)

    ticks = EventLoopTicks()
    qtbot.mouseClick(dialog.ui.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=60000)
    ticks.stop()
    assert ("preparing", 30, 30) in seen and seen[-1][0] == "printing"
    assert "已打印" in dialog.ui.summary_label.text() or "printed" in dialog.ui.summary_label.text()
    expected = cover_pages(30) + 30
    kept = opened(ctx, dialog.batch_print.path)
    assert printed_pages(printed) == expected == printed_pages(kept)
    cover = pdf_text(kept, last_page=cover_pages(30))
    assert dialog.accepted_batch.number in cover
    assert all(name in cover for _id, _number, name in apps) and cover.count("附后") == 30
    print(f"\nbatch of 30: longest pause of the event loop {ticks.longest_ms:.0f} ms")
    assert ticks.longest_ms < 1000  # one page painted (PySide keeps the GIL meanwhile)


def test_printing_a_batch_can_be_cancelled(qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    rows, _ = applicant_rows(12)
    sheet = tmp_path / "village.csv"
    write_csv(sheet, rows)
    accepted = batches.accept_batch(ctx, admin, sheet, "阳光社区")
    for app_id, *_ in batch_applications(ctx, accepted.id):
        examine(ctx, admin, app_id)
    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialogs, "setup_printer", lambda printer, parent, title="": to_pdf(printer, printed))
    original = BatchIntakeDialog._progressed

    def cancel_at_once(self, done, total):  # staff press Cancel at the first report
        original(self, done, total)
        if self.progress is not None:
            self.progress.findChild(QPushButton).click()

    monkeypatch.setattr(BatchIntakeDialog, "_progressed", cancel_at_once)
    dialog = batch_dialog(qtbot, ctx, admin)
    dialog.accepted_batch = accepted
    dialog.print_batch()
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=60000)
    assert dialog.ui.summary_label.text() == "已取消打印本批次。"
    assert dialog.batch_print is None and not printed.exists()  # the printer never started
    assert dialog.ui.print_button.isEnabled()


def test_a_batch_all_in_draft_prints_its_list(qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    sheet = tmp_path / "village.csv"
    write_csv(sheet, applicant_rows(3)[0])
    accepted = batches.accept_batch(ctx, admin, sheet, "阳光社区")
    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialogs, "setup_printer", lambda printer, parent, title="": to_pdf(printer, printed))
    dialog = batch_dialog(qtbot, ctx, admin)
    dialog.accepted_batch = accepted
    dialog.print_batch()
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=60000)
    assert printed_pages(printed) == 1
    assert "3" in dialog.ui.summary_label.text() and "初审" in dialog.ui.summary_label.text()


def test_the_window_saves_the_template_staff_give_to_committees(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    out = tmp_path / "模板.xlsx"
    asked = []
    monkeypatch.setattr(dialogs, "choose_template_file",
                        lambda parent, name: asked.append(name) or out)
    dialog = batch_dialog(qtbot, ctx, admin)
    qtbot.mouseClick(dialog.ui.save_template_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.ui.save_template_button.isEnabled, timeout=10000)
    assert asked[0].endswith(".xlsx") and str(out) in dialog.ui.summary_label.text()
    assert read_table(out)[0] == template_header()  # the columns the reader accepts
    assert not dialog.ui.accept_button.isEnabled()  # no spreadsheet checked yet


def test_a_template_that_cannot_be_saved_is_a_message_not_a_traceback(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "choose_template_file",
                        lambda parent, name: tmp_path / "gone" / "t.xlsx")
    dialog = batch_dialog(qtbot, ctx, admin)
    dialog.save_template()
    qtbot.waitUntil(dialog.ui.save_template_button.isEnabled, timeout=10000)
    text = dialog.ui.summary_label.text()
    assert "t.xlsx" not in text and ("choose another folder" in text or "换一个文件夹" in text)


def test_every_problem_of_a_row_is_listed_with_its_applicant(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    rows, bad = applicant_rows(4, bad_every=4)             # row 5: a wrong check character
    rows[0][2], rows[0][4] = "12345", "@某村"                # row 2: phone and address
    rows[1] += ["挂失"]                                     # row 3: a type that makes no card
    sheet = tmp_path / "village.xlsx"
    write_xlsx(sheet, rows)
    monkeypatch.setattr(dialogs, "choose_spreadsheet", lambda parent: sheet)
    dialog = batch_dialog(qtbot, ctx, admin)
    dialog.choose_file()
    qtbot.waitUntil(dialog.ui.accept_button.isEnabled, timeout=10000)
    table = dialog.ui.problems_table
    shown = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    report = dialog.report
    assert [line[0] for line in shown] == ["2", "2", "3", "5"]
    assert [line[2] for line in shown] == ["联系电话", "户籍地址", "业务类型", "身份证号码"]
    assert [line[3] for line in shown] == [message_for(p.error) for p in report.problems]
    assert shown[0][3] == "联系电话应为11位手机号码或固定电话号码。"  # Chinese, through Qt
    assert shown[3][1] == f"{rows[3][0]} 110105********{rows[3][1][-4:]}"
    assert not any(row[1] in line[1] for row in rows for line in shown)  # never in full
    summary = dialog.ui.summary_label.text()
    assert "1" in summary and ctx.rules.labels[BusinessType.LATER] in summary


def test_a_spreadsheet_without_the_columns_says_how_to_get_the_template(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    sheet = tmp_path / "own.csv"
    write_csv(sheet, [["王五", "x"]], header=["姓名", "地址"])
    monkeypatch.setattr(dialogs, "choose_spreadsheet", lambda parent: sheet)
    dialog = batch_dialog(qtbot, ctx, admin)
    dialog.choose_file()
    qtbot.waitUntil(dialog.ui.choose_button.isEnabled, timeout=10000)
    text = dialog.ui.summary_label.text()
    assert "身份证号码" in text and ("Save template" in text or "保存模板" in text)
    assert not dialog.ui.accept_button.isEnabled()


def test_the_template_save_dialog_gives_the_suffix_of_the_chosen_type(qtbot, monkeypatch,
                                                                      tmp_path):
    from PySide6.QtWidgets import QFileDialog

    answers = iter([(str(tmp_path / "模板"), "CSV (*.csv)"),
                    (str(tmp_path / "模板"), "Excel workbook (*.xlsx)"), ("", "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: next(answers))
    assert dialogs.choose_template_file(None, "t.xlsx") == tmp_path / "模板.csv"
    assert dialogs.choose_template_file(None, "t.xlsx") == tmp_path / "模板.xlsx"
    assert dialogs.choose_template_file(None, "t.xlsx") is None


def batch_dialog(qtbot, ctx, operator) -> BatchIntakeDialog:
    runner = TaskRunner()
    dialog = BatchIntakeDialog(ctx, operator, runner)
    qtbot.addWidget(dialog)
    dialog.runner_keeper = runner  # the runner has no parent here
    dialog.show()
    return dialog


def record_progress(monkeypatch) -> list[tuple[str, int, int]]:
    """What the progress dialog shows after each report: (phase, value, maximum)."""
    seen = []
    original = BatchIntakeDialog._progressed

    def progressed(self, done, total):
        original(self, done, total)
        if self.progress is not None:
            phase = "printing" if self.batch_print is not None else "preparing"
            seen.append((phase, self.progress.value(), self.progress.maximum()))

    monkeypatch.setattr(BatchIntakeDialog, "_progressed", progressed)
    return seen


class EventLoopTicks:
    """The longest time the GUI thread's event loop went without running a timer."""

    def __init__(self) -> None:
        self.longest_ms, self.last = 0.0, time.perf_counter()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, 1000 * (now - self.last))
        self.last = now

    def stop(self) -> None:
        self.timer.stop()


def to_pdf(printer, path) -> bool:
    return pdf_printer(printer, path) is printer


def pdf_text(path, last_page: int) -> str:
    return subprocess.run(["pdftotext", "-l", str(last_page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
