"""Wizard page 2: tick the materials handed in (the checklist comes from the rules).

Alt+1 … Alt+9 tick (or untick) the materials in turn. Ctrl+S scans the material whose check box has the focus from a file, Ctrl+D captures it
from the document camera: either way the picture is straightened and checked, staff
accept or retake it, and an accepted scan ticks the material.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog

from counter_app.qt import dialogs, document_camera
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
        self.camera_dialog: document_camera.DocumentCameraDialog | None = None
        self.ui.scan_button.clicked.connect(self.scan_current)
        self.ui.camera_button.clicked.connect(self.capture_current)
        QShortcut(QKeySequence("Ctrl+S"), self, self.scan_current)
        QShortcut(QKeySequence("Ctrl+D"), self, self.capture_current)

    def initializePage(self) -> None:  # noqa: N802
        """Rebuild the list each time: the business type may have changed."""
        self.errors.clear()
        layout = self.ui.materials_layout
        for check in self.checks.values():
            layout.removeWidget(check)
            check.deleteLater()
        self.checks.clear()
        detail = queue.application_detail(self.state.ctx, self.state.application_id)
        self.labels = {line.code: line.label for line in detail.materials}
        for line in detail.materials:
            check = QCheckBox(self._text(line.code, line.required))
            check.setProperty("required", line.required)
            check.setChecked(line.received)
            layout.addWidget(check)
            self.checks[line.code] = check
        if self.checks:
            self.focus_later(next(iter(self.checks.values())))

    def _text(self, code: str, required: bool) -> str:
        """The material's line, numbered: Alt+1 … Alt+9 tick the first nine."""
        position = list(self.labels).index(code) + 1
        label = self.labels[code].replace("&", "&&")
        text = f"&{position}  {label}" if position <= 9 else f"{position}  {label}"
        text = f"{text} *" if required else text
        return text + self.tr("  (scanned)") if code in self.scanned else text

    def scan_current(self) -> None:
        """Scan the chosen material from a file."""
        self._scan_file(self._chosen_code())

    def capture_current(self) -> None:
        """Capture the chosen material with the document camera."""
        self._capture(self._chosen_code())

    def _chosen_code(self) -> str | None:
        """The material with the focus (or the first one not yet ticked)."""
        if self.busy or not self.checks or not self.isVisible():
            return None  # the shortcut belongs to the wizard window: only act on this page
        focused = QApplication.focusWidget()
        return next((c for c, check in self.checks.items() if check is focused), None) or next(
            (c for c, check in self.checks.items() if not check.isChecked()),
            next(iter(self.checks)))

    def _scan_file(self, code: str | None) -> None:
        path = dialogs.choose_scan_file(self) if code else None
        if path is not None:
            self._straighten(scanning.straighten_file, path, code, self._scan_file)

    def _capture(self, code: str | None) -> None:
        if code is None:
            return
        dialog = document_camera.DocumentCameraDialog(
            document_camera.document_camera_source(self.state.ctx), self.labels[code], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_captured.connect(
            lambda frame: self._straighten(scanning.straighten, frame, code, self._capture))
        self.camera_dialog = dialog
        dialog.open()  # window-modal, not exec(): the wizard keeps painting behind it

    def _straighten(self, straighten: Callable, picture, code: str,
                    retake: Callable[[str], None]) -> None:
        self.busy = True
        self.state.runner.run(straighten, picture, code,
                              on_done=lambda scan: self._review(code, scan, retake),
                              on_error=self._failed)

    def _review(self, code: str, scan, retake: Callable[[str], None]) -> None:
        self.busy = False
        choice = dialogs.review_scan(self, self.labels[code], scan)
        if choice == RETAKE:
            self.checks[code].setFocus()
            retake(code)  # from where it came: the file dialog or the camera
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
