"""Wizard page 4: import the applicant's photo from a file (Ctrl+O), in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut

from counter_app.qt import dialogs
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import intake, queue
from counter_app.services.intake import Step


class PhotoPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_photo.ui")
        self.has_photo = False
        self.busy = False
        self.ui.import_button.clicked.connect(self.import_photo)
        QShortcut(QKeySequence.StandardKey.Open, self, self.import_photo)
        self.ui.import_button.setToolTip(self.tr("Import photo file (Ctrl+O)"))

    def initializePage(self) -> None:  # noqa: N802
        self.errors.clear()
        detail = queue.application_detail(self.state.ctx, self.state.application_id)
        self.has_photo = detail.photo_path is not None
        if detail.photo_path:
            self._show_preview(detail.photo_path)
        self.focus_later(self.ui.import_button)

    def isComplete(self) -> bool:  # noqa: N802
        return self.has_photo and not self.busy

    def import_photo(self) -> None:
        if self.busy:
            return
        path = dialogs.choose_photo_file(self)
        if path is None:
            return
        self._set_busy(True)
        self.errors.clear()
        self.state.runner.run(intake.attach_photo_file, self.state.ctx, self.state.operator,
                              self.state.application_id, path,
                              on_done=self._imported, on_error=self._failed)

    def _imported(self, step: Step) -> None:
        self.state.apply(step)
        detail = queue.application_detail(self.state.ctx, step.id)
        self.has_photo = detail.photo_path is not None
        if detail.photo_path:
            self._show_preview(detail.photo_path)
        self._set_busy(False)
        self.ui.status_label.setText(self.tr("Photo imported."))
        self.wizard().button(self.wizard().WizardButton.NextButton).setFocus()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.ui.status_label.clear()
        self.errors.show(error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.ui.import_button.setEnabled(not busy)
        self.ui.status_label.setText(self.tr("Importing the photo…") if busy else "")
        self.completeChanged.emit()

    def _show_preview(self, path: Path) -> None:
        label = self.ui.preview_label
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            label.setText(self.tr("The photo cannot be shown."))
            return
        label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
