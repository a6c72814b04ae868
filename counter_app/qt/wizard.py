"""The intake wizard: applicant → materials → examination → photo → print → signature.

Each page calls its service when staff press Next (Enter); an application opened again
from the queue starts at the page matching its status, and a draft whose materials were
ticked at its materials (the applicant's page one Back away).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget, QWizard

from counter_app.domain.lifecycle import Status
from counter_app.idcard.reader import IdCardReader
from counter_app.qt.page_applicant import ApplicantPage
from counter_app.qt.page_base import IntakeState
from counter_app.qt.page_examination import ExaminationPage
from counter_app.qt.page_materials import MaterialsPage
from counter_app.qt.page_photo import PhotoPage
from counter_app.qt.page_print import PrintPage
from counter_app.qt.page_review import REVIEW_WAIT, ReviewWaitPage
from counter_app.qt.page_signed import SignedPage
from counter_app.qt.tasks import TaskRunner
from counter_app.services import queue, review
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext

PREFERRED = QSize(940, 680)  # with its title bar within 1366×728 (a 40-pixel taskbar)
FRAME = QSize(16, 48)         # what the window manager adds around it, about

APPLICANT, MATERIALS, EXAMINATION, PHOTO, PRINT, SIGNED = range(6)
PAGES = ((APPLICANT, ApplicantPage), (MATERIALS, MaterialsPage),
         (EXAMINATION, ExaminationPage), (PHOTO, PhotoPage), (PRINT, PrintPage),
         (SIGNED, SignedPage), (REVIEW_WAIT, ReviewWaitPage))
START_PAGE = {None: APPLICANT, Status.DRAFT: APPLICANT, Status.EXAMINED: PHOTO,
              Status.PHOTO_OK: PRINT, Status.FORM_PRINTED: PRINT, Status.SIGNED: SIGNED}


class IntakeWizard(QWizard):
    sig_voucher_wanted = Signal(object, object)  # submitted: print its voucher (id, printer)

    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 application_id: uuid.UUID | None = None, parent: QWidget | None = None,
                 card_reader: IdCardReader | None = None) -> None:
        super().__init__(parent)
        self.state = IntakeState(ctx, operator, runner, application_id, card_reader=card_reader)
        if application_id is not None:
            detail = queue.application_detail(ctx, application_id)
            self.state.number, self.state.status = detail.number, detail.status
        for page_id, page_class in PAGES:
            self.setPage(page_id, page_class(self.state))
        self.page(SIGNED).sig_voucher_wanted.connect(self.sig_voucher_wanted)
        self.setStartId(self._start_page())
        if self.state.status is Status.DRAFT and any(m.received for m in detail.materials):
            QTimer.singleShot(0, self, self._past_the_applicant)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setSubTitleFormat(Qt.TextFormat.PlainText)  # a return's note is typed text
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton,
                           self.buttonText(QWizard.WizardButton.NextButton))
        self.resize(fitting_size(self))
        self.currentIdChanged.connect(self._update_title)
        self._update_title()

    def _start_page(self) -> int:
        """The page of the application's status; where a supervisor's review holds it,
        the waiting page, or for one returned the applicant's, with the reason shown."""
        start = START_PAGE[self.state.status]
        if self.state.status is not Status.EXAMINED:
            return start
        state = review.state_of(self.state.ctx, self.state.application_id)
        if state is None or state.state == review.APPROVED:
            return start
        if state.state == review.WAITING:
            return REVIEW_WAIT
        notice = self.tr("Returned by {name}: {reason}.").format(name=state.decided_by,
                                                                 reason=state.reason)
        notice += " " + self.tr("Correct it and examine it again.")
        if state.note:  # the supervisor's words, on a line of their own
            notice += "\n" + self.tr("Note: {note}").format(note=state.note)
        for page_id in (APPLICANT, MATERIALS, EXAMINATION):
            self.page(page_id).setSubTitle(notice)
        return APPLICANT

    @property
    def application_id(self) -> uuid.UUID | None:
        return self.state.application_id

    def _past_the_applicant(self) -> None:
        """Go on to the materials without saving the applicant again (nothing changed)."""
        self.page(APPLICANT).unchanged = True
        self.next()

    def _update_title(self) -> None:
        if self.state.number:
            self.setWindowTitle(self.tr("Application {number}").format(number=self.state.number))
        else:
            self.setWindowTitle(self.tr("New application"))


def fitting_size(window: QWidget) -> QSize:
    """The preferred size, smaller where the screen's free area is (pages scroll)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry().size() - FRAME
    return PREFERRED.boundedTo(free)
