"""A fee at the window (issue 16): the signed page shows what a replacement costs, the
payment is ticked with its method (Alt+P) and recorded at Finish; a free type shows none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from counter_app.domain.lifecycle import Status
from counter_app.qt import wizard as wizard_module
from counter_app.services import fees
from tests.fee_helpers import replacement_at
from tests.helpers import application_at
from tests.qt.test_bad_input import open_wizard


def test_a_replacement_fee_is_taken_at_the_signed_page(qtbot, chinese, ctx, admin, tmp_path):
    application_id = replacement_at(ctx, admin, Status.SIGNED, tmp_path)
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    assert wizard.currentId() == wizard_module.SIGNED
    ui = wizard.currentPage().ui
    assert ui.fee_row.isVisible() and "¥20.00" in ui.paid_check.text()
    qtbot.keyClick(ui.signed_check, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(ui.paid_check.isChecked)  # a mnemonic's click is animated
    ui.method_combo.setCurrentIndex(ui.method_combo.findData("card"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    due = fees.fee_due(ctx, application_id)
    assert due.paid and due.method == "card" and due.paid_by


def test_a_free_application_shows_no_fee(qtbot, chinese, ctx, admin, tmp_path):
    application_id = application_at(ctx, admin, Status.SIGNED, tmp_path)  # a newborn's
    wizard = open_wizard(qtbot, ctx, admin, application_id)
    assert wizard.currentPage().ui.fee_row.isHidden()
