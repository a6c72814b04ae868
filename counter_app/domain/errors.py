"""Errors that staff may see.

Each error carries an English template and its parameters. The Qt layer translates the
template through Qt's translation system (context "messages"), so the same error reads
in Chinese at the window and in English in logs. Templates never hold personal data.
"""

from __future__ import annotations

import json
import re


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


class ConfigFileError(CounterError):
    """A settings, credentials or rules file that cannot be used. The command line prints
    the message and exits with 2; the window shows it instead of starting. The message
    names the file and, for a syntax error, the line; never the file's content."""

    code = "config"


MSG_FILE_BROKEN = QT_TRANSLATE_NOOP(
    "messages", "The file {file} is broken at line {line}, column {column}: correct it or "
                "ask the administrator.")
MSG_FILE_INVALID = QT_TRANSLATE_NOOP("messages", "The file {file} is not valid: {problem}")
MSG_FILE_UNREADABLE = QT_TRANSLATE_NOOP("messages", "The file {file} cannot be read: {problem}")

_AT_LINE = re.compile(r"line (\d+),? col(?:umn)? (\d+)")


def line_of(text: str, token: str) -> int | None:
    """The first line of a TOML *text* naming *token* as a key, a table or a quoted value
    (tomllib keeps no line numbers: a file's problem is pointed to this way)."""
    pattern = re.compile(rf'(^|[\s\[."]){re.escape(token)}($|[\s\]."=])')
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line.split("#", 1)[0]):
            return number
    return None


def broken_file(file: object, exc: Exception) -> ConfigFileError:
    """The error for a file its parser refused (tomllib, tomlkit, json): the line and
    column when the parser tells them, never the parser's quote of the content."""
    line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
    column = getattr(exc, "colno", None) or getattr(exc, "col", None)
    if not isinstance(line, int):
        found = _AT_LINE.search(str(exc))  # tomllib before Python 3.14: only in the message
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
    if line is None:
        return ConfigFileError(MSG_FILE_INVALID, file=file, problem=type(exc).__name__)
    return ConfigFileError(MSG_FILE_BROKEN, file=file, line=line, column=column or 1)


class ValidationError(CounterError):
    code = "invalid"

    def __init__(self, field: str, template: str, **params: object) -> None:
        self.field = field
        super().__init__(template, **params)


def reason(template: str, **params: object) -> str:
    """A refusal's reason as the central side stores and sends it: the untranslated
    template and its parameters (JSON), so each window shows it in its own language."""
    return json.dumps({"template": template, "params": {k: str(v) for k, v in params.items()}},
                      ensure_ascii=False, sort_keys=True)


def read_reason(text: str) -> tuple[str, dict[str, str]]:
    """(template, parameters) of a stored reason; other text (an older or newer central
    version's) as (text, {})."""
    try:
        data = json.loads(text)
        template, params = data["template"], data["params"]
    except (ValueError, TypeError, KeyError):
        return text, {}
    if not isinstance(template, str) or not isinstance(params, dict):
        return text, {}
    return template, {str(key): str(value) for key, value in params.items()}


def reason_words(text: str) -> str:
    """A stored reason as English words (the command line, logs)."""
    template, params = read_reason(text)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
