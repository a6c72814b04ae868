"""The window locks itself when left: after the site's idle minutes (settings.toml
`idle_lock_minutes`, 10 by default) without a key press, click, mouse movement or wheel
anywhere in the application, or at once from Operator ▸ Lock window (Ctrl+L).

Locked, every open window of the application (the main window, the intake wizard, the
card centre console, any dialog) is covered by an opaque sheet, so no personal data shows,
and an application-modal dialog asks for a password: the operator's own, or a supervisor's
or administrator's of the same site (services.auth.unlock: counted like a login, so the
lockout applies, and audited). Nothing is closed: the wizard in progress, the queue, a
half-filled form are there as they were once unlocked. Locking and unlocking are audited.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget

from counter_app.domain.errors import CounterError
from counter_app.qt.inline_errors import InlineErrors
from counter_app.qt.uiload import load_ui

log = logging.getLogger(__name__)

# What counts as being used: input from the keyboard, the mouse, a touch screen.
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod})


class IdleLock(QObject):
    """Locks *window*'s application after *timeout_ms* without input (default: the
    settings' idle minutes); tests pass a short one."""

    sig_locked = Signal()
    sig_unlocked = Signal(object)   # the CurrentOperator who unlocked it

    def __init__(self, window: QWidget, ctx, operator, timeout_ms: int | None = None) -> None:
        super().__init__(window)
        self.window, self.ctx, self.operator = window, ctx, operator
        self.minutes = ctx.settings.idle_lock_minutes
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms if timeout_ms is not None
                               else self.minutes * 60_000)
        self.timer.timeout.connect(lambda: self.lock(idle=True))
        self.dialog: LockDialog | None = None
        self.covers: list[_Cover] = []
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and self.dialog is None:
            self.timer.start()  # from zero again
        return False

    def stop(self) -> None:
        """No more locking (the window closes)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def lock(self, idle: bool = False) -> None:
        """Cover every window; *idle*: because nobody used it (else: staff locked it)."""
        if self.dialog is not None:
            return
        self.timer.stop()
        from counter_app.services import auth

        try:
            auth.window_locked(self.ctx, self.operator)
        except Exception as error:  # noqa: BLE001 - the lock matters more than its record
            log.warning("the window lock was not audited: %s", type(error).__name__)
        for widget in QApplication.topLevelWidgets():
            if (widget.isVisible() and widget.windowType() in (Qt.WindowType.Window,
                                                               Qt.WindowType.Dialog)):
                self.covers.append(_Cover(widget))
        self.dialog = LockDialog(self.ctx, self.operator, self.minutes if idle else 0,
                                 self.window)
        self.dialog.sig_unlocked.connect(self._unlocked)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.sig_locked.emit()

    def _unlocked(self, who) -> None:
        for cover in self.covers:
            cover.remove()
        self.covers.clear()
        dialog, self.dialog = self.dialog, None
        dialog.deleteLater()
        self.timer.start()
        self.sig_unlocked.emit(who)


class _Cover(QWidget):
    """An opaque sheet over a window's whole content (menus and status bar too), kept the
    window's size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 48, 0, 0)  # above the unlock dialog, which is centred
        label = QLabel(self.tr("Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        label.setFont(font)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        elif event.type() == QEvent.Type.ChildAdded and watched is self.parentWidget():
            QTimer.singleShot(0, self.raise_)  # stay above anything shown meanwhile
        return False

    def remove(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockDialog(QDialog):
    """Asks for a password until the operator, or a supervisor or administrator of the
    site, unlocks; Esc and closing do nothing."""

    sig_unlocked = Signal(object)

    def __init__(self, ctx, operator, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.operator = ctx, operator
        self._unlocked = False
        self.ui = load_ui(self, "lock_dialog.ui")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        font = QFont(self.ui.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.ui.title_label.setFont(font)
        reason = self.ui.reason_label.text() if minutes else self.tr(
            "This window was locked. {name} or a supervisor of this site can unlock it; the "
            "work in progress is kept.")
        self.ui.reason_label.setText(reason.format(minutes=minutes, name=operator.display_name))
        self.errors = InlineErrors(self.ui.error_label, {"password": self.ui.password_edit})
        self.ui.username_edit.setText(operator.username)
        self.ui.unlock_button.clicked.connect(self.submit)
        self.ui.password_edit.setFocus()

    def submit(self) -> None:
        from counter_app.services import auth

        try:
            who = auth.unlock(self.ctx, self.operator, self.ui.username_edit.text(),
                              self.ui.password_edit.text())
        except CounterError as error:
            self.ui.password_edit.clear()
            self.errors.show(error)
            self.ui.password_edit.setFocus()
            return
        self._unlocked = True
        self.hide()
        self.sig_unlocked.emit(who)

    def reject(self) -> None:  # Esc: stays locked
        pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._unlocked:
            event.ignore()
