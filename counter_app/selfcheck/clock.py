"""This computer's clock against the central server's.

The central PostgreSQL is asked for now(); the offset is its answer minus the middle of
the round trip on this computer's clock. A reading stays usable for a while without a new
question (the gate on new applications asks no server): `ClockReading.offset_at` gives
None once it is old, or once this computer's clock has been set since (the wall clock and
the monotonic clock no longer moved together), so a corrected clock is never held against
staff until it is measured again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.selfcheck.items import Check, Item, State

# A reading older than this (monotonic seconds) is not used by the gate: the window
# measures again every few minutes.
READING_LIFETIME_S = 30 * 60
# The wall clock moved this much more (or less) than the monotonic clock since the reading:
# someone set the clock (or the computer slept); the reading no longer says anything.
CLOCK_SET_S = 30.0

MSG_CLOCK_OK = QT_TRANSLATE_NOOP(
    "messages", "Within {seconds} s of the central server's clock.")
MSG_CLOCK_AHEAD_WARNING = QT_TRANSLATE_NOOP(
    "messages", "{seconds} s ahead of the central server's clock: ask the "
                "administrator to set it right (new applications stop beyond {limit} "
                "minutes).")
MSG_CLOCK_BEHIND_WARNING = QT_TRANSLATE_NOOP(
    "messages", "{seconds} s behind the central server's clock: ask the administrator "
                "to set it right (new applications stop beyond {limit} minutes).")
MSG_CLOCK_AHEAD = QT_TRANSLATE_NOOP(
    "messages", "This computer's clock is about {minutes} minutes ahead of the central "
                "server's, so the dates on forms would be wrong: new applications are "
                "stopped. Set the clock right or ask the administrator.")
MSG_CLOCK_BEHIND = QT_TRANSLATE_NOOP(
    "messages", "This computer's clock is about {minutes} minutes behind the central "
                "server's, so the dates on forms would be wrong: new applications are "
                "stopped. Set the clock right or ask the administrator.")
MSG_CLOCK_SAME_COMPUTER = QT_TRANSLATE_NOOP(
    "messages", "The central database runs on this computer, so it keeps this computer's "
                "time.")
MSG_CLOCK_UNREACHABLE = QT_TRANSLATE_NOOP(
    "messages", "Not compared: the central database cannot be reached just now. This alone "
                "stops nothing.")
MSG_CLOCK_NOT_ENROLLED = QT_TRANSLATE_NOOP(
    "messages", "Not compared: this counter is not enrolled with a central database yet.")


@dataclass(frozen=True)
class ClockReading:
    offset_s: float      # the central server's time minus this computer's, in seconds
    round_trip_s: float  # how long the question took (the offset is this uncertain)
    wall: float          # this computer's clock when measured (seconds since the epoch)
    monotonic: float     # time.monotonic() when measured

    def offset_at(self, wall: float, monotonic: float) -> float | None:
        """The offset still in force at (*wall*, *monotonic*); None when the reading is too
        old, or the clock was set (or the computer slept) since."""
        elapsed = monotonic - self.monotonic
        if not 0 <= elapsed <= READING_LIFETIME_S:
            return None
        if abs((wall - self.wall) - elapsed) > CLOCK_SET_S:
            return None
        return self.offset_s


def measure(connection: Connection, *, local_clock: Callable[[], float] = time.time,
            monotonic: Callable[[], float] = time.monotonic) -> ClockReading:
    """Ask the central PostgreSQL for now() on *connection*; *local_clock* is this
    computer's clock (seconds since the epoch)."""
    start, started = local_clock(), monotonic()
    server = connection.execute(text("SELECT now()")).scalar_one()
    end, ended = local_clock(), monotonic()
    return ClockReading(offset_s=server.timestamp() - (start + end) / 2,
                        round_trip_s=ended - started, wall=end, monotonic=ended)


def clock_item(offset_s: float, *, max_offset_minutes: int, warning_seconds: int) -> Item:
    """BLOCKING beyond *max_offset_minutes*, WARNING beyond *warning_seconds*, else OK.
    A positive offset: the server is ahead, so this computer's clock is behind."""
    distance = abs(offset_s)
    behind = offset_s > 0
    if distance > max_offset_minutes * 60:
        return Item(Check.CLOCK, State.BLOCKING, MSG_CLOCK_BEHIND if behind else MSG_CLOCK_AHEAD,
                    {"minutes": max(1, round(distance / 60))})
    if distance > warning_seconds:
        return Item(Check.CLOCK, State.WARNING,
                    MSG_CLOCK_BEHIND_WARNING if behind else MSG_CLOCK_AHEAD_WARNING,
                    {"seconds": round(distance), "limit": max_offset_minutes})
    return Item(Check.CLOCK, State.OK, MSG_CLOCK_OK, {"seconds": max(1, round(distance))})


def not_compared(template: str) -> Item:
    """No offset (central unreachable, not enrolled): a warning that stops nothing; on the
    built-in central (this computer's own clock) all is well."""
    state = State.OK if template == MSG_CLOCK_SAME_COMPUTER else State.WARNING
    return Item(Check.CLOCK, state, template)
