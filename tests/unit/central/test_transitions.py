"""Central moves follow the one lifecycle, record who/where/when/why, and mirror the card."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from counter_app.central import database
from counter_app.central.schema import applications, card_records
from counter_app.central.transitions import UNKNOWN_APPLICATION, Move, Who, history, move
from counter_app.domain.lifecycle import Actor, Status
from tests.sync_helpers import register

NOW = dt.datetime(2026, 11, 22, 9, 0)
CARD_CENTRE = Who(Actor.CARD_CENTRE, "卡中心 张三", None)


@pytest.fixture
def central_db(fresh_central):
    engine = database.open_central(fresh_central)
    site = register(engine, uuid.uuid4(), "SC001").site_id
    app_id = uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(applications.insert().values(
            site_id=site, id=app_id, number="SC001-20261122-0001", business_type="newborn",
            status="submitted", id_number="110105202403150038", payload={},
            received_at=NOW, updated_at=NOW))
    yield engine, site, app_id
    engine.dispose()


def _status(engine, app_id):
    with engine.connect() as connection:
        return (connection.scalar(select(applications.c.status).where(
                    applications.c.id == app_id)),
                connection.execute(select(card_records.c.status, card_records.c.card_number)
                                   .where(card_records.c.application_id == app_id)).first())


def test_the_card_centre_makes_its_moves_and_each_is_recorded(central_db):
    engine, site, app_id = central_db
    with engine.begin() as connection:
        for target, card in ((Status.IN_PRODUCTION, {}),
                             (Status.PRODUCED, {"card_number": "A12345678", "bank": "工商银行"}),
                             (Status.AT_SITE, {})):
            [result] = move(connection, [Move(site, app_id, target, "批次 1", card)],
                            CARD_CENTRE, NOW)
            assert result.ok, result.error
    assert _status(engine, app_id) == ("at_site", ("at_site", "A12345678"))
    with engine.connect() as connection:
        steps = history(connection, site, app_id)
    assert [(h["from_status"], h["to_status"], h["actor"], h["actor_name"]) for h in steps] == [
        ("submitted", "in_production", "card_centre", "卡中心 张三"),
        ("in_production", "produced", "card_centre", "卡中心 张三"),
        ("produced", "at_site", "card_centre", "卡中心 张三")]


def test_refused_moves_change_nothing_and_say_why(central_db):
    engine, site, app_id = central_db
    counter = Who(Actor.COUNTER, "device 1", site)
    with engine.begin() as connection:
        results = move(connection, [
            Move(site, app_id, Status.PRODUCED),               # skips production
            Move(site, app_id, Status.IN_PRODUCTION),          # not the counter's move...
            Move(site, uuid.uuid4(), Status.IN_PRODUCTION)], counter, NOW)
    assert [r.ok for r in results] == [False, False, False]
    assert "cannot move" in results[0].error and "card_centre" in results[1].error
    assert results[2].error == UNKNOWN_APPLICATION
    assert _status(engine, app_id) == ("submitted", None)
    with engine.connect() as connection:
        assert history(connection, site, app_id) == []
