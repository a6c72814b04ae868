"""The counter's card operations on the central side (counter_app.central.device_cards),
pushed through central_push by enrolled devices of two sites, so the card record's
trigger and the holder checks have their say. The administrator stands in for the card
centre: it gives the pushed applications their cards and settles expired reports."""

import datetime as dt
import itertools
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.central import database, invalid_list, reasons
from counter_app.central.operations import APPLIED, REJECTED, Operation
from counter_app.central.schema import applications, card_records
from counter_app.central.schema import invalid_list as invalid_table
from counter_app.central.transitions import history
from counter_app.domain.business import load_rules
from counter_app.domain.errors import reason_words
from tests.sync_helpers import device_engine, push

pytestmark = pytest.mark.postgres

# The central side takes report times only near its own clock (60 days back, 15 minutes on).
NOW = (database.utcnow() - dt.timedelta(hours=1)).replace(microsecond=0)
HOLDER, OTHER, GUARDIAN = "110105198001010016", "110105197506060014", "110105197001010012"
CITY_B = Path(__file__).resolve().parents[2] / "data" / "city_b.toml"


class Counter:
    """A new device of a site: its engine, and its own sequence numbers."""

    def __init__(self, url: str, code: str) -> None:
        self.code = code
        self.engine, enrolment = device_engine(url, code)
        self.site_id, self.device_id = uuid.UUID(enrolment.site_id), uuid.UUID(
            enrolment.device_id)
        self._seqs = itertools.count(1)

    def push(self, *ops: Operation) -> list[tuple[str, str]]:
        """Push *ops* in one batch; (result, reason in words) of each."""
        numbered = [Operation(next(self._seqs), op.op_id, op.kind, op.payload) for op in ops]
        return [(r.result, reason_words(r.reason)) for r in push(self.engine, numbered)]


class Central:
    """The central database as two counters (sites SA01 and SB01) and the administrator
    (standing in for the card centre) see it."""

    def __init__(self, url: str) -> None:
        self.a, self.b = Counter(url, "SA01"), Counter(url, "SB01")
        self.admin = database.create_central_engine(url)

    def application(self, counter: Counter, status: str = "submitted",
                    card_number: str | None = None, id_number: str = HOLDER,
                    **extra) -> uuid.UUID:
        """An application pushed by *counter*, then moved by the card centre to *status*
        with its card."""
        app_id = uuid.uuid4()
        payload = {"id": str(app_id), "number": f"{counter.code}-{app_id.hex[:8]}",
                   "site_code": counter.code, "business_type": "later",
                   "status": "submitted",
                   "applicant": {"name": "李四", "id_number": id_number}, **extra}
        assert counter.push(Operation(0, uuid.uuid4(), "application_submitted", payload)) == [
            (APPLIED, "")]
        if status != "submitted" or card_number:
            with self.admin.begin() as connection:
                connection.execute(applications.update().values(status=status).where(
                    applications.c.id == app_id))
                connection.execute(card_records.update().values(
                    status=status, card_number=card_number, bank="中国银行",
                    updated_at=NOW).where(card_records.c.application_id == app_id))
        return app_id

    def card(self, app_id: uuid.UUID):
        with self.admin.connect() as connection:
            return connection.execute(select(card_records).where(
                card_records.c.application_id == app_id)).one()

    def status(self, app_id: uuid.UUID) -> str:
        with self.admin.connect() as connection:
            return connection.scalar(select(applications.c.status).where(
                applications.c.id == app_id))

    def entries(self, card_number: str) -> list:
        with self.admin.connect() as connection:
            return list(connection.execute(select(invalid_table).where(
                invalid_table.c.card_number == card_number)
                .order_by(invalid_table.c.listed_at)))

    def dispose(self) -> None:
        for engine in (self.a.engine, self.b.engine, self.admin):
            engine.dispose()


@pytest.fixture(scope="module")
def central_url():
    """A central database of this module's own (expiry settles every report in it)."""
    from tests.pg_helpers import drop_database, new_central

    url = new_central()
    yield url
    drop_database(url)


@pytest.fixture
def db(central_url):
    central = Central(central_url)  # new devices each test: sequence numbers from 1
    yield central
    central.dispose()


def _op(op_kind: str, **payload) -> Operation:
    return Operation(0, uuid.uuid4(), op_kind, {"operator": "clerk", **payload})


def _collected(app_id, at=NOW, collector="guardian") -> Operation:
    return _op("card_collected", application_id=str(app_id), at=at.isoformat(),
               collector=collector)


def _activated(app_id, at=NOW) -> Operation:
    return _op("card_activated", application_id=str(app_id), at=at.isoformat())


def _reported(card, kind="temporary_loss", holder=HOLDER, at=NOW, entry=None) -> Operation:
    return _op("card_reported", id=str(entry or uuid.uuid4()), card_number=card,
               id_number=holder, kind=kind, listed_at=at.isoformat(), application_id=None)


def _unreported(card, entry, at, holder=HOLDER) -> Operation:
    return _op("card_unreported", id=str(entry), card_number=card, id_number=holder,
               released_at=at.isoformat())


def _card_number() -> str:
    return "T" + uuid.uuid4().hex[:8].upper()  # the module's database is shared


# --- collection and activation ----------------------------------------------------------

def test_the_counter_collects_then_activates_and_both_are_in_the_history(db):
    card = _card_number()
    app_id = db.application(db.a, "notified", card)
    in_beijing = (NOW + dt.timedelta(hours=8)).isoformat() + "+08:00"
    later = NOW + dt.timedelta(minutes=30)
    assert db.a.push(_op("card_collected", application_id=str(app_id), at=in_beijing,
                         collector="guardian")) == [(APPLIED, "")]
    assert db.a.push(_activated(app_id, later)) == [(APPLIED, "")]
    row = db.card(app_id)
    assert (row.status, row.card_number, row.collected_at, row.collector, row.activated_at) == (
        "activated", card, NOW, "guardian", later)  # an offset is stored as UTC
    assert db.status(app_id) == "activated"
    with db.admin.connect() as connection:
        steps = history(connection, db.a.site_id, app_id)
    assert [(h["from_status"], h["to_status"], h["actor"], h["actor_name"]) for h in steps] == [
        ("signed", "submitted", "counter", f"device {db.a.device_id}"),
        ("notified", "collected", "counter", "clerk @ SA01"),
        ("collected", "activated", "counter", "clerk @ SA01")]


def test_moves_that_are_not_the_counters_to_make_are_refused_and_change_nothing(db):
    in_production = db.application(db.a, "in_production", _card_number())
    at_site = db.application(db.a, "at_site", _card_number())
    assert db.a.push(_collected(in_production), _activated(at_site),
                     _collected(uuid.uuid4())) == [
        (REJECTED, "the card cannot be recorded as collected while its status is in_production"),
        (REJECTED, "the card cannot be recorded as activated while its status is at_site"),
        (REJECTED, reasons.APPLICATION_UNKNOWN)]
    assert [db.status(a) for a in (in_production, at_site)] == ["in_production", "at_site"]
    assert [db.card(a).status for a in (in_production, at_site)] == [
        "in_production", "at_site"]


def test_another_sites_application_cannot_be_collected(db):
    theirs = db.application(db.b, "at_site", _card_number())
    assert db.a.push(_collected(theirs), _activated(theirs)) == [
        (REJECTED, reasons.APPLICATION_UNKNOWN), (REJECTED, reasons.APPLICATION_UNKNOWN)]
    assert (db.status(theirs), db.card(theirs).status, db.card(theirs).collected_at) == (
        "at_site", "at_site", None)
    assert db.b.push(_collected(theirs)) == [(APPLIED, "")]  # its own site may


# --- the invalid list ----------------------------------------------------------------------

def test_a_temporary_loss_report_is_listed_under_the_reporting_site(db):
    card = _card_number()
    app_id = db.application(db.a, "activated", card)
    entry = uuid.uuid4()
    assert db.a.push(_reported(card, entry=entry), _reported(card)) == [
        (APPLIED, ""), (REJECTED, "this card is already on the invalid list (temporary_loss)")]
    [row] = db.entries(card)
    assert (row.id, row.reason, row.level, row.state, row.site_id, row.application_id) == (
        entry, "temporary_loss", "city", "active", db.a.site_id, app_id)
    assert (row.listed_at, row.expires_at, row.id_number, row.device_id, row.operator) == (
        NOW, NOW + dt.timedelta(days=7), HOLDER, db.a.device_id, "clerk")


def test_a_temporary_report_is_undone_at_any_site_while_in_force(db):
    card, entry = _card_number(), uuid.uuid4()
    db.application(db.a, "activated", card)
    listed = NOW - dt.timedelta(days=10)  # in force until NOW - 3 days
    assert db.a.push(_reported(card, entry=entry, at=listed)) == [(APPLIED, "")]
    late = NOW - dt.timedelta(days=1)
    assert db.b.push(_unreported(card, entry, late)) == [
        (REJECTED, reasons.NOTHING_TO_UNREPORT)]  # its days had run out
    found = NOW - dt.timedelta(days=5)
    assert db.b.push(_unreported(card, entry, found)) == [(APPLIED, "")]
    [row] = db.entries(card)
    assert (row.state, row.released_at, row.released_by_device, row.released_by) == (
        "released", found, db.b.device_id, "clerk")
    assert db.a.push(_unreported(card, entry, found)) == [
        (REJECTED, reasons.NOTHING_TO_UNREPORT)]


def test_undoing_a_report_needs_the_holders_id_number(db):
    card, entry = _card_number(), uuid.uuid4()
    db.application(db.a, "activated", card)
    db.a.push(_reported(card, entry=entry))
    found = NOW + dt.timedelta(minutes=5)
    assert db.b.push(_unreported(card, entry, found, holder=OTHER),
                     _op("card_unreported", id=str(entry), card_number=card,
                         released_at=found.isoformat())) == [
        (REJECTED, reasons.NOT_HOLDER), (REJECTED, "malformed operation: missing id_number")]
    assert [r.state for r in db.entries(card)] == ["active"]
    assert db.b.push(_unreported(card, entry, found)) == [(APPLIED, "")]


def test_a_formal_loss_report_is_for_good(db):
    card, temporary = _card_number(), uuid.uuid4()
    db.application(db.a, "activated", card)
    results = db.a.push(
        _reported(card, entry=temporary, at=NOW - dt.timedelta(hours=3)),
        _reported(card, "formal_loss", at=NOW - dt.timedelta(hours=2)),
        _unreported(card, temporary, NOW - dt.timedelta(hours=1)),
        _reported(card, "damage", at=NOW))
    assert results == [
        (APPLIED, ""), (APPLIED, ""), (REJECTED, reasons.FORMAL_IS_FINAL),
        (REJECTED, "this card is already on the invalid list (formal_loss)")]
    assert [(r.reason, r.level, r.state) for r in db.entries(card)] == [
        ("temporary_loss", "city", "active"), ("formal_loss", "national", "active")]


def test_another_persons_card_is_not_reported(db):
    card = _card_number()
    db.application(db.b, "activated", card)  # another site's card: checked all the same
    assert db.a.push(_reported(card, "damage", holder=OTHER), _reported(card, "damage")) == [
        (REJECTED, reasons.NOT_HOLDER), (APPLIED, "")]
    assert [(r.reason, r.id_number, r.site_id) for r in db.entries(card)] == [
        ("damage", HOLDER, db.a.site_id)]


def test_a_guardian_reports_a_childs_card(db):
    card = _card_number()
    db.application(db.a, "activated", card, id_number="110105202403150038",
                   guardian={"name": "王建国", "id_number": GUARDIAN})
    assert db.a.push(_reported(card, holder=GUARDIAN)) == [(APPLIED, "")]
    assert [r.id_number for r in db.entries(card)] == [GUARDIAN]


def test_a_card_unknown_centrally_is_neither_reported_nor_released(db):
    unknown = _card_number()
    assert db.a.push(_reported(unknown, "cancellation"),
                     _unreported(unknown, uuid.uuid4(), NOW)) == [
        (REJECTED, reasons.CARD_UNKNOWN), (REJECTED, reasons.CARD_UNKNOWN)]
    assert db.entries(unknown) == []


def test_report_times_far_from_the_servers_clock_are_malformed(db):
    card, entry = _card_number(), uuid.uuid4()
    db.application(db.a, "activated", card)
    ahead = database.utcnow() + dt.timedelta(hours=1)
    assert db.a.push(_reported(card, at=NOW - dt.timedelta(days=61)),
                     _reported(card, at=ahead)) == [
        (REJECTED, "malformed operation: listed_at")] * 2
    assert db.entries(card) == []
    slightly_ahead = database.utcnow() + dt.timedelta(minutes=5)  # a counter's clock
    assert db.a.push(_reported(card, entry=entry, at=slightly_ahead),
                     _unreported(card, entry, ahead)) == [
        (APPLIED, ""), (REJECTED, "malformed operation: released_at")]
    assert [r.state for r in db.entries(card)] == ["active"]


def test_a_forged_entry_id_is_refused(db):
    first, second, entry = _card_number(), _card_number(), uuid.uuid4()
    db.application(db.a, "activated", first)
    db.application(db.a, "activated", second)
    assert db.a.push(_reported(first, "damage", entry=entry)) == [(APPLIED, "")]
    assert db.a.push(_reported(second, entry=entry)) == [(REJECTED, reasons.ENTRY_TAKEN)]
    assert db.entries(second) == []


@pytest.mark.parametrize("city, state", [(None, "released"), (CITY_B, "cancelled")])
def test_temporary_reports_run_out_with_the_clock_as_the_city_says(db, city, state):
    rules = load_rules(city).cards if city else None
    card = _card_number()
    db.application(db.a, "activated", card)
    db.a.push(_reported(card, at=NOW - dt.timedelta(days=10)))
    [row] = db.entries(card)
    expires = row.expires_at  # the central installation's days
    assert expires == NOW - dt.timedelta(days=3)
    with db.admin.begin() as connection:
        invalid_list.expire_temporary_reports(connection, expires - dt.timedelta(seconds=1),
                                              rules)
    assert [r.state for r in db.entries(card)] == ["active"]
    with db.admin.begin() as connection:
        assert invalid_list.expire_temporary_reports(connection, expires, rules) >= 1
    [row] = db.entries(card)
    assert (row.state, row.released_at) == (state, expires)
    assert db.a.push(_reported(card, "damage")) == [(APPLIED, "")]  # no longer in the way


# --- replacement and renewal ---------------------------------------------------------------

def test_an_application_replacing_a_card_lists_the_old_one_once(db):
    old = _card_number()
    old_app = db.application(db.a, "activated", old)
    new_app = uuid.uuid4()
    payload = {"id": str(new_app), "number": "SA01-REPLACEMENT", "site_code": "SA01",
               "business_type": "replacement", "status": "submitted",
               "replaces_card": f" {old[:4].lower()}-{old[4:].lower()} ",
               "applicant": {"name": "李四", "id_number": HOLDER}}
    for _send in range(2):  # a resend (a later seq) lists nothing twice
        assert db.a.push(Operation(0, uuid.uuid4(), "application_submitted", payload)) == [
            (APPLIED, "")]
    [row] = db.entries(old)
    assert (row.reason, row.level, row.state, row.application_id, row.id_number) == (
        "replaced", "national", "active", old_app, HOLDER)
    with db.admin.connect() as connection:
        assert connection.scalar(select(applications.c.replaces_card).where(
            applications.c.id == new_app)) == old


@pytest.mark.parametrize("owner", [OTHER, None], ids=["someone_elses", "unknown"])
def test_only_the_holders_own_known_card_is_listed_as_replaced(db, owner):
    old = _card_number()
    if owner:
        db.application(db.b, "activated", old, id_number=owner)
    new_app = db.application(db.a, replaces_card=old)  # still taken in
    assert db.status(new_app) == "submitted"
    assert db.entries(old) == []


# --- before the database ---------------------------------------------------------------------

def test_malformed_card_operations_are_refused_each_with_its_reason(db):
    app_id, entry = str(uuid.uuid4()), str(uuid.uuid4())
    cases = [
        (_op("card_collected", application_id="x", at="2026"),
         "malformed operation: application_id"),
        (_op("card_collected", application_id=app_id, at=NOW.isoformat()),
         "malformed operation: collector"),
        (_op("card_collected", application_id=app_id, at=NOW.isoformat(),
             collector="neighbour"), "malformed operation: collector"),
        (_op("card_collected", application_id=app_id, at="yesterday", collector="applicant"),
         "malformed operation: at"),
        (_op("card_activated", application_id=app_id), "malformed operation: missing at"),
        (Operation(0, uuid.uuid4(), "card_activated", "not a dict"),
         "malformed operation: missing application_id, at"),
        (_reported("A1234567", kind="expiry"), "malformed operation: kind"),
        (_reported("A1234567", kind="replaced"), "malformed operation: kind"),
        (_reported("A" * 31), "malformed operation: card_number"),
        (_reported("A1234567", holder="1" * 19), "malformed operation: id_number"),
        (_op("card_reported", id="nope", card_number="A1", id_number=HOLDER, kind="damage",
             listed_at=NOW.isoformat()), "malformed operation: id"),
        (_op("card_reported", id=entry, card_number="A1", id_number=HOLDER, kind="damage",
             listed_at="yesterday"), "malformed operation: listed_at"),
        (_op("card_unreported", id=entry, card_number="A1", id_number=HOLDER,
             released_at="later"), "malformed operation: released_at"),
        (_op("card_unreported", id=entry, card_number="A1", released_at=NOW.isoformat()),
         "malformed operation: missing id_number"),
        (_op("card_burnt"), "unknown operation card_burnt"),
    ]
    assert db.a.push(*(op for op, _reason in cases)) == [
        (REJECTED, reason) for _op_, reason in cases]
