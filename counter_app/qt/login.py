"""The first windows: create the administrator on first start, then log in.

Both may show before the database is open (the start-up opens it behind them): pressing
Enter early is remembered and carried out as soon as set_context() delivers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.uiload import load_ui

if TYPE_CHECKING:  # the services load with the database, after the window shows
    from counter_app.services.auth import CurrentOperator
    from counter_app.services.context import AppContext

# The services' message (the command line says it too); loaded with Qt, not with them.
MSG_PASSWORDS_DIFFER = QT_TRANSLATE_NOOP("messages", "The two passwords are not the same.")


class _StartDialog(QDialog):
    def __init__(self, ctx: AppContext | None, form: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operator: CurrentOperator | None = None
        self._waiting = False
        self.ui = load_ui(self, form)
        font = QFont(self.ui.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.ui.title_label.setFont(font)
        self.ui.quit_button.clicked.connect(self.reject)

    def set_context(self, ctx: AppContext) -> None:
        self.ctx = ctx
        if self._waiting:
            self._waiting = False
            self.unsetCursor()
            self.submit()

    def submit(self) -> None:
        if self.ctx is None:  # still opening the database: do it when it is open
            self._waiting = True
            self.setCursor(Qt.CursorShape.BusyCursor)
            return
        try:
            self.operator = self._submit()
        except CounterError as error:
            self._failed(error)
            return
        self.accept()

    def _submit(self) -> CurrentOperator:
        raise NotImplementedError

    def _failed(self, error: CounterError) -> None:
        self.errors.show(error)


class LoginDialog(_StartDialog):
    """Enter logs in; a wrong password keeps the user name and says why."""

    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "login_dialog.ui", parent)
        self.errors = InlineErrors(self.ui.error_label,
                                   {"username": self.ui.username_edit,
                                    "password": self.ui.password_edit})
        self.ui.login_button.clicked.connect(self.submit)
        self.ui.username_edit.setFocus()

    def _submit(self) -> CurrentOperator:
        from counter_app.services import auth

        return auth.login(self.ctx, self.ui.username_edit.text(), self.ui.password_edit.text())

    def _failed(self, error: CounterError) -> None:
        self.ui.password_edit.clear()
        self.errors.show(error)
        self.ui.password_edit.setFocus()


class FirstRunDialog(_StartDialog):
    """No operator yet: record the handling point and create its administrator."""

    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "first_run_dialog.ui", parent)
        ui = self.ui
        self.errors = InlineErrors(ui.error_label, {
            "site_code": ui.site_code_edit, "site_name": ui.site_name_edit,
            "username": ui.username_edit, "display_name": ui.display_name_edit,
            "password": ui.password_edit, "password_again": ui.password_again_edit})
        ui.create_button.clicked.connect(self.submit)
        ui.site_code_edit.setFocus()

    def _submit(self) -> CurrentOperator:
        from counter_app.security.roles import Role
        from counter_app.services import auth

        ui = self.ui
        self._check_site_and_passwords()
        site_id = auth.ensure_site(self.ctx, ui.site_code_edit.text().strip(),
                                   ui.site_name_edit.text().strip())
        auth.create_operator(
            self.ctx, site_id=site_id, username=ui.username_edit.text().strip(),
            display_name=ui.display_name_edit.text(), password=ui.password_edit.text(),
            roles={Role.ADMINISTRATOR},
            # chosen here, typed twice, by the administrator alone: this is the change
            must_change_password=False)
        return auth.login(self.ctx, ui.username_edit.text(), ui.password_edit.text())

    def _check_site_and_passwords(self) -> None:
        from counter_app.services.auth import MSG_FIELD

        for field in ("site_code", "site_name"):
            if not getattr(self.ui, f"{field}_edit").text().strip():
                raise ValidationError(field, MSG_FIELD)
        if self.ui.password_edit.text() != self.ui.password_again_edit.text():
            self.ui.password_again_edit.clear()
            raise ValidationError("password_again", MSG_PASSWORDS_DIFFER)
