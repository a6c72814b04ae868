"""The Documents menu prints the voucher, the notice and the guide through Qt printing."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from tests.helpers import application_at
from tests.qt.qt_helpers import pdf_printer, printed_pages
from tests.qt.test_main_window import main_window
from tests.helpers import opened


def printing_to(path, monkeypatch, titles: list | None = None):
    def to_pdf(printer, parent, title=""):
        if titles is not None:
            titles.append(title)
        return pdf_printer(printer, path) is printer
    monkeypatch.setattr(dialogs, "setup_printer", to_pdf)


def pdf_text(ctx, path) -> str:
    return subprocess.run(["pdftotext", str(opened(ctx, path)), "-"], capture_output=True,
                          text=True, check=True).stdout


def rendered(ctx) -> str:
    """The text of the newest document rendered into the protected directory (the printer
    gets page images, so the words are read from the document that was printed)."""
    newest = max(ctx.settings.protected_dir.rglob("*.pdf"), key=lambda p: p.stat().st_mtime)
    return pdf_text(ctx, newest)


def test_voucher_of_the_selected_application_is_printed(qtbot, chinese, ctx, admin, tmp_path,
                                                       monkeypatch):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    window.ui.queue_view.selectRow(0)
    out, titles = tmp_path / "voucher.pdf", []
    printing_to(out, monkeypatch, titles)
    window.ui.action_voucher.trigger()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=15000)
    assert printed_pages(out) >= 1
    assert titles == ["打印受理回执"]  # the print dialog says what it prints
    text = rendered(ctx)
    assert "取卡凭证" in text and window.model.index(0, 0).data() in text
    assert "王䶮" in text


def test_a_notice_for_an_application_not_rejected_is_refused_with_a_message(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    window.ui.queue_view.selectRow(0)
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: shown.append(text))
    window.ui.action_notice.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    assert shown == ["只有不予受理的申请才能打印不予受理告知书。"]


def test_the_guide_of_a_business_type_is_printed(qtbot, chinese, ctx, admin, tmp_path,
                                                 monkeypatch):
    window = main_window(qtbot, ctx, admin)
    out = tmp_path / "guide.pdf"
    printing_to(out, monkeypatch)
    window.ui.guide_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=15000)
    assert printed_pages(out) >= 1
    guide = ctx.settings.data_dir / "documents" / "guide-newborn.pdf"  # no personal data
    assert ctx.rules.labels[next(iter(ctx.rules.labels))] in pdf_text(ctx, guide)


def finish_wizard_of(qtbot, window, application_id, voucher: bool):
    window.open_wizard(application_id)
    wizard = window.wizard
    page = wizard.currentPage()
    assert page.ui.signed_check.isChecked() and page.ui.voucher_check.isChecked()
    page.ui.voucher_check.setChecked(voucher)
    with qtbot.waitSignal(window.sig_refreshed, timeout=5000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)


def test_the_voucher_prints_right_after_the_application_is_submitted(
        qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    out = tmp_path / "voucher.pdf"
    printing_to(out, monkeypatch)
    finish_wizard_of(qtbot, window, app_id, voucher=True)
    assert window.model.row_at(window.model.row_of(app_id)).status == Status.SUBMITTED
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=15000)
    assert printed_pages(out) == 1
    text = rendered(ctx)
    assert "取卡凭证" in text and window.model.row_at(0).number in text


def test_no_voucher_when_the_box_is_unticked(qtbot, chinese, ctx, admin, tmp_path, monkeypatch):
    app_id = application_at(ctx, admin, Status.SIGNED, tmp_path)
    window = main_window(qtbot, ctx, admin)
    asked = []
    monkeypatch.setattr(dialogs, "setup_printer", lambda printer, parent, title="": asked.append(1))
    finish_wizard_of(qtbot, window, app_id, voucher=False)
    window.runner.wait_for_done(5000)
    qtbot.wait(100)  # anything queued would have arrived
    assert not asked and not window.runner.busy
