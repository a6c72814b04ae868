"""The electronic social security card in the inquiry, collection and activation dialogs
(issue 16): a line saying whether the e-card can be claimed on the card shown and why not,
and "Print e-card guide", which renders the city's guide on the task runner and prints it
through the printer dialog (counter_app.qt.pdf_print.print_with_dialog)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from counter_app.domain.ecard import EcardEligibility
from counter_app.qt import dialogs
from counter_app.qt.card_names import card_message
from counter_app.qt.pdf_print import print_with_dialog
from counter_app.services import ecard

CLAIMABLE_STYLE = "color: #1e7e34;"
NOT_CLAIMABLE_STYLE = "color: #b35900;"


def eligibility_text(eligibility: EcardEligibility) -> str:
    """The reason in the language in effect, a card status or entry kind in words."""
    return card_message(eligibility.message)


def show_eligibility(label: QLabel, eligibility: EcardEligibility | None) -> None:
    """The e-card line: green when it can be claimed, amber with the reason when not,
    hidden when there is no card to speak of."""
    if eligibility is None:
        label.clear()
        label.hide()
        return
    label.setText(eligibility_text(eligibility))
    label.setStyleSheet(CLAIMABLE_STYLE if eligibility.claimable else NOT_CLAIMABLE_STYLE)
    label.show()


class GuidePrinter(QObject):
    """Print e-card guide for one dialog: the button is disabled while the guide renders;
    *printed(pages)* runs after a print (not after a cancelled printer dialog)."""

    def __init__(self, parent: QWidget, ctx, operator, runner, button: QPushButton,
                 printed: Callable[[int], None] | None = None) -> None:
        super().__init__(parent)
        self.dialog, self.ctx, self.operator, self.runner = parent, ctx, operator, runner
        self.button, self.printed = button, printed
        button.clicked.connect(self.print_guide)

    @Slot()
    def print_guide(self) -> None:
        if not self.button.isEnabled():
            return
        self.button.setEnabled(False)
        self.runner.run(ecard.render_guide, self.ctx, self.operator,
                        on_done=self._rendered, on_error=self._failed)

    def _rendered(self, pdf: Path) -> None:
        self.button.setEnabled(True)
        try:
            pages = print_with_dialog(self.dialog, self.ctx, pdf)
        except Exception as error:  # noqa: BLE001 - PrintError says what is wrong
            dialogs.show_error(self.dialog, card_message(error))
            return
        if pages and self.printed is not None:
            self.printed(pages)

    def _failed(self, error: Exception) -> None:
        self.button.setEnabled(True)
        dialogs.show_error(self.dialog, card_message(error))


def printed_text() -> str:
    return QCoreApplication.translate("EcardGuide", "The e-card guide was printed.")
