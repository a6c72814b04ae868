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
    site_name,
    site_tip,
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


def flag_row(flag, site: str) -> Row:
    """One flag, its counter's site by name (*site*; the flag knows only the code)."""
    return Row((flag.device_id, flag.flagged_at, flag.detail), (
        site_name(flag.site_code, site), flag.device_name or str(flag.device_id),
        flag_reason_name(flag.reason), local_text(flag.flagged_at), reason_text(flag.detail)),
        late=True, tips={0: site_tip(flag.site_code, site)})


class AuditTab(ConsoleTab):
    page = Page.AUDIT
    sig_flagged = Signal(int)  # how many counters are flagged, after each read

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, runner, "card_centre_audit.ui", parent)
        self.flags = RowsModel(
            [self.tr("Handling point"), self.tr("Counter"), self.tr("Problem"),
             self.tr("Flagged at"), self.tr("Details")], parent=self)
        set_up_view(self.ui.flags_table, self.flags, (200, 150, 130, 140))
        note(self.ui.audit_intro_label)

    def query(self):
        # the central side's flags name a counter's site by code only
        return lambda centre: (centre.audit_flags(), centre.site_names())

    def show_data(self, data) -> None:
        flags, names = data
        show_rows(self.ui.flags_table, [flag_row(f, names.get(f.site_code, "")) for f in flags])
        counters = len({f.device_id for f in flags})
        self.ui.flags_count_label.setText(
            self.tr("Flagged counters: {count}").format(count=counters) if counters
            else self.tr("No counter is flagged."))
        self.sig_flagged.emit(counters)
