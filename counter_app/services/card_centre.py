"""The card centre's use cases, on the central database: what arrives, production batches,
the factory's results, sending cards to the handling points, notices, the 30-day promise.

The console (counter_app/qt/card_centre_window.py) and `counter-app card-centre ...` call
these. Each call is one unit of work in its own transaction. On PostgreSQL the card centre
works through its enrolled device login, which row-level security lets see every site
(a device of a site of kind "card_centre"); a handling point's device would see only its
own site, so it is refused here with a clear message instead of showing a partial city.
Times: ``now`` is UTC (naive, as stored), ``today`` the local date; both may be passed in.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text

from counter_app.cardcentre import dispatch as dispatching
from counter_app.cardcentre import factory, incoming, notices, production, promise, sending
from counter_app.central import card_blocks, credentials, database, device_audit
from counter_app.central.transitions import Who
from counter_app.config import Settings
from counter_app.domain.cards import CardRules
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.lifecycle import Actor
from counter_app.security.roles import Permission

log = logging.getLogger(__name__)

MSG_NOT_CARD_CENTRE = QT_TRANSLATE_NOOP(
    "messages", "This computer is enrolled for the handling point {site}, not for the card "
                "centre, so it would see only that handling point's applications. Enrol it "
                "as a device of the card centre's site.")

Key = production.Key
Kind = promise.Kind
FactoryFileError = factory.FactoryFileError
ProductionError = production.ProductionError


class CardCentreError(CounterError):
    code = "card_centre"


@dataclass
class CardCentre:
    """The card centre's work on one central database, as one operator."""

    engine: Engine
    who: Who
    rules: CardRules = field(default_factory=CardRules)
    templates_path: Path | None = None
    embedded: bool = False         # the built-in central server of this computer

    def close(self) -> None:
        self.engine.dispose()

    # --- incoming ---------------------------------------------------------------------

    def age_bands(self) -> tuple[incoming.AgeBand, ...]:
        return incoming.age_bands(self.rules.promise_days)

    def incoming_summary(self, now: dt.datetime | None = None) -> list[incoming.SiteIncoming]:
        with self.engine.connect() as connection:
            return incoming.summary(connection, now or database.utcnow(),
                                    self.rules.promise_days)

    def incoming(self, site_id: uuid.UUID | None = None, now: dt.datetime | None = None,
                 *, min_age_days: int = 0, limit: int = 2000
                 ) -> list[incoming.IncomingApplication]:
        with self.engine.connect() as connection:
            return incoming.waiting(connection, now or database.utcnow(), site_id=site_id,
                                    min_age_days=min_age_days, limit=limit)

    def make_batch(self, keys: list[Key], now: dt.datetime | None = None
                   ) -> production.Batch:
        with self.engine.begin() as connection:
            batch = production.make_batch(connection, keys, self.who, now or database.utcnow())
        log.info("production batch %s: %d applications (%d left out)", batch.name,
                 batch.size, len(batch.left_out))
        return batch

    # --- the factory's results ----------------------------------------------------------

    def import_results(self, path: Path, now: dt.datetime | None = None
                       ) -> factory.ImportReport:
        """Check the whole file; apply every line or none (FactoryFileError: unreadable)."""
        lines = factory.read_lines(Path(path))
        with self.engine.begin() as connection:
            report = factory.import_lines(connection, lines, self.who, now or database.utcnow())
        if report.applied:
            log.info("factory results applied: %d produced, %d failed", report.produced,
                     report.failed)
        else:
            log.info("factory results rejected: %d of %d lines with problems",
                     len({p.line for p in report.problems}), report.lines)
        return report

    def mark_produced(self, number: str, card_number: str, bank: str,
                      now: dt.datetime | None = None) -> None:
        with self.engine.begin() as connection:
            key = production.find_by_number(connection, number)
            production.mark_produced(connection, key, card_number, bank, self.who,
                                     now or database.utcnow())

    def mark_failed(self, number: str, reason: str, now: dt.datetime | None = None) -> None:
        with self.engine.begin() as connection:
            key = production.find_by_number(connection, number)
            production.mark_failed(connection, key, reason, self.who, now or database.utcnow())

    # --- sending cards to the handling points ------------------------------------------

    def produced(self, site_id: uuid.UUID | None = None) -> list[dispatching.ProducedCard]:
        with self.engine.connect() as connection:
            return dispatching.produced(connection, site_id=site_id)

    def dispatch(self, keys: list[Key], now: dt.datetime | None = None,
                 today: dt.date | None = None) -> dispatching.Dispatched:
        templates = notices.load_templates(self.templates_path)
        with self.engine.begin() as connection:
            result = dispatching.dispatch(connection, keys, self.who, now or database.utcnow(),
                                          templates, today or dt.date.today())
        log.info("%d cards sent to their handling points, %d notices queued", result.sent,
                 result.notices)
        return result

    # --- notices --------------------------------------------------------------------------

    def notices(self, statuses: tuple[str, ...] = (notices.PENDING, notices.FAILED),
                site_id: uuid.UUID | None = None) -> list[sending.NoticeRow]:
        with self.engine.connect() as connection:
            return sending.listing(connection, statuses, site_id=site_id)

    def retry_notices(self, keys: list[Key], now: dt.datetime | None = None) -> int:
        with self.engine.begin() as connection:
            return sending.retry(connection, keys, now or database.utcnow())

    def send_notices(self, senders: dict[str, sending.Sender],
                     now: dt.datetime | None = None,
                     policy: sending.RetryPolicy = sending.RetryPolicy()) -> sending.SendReport:
        now = now or database.utcnow()
        self.settle_loss_reports(now)  # the same periodic job keeps the invalid list current
        report = sending.send_due(self.engine, senders, now, policy=policy)
        if report.sent or report.failed or report.gave_up:
            log.info("notices: %d sent, %d to retry, %d given up, %d applicants notified",
                     report.sent, report.failed, report.gave_up, report.notified)
        return report

    def settle_loss_reports(self, now: dt.datetime | None = None) -> int:
        """Temporary loss reports whose days ran out: released or cancelled (city rule)."""
        from counter_app.central.invalid_list import expire_temporary_reports

        with self.engine.begin() as connection:
            settled = expire_temporary_reports(connection, now or database.utcnow())
        if settled:
            log.info("invalid list: %d temporary loss reports ran out", settled)
        return settled

    def letter(self, site_id: uuid.UUID, application_id: uuid.UUID
               ) -> notices.Letter | None:
        with self.engine.connect() as connection:
            return sending.letter_of(connection, site_id, application_id)

    # --- the 30-day promise ------------------------------------------------------------

    def promise(self, kind: Kind, today: dt.date | None = None, *,
                site_id: uuid.UUID | None = None, limit: int = 200) -> promise.PromiseList:
        with self.engine.connect() as connection:
            return promise.promise_list(connection, Kind(kind), today or dt.date.today(),
                                        self.rules, site_id=site_id, limit=limit)

    def sites(self) -> list[incoming.Site]:
        with self.engine.connect() as connection:
            return sorted(incoming.all_sites(connection).values(), key=lambda s: s.code)

    def site_names(self) -> dict[str, str]:
        """Every site's name by its code, for lists that carry only the code."""
        return {site.code: site.name for site in self.sites()}

    # --- instant issuance: blank cards and card numbers -----------------------------------

    def card_stocks(self, site_id: uuid.UUID | None = None) -> list[card_blocks.SiteStock]:
        """Every instant-issuance site's stock of blanks and its blocks (or *site_id*'s)."""
        with self.engine.connect() as connection:
            return card_blocks.site_stocks(connection, site_id)

    def used_numbers(self, site_id: uuid.UUID | None = None, limit: int = 200
                     ) -> list[card_blocks.UsedNumber]:
        with self.engine.connect() as connection:
            return card_blocks.used_numbers(connection, site_id, limit)

    def top_up(self, site_code: str, blanks: int, numbers: str = "", bank: str = ""
               ) -> card_blocks.Allocated:
        """Give a site blank cards and (optionally) a block of card numbers typed as
        FIRST-LAST (ValidationError when it is none; BlockError when refused)."""
        from counter_app.issuance.numbers import parse_range

        block = parse_range(numbers) if numbers.strip() else None
        with self.engine.begin() as connection:
            done = card_blocks.allocate(connection, site_code, blanks, block, bank.strip(),
                                        self.who.name)
        log.info("site %s given %d blank cards%s", site_code, blanks,
                 f" and {len(block)} card numbers" if block else "")
        return done

    # --- counters whose audit log did not hold ---------------------------------------------

    def audit_flags(self) -> list[device_audit.DeviceFlag]:
        """Every flagged counter's flags, newest first (the central side's checks)."""
        with self.engine.connect() as connection:
            return device_audit.read_flags(connection)


def open_card_centre(url: str, operator_name: str, *, rules: CardRules | None = None,
                     site_id: uuid.UUID | None = None, site_code: str = "",
                     templates_path: Path | None = None, embedded: bool = False
                     ) -> CardCentre:
    """The card centre on the central database at *url* (SyncError when unreachable or
    not set up; CardCentreError when the login is a handling point's)."""
    engine = database.open_central(url)
    try:
        _check_sees_every_site(engine, site_code)
    except BaseException:
        engine.dispose()
        raise
    return CardCentre(engine, Who(Actor.CARD_CENTRE, operator_name, site_id),
                      rules or CardRules(), templates_path, embedded)


def _check_sees_every_site(engine: Engine, site_code: str) -> None:
    try:
        with engine.connect() as connection:
            allowed = connection.execute(text(
                "SELECT central_is_card_centre() OR EXISTS (SELECT 1 FROM pg_roles "
                "WHERE rolname = session_user AND (rolsuper OR rolbypassrls))")).scalar()
            site = "" if allowed else _site_name(connection, site_code)
    except Exception as exc:  # noqa: BLE001 - said in words
        raise database.unreachable(exc) from exc
    if not allowed:
        raise CardCentreError(MSG_NOT_CARD_CENTRE, site=site)


def _site_name(connection, code: str) -> str:
    """The handling point as staff know it: its name (every enrolled device may read the
    sites), else its code."""
    if not code:
        return "?"
    name = connection.execute(text("SELECT name FROM central_sites WHERE code = :code"),
                              {"code": code}).scalar()
    return name or code


def for_operator(ctx, operator, url: str | None = None) -> CardCentre:
    """The card centre as this computer reaches it: its enrolment (else the configured or
    built-in central database), for an operator allowed to work there."""
    from counter_app.services import central_access

    operator.require(Permission.CARD_CENTRE)
    enrolment = credentials.load(ctx.files)
    site_id = uuid.UUID(enrolment.site_id) if enrolment and enrolment.site_id else None
    return open_card_centre(central_access.card_centre_url(ctx, url), operator.display_name,
                            rules=ctx.rules.cards, site_id=site_id,
                            site_code=enrolment.site_code if enrolment else "",
                            embedded=not url and central_access.uses_builtin(ctx))


def is_enrolled(ctx) -> bool:
    return credentials.load(ctx.files) is not None


def default_senders(settings: Settings, files) -> dict[str, sending.Sender]:
    """SMS through the configured gateway (settings: notice_gateway_url), else into a file
    in the protected data folder; letters as PDFs to print, in the protected folder too,
    in the fonts the forms are printed in. Each text and letter is a file of its own,
    sealed in *files* (the counter's ProtectedFiles)."""
    from counter_app.forms.fonts import find_fonts

    gateway = str(settings.extra.get("notice_gateway_url", "") or "")
    def sealed(folder: str):
        return lambda name, data: files.write(f"{folder}/{name}", data)

    sms: sending.Sender = (sending.HttpSender(gateway) if gateway
                           else sending.FileSender(settings.protected_dir / "notices",
                                                   write=sealed("notices")))
    def fonts():
        return find_fonts(list(settings.font_paths) or None,
                          cache_dir=settings.data_dir / "cache" / "fonts")

    return {notices.SMS: sms,
            notices.LETTER: sending.LetterSender(settings.protected_dir / "letters", fonts,
                                                 write=sealed("letters"))}
