"""Collection at the original handling point, across two enrolled counters and the central
PostgreSQL (issue 7, "Show"): the other handling point refuses with the right one's name
(asked through a SECURITY DEFINER function, never by reading the other site's rows); the
right one hands the card over, and the card centre's record follows by the push."""

import datetime as dt
import time
import uuid

import psycopg
import pytest

from counter_app.central import admin, database
from counter_app.central.transitions import Move, Who, history, move
from counter_app.domain.cards import InvalidKind
from counter_app.domain.collection import CollectionRefused
from counter_app.domain.lifecycle import Actor, Status
from counter_app.forms.qr import qr_payload
from counter_app.services import card_reports, central_access, collection, enrolment, syncing
from counter_app.services.collection import CollectionError
from counter_app.services.context import open_context
from counter_app.store.models import Application, CardRecord, InvalidEntry
from tests.card_helpers import STRANGER_ID
from tests.helpers import GUARDIAN_ID
from tests.sync_helpers import submit_child
from tests.unit.central.test_fencing import _operator

pytestmark = pytest.mark.postgres

NAMES = {"SA01": "东城社保服务中心", "SB01": "西城街道便民服务点"}
CARD = "A98765432"


@pytest.fixture
def two_counters(fresh_central, tmp_path, settings):
    """Two enrolled counters; A took in a child's application, which the card centre had
    made and sent to A."""
    counters = {}
    for code in ("SA01", "SB01"):
        admin.add_site(fresh_central, code, NAMES[code])
        device = admin.add_device(fresh_central, code, f"counter of {code}")
        ctx = open_context(type(settings)(data_dir=tmp_path / code,
                                          config_dir=tmp_path / f"{code}-config"))
        enrolment.enrol(ctx, device.code())
        counters[code] = (ctx, _operator(ctx, code), device)
    ctx_a, operator_a, device_a = counters["SA01"]
    app_id = uuid.UUID(submit_child(ctx_a, operator_a, tmp_path))
    assert syncing.sync_now(ctx_a).sent == 1
    engine = database.open_central(fresh_central)  # the card centre's side of things
    with engine.begin() as connection:
        centre = Who(Actor.CARD_CENTRE, "卡中心", None)
        site = uuid.UUID(device_a.site_id)
        for target, card in ((Status.IN_PRODUCTION, {}),
                             (Status.PRODUCED, {"card_number": CARD, "bank": "中国农业银行"}),
                             (Status.AT_SITE, {})):
            [done] = move(connection, [Move(site, app_id, target, card=card)], centre,
                          database.utcnow() - dt.timedelta(days=1))
            assert done.ok, done.error
    engine.dispose()
    with ctx_a.sessions() as session:
        number = session.get(Application, app_id).number
    return counters, app_id, number


def test_another_handling_point_refuses_and_names_the_right_one(two_counters, monkeypatch):
    counters, _app_id, number = two_counters
    ctx_b, operator_b, device_b = counters["SB01"]
    for scanned in (qr_payload(number), number, GUARDIAN_ID):
        with pytest.raises(CollectionError) as caught:
            collection.find_for_collection(ctx_b, operator_b, scanned)
        assert caught.value.template == collection.MSG_OTHER_SITE
        assert caught.value.params == {"site": NAMES["SA01"], "code": "SA01"}
    with psycopg.connect(device_b.url, autocommit=True) as conn:  # B still reads nothing of A's
        assert conn.execute("SELECT count(*) FROM central_card_feed('0', "
                            "pg_snapshot_xmax(pg_current_snapshot()))").fetchone() == (0,)
        for table in ("central_applications", "central_card_records"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT count(*) FROM {table}")
    monkeypatch.setattr(central_access, "counter_url",
                        lambda _ctx, _override=None: "postgresql://nobody@127.0.0.1:9/none")
    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx_b, operator_b, number)
    assert caught.value.template == collection.MSG_CANNOT_CHECK


def test_the_right_handling_point_hands_it_over_and_the_card_centre_sees_it(
        two_counters, fresh_central):
    counters, app_id, number = two_counters
    ctx_a, operator_a, device_a = counters["SA01"]
    ctx_b, operator_b, _device_b = counters["SB01"]
    _sync_until(ctx_a, lambda: _local_card_status(ctx_a, app_id) == "at_site")
    [card] = collection.find_for_collection(ctx_a, operator_a, qr_payload(number))
    assert (card.card_number, card.status) == (CARD, "at_site")
    with pytest.raises(CollectionRefused):
        collection.collect(ctx_a, operator_a, app_id, STRANGER_ID)
    collection.collect(ctx_a, operator_a, app_id, GUARDIAN_ID)
    collection.activate(ctx_a, operator_a, app_id)
    # the guardian reports the card lost here; it turns up and is un-reported elsewhere
    report = card_reports.report(ctx_a, operator_a, CARD, _child_id(ctx_a, app_id),
                                 InvalidKind.TEMPORARY_LOSS)
    result = syncing.sync_now(ctx_a)
    assert (result.sent, result.rejected) == (3, 0)
    _sync_until(ctx_b, lambda: _listed_locally(ctx_b, report.id))  # the shared list
    # found again: undone at B, on the holder's ID number (B keeps no one's with the list)
    card_reports.unreport_card(ctx_b, operator_b, CARD, _child_id(ctx_a, app_id))
    result = syncing.sync_now(ctx_b)
    assert (result.sent, result.rejected) == (1, 0)
    with psycopg.connect(fresh_central) as conn:
        assert conn.execute(
            "SELECT status, collector, collected_at IS NOT NULL, activated_at IS NOT NULL "
            "FROM central_card_records WHERE application_id = %s", (app_id,)
        ).fetchone() == ("activated", "guardian", True, True)
        assert conn.execute(
            "SELECT reason, state, site_id::text FROM central_invalid_list WHERE id = %s",
            (report.id,)).fetchone() == ("temporary_loss", "released", device_a.site_id)
    engine = database.open_central(fresh_central)
    with engine.connect() as connection:
        steps = history(connection, uuid.UUID(device_a.site_id), app_id)
    engine.dispose()
    assert [(h["to_status"], h["actor"]) for h in steps][-2:] == [
        ("collected", "counter"), ("activated", "counter")]


def _sync_until(ctx, arrived, seconds: float = 60) -> None:
    """Sync until *arrived()*: a pull reads only rows older than the oldest transaction
    open on the server (counter_app.sync.pull), and other tests may hold one open."""
    deadline = time.monotonic() + seconds
    syncing.sync_now(ctx)
    while not arrived():
        assert time.monotonic() < deadline, "the pull did not bring the row in time"
        time.sleep(0.5)
        syncing.sync_now(ctx)


def _local_card_status(ctx, app_id) -> str | None:
    with ctx.sessions() as session:
        card = session.get(CardRecord, app_id)
        return card.status if card else None


def _listed_locally(ctx, entry_id) -> bool:
    with ctx.sessions() as session:
        return session.get(InvalidEntry, entry_id) is not None


def _child_id(ctx, app_id) -> str:
    with ctx.sessions() as session:
        return session.get(Application, app_id).id_number
