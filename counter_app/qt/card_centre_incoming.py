"""The console's Incoming tab: applications received from the handling points and not yet
sent to the card factory, by handling point and days since arrival; a production batch
from the chosen ones, with the factory's result template."""

from __future__ import annotations

import uuid
from collections import Counter

from PySide6.QtWidgets import QWidget

from counter_app.domain.clock import local_text
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
from counter_app.qt.status_names import status_name
from counter_app.qt.tasks import TaskRunner
from counter_app.services import card_centre
from counter_app.services.context import AppContext

LISTED_SITES = 8  # the handling points named in the question before a batch; the rest counted


class IncomingTab(ConsoleTab):
    page = Page.INCOMING

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "card_centre_incoming.ui", parent)
        ui = self.ui
        self._site: uuid.UUID | None = None  # the handling point chosen above, if any
        self._site_names: dict[uuid.UUID, str] = {}  # of the applications listed
        self._bands = card_centre.incoming.age_bands(ctx.rules.cards.promise_days)
        self.sites = RowsModel(self._site_headings(), right_aligned=range(1, len(self._bands) + 3),
                               parent=self)
        self.waiting = RowsModel(
            [self.tr("Application no."), self.tr("Handling point"), self.tr("Business"),
             self.tr("Applicant"), self.tr("Received"), self.tr("Days"), self.tr("Status")],
            right_aligned={5}, parent=self)
        set_up_view(ui.incoming_sites_table, self.sites, (220,))
        set_up_view(ui.incoming_table, self.waiting, (190, 200, 230, 110, 145, 60))
        ui.incoming_splitter.setSizes([180, 400])
        note(ui.incoming_intro_label)
        on_selection(ui.incoming_sites_table, self._site_chosen)
        on_selection(ui.incoming_table, self._update_buttons)
        ui.incoming_select_all_button.clicked.connect(ui.incoming_table.selectAll)
        ui.incoming_all_button.clicked.connect(self._all_sites)
        ui.make_batch_button.clicked.connect(self.make_batch)
        self._update_buttons()

    def _site_headings(self) -> list[str]:
        bands = [self.tr("{low}-{high} days").format(low=b.low, high=b.high - 1)
                 if b.high is not None else self.tr("{low}+ days").format(low=b.low)
                 for b in self._bands]
        return [self.tr("Handling point"), *bands, self.tr("Failed"), self.tr("Total")]

    def query(self):
        site = self._site
        return lambda centre: (centre.incoming_summary(), centre.incoming(site))

    def show_data(self, data) -> None:
        summary, waiting = data
        past_promise = len(self._bands)  # the column of the last band
        show_rows(self.ui.incoming_sites_table, [
            Row(site.site.id, (site_name(site.site.code, site.site.name),
                               *(str(n) for n in site.by_age), str(site.failed),
                               str(site.total)),
                late_cells=frozenset({past_promise}) if site.by_age[-1] else frozenset(),
                tips={0: site_tip(site.site.code, site.site.name)})
            for site in summary], keep=[self._site])
        promise_days = self.ctx.rules.cards.promise_days
        self._site_names = {a.site.id: site_name(a.site.code, a.site.name) for a in waiting}
        show_rows(self.ui.incoming_table, [
            Row(a.key, (a.number, self._site_names[a.site.id],
                        self._business(a.business_type), a.name, local_text(a.received_at),
                        str(a.age_days), status_name(a.status)),
                late=a.age_days >= promise_days, tips={1: site_tip(a.site.code, a.site.name)})
            for a in waiting])
        total = sum(s.total for s in summary)
        self.ui.incoming_count_label.setText(
            self.tr("{shown} shown of {total} waiting").format(shown=len(waiting), total=total))
        self._update_buttons()

    def make_batch(self) -> None:
        keys = selected_keys(self.ui.incoming_table)
        if keys and dialogs.confirm(self, self._batch_question(keys)):
            self._step(Step.MAKE_BATCH, self.ui.make_batch_button, self.centre.make_batch, keys,
                       on_done=self._batch_made)

    def _batch_question(self, keys: list) -> str:
        """What goes into the batch, asked first: a batch goes to the card factory and
        cannot be taken back, and Select all may have chosen more than staff meant."""
        per_site = Counter(site_id for site_id, _id in keys)
        if len(per_site) == 1:
            (site_id,) = per_site
            question = self.tr("Make a production batch of {count} applications from {site}?"
                               ).format(count=len(keys), site=self._name_of(site_id))
            return "\n\n".join((question, self._batch_warning()))
        question = self.tr("Make a production batch of {count} applications from {sites} "
                           "handling points?").format(count=len(keys), sites=len(per_site))
        return "\n\n".join((question, self._sites_listed(per_site), self._batch_warning()))

    def _sites_listed(self, per_site: Counter) -> str:
        """The handling points with the most applications, one a line; the rest counted."""
        lines = [self.tr("{site}: {count}").format(site=self._name_of(site_id), count=count)
                 for site_id, count in per_site.most_common(LISTED_SITES)]
        if len(per_site) > LISTED_SITES:
            lines.append(self.tr("and {count} more handling points").format(
                count=len(per_site) - LISTED_SITES))
        return "\n".join(lines)

    def _name_of(self, site_id: uuid.UUID) -> str:
        return self._site_names.get(site_id, "?")

    def _batch_warning(self) -> str:
        return self.tr("The applications go to the card factory; a batch cannot be taken "
                       "back.")

    def _batch_made(self, batch) -> None:
        message = self.tr("Production batch {name}: {count} applications are now in "
                          "production.").format(name=batch.name, count=batch.size)
        if batch.left_out:
            message += "\n" + self.tr("{count} chosen applications had been moved meanwhile "
                                      "and were left out.").format(count=len(batch.left_out))
        dialogs.show_info(self, message)
        path = dialogs.choose_result_template(self, f"{batch.name}.csv")
        if path is not None:
            from counter_app.cardcentre.production import result_template
            path.write_text(result_template(batch.numbers), encoding="utf-8")

    def _all_sites(self) -> None:
        self.ui.incoming_sites_table.clearSelection()
        if self._site is not None:  # chosen, but gone from the list (nothing waits there)
            self._site = None
            self.refresh()

    def _site_chosen(self) -> None:
        keys = selected_keys(self.ui.incoming_sites_table)
        self._site = keys[0] if keys else None
        self.refresh()

    def _update_buttons(self) -> None:
        self.ui.make_batch_button.setEnabled(bool(selected_keys(self.ui.incoming_table)))

    def _business(self, code: str) -> str:
        for business, label in self.ctx.rules.labels.items():
            if business.value == code:
                return label
        return code
