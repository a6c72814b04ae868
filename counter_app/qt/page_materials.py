"""Wizard page 2: tick the materials handed in (the checklist comes from the rules)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import intake, queue


class MaterialsPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_materials.ui")
        self.checks: dict[str, QCheckBox] = {}

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
            check = QCheckBox(f"{line.label} *" if line.required else line.label)
            check.setChecked(line.received)
            layout.addWidget(check)
            self.checks[line.code] = check
        if self.checks:
            self.focus_later(next(iter(self.checks.values())))

    def validatePage(self) -> bool:  # noqa: N802
        received = {code for code, check in self.checks.items() if check.isChecked()}
        return self.run_step(intake.record_materials, self.state.application_id, received)
