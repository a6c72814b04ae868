"""What every page of the intake wizard shares: the application being taken in, the
form loaded from ui/ (in a scroll area, so the wizard fits a 1366×768 screen with a
taskbar), and one way to call a service and show its error on the page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from counter_app.domain.lifecycle import Status
from counter_app.idcard.reader import IdCardReader
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.services.intake import Step


@dataclass
class IntakeState:
    """The application the wizard works on; pages read and update it."""

    ctx: AppContext
    operator: CurrentOperator
    runner: TaskRunner
    application_id: uuid.UUID | None = None
    number: str = ""
    status: Status | None = None
    card_reader: IdCardReader | None = None
    printer: object = None  # the QPrinter the form went to: the voucher follows it


    def apply(self, step: Step) -> None:
        self.application_id, self.number, self.status = step.id, step.number, step.status


class IntakePage(QWizardPage):
    def __init__(self, state: IntakeState, form: str) -> None:
        super().__init__()
        self.state = state
        body = QWidget()
        self.ui = load_ui(body, form)
        self.setTitle(body.property("title") or "")  # the form's, already translated
        self.setSubTitle(body.property("subTitle") or "")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.errors = InlineErrors(self.ui.page_error, {})

    def focus_later(self, widget: QWidget) -> None:
        """Focus *widget* once the page shows (QWizard focuses the first child itself)."""
        QTimer.singleShot(0, widget, widget.setFocus)

    def run_step(self, service: Callable[..., Step], *args) -> bool:
        """Call service(ctx, operator, *args); show its error here and return False."""
        try:
            step = service(self.state.ctx, self.state.operator, *args)
        except Exception as error:  # noqa: BLE001 - message_for logs the unexpected ones
            self.errors.show(error)
            return False
        self.state.apply(step)
        return True
