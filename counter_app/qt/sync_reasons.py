"""The central database's reasons for refusing an operation, as staff read them.

A reason arrives already formatted from a fixed English template (counter_app.central.apply
and counter_app.central.blobs mark them for translation in context "sync_reasons"). Each
template becomes a pattern; a reason that matches one is translated with its values put
back in; any other text (a newer central version, say) is shown as it came.
"""

from __future__ import annotations

import re
import string
from functools import cache

from PySide6.QtCore import QCoreApplication

from counter_app.central import apply, apply_cards, blobs
from counter_app.domain.errors import QT_TRANSLATE_NOOP

TEMPLATES = (apply.WRONG_SITE, apply.UNKNOWN_KIND, apply.MALFORMED, apply.SEQ_REUSED,
             apply.TAKEN_OVER, apply.FILE_INCOMPLETE, apply.REFUSED, apply.RECEIPT_TAKEN,
             blobs.FILE_MISSING, blobs.FILE_DAMAGED, blobs.UPLOAD_DAMAGED,
             *apply_cards.REASONS)

_KINDS = {
    "application_submitted": QT_TRANSLATE_NOOP("sync_kinds", "Submitted application"),
    "blob": QT_TRANSLATE_NOOP("sync_kinds", "Photo or scanned file"),
    "photo_receipt_issued": QT_TRANSLATE_NOOP("sync_kinds", "Photo receipt"),
    "card_collected": QT_TRANSLATE_NOOP("sync_kinds", "Card collected"),
    "card_activated": QT_TRANSLATE_NOOP("sync_kinds", "Card activated"),
    "card_reported": QT_TRANSLATE_NOOP("sync_kinds", "Card reported to the invalid list"),
    "card_unreported": QT_TRANSLATE_NOOP("sync_kinds", "Temporary loss report undone"),
}


def reason_text(reason: str) -> str:
    """*reason* in the user interface language (unchanged when no template matches)."""
    for template, pattern in _patterns():
        match = pattern.fullmatch(reason)
        if match:
            values = match.groupdict()
            if "kind" in values:
                values["kind"] = kind_name(values["kind"])
            if {"target", "current", "entry"} & set(values):  # apply_cards' reasons
                from counter_app.qt.card_names import invalid_kind_name
                from counter_app.qt.status_names import status_name
                values.update({key: status_name(values[key]) for key in ("target", "current")
                               if key in values})
                if "entry" in values:
                    values["entry"] = invalid_kind_name(values["entry"])
            return QCoreApplication.translate("sync_reasons", template).format(**values)
    return reason


def kind_name(kind: str) -> str:
    """An outbox operation's kind in words (the code itself when unknown)."""
    source = _KINDS.get(kind)
    return QCoreApplication.translate("sync_kinds", source) if source else kind


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((template, _pattern(template)) for template in TEMPLATES)


def _pattern(template: str) -> re.Pattern[str]:
    """'operation for site {site}, …' -> r'operation\\ for\\ site\\ (?P<site>.+?), …'."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(f"(?P<{field}>.+?)")
    return re.compile("".join(parts), re.DOTALL)
