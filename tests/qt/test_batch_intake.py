"""Batch intake in the window: report, accept, hand over."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.qt import dialogs
from counter_app.qt.main_window import MainWindow
from tests.batch_helpers import applicant_rows, write_xlsx


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
    assert table.item(0, 1).text() == "身份证号码校验位不符，可能有数字录入错误。"

    qtbot.mouseClick(dialog.ui.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.ui.handover_button.isEnabled, timeout=10000)
    assert f"{30 - len(bad)}" in dialog.ui.summary_label.text()
    qtbot.mouseClick(dialog.ui.handover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=10000)
    with out.open(encoding="utf-8-sig") as stream:
        assert len(list(csv.reader(stream))) == 1 + 30 - len(bad)
    dialog.reject()
    assert window.model.rowCount() == 30 - len(bad)
