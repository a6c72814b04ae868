"""The console's Flagged counters tab: counters whose audit log the central side found
changed (counter_app.central.device_audit), newest first. Nothing to do here but to know:
the card centre asks the handling point."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.qt.card_centre_tab import (
    ConsoleTab,
    Page,
    Row,
    RowsModel,
    note,
    set_up_view,
    show_rows,
)
from counter_app.qt.sync_reasons import reason_text
from counter_app.qt.tasks import TaskRunner
from counter_app.services.context import AppContext

_REASONS = {
    "gap": QT_TRANSLATE_NOOP("audit_flags", "Records missing"),
    "edited": QT_TRANSLATE_NOOP("audit_flags", "Records changed"),
    "anchor_rewritten": QT_TRANSLATE_NOOP("audit_flags", "Chain rewritten"),
}


def flag_reason_name(reason: str) -> str:
    source = _REASONS.get(reason)
    return QCoreApplication.translate("audit_flags", source) if source else reason


class AuditTab(ConsoleTab):
    page = Page.AUDIT
    sig_flagged = Signal(int)  # how many counters are flagged, after each read

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "card_centre_audit.ui", parent)
        self.flags = RowsModel(
            [self.tr("Handling point"), self.tr("Counter"), self.tr("Problem"),
             self.tr("Flagged at"), self.tr("Details")], parent=self)
        set_up_view(self.ui.flags_table, self.flags, (150, 150, 130, 140))
        note(self.ui.audit_intro_label)

    def query(self):
        return lambda centre: centre.audit_flags()

    def show_data(self, flags) -> None:
        show_rows(self.ui.flags_table, [
            Row((f.device_id, f.flagged_at, f.detail), (
                f.site_code, f.device_name or str(f.device_id), flag_reason_name(f.reason),
                local_text(f.flagged_at), reason_text(f.detail)), late=True)
            for f in flags])
        counters = len({f.device_id for f in flags})
        self.ui.flags_count_label.setText(
            self.tr("Flagged counters: {count}").format(count=counters) if counters
            else self.tr("No counter is flagged."))
        self.sig_flagged.emit(counters)
