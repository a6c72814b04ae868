"""Large batches on PostgreSQL go in by COPY into a staging table (apply._insert): the
answers are the same as row by row, and a row the database refuses still rejects only
its own operation."""

import uuid

import pytest
from sqlalchemy import func, select

from counter_app.domain.errors import reason_words
from counter_app.central import apply, database
from counter_app.central.apply import apply_batch
from counter_app.central.operations import Operation
from counter_app.central.schema import applications, applied_operations
from tests.sync_helpers import register

pytestmark = pytest.mark.postgres

MANY = 2 * apply.BULK_ROWS


@pytest.fixture(scope="module")
def bulk_url():
    """A central database of this module's own: the session's shared one stays small."""
    from counter_app.central.admin import init_central
    from tests.pg_helpers import create_database, drop_database

    url = create_database()
    init_central(url)
    yield url
    drop_database(url)


@pytest.fixture
def engine(bulk_url):
    engine = database.open_central(bulk_url)
    yield engine
    engine.dispose()


@pytest.fixture
def identity(engine):
    return register(engine, uuid.uuid4(), f"B{uuid.uuid4().hex[:6].upper()}")


def _payload(identity, **changes) -> dict:
    payload = {"id": str(uuid.uuid4()), "number": f"{identity.site_code}-20261122-0001",
               "site_code": identity.site_code, "business_type": "newborn",
               "status": "submitted",
               "applicant": {"name": "王䶮", "id_number": "110105202403150038"}}
    return {**payload, **changes}


def _ops(identity, count, first_seq=1, **changes) -> list[Operation]:
    return [Operation(seq, uuid.uuid4(), "application_submitted", _payload(identity, **changes))
            for seq in range(first_seq, first_seq + count)]


def _push(engine, identity, ops):
    with engine.begin() as connection:
        return apply_batch(connection, identity, ops)


def _count(engine, identity, table) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table)
                                 .where(table.c.site_id == identity.site_id))


def test_a_large_batch_gets_the_same_answers_as_row_by_row(engine, identity, monkeypatch):
    staged = []
    real_stage = apply._stage
    monkeypatch.setattr(apply, "_stage", lambda connection, table, columns, rows: (
        staged.append(table.name), real_stage(connection, table, columns, rows))[1])
    ops = _ops(identity, MANY)
    ops[5] = Operation(6, uuid.uuid4(), "application_submitted",
                       _payload(identity, site_code="ELSEWHERE"))
    results = _push(engine, identity, ops)
    assert [r.seq for r in results] == [op.seq for op in ops]
    assert [r.seq for r in results if r.result == "rejected"] == [6]
    assert _count(engine, identity, applications) == MANY - 1
    assert _count(engine, identity, applied_operations) == MANY
    assert staged == ["central_applied_operations", "central_applications"]  # by COPY

    again = _push(engine, identity, ops)  # a resend after a crash: no second effect
    assert {r.result for r in again if r.seq != 6} == {"duplicate"}
    assert again[5].reason == results[5].reason
    assert _count(engine, identity, applied_operations) == MANY


def test_a_row_the_database_refuses_in_a_large_batch_rejects_only_its_operation(
        engine, identity):
    ops = _ops(identity, MANY)
    bad = _payload(identity, applicant={"name": "bad\u0000name", "id_number": "1"})
    ops[7] = Operation(8, uuid.uuid4(), "application_submitted", bad)
    results = _push(engine, identity, ops)
    assert [r.seq for r in results if r.result == "rejected"] == [8]
    assert reason_words(results[7].reason).startswith("refused by the central database (")
    assert _count(engine, identity, applications) == MANY - 1


def test_two_large_batches_in_one_transaction(engine, identity):
    with engine.begin() as connection:
        first = apply_batch(connection, identity, _ops(identity, MANY))
        second = apply_batch(connection, identity, _ops(identity, MANY, first_seq=MANY + 1))
    assert {r.result for r in first + second} == {"applied"}
    assert _count(engine, identity, applications) == 2 * MANY


def test_an_application_taken_over_is_not_changed_by_a_large_batch(engine, identity):
    ops = _ops(identity, MANY)
    _push(engine, identity, ops)
    taken = ops[0].payload["id"]
    with engine.begin() as connection:
        connection.execute(applications.update().values(status="in_production").where(
            applications.c.id == uuid.UUID(taken)))
    resend = [Operation(op.seq + MANY, uuid.uuid4(), op.kind, {**op.payload, "number": "NEW"})
              for op in ops]
    results = _push(engine, identity, resend)
    assert [reason_words(r.reason) for r in results if r.result == "rejected"] == [
        apply.TAKEN_OVER]
    with engine.connect() as connection:
        numbers = {row.id: row.number for row in connection.execute(
            select(applications.c.id, applications.c.number)
            .where(applications.c.site_id == identity.site_id))}
    assert numbers[uuid.UUID(taken)] != "NEW"
    assert sum(number == "NEW" for number in numbers.values()) == MANY - 1
