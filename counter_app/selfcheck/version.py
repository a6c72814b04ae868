"""This counter's version against the one the central side publishes (the update
manifest's version, when it is known: otherwise the item says so and checks nothing)."""

from __future__ import annotations

import re

from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.selfcheck.items import Check, Item, State

MSG_VERSION_UNKNOWN = QT_TRANSLATE_NOOP(
    "messages", "Version {running}; the published version is not known yet.")
MSG_VERSION_CURRENT = QT_TRANSLATE_NOOP(
    "messages", "Version {running}, the published one.")
MSG_VERSION_NEWER = QT_TRANSLATE_NOOP(
    "messages", "Version {running}, newer than the published {published}.")
MSG_VERSION_OLD = QT_TRANSLATE_NOOP(
    "messages", "Version {running} runs here, but {published} is published: it is installed "
                "at a start once downloaded; ask the administrator if it does not come.")


def version_key(version: str) -> tuple[int, ...]:
    """"1.10.2" -> (1, 10, 2); trailing zeros dropped, so 1.2 equals 1.2.0."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+", 1)[0])]
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def version_item(running: str, published: str | None) -> Item:
    if not published:
        return Item(Check.VERSION, State.OK, MSG_VERSION_UNKNOWN, {"running": running})
    params = {"running": running, "published": published}
    here, there = version_key(running), version_key(published)
    if here < there:
        return Item(Check.VERSION, State.WARNING, MSG_VERSION_OLD, params)
    if here > there:
        return Item(Check.VERSION, State.OK, MSG_VERSION_NEWER, params)
    return Item(Check.VERSION, State.OK, MSG_VERSION_CURRENT, {"running": running})
