"""Status names as staff read them (translated; the stored values stay English codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.domain.lifecycle import Status

_NAMES = {
    Status.DRAFT: QT_TRANSLATE_NOOP("status", "Being entered"),
    Status.EXAMINED: QT_TRANSLATE_NOOP("status", "Examined"),
    Status.PHOTO_OK: QT_TRANSLATE_NOOP("status", "Photo taken"),
    Status.FORM_PRINTED: QT_TRANSLATE_NOOP("status", "Form printed"),
    Status.SIGNED: QT_TRANSLATE_NOOP("status", "Signed"),
    Status.SUBMITTED: QT_TRANSLATE_NOOP("status", "Submitted"),
    Status.IN_PRODUCTION: QT_TRANSLATE_NOOP("status", "In production"),
    Status.PRODUCTION_FAILED: QT_TRANSLATE_NOOP("status", "Card could not be made"),
    Status.PRODUCED: QT_TRANSLATE_NOOP("status", "Produced"),
    Status.AT_SITE: QT_TRANSLATE_NOOP("status", "Ready for collection"),
    Status.NOTIFIED: QT_TRANSLATE_NOOP("status", "Applicant notified"),
    Status.COLLECTED: QT_TRANSLATE_NOOP("status", "Collected"),
    Status.ACTIVATED: QT_TRANSLATE_NOOP("status", "Activated"),
    Status.REJECTED: QT_TRANSLATE_NOOP("status", "Rejected"),
    Status.WITHDRAWN: QT_TRANSLATE_NOOP("status", "Withdrawn"),
}


def status_name(status: Status | str) -> str:
    try:
        source = _NAMES[Status(status)]
    except ValueError:
        return str(status)
    return QCoreApplication.translate("status", source)
