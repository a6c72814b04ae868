"""Start the window application: translations, first-run or login, then the main window.

Only what the login window needs is imported before it shows; the main window, the
wizard, QtPdf and the photo and form libraries load after (or while staff type).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from counter_app.config import Settings
from counter_app.logs import setup_logging
from counter_app.qt import i18n
from counter_app.qt.style import apply_style

log = logging.getLogger(__name__)

APP_NAME = "Counter"
# Modules the main window needs, imported in the background while staff log in.
WARM_UP_MODULES = ("counter_app.qt.main_window", "counter_app.qt.wizard")


def run_gui(settings: Settings, *, exit_when_shown: bool = False,
            screenshot: Path | None = None) -> int:
    """Run the application; returns its exit code.

    exit_when_shown quits once the first window has been painted (cold-start benchmark,
    smoke test); screenshot saves that first window to a PNG, then quits.
    """
    started = time.perf_counter()
    setup_logging(settings.log_dir)
    app = _application()
    i18n.install_translators(settings)
    apply_style(app)
    from counter_app.services.context import open_context

    launcher = Launcher(open_context(settings))
    first = launcher.first_window()
    if exit_when_shown or screenshot:
        first.installEventFilter(_QuitAfterFirstPaint(first, screenshot, started))
    else:
        launcher.warm_up()
    first.show()
    code = app.exec()
    launcher.shutdown()
    return code


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)  # between login and main window none is visible
    return app


class Launcher(QObject):
    """Owns the windows from the first dialog to the main window."""

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self.main_window = None
        self._runner = None

    def first_window(self) -> QDialog:
        from counter_app.qt.login import FirstRunDialog, LoginDialog
        from counter_app.services import auth

        first_run = auth.needs_first_administrator(self.ctx)
        self.dialog = FirstRunDialog(self.ctx) if first_run else LoginDialog(self.ctx)
        self.dialog.accepted.connect(self._open_main_window)
        self.dialog.rejected.connect(QApplication.quit)
        return self.dialog

    def warm_up(self) -> None:
        from counter_app.qt.tasks import TaskRunner

        self._runner = TaskRunner(self, max_threads=1)
        self._runner.run(_import_modules, WARM_UP_MODULES)

    def _open_main_window(self) -> None:
        from counter_app.qt.main_window import MainWindow

        self.main_window = MainWindow(self.ctx, self.dialog.operator)
        self.main_window.sig_closed.connect(QApplication.quit)
        self.main_window.show()
        self.dialog.deleteLater()
        self.dialog = None

    def shutdown(self) -> None:
        if self._runner is not None:
            self._runner.wait_for_done()
        if self.main_window is not None:
            self.main_window.shutdown()


def _import_modules(names: tuple[str, ...]) -> None:
    import importlib

    for name in names:
        importlib.import_module(name)


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
