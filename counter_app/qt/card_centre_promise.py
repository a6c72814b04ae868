"""The console's 30-day promise tab: open applications overdue, or due within a few days,
counted per handling point; choosing a handling point lists only its applications."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QHeaderView, QWidget

from counter_app.domain.clock import DAY, local_text
from counter_app.qt.card_centre_tab import (
    ConsoleTab,
    Page,
    Row,
    RowsModel,
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


class PromiseTab(ConsoleTab):
    page = Page.PROMISE

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "card_centre_promise.ui", parent)
        ui = self.ui
        self._site: uuid.UUID | None = None
        self.sites = RowsModel([self.tr("Handling point"), self.tr("Count")],
                               right_aligned={1}, parent=self)
        self.applications = RowsModel(
            [self.tr("Application no."), self.tr("Handling point"), self.tr("Applicant"),
             self.tr("Status"), self.tr("Received"), self.tr("Due"), self.tr("Days")],
            right_aligned={6}, parent=self)
        set_up_view(ui.promise_sites_table, self.sites)
        set_up_view(ui.promise_table, self.applications, (170, 200, 80, 110, 100, 100))
        header = ui.promise_sites_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.promise_sites_table.setColumnWidth(1, 60)
        ui.promise_sites_table.setMaximumWidth(300)
        on_selection(ui.promise_sites_table, self._site_chosen)
        ui.promise_all_button.clicked.connect(self._all_sites)
        ui.overdue_radio.toggled.connect(lambda _on: self.refresh())  # one of two: once

    def query(self):
        kind = (card_centre.Kind.OVERDUE if self.ui.overdue_radio.isChecked()
                else card_centre.Kind.DUE_SOON)
        site = self._site
        return lambda centre: centre.promise(kind, site_id=site)

    def show_data(self, found) -> None:
        show_rows(self.ui.promise_sites_table, [
            Row(count.site.id, (site_name(count.site.code, count.site.name), str(count.count)),
                tips={0: site_tip(count.site.code, count.site.name)})
            for count in found.counts], keep=[self._site])
        overdue = found.kind == card_centre.Kind.OVERDUE
        show_rows(self.ui.promise_table, [
            Row((r.site.id, r.id), (r.number, site_name(r.site.code, r.site.name), r.name,
                                    status_name(r.status), local_text(r.received_at, DAY),
                                    r.due_date.isoformat(), str(r.days)),
                late=overdue, tips={1: site_tip(r.site.code, r.site.name)})
            for r in found.rows])
        text = (self.tr("{total} overdue on {date}") if overdue
                else self.tr("{total} due within {days} days of {date}"))
        self.ui.promise_summary_label.setText(text.format(
            total=found.total, date=found.today.isoformat(),
            days=self.ctx.rules.cards.due_soon_days))

    def _all_sites(self) -> None:
        self.ui.promise_sites_table.clearSelection()
        if self._site is not None:  # chosen, but gone from the list (nothing waits there)
            self._site = None
            self.refresh()

    def _site_chosen(self) -> None:
        keys = selected_keys(self.ui.promise_sites_table)
        self._site = keys[0] if keys else None
        self.refresh()
