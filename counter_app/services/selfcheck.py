"""The counter's self-check as the window and `counter-app doctor` use it, and the gate it
puts on new applications.

`run_checks` measures everything (the clock by asking the central PostgreSQL: the window
runs it on its task runner, never on the GUI thread) and keeps the results in this
process. `check_new_application` (called by intake.save_applicant before a new
application is made) asks no server and costs microseconds: free space is measured again
at most every DISK_CACHE_S seconds, the clock offset is the last reading's while it is
fresh (selfcheck.clock). Only where continuing would do harm does it refuse, with the
reason: a clock more than the rules' minutes off the central server's (dates on forms),
less free space than the rules' minimum (no durable writes). A supervisor can allow new
applications despite them for the rest of the day (audited); the allowance ends when a
check finds the condition gone, or when the day does.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select

from counter_app import __version__
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.selfcheck import GATES, Check, Item, Report, State
from counter_app.selfcheck import backlog, clock, devices, disk, version
from counter_app.services import auth
from counter_app.services.auth import CurrentOperator, Forbidden
from counter_app.services.context import AppContext
from counter_app.store.models import Meta, OutboxEntry

__all__ = ["NewApplicationsStopped", "allow_new_applications", "allow_with_password",
           "check_new_application", "last_report", "run_checks", "stopped"]

log = logging.getLogger(__name__)

# This computer's clock, seconds since the epoch (tests shift it to put the clock off).
local_clock: Callable[[], float] = time.time
# The gate measures free space again at most this often.
DISK_CACHE_S = 10.0
META_PREFIX = "self_check_allowed:"  # + the check: today's supervisor allowance

MSG_STOPPED_DISK = QT_TRANSLATE_NOOP(
    "messages", "New applications are stopped: only {free} MB are free on the disk of the "
                "data folder, under the {minimum} MB needed to keep them safely. Free some "
                "space, or a supervisor can allow new applications for today in the "
                "self-check.")
MSG_STOPPED_CLOCK = QT_TRANSLATE_NOOP(
    "messages", "New applications are stopped: this computer's clock is about {minutes} "
                "minutes off the central server's, so the dates on forms would be wrong. Set "
                "the clock right, or a supervisor can allow new applications for today in "
                "the self-check.")
MSG_NOTHING_TO_ALLOW = QT_TRANSLATE_NOOP(
    "messages", "Nothing stops new applications at the moment.")
MSG_NO_REASON = QT_TRANSLATE_NOOP(
    "messages", "Please give the reason for allowing new applications.")
MSG_SUPERVISOR_ONLY = QT_TRANSLATE_NOOP(
    "messages", "Only a supervisor of this handling point can allow new applications.")


class NewApplicationsStopped(CounterError):
    """A new application refused by the self-check's gate: the reason, and how to go on."""

    code = "self_check"

    def __init__(self, check: Check, template: str, **params: object) -> None:
        self.check = check
        super().__init__(template, **params)


class SelfCheckError(CounterError):
    code = "self_check"


@dataclass
class _Kept:
    """What this process knows of one counter (data folder) between checks."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    reading: clock.ClockReading | None = None
    free: tuple[float, int] | None = None  # (time.monotonic(), free bytes)
    report: Report | None = None


_kept: dict[Path, _Kept] = {}
_kept_lock = threading.Lock()


def _of(ctx: AppContext) -> _Kept:
    with _kept_lock:
        return _kept.setdefault(Path(ctx.settings.data_dir), _Kept())


def forget(ctx: AppContext | None = None) -> None:
    """Drop what is kept of *ctx*'s counter (all when None): tests, a changed data folder."""
    with _kept_lock:
        if ctx is None:
            _kept.clear()
        else:
            _kept.pop(Path(ctx.settings.data_dir), None)


# --- the checks -------------------------------------------------------------------------

def _published_version(ctx: AppContext) -> str | None:
    """The version the last sync found published (services.updates keeps it), if any."""
    from counter_app.services import updates
    try:
        return updates.update_status(ctx.settings).published or None
    except (OSError, ValueError):  # no update folder yet, or its state unreadable
        return None


def run_checks(ctx: AppContext, *,
               printers: devices.PrinterProbe | Callable[[], devices.PrinterProbe] | None = None,
               id_reader: object | None = None, published_version: str | None = None,
               camera_present: Callable[[int], bool] = devices.device_present) -> Report:
    """Every check, in the order staff read them. *printers*: the window's probe (or its
    answer); *id_reader*: the reader the window has open (else the configured one is
    opened, asked and closed); *published_version*: the update manifest's (by default the
    one the last sync saw published).
    Takes as long as the central server takes to answer (5 s at most when it does not):
    not for the GUI thread."""
    kept = _of(ctx)
    now = _utc_now()
    timed = _Timer()
    published_version = published_version or _published_version(ctx)
    items = [
        timed(lambda: _disk(ctx, kept)),
        timed(lambda: _clock(ctx, kept)),
        *_backlog(ctx, now, timed),
        timed(lambda: devices.printer_item(printers() if callable(printers) else printers)),
        timed(lambda: devices.camera_item(*devices.camera_sources(ctx.settings.extra),
                                          present=camera_present)),
        timed(lambda: devices.id_reader_item(ctx.settings.id_card_reader, id_reader)),
        timed(lambda: version.version_item(__version__, published_version)),
    ]
    report = Report(tuple(_with_allowances(ctx, items)), now)
    kept.report = report
    log.info("self-check: %s (%.0f ms)", ", ".join(f"{i.check}={i.state}" for i in items),
             report.took_ms)
    return report


def last_report(ctx: AppContext) -> Report | None:
    """The last run_checks' report in this process (None before the first)."""
    return _of(ctx).report


class _Timer:
    def __call__(self, check: Callable[[], Item]) -> Item:
        started = time.perf_counter()
        item = check()
        return item.timed((time.perf_counter() - started) * 1000)


def _disk(ctx: AppContext, kept: _Kept) -> Item:
    rules = ctx.rules.self_check
    try:
        free = disk.free_bytes(ctx.settings.data_dir)
    except OSError:
        return disk.check_disk(ctx.settings.data_dir, min_free_mb=rules.min_free_mb,
                               warning_mb=rules.free_warning_mb)
    with kept.lock:
        kept.free = (time.monotonic(), free)
    return disk.disk_item(free, min_free_mb=rules.min_free_mb, warning_mb=rules.free_warning_mb)


def _clock(ctx: AppContext, kept: _Kept) -> Item:
    """The central PostgreSQL's now() through this counter's own central connection; the
    built-in central is this computer (no offset to measure), and one that cannot be
    reached is said so without stopping anything (the last reading is dropped)."""
    from counter_app.central.database import SyncError
    from counter_app.services import central_access

    rules = ctx.rules.self_check
    kept.reading = None
    try:
        if central_access.uses_builtin(ctx):  # never started by a self-check
            return clock.not_compared(clock.MSG_CLOCK_SAME_COMPUTER)
        reading = central_access.ask(
            ctx, lambda connection: clock.measure(connection, local_clock=local_clock))
    except SyncError as error:
        return clock.not_compared(clock.MSG_CLOCK_NOT_ENROLLED
                                  if error.template == central_access.MSG_NOT_ENROLLED
                                  else clock.MSG_CLOCK_UNREACHABLE)
    except Exception as exc:  # noqa: BLE001 - a self-check never fails; the log says what
        log.warning("the clock check failed: %s", type(exc).__name__)
        return clock.not_compared(clock.MSG_CLOCK_UNREACHABLE)
    kept.reading = reading
    return clock.clock_item(reading.offset_s, max_offset_minutes=rules.max_clock_offset_minutes,
                            warning_seconds=rules.clock_warning_seconds)


def _backlog(ctx: AppContext, now: dt.datetime, timed: _Timer) -> list[Item]:
    from counter_app.services import syncing

    rules = ctx.rules.self_check

    def last_sync() -> Item:
        status = syncing.sync_status(ctx)
        return backlog.last_sync_item(status.last_success, status.pending, now,
                                      warning_hours=rules.sync_warning_hours)

    def unsent() -> Item:
        with ctx.sessions() as session:
            count, oldest = session.execute(
                select(func.count(), func.min(OutboxEntry.created_at)).where(
                    OutboxEntry.kind == "application_submitted",
                    OutboxEntry.sent_at.is_(None))).one()
        return backlog.unsent_item(oldest, count, now, warning_hours=rules.unsent_warning_hours)

    return [timed(last_sync), timed(unsent)]


# --- the gate ---------------------------------------------------------------------------

def stopped(ctx: AppContext) -> NewApplicationsStopped | None:
    """Why a new application would be refused now, or None (see check_new_application)."""
    blocking = _gate_items(ctx)
    if not blocking:
        return None
    allowed = _allowances(ctx, [item.check for item in blocking])
    for item in blocking:
        if item.check not in allowed:
            return _refusal(item)
    return None


def check_new_application(ctx: AppContext) -> None:
    """NewApplicationsStopped, with its reason, while the clock or the disk would make a new
    application harmful and no supervisor has allowed new applications today. Asks no
    server: the clock is the last check's reading while it is fresh (none: not stopped)."""
    refusal = stopped(ctx)
    if refusal is not None:
        log.warning("new application refused by the self-check: %s", refusal.check)
        raise refusal


def _gate_items(ctx: AppContext) -> list[Item]:
    """The gates' blocking items by what this process measured last (disk: at most
    DISK_CACHE_S ago, measured again otherwise)."""
    rules = ctx.rules.self_check
    kept = _of(ctx)
    blocking = []
    free = _free_space(ctx, kept)
    if free is not None:
        item = disk.disk_item(free, min_free_mb=rules.min_free_mb,
                              warning_mb=rules.free_warning_mb)
        if item.state is State.BLOCKING:
            blocking.append(item)
    reading = kept.reading
    offset = reading.offset_at(local_clock(), time.monotonic()) if reading else None
    if offset is not None:
        item = clock.clock_item(offset, max_offset_minutes=rules.max_clock_offset_minutes,
                                warning_seconds=rules.clock_warning_seconds)
        if item.state is State.BLOCKING:
            blocking.append(item)
    return blocking


def _free_space(ctx: AppContext, kept: _Kept) -> int | None:
    with kept.lock:
        if kept.free is not None and time.monotonic() - kept.free[0] < DISK_CACHE_S:
            return kept.free[1]
    try:
        free = disk.free_bytes(ctx.settings.data_dir)
    except OSError:
        return None  # the check says it cannot measure; unknown stops nothing
    with kept.lock:
        kept.free = (time.monotonic(), free)
    return free


def _refusal(item: Item) -> NewApplicationsStopped:
    if item.check is Check.DISK:
        return NewApplicationsStopped(Check.DISK, MSG_STOPPED_DISK, **item.params)
    return NewApplicationsStopped(Check.CLOCK, MSG_STOPPED_CLOCK, **item.params)


# --- a supervisor's allowance -------------------------------------------------------------

def allow_new_applications(ctx: AppContext, supervisor: CurrentOperator,
                           reason: str) -> tuple[Check, ...]:
    """The signed-in *supervisor* (OVERRIDE) allows new applications for the rest of today
    despite what stops them now, with a reason; audited, one record per condition. Returns
    the conditions allowed."""
    if not supervisor.can(Permission.OVERRIDE):
        raise Forbidden(MSG_SUPERVISOR_ONLY)
    reason = _reason(reason)
    blocking = _blocking_now(ctx)
    with ctx.sessions.begin() as session:
        _allow(session, supervisor, blocking, reason)
    _mark_allowed(ctx, blocking, supervisor)
    return tuple(item.check for item in blocking)


def allow_with_password(ctx: AppContext, at_window: CurrentOperator, username: str,
                        password: str, reason: str) -> CurrentOperator:
    """A supervisor of this window's site signs off with their own user name and password
    (counted like a login; a wrong one locks them out as a login would), on a window where
    someone else is signed in. Returns the supervisor; LoginFailed, or Forbidden (audited)
    for someone who may not."""
    reason = _reason(reason)
    blocking = _blocking_now(ctx)
    refused: CounterError | None = None
    with ctx.sessions.begin() as session:
        operator, error = auth.authenticate(ctx, session, username, password, _utc_now())
        if operator is None:
            refused = error
        else:
            who = auth.as_current(operator)
            if who.can(Permission.OVERRIDE) and who.site_id == at_window.site_id:
                _allow(session, who, blocking, reason)
            else:
                audit.record(session, action="self_check_allow_refused", entity="self_check",
                             entity_id=",".join(item.check for item in blocking),
                             operator_id=who.id, site_id=at_window.site_id,
                             detail=f"at the window of operator {at_window.id}")
                refused = Forbidden(MSG_SUPERVISOR_ONLY)
    if refused is not None:
        raise refused  # after the commit: the count and the audit record are kept
    _mark_allowed(ctx, blocking, who)
    return who


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", MSG_NO_REASON)
    return reason


def _blocking_now(ctx: AppContext) -> list[Item]:
    blocking = _gate_items(ctx)
    if not blocking:
        raise SelfCheckError(MSG_NOTHING_TO_ALLOW)
    return blocking


def _allow(session, supervisor: CurrentOperator, blocking: list[Item], reason: str) -> None:
    today = _local_today().isoformat()
    for item in blocking:
        session.merge(Meta(key=META_PREFIX + item.check, value=json.dumps({
            "day": today, "operator_id": str(supervisor.id), "name": supervisor.display_name,
            "at": _utc_now().isoformat(timespec="seconds")})))
        audit.record(session, action="self_check_allowed", entity="self_check",
                     entity_id=item.check, operator_id=supervisor.id,
                     site_id=supervisor.site_id, to_status=today,
                     detail=f"until the end of {today}; measured "
                            f"{json.dumps(item.params, sort_keys=True)}; "
                            f"reason={_masked(reason)}")


def _masked(reason: str) -> str:
    """The reason is free text: long digit runs (ID or phone numbers) are masked."""
    return re.sub(r"\d{6,}[0-9Xx]?", "******", reason)


def _allowances(ctx: AppContext, checks: Iterable[Check]) -> dict[Check, str]:
    """The checks a supervisor allowed today: check -> the supervisor's name."""
    keys = {META_PREFIX + check: Check(check) for check in checks}
    if not keys:
        return {}
    today = _local_today().isoformat()
    with ctx.sessions() as session:
        rows = session.execute(select(Meta.key, Meta.value).where(Meta.key.in_(keys))).all()
    allowed = {}
    for key, value in rows:
        try:
            data = json.loads(value)
        except ValueError:
            continue
        if data.get("day") == today:
            allowed[keys[key]] = str(data.get("name", ""))
    return allowed


def _with_allowances(ctx: AppContext, items: list[Item]) -> list[Item]:
    """Blocking gate items marked with today's allowance; allowances of conditions a check
    found gone end (audited), so the next occurrence needs a supervisor again."""
    measured_clear = {item.check for item in items
                      if item.check in GATES and item.state is not State.BLOCKING
                      and item.template not in (clock.MSG_CLOCK_UNREACHABLE,
                                                clock.MSG_CLOCK_NOT_ENROLLED,
                                                disk.MSG_DISK_UNKNOWN)}
    allowed = _allowances(ctx, GATES)
    ended = [check for check in allowed if check in measured_clear]
    if ended:
        with ctx.sessions.begin() as session:
            for check in ended:
                meta = session.get(Meta, META_PREFIX + check)
                if meta is not None:
                    session.delete(meta)
                    audit.record(session, action="self_check_allowance_ended",
                                 entity="self_check", entity_id=check, operator_id=None,
                                 site_id=None, detail="the condition cleared")
    return [replace(item, allowed_by=allowed[item.check])
            if item.state is State.BLOCKING and item.check in allowed else item
            for item in items]


def _mark_allowed(ctx: AppContext, blocking: list[Item], supervisor: CurrentOperator) -> None:
    """The kept report shows the allowance at once (the window's strip reads it)."""
    kept = _of(ctx)
    report = kept.report
    if report is None:
        return
    checks = {item.check for item in blocking}
    kept.report = replace(report, items=tuple(
        replace(item, allowed_by=supervisor.display_name)
        if item.check in checks and item.state is State.BLOCKING else item
        for item in report.items))


# --- time -------------------------------------------------------------------------------

def _utc_now() -> dt.datetime:
    return dt.datetime.fromtimestamp(local_clock(), dt.UTC).replace(tzinfo=None)


def _local_today() -> dt.date:
    return dt.datetime.fromtimestamp(local_clock()).date()
