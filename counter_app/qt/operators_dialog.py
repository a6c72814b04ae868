"""Operator administration at the window (Operator ▸ Operators…, administrators): the
operators with their roles and state; create one (card centre staff too), assign roles,
disable or enable, reset a password. Disabling and resetting are confirmed first. The
services check the administrator's role and audit each change (services/operators.py);
an error (the last administrator, one's own account) is said under the list.

Also the Operator menu of both windows (AccountActions): change one's password, lock the
window (and the idle lock), and this dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.qt import dialogs
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.uiload import load_ui
from counter_app.security.roles import Permission, Role
from counter_app.services.auth import MSG_PASSWORDS_DIFFER

ROLE_NAMES = {
    Role.WINDOW_STAFF: QT_TRANSLATE_NOOP("roles", "Window staff"),
    Role.PHOTO_STATION: QT_TRANSLATE_NOOP("roles", "Photo station"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("roles", "Supervisor"),
    Role.CARD_CENTRE: QT_TRANSLATE_NOOP("roles", "Card centre"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("roles", "Administrator"),
}
ID_ROLE = Qt.ItemDataRole.UserRole


def role_names(roles) -> str:
    return "、".join(QCoreApplication.translate("roles", ROLE_NAMES[role])
                     for role in Role if role in roles)


class OperatorsDialog(QDialog):
    sig_changed = Signal()   # an operator was created or changed (the list is read again)

    def __init__(self, ctx, operator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self.views = []
        self.form: QDialog | None = None
        ui = self.ui = load_ui(self, "operators_dialog.ui")
        font = QFont(ui.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        ui.title_label.setFont(font)
        self.errors = InlineErrors(ui.error_label, {})
        table = ui.operators_table
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.itemSelectionChanged.connect(self._update_buttons)
        table.itemActivated.connect(lambda _item: self.edit_roles())
        ui.add_button.clicked.connect(self.add_operator)
        ui.roles_button.clicked.connect(self.edit_roles)
        ui.reset_button.clicked.connect(self.reset_password)
        ui.active_button.clicked.connect(self.toggle_active)
        ui.close_button.clicked.connect(self.accept)
        self.reload()
        table.setFocus()

    # --- the list -----------------------------------------------------------------------

    def reload(self, select_id=None) -> None:
        from counter_app.services import operators

        selected = self.selected()
        select_id = select_id or (selected.id if selected else None)
        try:
            self.views = operators.list_operators(self.ctx, self.operator)
        except CounterError as error:
            self.errors.show(error)
            self.views = []
        table = self.ui.operators_table
        table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            for column, text in enumerate((view.username, view.display_name, view.site_code,
                                           role_names(view.roles), self._state(view))):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, view.id)
                table.setItem(row, column, item)
            if view.id == select_id:
                table.selectRow(row)
        if table.currentRow() < 0 and self.views:
            table.selectRow(0)
        self._update_buttons()

    def selected(self):
        rows = self.ui.operators_table.selectionModel().selectedRows()
        return self.views[rows[0].row()] if rows and rows[0].row() < len(self.views) else None

    def _state(self, view) -> str:
        parts = [] if view.active else [self.tr("Disabled")]
        if view.locked:
            parts.append(self.tr("Locked until {time}").format(time=local_text(view.locked_until)))
        if view.must_change_password:
            parts.append(self.tr("Must change password"))
        return "; ".join(parts) or self.tr("Active")

    def _update_buttons(self) -> None:
        view = self.selected()
        ui = self.ui
        for button in (ui.roles_button, ui.reset_button, ui.active_button):
            button.setEnabled(view is not None)
        ui.active_button.setText(self.tr("&Enable") if view is not None and not view.active
                                 else self.tr("&Disable"))

    # --- actions ------------------------------------------------------------------------

    def add_operator(self) -> None:
        self._open_form(OperatorFormDialog(self.ctx, self.operator, parent=self))

    def edit_roles(self) -> None:
        view = self.selected()
        if view is not None:
            self._open_form(OperatorFormDialog(self.ctx, self.operator, view, parent=self))

    def reset_password(self) -> None:
        view = self.selected()
        if view is None:
            return
        if not dialogs.confirm(self, self.tr(
                "Reset the password of {name} ({user})? They must change the new one at the "
                "next login.").format(name=view.display_name, user=view.username)):
            return
        from counter_app.qt.password_dialog import ResetPasswordDialog
        self._open_form(ResetPasswordDialog(self.ctx, self.operator, view, self))

    def toggle_active(self) -> None:
        from counter_app.services import operators

        view = self.selected()
        if view is None:
            return
        if view.active and not dialogs.confirm(self, self.tr(
                "Disable {name} ({user})? They can no longer log in; their work stays.")
                .format(name=view.display_name, user=view.username)):
            return
        try:
            operators.set_active(self.ctx, self.operator, view.id, not view.active)
        except CounterError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self.reload(view.id)
        self.sig_changed.emit()

    def _open_form(self, form: QDialog) -> None:
        self.errors.clear()
        self.form = form
        form.accepted.connect(lambda: self._form_saved(form))
        form.finished.connect(lambda _result: form.deleteLater())
        form.open()

    def _form_saved(self, form) -> None:
        self.form = None
        self.reload(getattr(form, "saved_id", None))
        self.sig_changed.emit()


class OperatorFormDialog(QDialog):
    """A new operator (user name, name, initial password twice, roles), or with *target*
    an operator's roles. .saved_id: the operator saved."""

    ROLE_CHECKS = {Role.WINDOW_STAFF: "window_staff_check",
                   Role.PHOTO_STATION: "photo_station_check",
                   Role.SUPERVISOR: "supervisor_check", Role.CARD_CENTRE: "card_centre_check",
                   Role.ADMINISTRATOR: "administrator_check"}

    def __init__(self, ctx, actor, target=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.target = ctx, actor, target
        self.saved_id = target.id if target else None
        ui = self.ui = load_ui(self, "operator_form_dialog.ui")
        font = QFont(ui.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        ui.title_label.setFont(font)
        self.errors = InlineErrors(ui.error_label, {
            "username": ui.username_edit, "display_name": ui.display_name_edit,
            "password": ui.password_edit, "password_again": ui.password_again_edit,
            "roles": ui.window_staff_check})
        ui.ok_button.clicked.connect(self.submit)
        ui.cancel_button.clicked.connect(self.reject)
        if target is not None:
            ui.title_label.setText(self.tr("Roles of {name}").format(name=target.display_name))
            ui.username_edit.setText(target.username)
            ui.display_name_edit.setText(target.display_name)
            for edit in (ui.username_edit, ui.display_name_edit):
                edit.setReadOnly(True)
                edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            for widget in (ui.password_label, ui.password_edit, ui.password_again_label,
                           ui.password_again_edit, ui.hint_label):
                widget.hide()
            for role, name in self.ROLE_CHECKS.items():
                getattr(ui, name).setChecked(role in target.roles)
            ui.window_staff_check.setFocus()
        else:
            ui.username_edit.setFocus()

    def roles(self) -> set[Role]:
        return {role for role, name in self.ROLE_CHECKS.items()
                if getattr(self.ui, name).isChecked()}

    def submit(self) -> None:
        from counter_app.services import operators

        ui = self.ui
        try:
            if self.target is not None:
                operators.set_roles(self.ctx, self.actor, self.target.id, self.roles())
            else:
                if ui.password_edit.text() != ui.password_again_edit.text():
                    ui.password_again_edit.clear()
                    raise ValidationError("password_again", MSG_PASSWORDS_DIFFER)
                self.saved_id = operators.create(
                    self.ctx, self.actor, username=ui.username_edit.text(),
                    display_name=ui.display_name_edit.text(),
                    password=ui.password_edit.text(), roles=self.roles())
        except CounterError as error:
            self.errors.show(error)
            return
        self.accept()


class AccountActions:
    """The Operator menu of a window (the counter's main window, the card centre console):
    change one's password, lock the window (the idle lock too), administer operators
    (administrators only)."""

    def __init__(self, window, idle_lock_ms: int | None = None) -> None:
        from counter_app.qt.idle_lock import IdleLock

        self.window = window
        self.dialog: QDialog | None = None
        ui = window.ui
        self.idle_lock = IdleLock(window, window.ctx, window.operator, idle_lock_ms)
        ui.action_lock.triggered.connect(self.idle_lock.lock)
        ui.action_change_password.triggered.connect(self.change_password)
        ui.action_operators.triggered.connect(self.open_operators)
        ui.action_operators.setVisible(window.operator.can(Permission.MANAGE_OPERATORS))

    def change_password(self) -> None:
        from counter_app.qt.password_dialog import ChangePasswordDialog

        self._open(ChangePasswordDialog(self.window.ctx, self.window.operator, self.window))

    def open_operators(self) -> None:
        if not self.window.operator.can(Permission.MANAGE_OPERATORS):
            return
        self._open(OperatorsDialog(self.window.ctx, self.window.operator, self.window))

    def stop(self) -> None:
        self.idle_lock.stop()

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        self.dialog = dialog
        dialog.finished.connect(self._closed)
        dialog.open()

    def _closed(self, _result: int) -> None:
        self.dialog.deleteLater()
        self.dialog = None
