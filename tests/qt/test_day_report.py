"""Reports ▸ End-of-day report…: supervisors preview the report and print it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.security.roles import Role
from tests.helpers import add_operator, application_at
from tests.qt.qt_helpers import pdf_printer, printed_pages
from tests.qt.test_main_window import main_window


def test_a_supervisor_previews_and_prints_the_days_report(qtbot, ctx, admin, site_id,
                                                          tmp_path, monkeypatch):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    boss = add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    window = main_window(qtbot, ctx, boss)
    assert window.ui.action_end_of_day.isEnabled()
    window.ui.action_end_of_day.trigger()
    dialog = window.reports.dialog
    with qtbot.waitSignal(dialog.sig_rendered, timeout=20000) as rendered:
        pass
    path = rendered.args[0]
    assert path.name == f"end-of-day-SC001-{dt.date.today().isoformat()}.pdf"
    assert dialog.document.pageCount() >= 1 and dialog.ui.print_button.isEnabled()
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialogs, "setup_printer",
                        lambda printer, parent, title="": pdf_printer(printer, out) is printer)
    with qtbot.waitSignal(dialog.sig_printed, timeout=20000):
        dialog.ui.print_button.click()
    assert printed_pages(out) == dialog.document.pageCount()
    # another day: the report is made again for it
    yesterday = dt.date.today() - dt.timedelta(days=1)
    dialog.ui.date_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    with qtbot.waitSignal(dialog.sig_rendered, timeout=20000) as again:
        dialog.ui.refresh_button.click()
    assert again.args[0].name == f"end-of-day-SC001-{yesterday.isoformat()}.pdf"


def test_window_staff_have_no_end_of_day_report(qtbot, ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    window = main_window(qtbot, ctx, staff)
    assert not window.ui.action_end_of_day.isEnabled()
    window.reports.open()
    assert window.reports.dialog is None
