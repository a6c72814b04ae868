"""Errors that staff may see.

Each error carries an English template and its parameters. The Qt layer translates the
template through Qt's translation system (context "messages"), so the same error reads
in Chinese at the window and in English in logs. Templates never hold personal data.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    """Mark *text* for translation without importing Qt; lupdate finds these calls."""
    return text


class CounterError(Exception):
    """An error with a message meant for staff."""

    code = "error"

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class ValidationError(CounterError):
    code = "invalid"

    def __init__(self, field: str, template: str, **params: object) -> None:
        self.field = field
        super().__init__(template, **params)
