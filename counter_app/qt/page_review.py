"""Wizard page after the examination where the site wants a supervisor's review (issue
17): the application waits; the wizard ends here instead of going on to the photo.
Shown too when a waiting application is opened again."""

from __future__ import annotations

from counter_app.domain.clock import local_text
from counter_app.qt.page_base import IntakePage, IntakeState
from counter_app.services import review

REVIEW_WAIT = 6  # the page's id in the wizard, after the six steps


class ReviewWaitPage(IntakePage):
    def __init__(self, state: IntakeState) -> None:
        super().__init__(state, "wizard_review.ui")
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802
        state = review.state_of(self.state.ctx, self.state.application_id)
        text = self.tr("Application {number} waits for a supervisor's review.").format(
            number=self.state.number)
        if state is not None:
            text += " " + self.tr("Examined by {name} at {time}.").format(
                name=state.examined_by, time=local_text(state.examined_at))
        self.ui.waiting_label.setText(text)

    def nextId(self) -> int:  # noqa: N802
        return -1
