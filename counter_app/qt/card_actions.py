"""The Cards menu of the main window: collect (Ctrl+L), activate (Ctrl+J), report a card
to the invalid list (Ctrl+Shift+L) and undo a temporary loss report (Ctrl+Shift+U). Each
opens its dialog once (a second press raises it); what they record refreshes the queue."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from counter_app.security.roles import Permission


class CardActions:
    def __init__(self, window) -> None:
        self.window = window
        ui = window.ui
        ui.action_collect.triggered.connect(self.open_collection)
        ui.action_activate.triggered.connect(self.open_activation)
        ui.action_report_card.triggered.connect(lambda: self.open_report(undo=False))
        ui.action_unreport_card.triggered.connect(lambda: self.open_report(undo=True))
        allowed = window.operator.can(Permission.INTAKE)
        for action in (ui.action_collect, ui.action_activate, ui.action_report_card,
                       ui.action_unreport_card):
            action.setEnabled(allowed)
        self.dialogs: dict[str, QDialog] = {}

    def open_collection(self) -> QDialog | None:
        from counter_app.qt.card_dialogs import CollectionDialog  # loaded on first use

        window = self.window
        return self._open("collection", lambda: CollectionDialog(
            window.ctx, window.operator, window.runner, window,
            card_reader=window.card_reader), "sig_collected")

    def open_activation(self) -> QDialog | None:
        from counter_app.qt.card_dialogs import ActivationDialog

        window = self.window
        return self._open("activation", lambda: ActivationDialog(
            window.ctx, window.operator, window.runner, window), "sig_activated")

    def open_report(self, undo: bool) -> QDialog | None:
        from counter_app.qt.card_dialogs import UNREPORT, CardReportDialog

        window = self.window
        dialog = self._open("report", lambda: CardReportDialog(
            window.ctx, window.operator, window.runner, window, undo=undo), "sig_recorded")
        if dialog is not None:
            dialog.choose(UNREPORT if undo else "temporary_loss")
        return dialog

    def _open(self, name: str, make, signal: str) -> QDialog | None:
        if not self.window.operator.can(Permission.INTAKE):
            return None
        dialog = self.dialogs.get(name)
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        dialog = make()
        getattr(dialog, signal).connect(lambda *_args: self.window.refresh())
        dialog.finished.connect(lambda _result, n=name: self._closed(n))
        self.dialogs[name] = dialog
        dialog.open()
        return dialog

    def _closed(self, name: str) -> None:
        dialog = self.dialogs.pop(name, None)
        if dialog is not None:
            dialog.deleteLater()
