"""The main window's part in instant issuance (issue 16): after Finish at a site that makes
cards at the window, the card is made at once (qt/instant_issue.py) instead of a pick-up
voucher being printed; "Make the card…" (Ctrl+K) makes it later for the selected signed or
submitted application, e.g. after a failure was closed."""

from __future__ import annotations

import uuid

from PySide6.QtGui import QAction, QKeySequence

from counter_app.encoders import open_encoder
from counter_app.qt import dialogs
from counter_app.qt.i18n import message_for
from counter_app.security.roles import Permission
from counter_app.services import issuance


class InstantActions:
    def __init__(self, window) -> None:
        self.window = window
        self.dialog = None
        self.action = QAction(window.tr("&Make the card…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+K"))
        self.action.triggered.connect(self.make_selected)
        self.action.setEnabled(window.operator.can(Permission.INTAKE))
        window.addAction(self.action)
        menu = getattr(window.ui, "cards_menu", None)
        if menu is not None:
            menu.addAction(self.action)

    def here(self) -> bool:
        """Whether this site makes cards at the window (as the last sync learnt)."""
        return issuance.instant_here(self.window.ctx)

    def make_selected(self) -> None:
        row = self.window.selected_row()
        if row is None:
            dialogs.show_info(self.window, self.window.tr(
                "Select an application in the queue first."))
            return
        self.make_card(row.id, row.number)

    def make_card(self, application_id: uuid.UUID, number: str) -> None:
        """Choose the card printer (GUI thread), open the encoder, start the first try."""
        from counter_app.qt.card_printing import card_printer
        from counter_app.qt.instant_issue import InstantIssueDialog

        window = self.window
        try:
            encoder = open_encoder(window.ctx.settings.extra.get("card_encoder", ""))
            printer = card_printer(window.ctx.settings, window)
        except Exception as error:  # noqa: BLE001 - no encoder or card printer: said in words
            dialogs.show_error(window, message_for(error))
            return
        if printer is None:  # staff cancelled the printer dialog
            return
        self.dialog = InstantIssueDialog(window.ctx, window.operator, window.runner,
                                         application_id, number, encoder, printer, window)
        self.dialog.finished.connect(lambda _result: window.refresh())
        self.dialog.open()
        self.dialog.issue()
