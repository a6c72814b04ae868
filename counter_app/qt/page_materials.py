"""Wizard page 2: tick the materials handed in (the checklist comes from the rules).

Ctrl+S scans the material whose check box has the focus: the scan is straightened and
checked, staff accept or retake it, and an accepted scan ticks the material.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog

from counter_app.qt import dialogs
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.qt.scan_preview import RETAKE
from counter_app.services import intake, queue, scanning


class MaterialsPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_materials.ui")
        self.checks: dict[str, QCheckBox] = {}
        self.labels: dict[str, str] = {}
        self.scanned: set[str] = set()
        self.busy = False
        self.ui.scan_button.clicked.connect(self.scan_current)
        QShortcut(QKeySequence("Ctrl+S"), self, self.scan_current)

    def initializePage(self) -> None:  # noqa: N802
        """Rebuild the list each time: the business type may have changed."""
        self.errors.clear()
        layout = self.ui.materials_layout
        for check in self.checks.values():
            layout.removeWidget(check)
            check.deleteLater()
        self.checks.clear()
        detail = queue.application_detail(self.state.ctx, self.state.application_id)
        for line in detail.materials:
            self.labels[line.code] = line.label
            check = QCheckBox(self._text(line.code, line.required))
            check.setProperty("required", line.required)
            check.setChecked(line.received)
            layout.addWidget(check)
            self.checks[line.code] = check
        if self.checks:
            self.focus_later(next(iter(self.checks.values())))

    def _text(self, code: str, required: bool) -> str:
        text = f"{self.labels[code]} *" if required else self.labels[code]
        return text + self.tr("  (scanned)") if code in self.scanned else text

    def scan_current(self) -> None:
        """Scan the material with the focus (or the first one not yet ticked)."""
        if self.busy or not self.checks or not self.isVisible():
            return  # the shortcut belongs to the wizard window: only act on this page
        focused = QApplication.focusWidget()
        code = next((c for c, check in self.checks.items() if check is focused), None) or next(
            (c for c, check in self.checks.items() if not check.isChecked()),
            next(iter(self.checks)))
        path = dialogs.choose_scan_file(self)
        if path is None:
            return
        self.busy = True
        self.state.runner.run(scanning.straighten_file, path, code,
                              on_done=lambda scan: self._review(code, scan),
                              on_error=self._failed)

    def _review(self, code: str, scan) -> None:
        self.busy = False
        choice = dialogs.review_scan(self, self.labels[code], scan)
        if choice == RETAKE:
            self.checks[code].setFocus()
            self.scan_current()
        elif choice == QDialog.DialogCode.Accepted:
            self.busy = True
            self.state.runner.run(scanning.accept_scan, self.state.ctx, self.state.operator,
                                  self.state.application_id, code, scan.image,
                                  on_done=lambda _step: self._accepted(code),
                                  on_error=self._failed)

    def _accepted(self, code: str) -> None:
        self.busy = False
        self.scanned.add(code)
        check = self.checks[code]
        check.setChecked(True)
        check.setText(self._text(code, bool(check.property("required"))))
        check.setFocus()

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.errors.show(error)

    def validatePage(self) -> bool:  # noqa: N802
        received = {code for code, check in self.checks.items() if check.isChecked()}
        return self.run_step(intake.record_materials, self.state.application_id, received)
