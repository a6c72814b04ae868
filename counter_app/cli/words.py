"""What the command line says to a person, in the configured language.

cli.main installs the translators of settings.language (Chinese by default,
COUNTER_LANGUAGE=en for English) before the parser is built, so help texts, results,
prompts and error lines all come through here: the command line's own texts in the
context "cli", errors as the window shows them (context "messages").

Each text is an English template marked QT_TRANSLATE_NOOP("cli", ...) where it is used:
lupdate finds it there (scripts/lupdate.sh reads every file that marks texts), and it is
filled in after translation, never before. Machine-readable output (--json, tab-separated
listings, CSV, a bare number) does not come through here: its keys and values are the
same in every language, and so are the error texts inside JSON (English, for scripts).

PySide6 loads when the first text is needed, not with this module: `import counter_app.cli`
stays free of Qt (tests/unit/test_layering.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

CONTEXT = "cli"
MSG_ERROR_LINE = QT_TRANSLATE_NOOP("cli", "error: {message}")
MSG_LIST_SEPARATOR = QT_TRANSLATE_NOOP("cli", ", ")


def say(template: str, **values: object) -> str:
    """*template* (marked QT_TRANSLATE_NOOP("cli", ...)) in the language in effect, with
    *values* put in."""
    from counter_app.qt.i18n import translate

    return translate(CONTEXT, template).format(**values)


def error_text(error: CounterError) -> str:
    """A CounterError's message in the language in effect, as the window shows it (a card
    status or an invalid-list kind among its values in words too)."""
    from counter_app.qt.card_names import card_message

    return card_message(error)


def message_words(template: str, **values: object) -> str:
    """A template of the window's catalogue (context "messages": a photo check's words, a
    hint) in the language in effect, with *values* put in when there are any."""
    from counter_app.qt.i18n import translate

    text = translate("messages", template)
    return text.format(**values) if values else text


def error_line(error: CounterError | str) -> str:
    """The line standard error gets for *error* (or words already translated): "error: "
    and the message."""
    message = error if isinstance(error, str) else error_text(error)
    return say(MSG_ERROR_LINE, message=message)


def listing(items: Iterable[object]) -> str:
    """*items* joined as a sentence lists them ("a, b" in English, "a、b" in Chinese)."""
    return say(MSG_LIST_SEPARATOR).join(str(item) for item in items)


def status_word(status: str) -> str:
    """A lifecycle status code (submitted, in_production...) as the window names it."""
    from counter_app.qt.status_names import status_name

    return status_name(status)
