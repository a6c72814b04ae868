"""The central database's reasons for refusing an operation, as staff read them.

A reason arrives as its English template and values (counter_app.domain.errors.reason;
counter_app.central.reasons marks the templates for translation in context
"sync_reasons"): the template is translated and the values put back in. Any other
text (an older or newer central version's, say) is shown as it came.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.central.reasons import TEMPLATES
from counter_app.domain.errors import QT_TRANSLATE_NOOP, read_reason

_KINDS = {
    "application_submitted": QT_TRANSLATE_NOOP("sync_kinds", "Submitted application"),
    "blob": QT_TRANSLATE_NOOP("sync_kinds", "Photo or scanned file"),
    "photo_receipt_issued": QT_TRANSLATE_NOOP("sync_kinds", "Photo receipt"),
    "card_collected": QT_TRANSLATE_NOOP("sync_kinds", "Card collected"),
    "card_activated": QT_TRANSLATE_NOOP("sync_kinds", "Card activated"),
    "card_reported": QT_TRANSLATE_NOOP("sync_kinds", "Card reported to the invalid list"),
    "card_unreported": QT_TRANSLATE_NOOP("sync_kinds", "Temporary loss report undone"),
    "card_instant_started": QT_TRANSLATE_NOOP("sync_kinds", "Card being made at the window"),
    "card_instant_produced": QT_TRANSLATE_NOOP("sync_kinds", "Card made at the window"),
    "card_instant_failed": QT_TRANSLATE_NOOP("sync_kinds", "Card blank spoiled at the window"),
}


def reason_text(reason: str) -> str:
    """*reason* (its template and values, as the central side stored it) in the user
    interface language; text that is not a known template is shown as it came."""
    template, values = read_reason(reason)
    if template not in TEMPLATES:
        return reason
    if "kind" in values:
        values["kind"] = kind_name(values["kind"])
    if {"target", "current", "entry"} & set(values):  # the card operations' reasons
        from counter_app.qt.card_names import invalid_kind_name
        from counter_app.qt.status_names import status_name
        values.update({key: status_name(values[key]) for key in ("target", "current")
                       if key in values})
        if "entry" in values:
            values["entry"] = invalid_kind_name(values["entry"])
    try:
        return QCoreApplication.translate("sync_reasons", template).format(**values)
    except (KeyError, IndexError, ValueError):  # values that do not fit: show the words
        return QCoreApplication.translate("sync_reasons", template)


def kind_name(kind: str) -> str:
    """An outbox operation's kind in words (the code itself when unknown)."""
    source = _KINDS.get(kind)
    return QCoreApplication.translate("sync_kinds", source) if source else kind
