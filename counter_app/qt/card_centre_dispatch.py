"""The console's Send to handling points tab: cards made and still at the card centre;
sending the chosen ones moves each to its handling point and queues its notices."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from counter_app.qt.card_centre_tab import (
    ConsoleTab,
    Page,
    Row,
    RowsModel,
    Step,
    note,
    on_selection,
    selected_keys,
    set_up_view,
    show_rows,
    site_name,
    site_tip,
)
from counter_app.qt.tasks import TaskRunner
from counter_app.services.context import AppContext


class DispatchTab(ConsoleTab):
    page = Page.DISPATCH
    sig_dispatched = Signal()  # cards were sent: their notices are queued

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "card_centre_dispatch.ui", parent)
        ui = self.ui
        self.cards = RowsModel(
            [self.tr("Application no."), self.tr("Handling point"), self.tr("Applicant"),
             self.tr("Card no."), self.tr("Bank"), self.tr("Made on")], parent=self)
        set_up_view(ui.produced_table, self.cards, (190, 200, 110, 130, 130))
        note(ui.dispatch_intro_label)
        on_selection(ui.produced_table, self._update_buttons)
        ui.dispatch_select_all_button.clicked.connect(ui.produced_table.selectAll)
        ui.dispatch_button.clicked.connect(self.dispatch)
        self._update_buttons()

    def query(self):
        return lambda centre: centre.produced()

    def show_data(self, cards) -> None:
        show_rows(self.ui.produced_table, [
            Row(c.key, (c.number, site_name(c.site.code, c.site.name), c.name, c.card_number,
                        c.bank, c.issued_on.isoformat() if c.issued_on else ""),
                tips={1: site_tip(c.site.code, c.site.name)})
            for c in cards])
        self.ui.dispatch_count_label.setText(
            self.tr("{count} cards wait to be sent").format(count=len(cards)))
        self._update_buttons()

    def dispatch(self) -> None:
        keys = selected_keys(self.ui.produced_table)
        if keys:
            self._step(Step.DISPATCH, self.ui.dispatch_button, self.centre.dispatch, keys,
                       on_done=self._dispatched)

    def _dispatched(self, result) -> None:
        message = self.tr(
            "{sent} cards sent to their handling points; {notices} notices queued.").format(
            sent=result.sent, notices=result.notices)
        if result.left_out:
            message += " " + self.tr(
                "{count} were not sent: they have no production record (made in a production "
                "batch, with a card number) or were moved meanwhile.").format(
                count=len(result.left_out))
        self.sig_message.emit(message)
        self.sig_dispatched.emit()

    def _update_buttons(self) -> None:
        self.ui.dispatch_button.setEnabled(bool(selected_keys(self.ui.produced_table)))
