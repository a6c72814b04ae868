"""Instant issuance at the window (issue 16): once an application is signed at a site that
makes cards here, this dialog makes its card: the chip through the configured encoder, the
face printed on the card printer (services/issuance.py does the work, on the task runner).

A failure says why and offers the next blank (Alt+R: the spoiled one's number goes on the
invalid list); an encoder that wrote nothing offers the same blank again (Alt+S). The card
printer is chosen once, on the GUI thread, before the first attempt; the encoder is the
`card_encoder` setting ("simulated" for the demo and tests).
"""

from __future__ import annotations

import functools
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.cardface import load_card_layout, render_card_face
from counter_app.domain.errors import read_reason
from counter_app.encoders import Encoder
from counter_app.qt.i18n import message_for, translate
from counter_app.qt.inline_errors import ERROR_STYLE
from counter_app.qt.status_names import status_name
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.uiload import load_ui
from counter_app.services import issuance
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext


class InstantIssueDialog(QDialog):
    sig_issued = Signal(object)  # services.issuance.Issued, each attempt

    def __init__(self, ctx: AppContext, operator: CurrentOperator, runner: TaskRunner,
                 application_id: uuid.UUID, number: str, encoder: Encoder, printer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = load_ui(self, "instant_issue.ui")
        self.ctx, self.operator, self.runner = ctx, operator, runner
        self.application_id, self.encoder, self.printer = application_id, encoder, printer
        self.layout_of_card = load_card_layout(ctx.rules.city)
        self.last: issuance.Issued | None = None
        ui = self.ui
        ui.title_label.setText(ui.title_label.text().format(number=number))
        ui.error_label.setStyleSheet(ERROR_STYLE)
        ui.retry_button.clicked.connect(lambda: self.issue(same_blank=False))
        ui.same_blank_button.clicked.connect(lambda: self.issue(same_blank=True))
        ui.close_button.clicked.connect(self.accept)
        self._show_buttons(retry=False, same=False)

    def issue(self, same_blank: bool = False) -> None:
        """One attempt in the background."""
        ui = self.ui
        self._show_buttons(retry=False, same=False)
        ui.close_button.setEnabled(False)
        ui.busy_bar.show()
        ui.error_label.clear()
        ui.error_label.hide()
        ui.status_label.setText(self.tr("Writing the chip and printing the card…"))
        attempt = functools.partial(issuance.issue_card, encoder=self.encoder,
                                    print_face=self._print_face, same_blank=same_blank)
        self.runner.run(attempt, self.ctx, self.operator, self.application_id,
                        on_done=self._done, on_error=self._failed)

    def _print_face(self, face) -> None:
        """On the worker thread: Qt may paint a QPrinter there (pdf_print)."""
        from counter_app.qt.card_printing import print_card_face
        print_card_face(render_card_face(face, self.layout_of_card), self.printer)

    def _done(self, issued: issuance.Issued) -> None:
        self.last = issued
        ui = self.ui
        ui.busy_bar.hide()
        ui.close_button.setEnabled(True)
        if issued.ok:
            ui.status_label.setText(self.tr(
                "Card {card} is made and handed over ({status}).").format(
                    card=issued.card_number, status=status_name(issued.status)))
            ui.close_button.setFocus()
        else:
            template, params = read_reason(issued.reason)
            ui.status_label.setText(self.tr("Card {card} could not be made.").format(
                card=issued.card_number))
            ui.error_label.setText(translate("messages", template).format(**params))
            ui.error_label.show()
            self._show_buttons(retry=not issued.same_blank, same=issued.same_blank)
        self.sig_issued.emit(issued)

    def _failed(self, error: Exception) -> None:
        ui = self.ui
        ui.busy_bar.hide()
        ui.close_button.setEnabled(True)
        ui.status_label.clear()
        ui.error_label.setText(message_for(error))
        ui.error_label.show()
        ui.close_button.setFocus()

    def _show_buttons(self, retry: bool, same: bool) -> None:
        self.ui.retry_button.setVisible(retry)
        self.ui.same_blank_button.setVisible(same)
        if retry:
            self.ui.retry_button.setFocus()
        elif same:
            self.ui.same_blank_button.setFocus()
