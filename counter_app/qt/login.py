"""The first windows: create the administrator on first start, then log in."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.uiload import load_ui
from counter_app.security.roles import Role
from counter_app.services import auth
from counter_app.services.auth import MSG_FIELD, CurrentOperator
from counter_app.services.context import AppContext

MSG_PASSWORDS_DIFFER = QT_TRANSLATE_NOOP("messages", "The two passwords are not the same.")


def _make_title(label) -> None:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)


class LoginDialog(QDialog):
    """Enter logs in; a wrong password keeps the user name and says why."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operator: CurrentOperator | None = None
        self.ui = load_ui(self, "login_dialog.ui")
        _make_title(self.ui.title_label)
        self.errors = InlineErrors(self.ui.error_label,
                                   {"username": self.ui.username_edit,
                                    "password": self.ui.password_edit})
        self.ui.login_button.clicked.connect(self.try_login)
        self.ui.quit_button.clicked.connect(self.reject)
        self.ui.username_edit.setFocus()

    def try_login(self) -> None:
        try:
            self.operator = auth.login(self.ctx, self.ui.username_edit.text(),
                                       self.ui.password_edit.text())
        except CounterError as error:
            self.ui.password_edit.clear()
            self.errors.show(error)
            self.ui.password_edit.setFocus()
            return
        self.accept()


class FirstRunDialog(QDialog):
    """No operator yet: record the handling point and create its administrator."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operator: CurrentOperator | None = None
        self.ui = load_ui(self, "first_run_dialog.ui")
        _make_title(self.ui.title_label)
        ui = self.ui
        self.errors = InlineErrors(ui.error_label, {
            "site_code": ui.site_code_edit, "site_name": ui.site_name_edit,
            "username": ui.username_edit, "display_name": ui.display_name_edit,
            "password": ui.password_edit, "password_again": ui.password_again_edit})
        ui.create_button.clicked.connect(self.create_administrator)
        ui.quit_button.clicked.connect(self.reject)
        ui.site_code_edit.setFocus()

    def create_administrator(self) -> None:
        ui = self.ui
        try:
            self._check_site_and_passwords()
            site_id = auth.ensure_site(self.ctx, ui.site_code_edit.text().strip(),
                                       ui.site_name_edit.text().strip())
            auth.create_operator(
                self.ctx, site_id=site_id, username=ui.username_edit.text().strip(),
                display_name=ui.display_name_edit.text(), password=ui.password_edit.text(),
                roles={Role.ADMINISTRATOR})
            self.operator = auth.login(self.ctx, ui.username_edit.text(),
                                       ui.password_edit.text())
        except CounterError as error:
            self.errors.show(error)
            return
        self.accept()

    def _check_site_and_passwords(self) -> None:
        for field in ("site_code", "site_name"):
            if not getattr(self.ui, f"{field}_edit").text().strip():
                raise ValidationError(field, MSG_FIELD)
        if self.ui.password_edit.text() != self.ui.password_again_edit.text():
            self.ui.password_again_edit.clear()
            raise ValidationError("password_again", MSG_PASSWORDS_DIFFER)

