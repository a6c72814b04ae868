"""What an install at the start came to, and what a self-check answers: kept apart from
counter_app.updates.install so that a start with nothing to install loads neither the zip
nor the signature code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.errors import CounterError


@dataclass(frozen=True)
class CheckResult:
    """What a self-check may return instead of a plain bool: whether it passed, and if
    not, why (a short technical phrase for the log and the reason; no personal data)."""
    ok: bool
    problem: str = ""

    def __bool__(self) -> bool:
        return self.ok


# Given the program folder holding the new version; truthy when that version is fit to run.
SelfCheck = Callable[[Path], "bool | CheckResult"]


@dataclass(frozen=True)
class Outcome:
    event: str                  # nothing, installed, rolled_back, refused
    version: str = ""
    error: CounterError | None = None

    @property
    def restart(self) -> bool:
        """The program folder holds another version than the one running: start again."""
        return self.event == "installed"


NOTHING = Outcome("nothing")
