"""Names staff read for the invalid list's kinds, levels and states, and for who collected
a card (translated; the stored values stay English codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.domain.cards import EntryState, InvalidKind, Level
from counter_app.domain.collection import Collector
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.qt.i18n import message_for

_KINDS = {
    InvalidKind.TEMPORARY_LOSS: QT_TRANSLATE_NOOP("cards", "Temporary loss report"),
    InvalidKind.FORMAL_LOSS: QT_TRANSLATE_NOOP("cards", "Formal loss report"),
    InvalidKind.DAMAGE: QT_TRANSLATE_NOOP("cards", "Damaged"),
    InvalidKind.EXPIRY: QT_TRANSLATE_NOOP("cards", "Expired"),
    InvalidKind.CANCELLATION: QT_TRANSLATE_NOOP("cards", "Cancelled (moved away, abroad, death)"),
    InvalidKind.REPLACED: QT_TRANSLATE_NOOP("cards", "Replaced by a new card"),
}
_LEVELS = {
    Level.CITY: QT_TRANSLATE_NOOP("cards", "city"),
    Level.PROVINCE: QT_TRANSLATE_NOOP("cards", "province"),
    Level.NATIONAL: QT_TRANSLATE_NOOP("cards", "national"),
}
_STATES = {
    EntryState.ACTIVE: QT_TRANSLATE_NOOP("cards", "in force"),
    EntryState.RELEASED: QT_TRANSLATE_NOOP("cards", "released"),
    EntryState.CANCELLED: QT_TRANSLATE_NOOP("cards", "card cancelled"),
}
_COLLECTORS = {
    Collector.APPLICANT: QT_TRANSLATE_NOOP("cards", "the applicant"),
    Collector.GUARDIAN: QT_TRANSLATE_NOOP("cards", "a guardian"),
}


def _name(table: dict, enum_type, value) -> str:
    try:
        source = table[enum_type(value)]
    except ValueError:
        return str(value)
    return QCoreApplication.translate("cards", source)


def invalid_kind_name(kind: InvalidKind | str) -> str:
    return _name(_KINDS, InvalidKind, kind)


def level_name(level: Level | str) -> str:
    return _name(_LEVELS, Level, level)


def entry_state_name(state: EntryState | str) -> str:
    return _name(_STATES, EntryState, state)


def collector_name(collector: Collector | str) -> str:
    return _name(_COLLECTORS, Collector, collector)


def card_message(error: BaseException) -> str:
    """message_for, with a card status or entry kind in the error's values in words."""
    if not isinstance(error, CounterError) or not ({"status", "kind"} & set(error.params)):
        return message_for(error)
    from counter_app.qt.status_names import status_name

    params = dict(error.params)
    if "status" in params:
        params["status"] = status_name(params["status"])
    if "kind" in params:
        params["kind"] = invalid_kind_name(params["kind"])
    return QCoreApplication.translate("messages", error.template).format(**params)
