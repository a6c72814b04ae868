"""What the window says about program updates (issue 15), in the status bar: an update
installed, rolled back or refused at this start (said while it is fresh), else one staged
for the next start. Nothing when there is nothing to say."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import QLabel

from counter_app.domain.errors import QT_TRANSLATE_NOOP, read_reason
from counter_app.qt.i18n import translate
from counter_app.qt.style import ERROR_COLOUR

log = logging.getLogger(__name__)
FRESH = dt.timedelta(minutes=10)  # an event at this start: the window opens seconds later


INSTALLED = QT_TRANSLATE_NOOP("UpdateNotice", "Counter {version} was installed at this start.")
ROLLED_BACK = QT_TRANSLATE_NOOP(
    "UpdateNotice", "The update to {version} failed its start-up check and was rolled back: "
                    "{reason}")
REFUSED = QT_TRANSLATE_NOOP("UpdateNotice", "The update to {version} was refused: {reason}")
STAGED = QT_TRANSLATE_NOOP("UpdateNotice",
                           "Counter {version} is ready: it is installed at the next start.")
# event -> (words, whether they warn)
EVENTS = {"installed": (INSTALLED, False), "rolled_back": (ROLLED_BACK, True),
          "refused": (REFUSED, True)}


def notice(status, now: dt.datetime) -> tuple[str, bool]:
    """(the words, whether they warn) for *status* (services.updates.UpdateStatus)."""
    event = status.last_event or {}
    if _fresh(event.get("at", ""), now) and event.get("event") in EVENTS:
        words, warns = EVENTS[event["event"]]
        return translate("UpdateNotice", words).format(
            version=str(event.get("version", "")),
            reason=_reason(str(event.get("reason", "")))), warns
    if status.staged:
        return translate("UpdateNotice", STAGED).format(version=status.staged), False
    return "", False


def add_update_notice(window) -> QLabel | None:
    """The notice as a label in *window*'s status bar; None when there is none."""
    from counter_app.services import updates

    try:
        text, warns = notice(updates.update_status(window.ctx.settings),
                             dt.datetime.now(dt.UTC).replace(tzinfo=None))
    except (OSError, ValueError) as exc:  # an unreadable state file: said by the self-check
        log.warning("update state unreadable: %s", type(exc).__name__)
        return None
    if not text:
        return None
    label = QLabel(text)
    label.setToolTip(text)
    if warns:
        label.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
    window.ui.status_bar.addPermanentWidget(label)
    return label


def _fresh(at: str, now: dt.datetime) -> bool:
    try:
        return now - dt.datetime.fromisoformat(at) <= FRESH
    except (TypeError, ValueError):
        return False


def _reason(stored: str) -> str:
    if not stored:
        return ""
    template, params = read_reason(stored)
    try:
        return translate("messages", template).format(**params)
    except (KeyError, IndexError, ValueError):
        return template
