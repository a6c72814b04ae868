"""The central side of the counter's card operations (counter_app.central.apply_cards), on
PostgreSQL as an enrolled counter's device, so the card record's trigger and the invalid
list's policies have their say."""

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.domain.errors import reason_words
from counter_app.central import admin, apply_cards, database
from counter_app.central.operations import APPLIED, REJECTED, Operation
from counter_app.central.schema import applications, card_records, invalid_list
from counter_app.central.transitions import history
from counter_app.domain.business import load_rules
from counter_app.sync.push import resolve_identity
from tests.pg_helpers import create_database, drop_database

NOW = dt.datetime(2026, 12, 1, 9, 30)
HOLDER, OTHER = "110105198001010016", "110105197506060014"
CITY_B = Path(__file__).resolve().parents[2] / "data" / "city_b.toml"


class Central:
    """The central database as two counters (sites SA01 and SB01) and the administrator
    (who stands in for the card centre and the application applier) see it."""

    def __init__(self, counters: dict, admin_engine) -> None:
        self.counters = counters   # code -> (engine, identity)
        self.admin = admin_engine

    def apply(self, code: str, ops: list[Operation], **options) -> dict:
        engine, identity = self.counters[code]
        with engine.begin() as connection:
            return apply_cards.apply(connection, identity, ops, **options)

    def site(self, code: str) -> uuid.UUID:
        return self.counters[code][1].site_id

    def application(self, code: str, status: str, card_number: str | None = None,
                    id_number: str = HOLDER) -> uuid.UUID:
        app_id = uuid.uuid4()
        with self.admin.begin() as connection:
            connection.execute(applications.insert().values(
                site_id=self.site(code), id=app_id, number=f"{code}-{app_id.hex[:8]}",
                business_type="later", status=status, id_number=id_number,
                payload={"applicant": {"id_number": id_number}}, received_at=NOW,
                updated_at=NOW))
            if card_number is not None:
                connection.execute(card_records.insert().values(
                    site_id=self.site(code), application_id=app_id, card_number=card_number,
                    bank="中国银行", status=status, updated_at=NOW))
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
            return list(connection.execute(select(invalid_list).where(
                invalid_list.c.card_number == card_number).order_by(invalid_list.c.listed_at)))


@pytest.fixture(scope="module")
def pg_two_sites():
    """One PostgreSQL central for the module: sites SA01 and SB01, one enrolled device each."""
    url = create_database()
    try:
        admin.init_central(url)
        devices = {}
        for code in ("SA01", "SB01"):
            admin.add_site(url, code, f"site {code}")
            devices[code] = admin.add_device(url, code, f"counter of {code}")
        yield url, devices
    finally:
        drop_database(url)


@pytest.fixture
def db(pg_two_sites):
    url, devices = pg_two_sites
    engines = {code: database.open_central(device.url) for code, device in devices.items()}
    counters = {code: (engines[code], resolve_identity(engines[code]))
                for code, device in devices.items()}
    admin_engine = database.open_central(url)
    yield Central(counters, admin_engine)
    for engine in (*engines.values(), admin_engine):
        engine.dispose()


def _op(seq: int, op_kind: str, **payload) -> Operation:
    return Operation(seq, uuid.uuid4(), op_kind, {"operator": "clerk", **payload})


def _collected(seq, app_id, at=NOW, collector="guardian") -> Operation:
    return _op(seq, "card_collected", application_id=str(app_id), at=at.isoformat(),
               collector=collector)


def _activated(seq, app_id, at=NOW) -> Operation:
    return _op(seq, "card_activated", application_id=str(app_id), at=at.isoformat())


def _reported(seq, card, kind="temporary_loss", holder=HOLDER, at=NOW, entry=None,
              application_id=None) -> Operation:
    return _op(seq, "card_reported", id=str(entry or uuid.uuid4()), card_number=card,
               id_number=holder, kind=kind, listed_at=at.isoformat(),
               application_id=str(application_id) if application_id else None)


def _unreported(seq, card, entry, at) -> Operation:
    return _op(seq, "card_unreported", id=str(entry), card_number=card,
               released_at=at.isoformat())


def _card_number() -> str:
    return "T" + uuid.uuid4().hex[:8].upper()  # the module's database is shared


def _results(results: dict) -> list[tuple[str, str]]:
    return [(results[seq].result, reason_words(results[seq].reason)) for seq in sorted(results)]


# --- collection and activation ----------------------------------------------------------

def test_the_counter_collects_then_activates_and_both_are_in_the_history(db):
    card = _card_number()
    app_id = db.application("SA01", "notified", card)
    later = NOW + dt.timedelta(days=2)
    results = db.apply("SA01", [_collected(1, app_id), _activated(2, app_id, later)],
                       now=later)
    assert _results(results) == [(APPLIED, ""), (APPLIED, "")]
    row = db.card(app_id)
    assert (row.status, row.card_number, row.collected_at, row.collector, row.activated_at) == (
        "activated", card, NOW, "guardian", later)
    assert db.status(app_id) == "activated"
    with db.admin.connect() as connection:
        steps = history(connection, db.site("SA01"), app_id)
    assert [(h["from_status"], h["to_status"], h["actor"], h["actor_name"]) for h in steps] == [
        ("notified", "collected", "counter", "clerk @ SA01"),
        ("collected", "activated", "counter", "clerk @ SA01")]


def test_moves_that_are_not_the_counters_to_make_are_refused_and_change_nothing(db):
    in_production = db.application("SA01", "in_production", _card_number())
    at_site = db.application("SA01", "at_site", _card_number())
    other_sites = db.application("SB01", "at_site", _card_number())
    results = db.apply("SA01", [
        _collected(1, in_production), _activated(2, at_site), _collected(3, uuid.uuid4()),
        _collected(4, other_sites)])
    assert _results(results) == [
        (REJECTED, "the card cannot be recorded as collected while its status is in_production"),
        (REJECTED, "the card cannot be recorded as activated while its status is at_site"),
        (REJECTED, apply_cards.APPLICATION_UNKNOWN),
        (REJECTED, apply_cards.APPLICATION_UNKNOWN)]  # another site's: not even visible
    assert [db.status(a) for a in (in_production, at_site, other_sites)] == [
        "in_production", "at_site", "at_site"]
    assert db.card(other_sites).collected_at is None


# --- the invalid list ----------------------------------------------------------------------

def test_a_temporary_loss_report_is_listed_under_the_reporting_site(db):
    card = _card_number()
    app_id = db.application("SA01", "activated", card)
    entry = uuid.uuid4()
    results = db.apply("SA01", [_reported(1, card, entry=entry, application_id=app_id),
                                _reported(2, card)])
    assert _results(results) == [
        (APPLIED, ""), (REJECTED, "this card is already on the invalid list (temporary_loss)")]
    [row] = db.entries(card)
    assert (row.id, row.reason, row.level, row.state, row.site_id, row.application_id) == (
        entry, "temporary_loss", "city", "active", db.site("SA01"), app_id)
    assert (row.listed_at, row.expires_at, row.id_number) == (
        NOW, NOW + dt.timedelta(days=7), HOLDER)


def test_a_temporary_report_is_undone_at_any_site_while_in_force(db):
    card, entry = _card_number(), uuid.uuid4()
    db.apply("SA01", [_reported(1, card, entry=entry)])
    late = NOW + dt.timedelta(days=7)
    assert _results(db.apply("SB01", [_unreported(1, card, entry, late)])) == [
        (REJECTED, apply_cards.NOTHING_TO_UNREPORT)]  # its days had run out
    found = NOW + dt.timedelta(days=3)
    assert _results(db.apply("SB01", [_unreported(2, card, entry, found)])) == [(APPLIED, "")]
    [row] = db.entries(card)
    assert (row.state, row.released_at) == ("released", found)
    assert _results(db.apply("SA01", [_unreported(3, card, entry, found)])) == [
        (REJECTED, apply_cards.NOTHING_TO_UNREPORT)]


def test_a_formal_loss_report_is_for_good(db):
    card, temporary = _card_number(), uuid.uuid4()
    results = db.apply("SA01", [
        _reported(1, card, entry=temporary),
        _reported(2, card, "formal_loss", at=NOW + dt.timedelta(hours=1)),
        _unreported(3, card, temporary, NOW + dt.timedelta(hours=2)),
        _reported(4, card, "damage", at=NOW + dt.timedelta(hours=3))])
    assert _results(results) == [
        (APPLIED, ""), (APPLIED, ""), (REJECTED, apply_cards.FORMAL_IS_FINAL),
        (REJECTED, "this card is already on the invalid list (formal_loss)")]
    assert [(r.reason, r.level, r.state) for r in db.entries(card)] == [
        ("temporary_loss", "city", "active"), ("formal_loss", "national", "active")]


def test_another_persons_card_is_not_reported_but_an_unknown_one_is(db):
    card = _card_number()
    db.application("SB01", "activated", card)  # another site's card: checked all the same
    unknown = _card_number()
    results = db.apply("SA01", [_reported(1, card, "damage", holder=OTHER),
                                _reported(2, card, "damage"),
                                _reported(3, unknown, "cancellation", holder=OTHER)])
    assert _results(results) == [(REJECTED, apply_cards.NOT_HOLDER), (APPLIED, ""),
                                 (APPLIED, "")]
    assert [r.reason for r in db.entries(unknown)] == ["cancellation"]


def test_a_forged_entry_id_is_refused(db):
    card, entry = _card_number(), uuid.uuid4()
    db.apply("SA01", [_reported(1, card, "damage", entry=entry)])
    assert _results(db.apply("SA01", [_reported(2, _card_number(), entry=entry)])) == [
        (REJECTED, apply_cards.ENTRY_TAKEN)]


@pytest.mark.parametrize("city, state", [(None, "released"), (CITY_B, "cancelled")])
def test_temporary_reports_run_out_with_the_clock_as_the_city_says(db, city, state):
    rules = load_rules(city).cards if city else None
    days = 15 if city else 7
    card, entry = _card_number(), uuid.uuid4()
    db.apply("SA01", [_reported(1, card, entry=entry)], rules=rules)
    engine, _identity = db.counters["SB01"]
    with engine.begin() as connection:
        apply_cards.expire_temporary_reports(
            connection, NOW + dt.timedelta(days=days) - dt.timedelta(seconds=1), rules)
    assert [r.state for r in db.entries(card)] == ["active"]
    with engine.begin() as connection:
        assert apply_cards.expire_temporary_reports(
            connection, NOW + dt.timedelta(days=days), rules) >= 1
    [row] = db.entries(card)
    assert (row.state, row.released_at) == (state, NOW + dt.timedelta(days=days))


# --- replacement and renewal ---------------------------------------------------------------

def test_an_application_replacing_a_card_lists_the_old_one_once(db):
    old = _card_number()
    old_app = db.application("SA01", "activated", old)
    new_app = db.application("SA01", "submitted")
    payload = {"id": str(new_app), "replaces_card": old.lower(),
               "applicant": {"id_number": HOLDER}}
    engine, identity = db.counters["SA01"]
    for _send in range(2):  # a resend lists nothing twice
        with engine.begin() as connection:
            assert apply_cards.on_application_submitted(
                connection, identity, [payload, {"id": str(uuid.uuid4())}], now=NOW) == {}
    [row] = db.entries(old)
    assert (row.reason, row.level, row.state, row.application_id, row.id_number) == (
        "replaced", "national", "active", old_app, HOLDER)
    with db.admin.connect() as connection:
        assert connection.scalar(select(applications.c.replaces_card).where(
            applications.c.id == new_app)) == old


def test_someone_elses_card_is_not_listed_as_replaced(db):
    old = _card_number()
    db.application("SB01", "activated", old, id_number=OTHER)
    new_app = db.application("SA01", "submitted")
    engine, identity = db.counters["SA01"]
    with engine.begin() as connection:
        problems = apply_cards.on_application_submitted(connection, identity, [
            {"id": str(new_app), "replaces_card": old, "applicant": {"id_number": HOLDER}}])
    assert problems == {str(new_app): apply_cards.NOT_HOLDER}
    assert db.entries(old) == []


# --- before the database ---------------------------------------------------------------------

@pytest.mark.parametrize("op, reason", [
    (Operation(1, uuid.uuid4(), "card_collected", {"application_id": "x", "at": "2026"}),
     "malformed operation: application_id"),
    (Operation(1, uuid.uuid4(), "card_collected",
               {"application_id": str(uuid.uuid4()), "at": "2026-12-01T09:30:00"}),
     "malformed operation: collector"),
    (Operation(1, uuid.uuid4(), "card_activated", {"application_id": str(uuid.uuid4())}),
     "malformed operation: missing at"),
    (Operation(1, uuid.uuid4(), "card_activated", "not a dict"),
     "malformed operation: missing application_id, at"),
    (_reported(1, "A1234567", kind="expiry"), "malformed operation: kind"),
    (_reported(1, "A" * 31), "malformed operation: card_number"),
    (_op(1, "card_reported", id="nope", card_number="A1", id_number=HOLDER, kind="damage",
         listed_at=NOW.isoformat()), "malformed operation: id"),
    (_op(1, "card_unreported", id=str(uuid.uuid4()), card_number="A1", released_at="later"),
     "malformed operation: released_at"),
    (_op(1, "card_burnt"), "unknown operation card_burnt"),
])
def test_malformed_operations_are_refused_before_the_database(op, reason):
    assert reason_words(apply_cards.check(op, None)) == reason


def test_well_formed_operations_pass_the_check():
    app_id = uuid.uuid4()
    for op in (_collected(1, app_id), _activated(2, app_id), _reported(3, "A12345678"),
               _unreported(4, "A12345678", uuid.uuid4(), NOW),
               _collected(5, app_id, dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))):
        assert apply_cards.check(op, None) == "", op
    assert set(apply_cards.KINDS) == {"card_collected", "card_activated", "card_reported",
                                      "card_unreported"}
