"""Passwords at the window: an operator's own change (forced after login when an
administrator set or reset it, or chosen from the Operator menu), and an administrator's
reset of someone else's (ui/password_dialog.ui for both).

The services check and audit (services/operators.py); the dialog only says what went
wrong next to the field it is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.domain.errors import CounterError, ValidationError
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.uiload import load_ui
from counter_app.services.auth import MSG_PASSWORDS_DIFFER

if TYPE_CHECKING:
    from counter_app.services.auth import CurrentOperator
    from counter_app.services.context import AppContext
    from counter_app.services.operators import OperatorView


class _PasswordForm(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ui = load_ui(self, "password_dialog.ui")
        font = QFont(self.ui.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.ui.title_label.setFont(font)
        self.errors = InlineErrors(self.ui.error_label, {
            "current_password": self.ui.current_password_edit,
            "password": self.ui.password_edit, "password_again": self.ui.password_again_edit})
        self.ui.ok_button.clicked.connect(self.submit)
        self.ui.cancel_button.clicked.connect(self.reject)

    def submit(self) -> None:
        ui = self.ui
        try:
            if ui.password_edit.text() != ui.password_again_edit.text():
                ui.password_again_edit.clear()
                raise ValidationError("password_again", MSG_PASSWORDS_DIFFER)
            self._save(ui.password_edit.text())
        except CounterError as error:
            self.errors.show(error)
            return
        self.accept()

    def _save(self, password: str) -> None:
        raise NotImplementedError


class ChangePasswordDialog(_PasswordForm):
    """The operator's own new password. *forced*: right after login, before any window
    (Cancel quits then). On success .operator is the operator, no longer asked."""

    def __init__(self, ctx: AppContext, operator: CurrentOperator,
                 parent: QWidget | None = None, *, forced: bool = False) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self.ui.reason_label.setVisible(forced)
        if forced:
            self.ui.cancel_button.setText(self.tr("&Quit"))
        self.ui.current_password_edit.setFocus()

    def _save(self, password: str) -> None:
        from counter_app.services import operators

        try:
            self.operator = operators.change_own_password(
                self.ctx, self.operator, self.ui.current_password_edit.text(), password)
        except CounterError:
            self.ui.current_password_edit.clear()
            raise


class ResetPasswordDialog(_PasswordForm):
    """An administrator's new password for *target*, who must change it at the next login."""

    def __init__(self, ctx: AppContext, actor: CurrentOperator, target: OperatorView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.target = ctx, actor, target
        ui = self.ui
        ui.title_label.setText(self.tr("Reset the password of {name} ({user})").format(
            name=target.display_name, user=target.username))
        ui.reason_label.setText(self.tr("{name} must change this password at the next login. "
                                        "A lockout ends with the reset.").format(
            name=target.display_name))
        for widget in (ui.current_password_label, ui.current_password_edit):
            widget.hide()
        ui.ok_button.setText(self.tr("&Reset password"))
        ui.password_edit.setFocus()

    def _save(self, password: str) -> None:
        from counter_app.services import operators

        operators.reset_password(self.ctx, self.actor, self.target.id, password)
