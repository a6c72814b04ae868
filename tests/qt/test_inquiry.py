"""Inquiry at the window (Ctrl+I): the number field has the focus, Enter searches, a bad
number is named at once, the result prints."""

from __future__ import annotations

import subprocess
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.security.roles import Role
from counter_app.services import syncing
from tests.helpers import add_operator, application_at, child_id
from tests.qt.qt_helpers import pdf_printer, printed_pages
from tests.qt.test_main_window import main_window
from tests.helpers import opened


def open_inquiry(qtbot, window):
    qtbot.keyClick(window.ui.queue_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.inquiry.dialog is not None and window.inquiry.dialog.isVisible())
    dialog = window.inquiry.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ui.number_edit)
    return dialog


def search(qtbot, dialog, number: str):
    dialog.ui.number_edit.clear()
    qtbot.keyClicks(dialog.ui.number_edit, number)
    with qtbot.waitSignal(dialog.sig_answered, timeout=15000) as answered:
        qtbot.keyClick(dialog.ui.number_edit, Qt.Key.Key_Return)
    return answered.args[0]


def test_ctrl_i_then_enter_shows_the_applications_and_the_invalid_list(qtbot, ctx, admin,
                                                                      tmp_path, central):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    syncing.sync_now(ctx)  # the embedded central database knows it now
    window = main_window(qtbot, ctx, admin)
    dialog = open_inquiry(qtbot, window)
    result = search(qtbot, dialog, child_id())
    table = dialog.ui.applications_table
    assert table.rowCount() == 1 and table.item(0, 0).text() == result.applications[0].number
    assert table.item(0, 3).text() == "Submitted" and table.item(0, 2).text() == "新生儿参保申领"
    assert dialog.ui.invalid_table.rowCount() == 0
    assert "applications: 1, invalid-list entries: 0" in dialog.ui.summary_label.text()
    assert not dialog.ui.note_label.isVisible()
    assert dialog.ui.print_button.isEnabled()
    assert QApplication.focusWidget() is dialog.ui.number_edit  # ready for the next one
    # a mistyped next number: the last person's answer goes, and cannot be printed
    qtbot.keyClicks(dialog.ui.number_edit, child_id()[:-1] + "9")
    qtbot.keyClick(dialog.ui.number_edit, Qt.Key.Key_Return)
    assert dialog.ui.error_label.isVisible() and dialog.result is None
    assert table.rowCount() == 0 and not dialog.ui.print_button.isEnabled()
    assert dialog.ui.summary_label.text() == ""
    # the same shortcut again brings the open dialog forward
    qtbot.keyClick(window.ui.queue_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window.inquiry.dialog is dialog


def test_a_mistyped_number_is_named_without_a_lookup(qtbot, ctx, admin):
    window = main_window(qtbot, ctx, admin)
    dialog = open_inquiry(qtbot, window)
    asked = []
    dialog.sig_answered.connect(asked.append)
    qtbot.keyClicks(dialog.ui.number_edit, child_id()[:-1] + "9")
    qtbot.keyClick(dialog.ui.number_edit, Qt.Key.Key_Return)
    assert dialog.ui.error_label.isVisible()
    assert "check character" in dialog.ui.error_label.text()
    assert not dialog.busy and asked == []
    qtbot.keyClick(dialog.ui.number_edit, Qt.Key.Key_Backspace)  # typing clears the error
    assert not dialog.ui.error_label.isVisible()


def test_offline_the_note_shows_and_the_result_prints(qtbot, ctx, admin, tmp_path,
                                                      monkeypatch):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    ctx.settings = replace(ctx.settings, central_url="postgresql://x@127.0.0.1:1/x")
    window = main_window(qtbot, ctx, admin)
    dialog = open_inquiry(qtbot, window)
    result = search(qtbot, dialog, child_id())
    assert result.source == "local" and dialog.ui.note_label.isVisible()
    assert "cannot be reached" in dialog.ui.note_label.text()
    assert "(not yet sent)" not in dialog.ui.applications_table.item(0, 3).text()
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialogs, "setup_printer",
                        lambda printer, parent, title="": pdf_printer(printer, out) is printer)
    with qtbot.waitSignal(dialog.sig_printed, timeout=15000):
        qtbot.keyClick(dialog.ui.number_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed_pages(out) == 1
    rendered = ctx.settings.protected_dir / "inquiries" / f"{result.id}.pdf"
    text = subprocess.run(["pdftotext", str(opened(ctx, rendered)), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert result.masked_number in text and "本网点数据" in text


def test_photo_station_staff_have_no_inquiry(qtbot, ctx, admin, site_id):
    photographer = add_operator(ctx, admin, site_id, "photo", {Role.PHOTO_STATION})
    window = main_window(qtbot, ctx, photographer)
    assert not window.ui.action_inquiry.isEnabled()
    assert window.ui.action_inquiry.shortcut().toString() == "Ctrl+I"
