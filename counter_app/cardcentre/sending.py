"""The notice sender: works through the queued notices with pluggable senders.

A sender is anything with a ``name`` and ``send(notice)`` that raises SendError when the
notice did not go out. Shipped: FileSender (the default: appends to a file in the
protected data folder, for a gateway to pick up or for a demo), HttpSender (POSTs JSON to
an SMS gateway's URL) and LetterSender (renders the printable letter into a folder to
print). Every attempt is recorded (central_notice_attempts); a failure is tried again
later, each wait twice the one before, until the policy gives up ("failed": staff may
retry it by hand). The first notice that goes out moves the application from "at the
handling point" to "notified" (actor: notifier); SMS is the channel that counts when the
applicant has a phone, else the letter.

Sending happens outside any database transaction: notices due are first claimed (their
next attempt pushed out by a lease, so a second sender skips them), then sent, then each
result is recorded in its own short transaction. The log shows notice ids only, never a
text, a name or a phone number.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine, exists, select, tuple_, update
from sqlalchemy.engine import Connection

from counter_app.cardcentre.notices import FAILED, LETTER, PENDING, SENT, SMS, Letter
from counter_app.central.schema import applications, notice_attempts, notices
from counter_app.central.transitions import Move, Who, move
from counter_app.domain.lifecycle import Actor, Status

log = logging.getLogger(__name__)


class SendError(Exception):
    """A notice did not go out; the text says why (no personal data in it)."""


@dataclass(frozen=True)
class OutgoingNotice:
    site_id: uuid.UUID
    id: uuid.UUID
    application_id: uuid.UUID
    number: str            # the application number
    channel: str
    recipient: str         # a phone number for SMS; empty for a letter
    body: str
    attempts: int          # before this one


class Sender(Protocol):
    name: str

    def send(self, notice: OutgoingNotice) -> None: ...


@dataclass(frozen=True)
class RetryPolicy:
    first_wait: dt.timedelta = dt.timedelta(minutes=1)
    longest_wait: dt.timedelta = dt.timedelta(hours=6)
    max_attempts: int = 8
    lease: dt.timedelta = dt.timedelta(minutes=10)   # a claimed notice's time to be sent

    def wait_after(self, attempts: int) -> dt.timedelta:
        """The wait after the *attempts*-th failed attempt: 1, 2, 4, 8 ... minutes."""
        return min(self.first_wait * (2 ** max(0, attempts - 1)), self.longest_wait)


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    failed: int = 0      # will be tried again
    gave_up: int = 0     # failed for the last time
    notified: int = 0    # applications moved to "notified"


# --- senders ---------------------------------------------------------------------------

# Writes one file, by name, where the counter keeps its files sealed (ProtectedFiles).
SealedWriter = Callable[[str, bytes], object]


class FileSender:
    """Appends each notice as one JSON line to <folder>/<channel>-<date>.jsonl; with
    *write*, each notice is its own sealed file <channel>-<date>-<id>.json instead."""

    def __init__(self, folder: Path, clock: Callable[[], dt.datetime] | None = None,
                 write: SealedWriter | None = None) -> None:
        self.folder = Path(folder)
        self.name = "file"
        self._clock = clock or (lambda: dt.datetime.now())
        self._lock = threading.Lock()
        self._write = write

    def send(self, notice: OutgoingNotice) -> None:
        line = json.dumps({"id": str(notice.id), "number": notice.number,
                           "channel": notice.channel, "to": notice.recipient,
                           "text": notice.body}, ensure_ascii=False)
        day = f"{self._clock():%Y%m%d}"
        if self._write is not None:
            _write_sealed(self._write, f"{notice.channel}-{day}-{notice.id.hex}.json",
                          line.encode("utf-8"))
            log.info("notice %s (%s) written", notice.id, notice.channel)
            return
        path = self.folder / f"{notice.channel}-{day}.jsonl"
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            with self._lock, open(path, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise SendError(f"cannot write {path.name}: {exc.strerror}") from exc
        log.info("notice %s (%s) written to %s", notice.id, notice.channel, path.name)


class HttpSender:
    """POSTs {"id", "number", "channel", "to", "text"} as JSON to an SMS gateway; any 2xx
    answer is success. A bearer token, when given, goes in the Authorization header."""

    def __init__(self, url: str, *, token: str = "", timeout: float = 10.0) -> None:
        self.url, self.token, self.timeout = url, token, timeout
        self.name = "http"

    def send(self, notice: OutgoingNotice) -> None:
        data = json.dumps({"id": str(notice.id), "number": notice.number,
                           "channel": notice.channel, "to": notice.recipient,
                           "text": notice.body}, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=data, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": str(notice.id),  # a gateway may drop a resend
            **({"Authorization": f"Bearer {self.token}"} if self.token else {})})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            raise SendError(f"gateway answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SendError(f"gateway not reachable: {type(reason).__name__}") from exc
        if not 200 <= status < 300:
            raise SendError(f"gateway answered HTTP {status}")
        log.info("notice %s (%s) handed to the gateway", notice.id, notice.channel)


class LetterSender:
    """Renders each letter as a PDF into a folder, to be printed and posted. *fonts*: a
    FontSet, or a function giving one (called at the first letter); None: the fonts found
    on this computer."""

    def __init__(self, folder: Path, fonts=None, write: SealedWriter | None = None) -> None:
        self.folder = Path(folder)
        self.name = "letter"
        self._fonts = fonts
        self._write = write  # a sealed file each, as FileSender

    def send(self, notice: OutgoingNotice) -> None:
        from counter_app.forms.notice_letter import render_notice_letter

        if callable(self._fonts):
            self._fonts = self._fonts()
        path = self.folder / f"{notice.number}-{notice.id.hex[:8]}.pdf"
        if self._write is not None:
            buffer = io.BytesIO()
            render_notice_letter(Letter.from_text(notice.body), notice.number, buffer,
                                 self._fonts)
            _write_sealed(self._write, path.name, buffer.getvalue())
            log.info("notice %s (letter) ready to print", notice.id)
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            render_notice_letter(Letter.from_text(notice.body), notice.number, path,
                                 self._fonts)
        except OSError as exc:
            raise SendError(f"cannot write {path.name}: {exc.strerror}") from exc
        log.info("notice %s (letter) ready to print as %s", notice.id, path.name)


def _write_sealed(write: SealedWriter, name: str, data: bytes) -> None:
    try:
        write(name, data)
    except OSError as exc:
        raise SendError(f"cannot write {name}: {exc.strerror}") from exc


# --- the sending loop ------------------------------------------------------------------

def send_due(engine: Engine, senders: Mapping[str, Sender], now: dt.datetime, *,
             policy: RetryPolicy = RetryPolicy(), limit: int = 200) -> SendReport:
    """Send every notice due at *now* on a channel with a sender; one pass."""
    claimed = claim(engine, list(senders), now, policy, limit)
    sent = failed = gave_up = notified = 0
    for notice in claimed:
        sender = senders[notice.channel]
        try:
            sender.send(notice)
            error = ""
        except SendError as exc:
            error = str(exc)[:500]
        except Exception as exc:  # noqa: BLE001 - a faulty sender must not stop the rest
            log.exception("notice sender %s failed on notice %s", sender.name, notice.id)
            error = f"sender error: {type(exc).__name__}"
        if error:
            log.warning("notice %s (%s) not sent: %s", notice.id, notice.channel, error)
        with engine.begin() as connection:
            outcome = record(connection, notice, sender.name, error, now, policy)
        sent += outcome == SENT
        failed += outcome == PENDING
        gave_up += outcome == FAILED
        if outcome == SENT:
            with engine.begin() as connection:
                notified += notify_application(connection, notice, sender.name, now)
    return SendReport(sent, failed, gave_up, notified)


def claim(engine: Engine, channels: list[str], now: dt.datetime, policy: RetryPolicy,
          limit: int) -> list[OutgoingNotice]:
    """Notices due now, their next attempt pushed out by the lease so nobody else sends
    them meanwhile (a sender that dies leaves them to be tried again after the lease)."""
    with engine.begin() as connection:
        rows = connection.execute(
            select(notices.c.site_id, notices.c.id, notices.c.application_id,
                   notices.c.channel, notices.c.recipient, notices.c.body,
                   notices.c.attempts)
            .where(notices.c.status == PENDING, notices.c.next_attempt_at <= now,
                   notices.c.channel.in_(channels))
            .order_by(notices.c.next_attempt_at).limit(limit)
            .with_for_update(skip_locked=True, of=notices)).all()
        if not rows:
            return []
        keys = [(row.site_id, row.id) for row in rows]
        connection.execute(update(notices).where(
            tuple_(notices.c.site_id, notices.c.id).in_(keys)).values(
            next_attempt_at=now + policy.lease))
        numbers = dict(connection.execute(
            select(applications.c.id, applications.c.number).where(
                tuple_(applications.c.site_id, applications.c.id).in_(
                    {(row.site_id, row.application_id) for row in rows}))).all())
    return [OutgoingNotice(row.site_id, row.id, row.application_id,
                           numbers.get(row.application_id, ""), row.channel, row.recipient,
                           row.body, row.attempts) for row in rows]


def record(connection: Connection, notice: OutgoingNotice, sender: str, error: str,
           now: dt.datetime, policy: RetryPolicy) -> str:
    """Record one attempt; the notice's new status (sent, pending again, or failed)."""
    attempt = notice.attempts + 1
    connection.execute(notice_attempts.insert().values(
        site_id=notice.site_id, notice_id=notice.id, attempt=attempt, at=now,
        sender=sender[:30], ok=not error, error=error))
    if not error:
        values = {"status": SENT, "sent_at": now, "last_error": ""}
    elif attempt >= policy.max_attempts:
        values = {"status": FAILED, "last_error": error}
    else:
        values = {"status": PENDING, "last_error": error,
                  "next_attempt_at": now + policy.wait_after(attempt)}
    connection.execute(update(notices).where(
        notices.c.site_id == notice.site_id, notices.c.id == notice.id).values(
        attempts=attempt, **values))
    return values["status"]


def notify_application(connection: Connection, notice: OutgoingNotice, sender: str,
                       now: dt.datetime) -> int:
    """At the handling point -> notified, when this notice is the one that counts: the
    SMS, or the letter of an applicant without one. 1 when the application moved."""
    if notice.channel != SMS:
        has_sms = connection.execute(select(exists().where(
            notices.c.site_id == notice.site_id,
            notices.c.application_id == notice.application_id,
            notices.c.channel == SMS))).scalar()
        if has_sms:
            return 0
    current = connection.execute(select(applications.c.status).where(
        applications.c.site_id == notice.site_id,
        applications.c.id == notice.application_id)).scalar()
    if current != Status.AT_SITE:
        return 0  # notified already, or collected meanwhile
    [result] = move(connection, [Move(notice.site_id, notice.application_id,
                                      Status.NOTIFIED, f"{notice.channel} {notice.id}")],
                    Who(Actor.NOTIFIER, sender, None), now)
    return int(result.ok)


def retry(connection: Connection, keys: list[tuple[uuid.UUID, uuid.UUID]],
          now: dt.datetime) -> int:
    """Staff's "try again now": failed or waiting notices are due at once."""
    if not keys:
        return 0
    rows = connection.execute(update(notices).where(
        tuple_(notices.c.site_id, notices.c.id).in_(keys),
        notices.c.status.in_((PENDING, FAILED))).values(
        status=PENDING, next_attempt_at=now).returning(notices.c.id)).all()
    return len(rows)


CHANNELS = (SMS, LETTER)


@dataclass(frozen=True)
class NoticeRow:
    site_code: str
    site_name: str
    site_id: uuid.UUID
    id: uuid.UUID
    application_id: uuid.UUID
    number: str
    channel: str
    status: str
    attempts: int
    last_error: str
    next_attempt_at: dt.datetime
    created_at: dt.datetime
    sent_at: dt.datetime | None

    @property
    def key(self) -> tuple[uuid.UUID, uuid.UUID]:
        return (self.site_id, self.id)


def listing(connection: Connection, statuses: tuple[str, ...] = (PENDING, FAILED), *,
            site_id: uuid.UUID | None = None, limit: int = 1000) -> list[NoticeRow]:
    """Notices in the given states, the ones given up first, then by their next attempt.
    No text and no recipient: the list is for seeing what is stuck."""
    from counter_app.cardcentre.incoming import all_sites, unknown_site

    statement = (select(notices.c.site_id, notices.c.id, notices.c.application_id,
                        notices.c.channel, notices.c.status, notices.c.attempts,
                        notices.c.last_error, notices.c.next_attempt_at,
                        notices.c.created_at, notices.c.sent_at, applications.c.number)
                 .join(applications, (applications.c.site_id == notices.c.site_id)
                       & (applications.c.id == notices.c.application_id), isouter=True)
                 .where(notices.c.status.in_(statuses))
                 .order_by(notices.c.status, notices.c.next_attempt_at).limit(limit))
    if site_id is not None:
        statement = statement.where(notices.c.site_id == site_id)
    known = all_sites(connection)
    rows = []
    for row in connection.execute(statement):
        site = known.get(row.site_id) or unknown_site(row.site_id)
        rows.append(NoticeRow(site.code, site.name, row.site_id, row.id, row.application_id,
                              row.number or "", row.channel, row.status, row.attempts,
                              row.last_error, row.next_attempt_at, row.created_at,
                              row.sent_at))
    order = {FAILED: 0, PENDING: 1, SENT: 2}
    return sorted(rows, key=lambda r: (order.get(r.status, 3), r.next_attempt_at))


def attempts_of(connection: Connection, site_id: uuid.UUID, notice_id: uuid.UUID
                ) -> list[dict]:
    rows = connection.execute(select(notice_attempts).where(
        notice_attempts.c.site_id == site_id, notice_attempts.c.notice_id == notice_id)
        .order_by(notice_attempts.c.attempt))
    return [dict(row._mapping) for row in rows]


def letter_of(connection: Connection, site_id: uuid.UUID, application_id: uuid.UUID
              ) -> Letter | None:
    """The application's letter as queued (to print it again)."""
    body = connection.execute(select(notices.c.body).where(
        notices.c.site_id == site_id, notices.c.application_id == application_id,
        notices.c.channel == LETTER).order_by(notices.c.created_at.desc()).limit(1)).scalar()
    return Letter.from_text(body) if body is not None else None
