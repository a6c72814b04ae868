"""What a self-check says: one Item per check, a Report of them all."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace

from counter_app.domain.errors import QT_TRANSLATE_NOOP


class State(enum.StrEnum):
    OK = "ok"
    WARNING = "warning"    # staff should know; nothing is stopped
    BLOCKING = "blocking"  # continuing would do harm: new applications stop


class Check(enum.StrEnum):
    DISK = "disk"
    CLOCK = "clock"
    LAST_SYNC = "last_sync"
    UNSENT = "unsent"
    PRINTER = "printer"
    CAMERA = "camera"
    ID_READER = "id_reader"
    VERSION = "version"


# The checks that can stop new applications (and that a supervisor can allow for the day).
GATES = (Check.DISK, Check.CLOCK)

CHECK_NAMES = {
    Check.DISK: QT_TRANSLATE_NOOP("messages", "Disk space"),
    Check.CLOCK: QT_TRANSLATE_NOOP("messages", "Clock"),
    Check.LAST_SYNC: QT_TRANSLATE_NOOP("messages", "Last sync"),
    Check.UNSENT: QT_TRANSLATE_NOOP("messages", "Applications not yet sent"),
    Check.PRINTER: QT_TRANSLATE_NOOP("messages", "Printer"),
    Check.CAMERA: QT_TRANSLATE_NOOP("messages", "Camera"),
    Check.ID_READER: QT_TRANSLATE_NOOP("messages", "ID-card reader"),
    Check.VERSION: QT_TRANSLATE_NOOP("messages", "Version"),
}


@dataclass(frozen=True)
class Item:
    """One check's answer: its state and why, as a template and its parameters (never
    personal data). *allowed_by*: the supervisor who allowed new applications for today
    despite this blocking item ('' when none)."""

    check: Check
    state: State
    template: str
    params: dict = field(default_factory=dict)
    allowed_by: str = ""
    took_ms: float = field(default=0.0, compare=False)  # what the check cost

    @property
    def words(self) -> str:
        """The reason in English (logs, --json)."""
        return self.template.format(**self.params)

    @property
    def stops_new_applications(self) -> bool:
        return self.state is State.BLOCKING and not self.allowed_by

    def timed(self, took_ms: float) -> Item:
        return replace(self, took_ms=took_ms)


@dataclass(frozen=True)
class Report:
    items: tuple[Item, ...]
    checked_at: dt.datetime  # naive UTC

    def item(self, check: Check) -> Item | None:
        return next((item for item in self.items if item.check is check), None)

    @property
    def blocking(self) -> tuple[Item, ...]:
        """Items that block (allowed by a supervisor or not): `counter-app doctor` exits 1."""
        return tuple(item for item in self.items if item.state is State.BLOCKING)

    @property
    def stopping(self) -> tuple[Item, ...]:
        """Blocking items no supervisor has allowed: new applications are stopped."""
        return tuple(item for item in self.items if item.stops_new_applications)

    @property
    def attention(self) -> int:
        """How many items are not ok."""
        return sum(item.state is not State.OK for item in self.items)

    @property
    def took_ms(self) -> float:
        return sum(item.took_ms for item in self.items)
