"""The window's word on program updates (issue 15): installed, rolled back or refused at
this start, else staged for the next start; nothing otherwise."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from counter_app.domain.errors import reason
from counter_app.qt.update_notice import add_update_notice, notice
from counter_app.updates.errors import MSG_BAD_SIGNATURE
from counter_app.updates.state import record_event
from counter_app.services import updates

NOW = dt.datetime(2026, 12, 7, 12, 0)


def _status(event: dict | None = None, staged: str = ""):
    return SimpleNamespace(last_event=event or {}, staged=staged)


def test_what_is_said_and_when():
    assert notice(_status(), NOW) == ("", False)
    assert notice(_status(staged="0.2.0"), NOW) == (
        "Counter 0.2.0 is ready: it is installed at the next start.", False)
    fresh = (NOW - dt.timedelta(seconds=30)).isoformat()
    text, warns = notice(_status({"at": fresh, "event": "rolled_back", "version": "0.2.0",
                                  "reason": reason(MSG_BAD_SIGNATURE)}), NOW)
    assert warns and "0.2.0" in text and "rolled back" in text
    assert notice(_status({"at": fresh, "event": "installed", "version": "0.2.0"}), NOW)[0] \
        == "Counter 0.2.0 was installed at this start."
    old = (NOW - dt.timedelta(hours=2)).isoformat()
    assert notice(_status({"at": old, "event": "installed", "version": "0.2.0"}), NOW) == (
        "", False)


def test_the_status_bar_shows_a_rollback_of_this_start(qtbot, ctx, admin):
    from counter_app.qt.main_window import MainWindow

    folder = updates.update_folder(ctx.settings)
    folder.state_file.parent.mkdir(parents=True, exist_ok=True)
    record_event(folder, "rolled_back", "9.9.9")
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    assert window.update_notice is not None and "9.9.9" in window.update_notice.text()
