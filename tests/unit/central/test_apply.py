"""The central side of a push: one result per operation, bad ones refused with a reason,
nothing applied twice, and a bad operation never blocks the ones behind it."""

import copy
import uuid

import pytest
from sqlalchemy import func, select

from counter_app.domain.errors import reason_words
from counter_app.central import apply, database
from counter_app.central.apply import apply_batch
from counter_app.central.operations import Operation
from counter_app.central.schema import applications, applied_operations
from tests.sync_helpers import register

DEVICE = uuid.UUID("00000000-0000-4000-8000-000000000001")


SITE = f"T{uuid.uuid4().hex[:6].upper()}"  # the session's PostgreSQL is shared: own site


def _payload(site_code=SITE, **changes) -> dict:
    payload = {"id": str(uuid.uuid4()), "number": "SC001-20261122-0001", "site_code": site_code,
               "business_type": "newborn", "status": "submitted",
               "applicant": {"name": "王䶮", "id_number": "110105202403150038"}}
    return {**payload, **changes}


def _op(seq, payload, kind="application_submitted", op_id=None) -> Operation:
    return Operation(seq, op_id or uuid.uuid4(), kind, payload)


@pytest.fixture
def central_engine(pg_url):
    engine = database.open_central(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def identity(central_engine):
    identity = register(central_engine, uuid.uuid4(), SITE)
    with central_engine.begin() as connection:  # a clean slate on the shared database
        connection.execute(applications.delete().where(
            applications.c.site_id == identity.site_id))
    return identity


def _push(engine, identity, ops):
    with engine.begin() as connection:
        return apply_batch(connection, identity, ops)


def _count(engine, identity, table) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table)
                                 .where(table.c.site_id == identity.site_id))


def test_bad_operations_are_refused_each_with_its_reason(central_engine, identity):
    ops = [_op(1, _payload()),
           _op(2, _payload(site_code="SB01")),
           _op(3, {"id": str(uuid.uuid4())}),
           _op(4, _payload(), kind="drop_everything"),
           _op(5, "not even a dict"),
           _op(6, _payload(id="not-a-uuid")),
           _op(7, _payload())]
    results = _push(central_engine, identity, ops)
    assert [(r.seq, r.result) for r in results] == [
        (1, "applied"), (2, "rejected"), (3, "rejected"), (4, "rejected"), (5, "rejected"),
        (6, "rejected"), (7, "applied")]
    reasons = {r.seq: reason_words(r.reason) for r in results}
    assert reasons[2] == f"operation for site SB01, but this counter belongs to {SITE}"
    assert reasons[3].startswith("malformed operation: missing number")
    assert reasons[4] == "unknown operation drop_everything"
    assert _count(central_engine, identity, applications) == 2
    assert _count(central_engine, identity, applied_operations) == 7  # each answered once


def test_a_replayed_batch_changes_nothing_and_gets_the_same_answers(central_engine, identity):
    ops = [_op(1, _payload()), _op(2, _payload(site_code="SB01"))]
    first = _push(central_engine, identity, ops)
    again = _push(central_engine, identity, copy.deepcopy(ops))
    assert [r.result for r in again] == ["duplicate", "rejected"]
    assert again[1].reason == first[1].reason
    forged = [_op(1, _payload(number="FORGED"))]  # same (device, seq), other operation
    assert reason_words(_push(central_engine, identity, forged)[0].reason) == (
        "sequence 1 was already used by a different operation")
    with central_engine.connect() as connection:
        numbers = list(connection.scalars(select(applications.c.number).where(
            applications.c.site_id == identity.site_id)))
    assert numbers == ["SC001-20261122-0001"]


def test_an_application_the_card_centre_has_taken_over_is_not_changed(
        central_engine, identity):
    payload = _payload()
    _push(central_engine, identity, [_op(1, payload)])
    with central_engine.begin() as connection:
        connection.execute(applications.update().values(status="in_production").where(
            applications.c.site_id == identity.site_id))
    result = _push(central_engine, identity, [_op(2, {**payload, "number": "CHANGED"})])[0]
    assert (result.result, reason_words(result.reason)) == ("rejected", apply.TAKEN_OVER)
    with central_engine.connect() as connection:
        assert connection.execute(select(applications.c.number, applications.c.status).where(
            applications.c.site_id == identity.site_id)).one() == (
            "SC001-20261122-0001", "in_production")


@pytest.mark.postgres
def test_what_the_database_itself_refuses_rejects_only_that_operation(pg_url):
    engine = database.open_central(pg_url)
    identity = register(engine, uuid.uuid4(), f"N{uuid.uuid4().hex[:6]}")
    nul = _payload(site_code=identity.site_code, applicant={"name": "bad\u0000name", "id_number": "110105202403150038"})
    good = [_payload(site_code=identity.site_code) for _ in range(2)]
    results = _push(engine, identity, [_op(1, good[0]), _op(2, nul), _op(3, good[1])])
    assert [r.result for r in results] == ["applied", "rejected", "applied"]
    assert reason_words(results[1].reason).startswith("refused by the central database (")
    assert _count(engine, identity, applications) == 2
    engine.dispose()
