"""The background task runner: work off the GUI thread, results back on it."""

from __future__ import annotations

import threading

import shiboken6

from counter_app.qt.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen = {}

    def work(a, b):
        seen["worker"] = threading.get_ident()
        return a + b

    def done(result):
        seen["result"], seen["callback"] = result, threading.get_ident()

    with qtbot.waitSignal(runner.sig_idle):
        runner.run(work, 2, 3, on_done=done)
    assert seen["result"] == 5
    assert seen["callback"] == threading.get_ident() != seen["worker"]
    assert not runner.busy


def test_errors_go_to_on_error(qtbot):
    runner = TaskRunner()
    errors = []

    def fail():
        raise ValueError("nope")

    with qtbot.waitSignal(runner.sig_idle):
        runner.run(fail, on_done=lambda _r: errors.append("done?"), on_error=errors.append)
    assert len(errors) == 1 and isinstance(errors[0], ValueError)


def test_callbacks_of_a_deleted_widget_are_dropped(qtbot):
    from PySide6.QtWidgets import QLabel

    runner = TaskRunner()
    label = QLabel()
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label))
    with qtbot.waitSignal(runner.sig_idle):
        runner.run(str, 42, on_done=label.setText)  # would raise if called
