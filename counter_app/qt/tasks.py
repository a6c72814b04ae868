"""One small background task runner: run a function on a worker thread, get the result
(or the exception) back on the GUI thread.

    runner.run(printing.render_form, ctx, operator, app_id,
               on_done=self.show_pdf, on_error=self.show_error)

Workers never touch widgets; services open their own sessions, so they are safe to call.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class _Relay(QObject):
    """Created on the GUI thread, so a queued connection delivers there."""

    finished = Signal(int, object, object)  # task id, result, exception


class _Task(QRunnable):
    def __init__(self, task_id: int, relay: _Relay, fn: Callable, args: tuple) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner owns it until the result is delivered
        self._task_id, self._relay, self._fn, self._args = task_id, relay, fn, args

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except Exception as exc:  # noqa: BLE001 - handed to on_error on the GUI thread
            self._relay.finished.emit(self._task_id, None, exc)
        else:
            self._relay.finished.emit(self._task_id, result, None)


@dataclass
class _Pending:
    task: _Task
    on_done: Callback | None
    on_error: Callback | None


class TaskRunner(QObject):
    """Runs callables on a private thread pool; callbacks run on the GUI thread."""

    sig_idle = Signal()  # emitted when the last running task has delivered its result

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)

    def run(self, fn: Callable, *args: Any, on_done: Callback | None = None,
            on_error: Callback | None = None) -> int:
        """Start fn(*args) in the background; returns a task id."""
        task_id = next(self._ids)
        task = _Task(task_id, self._relay, fn, args)
        self._pending[task_id] = _Pending(task, on_done, on_error)  # keeps it alive
        self._pool.start(task)
        return task_id

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the workers finish (shutdown and tests); results still arrive queued."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _deliver(self, task_id: int, result: object, error: object) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return
        on_done, on_error = _alive(pending.on_done), _alive(pending.on_error)
        try:
            if error is None:
                if on_done:
                    on_done(result)
            elif on_error:
                on_error(error)
            else:
                log.error("background task failed", exc_info=error)
        finally:
            if not self._pending:
                self.sig_idle.emit()


class Cancelled(Exception):
    """Raised in the worker by ProgressRelay.report once staff have cancelled."""


class ProgressRelay(QObject):
    """Progress of a background task, for a QProgressDialog on the GUI thread.

    ``report`` is the ``progress(done, total)`` callback a service calls on the worker
    thread: it emits ``progressed`` (connect it queued) and raises Cancelled once
    ``cancel`` was called, so the service stops at its next step. Create it without a
    parent and keep a reference: the task holds one too, so it outlives a closed window.
    """

    progressed = Signal(int, int)  # done, total

    def __init__(self) -> None:
        super().__init__()
        self._cancelled = threading.Event()

    def report(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise Cancelled
        self.progressed.emit(done, total)

    @Slot()
    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


def _alive(callback: Callback | None) -> Callback | None:
    """None when the callback's widget is gone (e.g. its wizard closed while it ran)."""
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, QObject) and not shiboken6.isValid(owner):
        return None
    return callback
