"""Start the window application: translations, first-run or login, then the main window.

The first window shows before the database opens: SQLAlchemy, Alembic and the services
take most of a second to import, so they load on a worker thread while staff start
typing (an early Enter waits for them). The main window, the wizard, QtPdf and the
photo and form libraries load there too, after the database.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from counter_app.config import Settings
from counter_app.domain.errors import ConfigFileError
from counter_app.logs import setup_logging
from counter_app.qt import dialogs, i18n
from counter_app.qt.login import FirstRunDialog, LoginDialog
from counter_app.qt.style import apply_style
from counter_app.qt.tasks import TaskRunner
from counter_app.security.roles import Role

log = logging.getLogger(__name__)

APP_NAME = "Counter"
# Imported in the background after the database, so the main window opens at once.
WARM_UP_MODULES = ("counter_app.qt.main_window", "counter_app.qt.wizard")


def run_gui(settings: Settings, *, exit_when_shown: bool = False,
            screenshot: Path | None = None) -> int:
    """Run the application; returns its exit code.

    exit_when_shown quits once the first window has been painted (cold-start benchmark,
    smoke test); screenshot saves that first window to a PNG, then quits. Both measure
    the window alone: the database is not opened.
    """
    started = time.perf_counter()
    setup_logging(settings.log_dir)
    app = _application()
    i18n.install_translators(settings)
    apply_style(app)
    launcher = Launcher(settings)
    first = launcher.first_window()
    if exit_when_shown or screenshot:
        first.installEventFilter(_QuitAfterFirstPaint(first, screenshot, started))
    else:
        launcher.open_database()
    first.show()
    code = app.exec()
    launcher.shutdown()
    return code


def show_start_error(settings: Settings, error: Exception) -> None:
    """A file needed to start (settings.toml) is broken: say so in a dialog, in the
    language of the environment (the settings file's cannot be read), instead of starting."""
    _application()
    i18n.install_translators(settings)
    apply_style(QApplication.instance())
    dialogs.show_error(None, i18n.message_for(error))


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)  # between login and main window none is visible
    return app


def local_database_exists(settings: Settings) -> bool:
    return Path(settings.local_db_url.removeprefix("sqlite:///")).exists()


def _open_database(settings: Settings):
    """Worker thread: open (and migrate) the store, then preload the main window."""
    import importlib

    from counter_app.services import auth
    from counter_app.services.context import open_context

    ctx = open_context(settings)
    first_run = auth.needs_first_administrator(ctx)
    for name in WARM_UP_MODULES:
        importlib.import_module(name)
    return ctx, first_run, _warm_up_fonts(ctx)


def _warm_up_fonts(ctx) -> Exception | None:
    """Find and load the form fonts now, so the first form prints without waiting; the
    error, if no font covers Chinese, is shown once the main window is up."""
    from counter_app.services import printing
    try:
        printing.form_fonts(ctx)
    except Exception as error:  # noqa: BLE001 - shown in words after login
        log.warning("form fonts not ready at start-up: %s", type(error).__name__)
        return error
    return None


class Launcher(QObject):
    """Owns the windows from the first dialog to the main window."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.ctx = None
        self.fonts_error: Exception | None = None
        self.dialog: QDialog | None = None
        self.main_window = None
        self.runner = TaskRunner(self, max_threads=1)

    def first_window(self) -> QDialog:
        """Without a database this is certainly the first start; with one, most likely not
        (open_database() corrects the rare database without any operator)."""
        first_run = not local_database_exists(self.settings)
        self._show_dialog(FirstRunDialog() if first_run else LoginDialog(), show=False)
        return self.dialog

    def open_database(self) -> None:
        self.runner.run(_open_database, self.settings, on_done=self._database_open,
                        on_error=self._database_failed)

    def shutdown(self) -> None:
        if self.dialog is not None:  # quit from the first window (or after its screenshot)
            self.dialog.rejected.disconnect()
            self.dialog.close()
        self.runner.wait_for_done()
        if self.main_window is not None:
            self.main_window.shutdown()

    def _database_open(self, result) -> None:
        self.ctx, first_run, self.fonts_error = result
        if first_run != isinstance(self.dialog, FirstRunDialog):
            self._show_dialog(FirstRunDialog(self.ctx) if first_run else LoginDialog(self.ctx))
        else:
            self.dialog.set_context(self.ctx)

    def _database_failed(self, error: Exception) -> None:
        dialogs.show_error(self.dialog, i18n.message_for(error))
        QApplication.exit(2 if isinstance(error, ConfigFileError) else 1)  # rules broken: 2

    def _show_dialog(self, dialog: QDialog, show: bool = True) -> None:
        if self.dialog is not None:
            self.dialog.rejected.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(self._open_main_window)
        dialog.rejected.connect(QApplication.quit)
        if show:
            dialog.show()

    def _open_main_window(self) -> None:
        operator = self.dialog.operator
        if operator.must_change_password:  # set by someone else: theirs first, then work
            from counter_app.qt.password_dialog import ChangePasswordDialog

            self._show_dialog(ChangePasswordDialog(self.ctx, operator, forced=True))
            return
        if Role.CARD_CENTRE in operator.roles:  # card centre staff work on the central side
            from counter_app.qt.card_centre_window import CardCentreWindow as Window
        else:
            from counter_app.qt.main_window import MainWindow as Window

        self.main_window = Window(self.ctx, operator)
        self.main_window.sig_closed.connect(QApplication.quit)
        self.main_window.showMaximized()  # a counter's screen is the program's
        self.dialog.deleteLater()
        self.dialog = None
        if self.fonts_error is not None:  # printing forms would fail: say so now
            dialogs.show_error(self.main_window, i18n.message_for(self.fonts_error))


class _QuitAfterFirstPaint(QObject):
    def __init__(self, window: QWidget, screenshot: Path | None, started: float) -> None:
        super().__init__(window)
        self._window, self._screenshot, self._started = window, screenshot, started
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._finish)  # after this paint has completed
        return False

    def _finish(self) -> None:
        log.info("first window shown %.0f ms after run_gui",
                 (time.perf_counter() - self._started) * 1000)
        if self._screenshot is not None:
            self._screenshot.parent.mkdir(parents=True, exist_ok=True)
            self._window.grab().save(str(self._screenshot))
        QApplication.quit()
