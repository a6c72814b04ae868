"""The console's Stock tab (instant issuance): every handling point that makes cards at the
window with its blank cards (received, issued, spoiled, left) and the card numbers left in
its blocks; choosing one shows its blocks and the numbers its counters used last, and tops
it up with blank cards and (optionally) a block of card numbers, as
`counter-app card-centre top-up` does (services/card_centre.CardCentre.top_up)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from counter_app.central.card_blocks import MSG_NOTHING, BlockError
from counter_app.domain.clock import DAY, local_text
from counter_app.domain.errors import CounterError, read_reason
from counter_app.issuance.numbers import parse_range
from counter_app.qt import dialogs
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
from counter_app.qt.i18n import message_for
from counter_app.qt.tasks import TaskRunner
from counter_app.services.context import AppContext

USED_SHOWN = 50  # the chosen handling point's card numbers used last, newest first


def outcome_name(outcome: str) -> str:
    names = {"in_production": QCoreApplication.translate("card_centre", "In the printer"),
             "issued": QCoreApplication.translate("card_centre", "Issued"),
             "spoiled": QCoreApplication.translate("card_centre", "Spoiled")}
    return names.get(outcome, outcome)


def reason_text(stored: str) -> str:
    """A spoiled blank's stored reason in the language in effect (as it came when it is
    not a known message)."""
    if not stored:
        return ""
    template, params = read_reason(stored)
    try:
        return QCoreApplication.translate("messages", template).format(**params)
    except (KeyError, IndexError, ValueError):
        return stored


class StockTab(ConsoleTab):
    page = Page.STOCK

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "card_centre_stock.ui", parent)
        ui = self.ui
        self._site: uuid.UUID | None = None
        self._stocks: dict[uuid.UUID, object] = {}
        self.stocks = RowsModel(
            [self.tr("Handling point"), self.tr("Instant issuance"), self.tr("Received"),
             self.tr("Issued"), self.tr("Spoiled"), self.tr("Left"), self.tr("Numbers left")],
            right_aligned={2, 3, 4, 5, 6}, parent=self)
        self.blocks = RowsModel(
            [self.tr("Card numbers"), self.tr("Size"), self.tr("Not reserved"),
             self.tr("Given on"), self.tr("Bank")], right_aligned={1, 2}, parent=self)
        self.used = RowsModel(
            [self.tr("Card no."), self.tr("Outcome"), self.tr("Application no."),
             self.tr("Used at"), self.tr("Reason")], parent=self)
        set_up_view(ui.stock_table, self.stocks, (180, 110, 70, 60, 60, 60))
        set_up_view(ui.blocks_table, self.blocks, (190, 60, 90, 90))
        set_up_view(ui.used_table, self.used, (100, 90, 160, 125))
        ui.stock_splitter.setSizes([640, 660])  # in proportion, whatever the width
        note(ui.stock_intro_label)
        ui.top_up_blanks_spin.setMaximum(_delivery_max())
        on_selection(ui.stock_table, self._site_chosen)
        ui.top_up_button.clicked.connect(self.top_up)
        self._show_chosen()

    # --- reading ----------------------------------------------------------------------

    def query(self):
        site = self._site

        def read(centre):
            return centre.card_stocks(), (centre.used_numbers(site, USED_SHOWN)
                                          if site is not None else [])
        return read

    def show_data(self, data) -> None:
        stocks, used = data
        self._stocks = {stock.site_id: stock for stock in stocks}
        on, off = self.tr("On"), self.tr("Off")
        rows = []
        for s in stocks:
            tips = {0: site_tip(s.code, s.name)}
            if s.stock.pending:
                tips[5] = self.tr("{count} blank cards are in a printer now").format(
                    count=s.stock.pending)
            rows.append(Row(s.site_id, (
                site_name(s.code, s.name), on if s.instant else off, str(s.stock.received),
                str(s.stock.issued), str(s.stock.spoiled), str(s.stock.expected),
                str(s.unreserved)), late_cells=frozenset({5} if s.stock.expected < 0 else ()),
                tips=tips))
        show_rows(self.ui.stock_table, rows, keep=[self._site])
        show_rows(self.ui.used_table, [
            Row((u.card_number, index), (u.card_number, outcome_name(u.outcome),
                                         u.application_number, local_text(u.used_at),
                                         reason_text(u.reason)),
                late=u.outcome == "spoiled")
            for index, u in enumerate(used if self._site in self._stocks else [])], keep=())
        self._show_chosen()

    def _show_chosen(self) -> None:
        """The chosen handling point's blocks, and the top-up for it."""
        ui = self.ui
        chosen = self._stocks.get(self._site)
        show_rows(ui.blocks_table, [
            Row((b.numbers.text, index), (b.numbers.text, str(len(b.numbers)),
                                          str(b.unreserved), local_text(b.allocated_at, DAY),
                                          b.bank))
            for index, b in enumerate(chosen.blocks if chosen else ())], keep=())
        ui.top_up_group.setEnabled(chosen is not None)
        ui.top_up_group.setTitle(
            self.tr("Top up {site}").format(site=site_name(chosen.code, chosen.name))
            if chosen else self.tr("Top up the chosen handling point"))

    def _site_chosen(self) -> None:
        keys = selected_keys(self.ui.stock_table)
        self._site = keys[0] if keys else None
        self._show_chosen()
        self.refresh()

    # --- topping up ---------------------------------------------------------------------

    def top_up(self) -> None:
        """Check what was typed, ask, then give it in the background."""
        ui = self.ui
        chosen = self._stocks.get(self._site)
        if chosen is None or self.centre is None:
            return
        blanks = ui.top_up_blanks_spin.value()
        typed = ui.top_up_numbers_edit.text().strip()
        try:
            numbers = parse_range(typed) if typed else None
            if not blanks and numbers is None:
                raise BlockError(MSG_NOTHING)
        except CounterError as exc:
            dialogs.show_error(self, message_for(exc))
            (ui.top_up_numbers_edit if typed else ui.top_up_blanks_spin).setFocus()
            return
        site = site_name(chosen.code, chosen.name)
        if numbers is None:
            question = self.tr("Give {site} {blanks} blank cards?")
        elif not blanks:
            question = self.tr("Give {site} the card numbers {numbers} ({count} numbers)?")
        else:
            question = self.tr("Give {site} {blanks} blank cards and the card numbers "
                               "{numbers} ({count} numbers)?")
        if not dialogs.confirm(self, question.format(
                site=site, blanks=blanks, numbers=numbers.text if numbers else "",
                count=len(numbers) if numbers else 0)):
            return
        self._step(Step.TOP_UP, ui.top_up_button, self.centre.top_up, chosen.code, blanks,
                   typed, ui.top_up_bank_edit.text().strip(),
                   on_done=lambda _done: self._topped_up(site))

    def _topped_up(self, site: str) -> None:
        ui = self.ui
        ui.top_up_blanks_spin.setValue(0)
        ui.top_up_numbers_edit.clear()
        self.sig_message.emit(self.tr("{site} topped up.").format(site=site))


def _delivery_max() -> int:
    from counter_app.central.device_instant import DELIVERY_MAX
    return DELIVERY_MAX
