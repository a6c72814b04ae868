"""Large batches go into central_push as set-based statements: the answers are the same as
one by one, a row the database refuses still rejects only its own operation (the batch
is redone one application at a time), and an oversized batch is refused whole."""

import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from counter_app.central import database, reasons
from counter_app.central.apply import apply_batch
from counter_app.central.device_push import BATCH_MAX
from counter_app.central.operations import Operation
from counter_app.central.schema import applications, applied_operations
from counter_app.domain.errors import read_reason
from counter_app.sync.push import BATCH_SIZE
from tests.sync_helpers import device_engine, push, refuse_number

pytestmark = pytest.mark.postgres

MANY = BATCH_SIZE  # what a counter sends at once
REFUSED_NUMBER = "REFUSED-BY-THE-DATABASE"


@pytest.fixture(scope="module")
def bulk_url():
    """A central database of this module's own (the session's shared one stays small),
    which itself refuses applications numbered REFUSED_NUMBER."""
    from tests.pg_helpers import drop_database, new_central

    url = new_central()
    refuse_number(url, REFUSED_NUMBER)
    yield url
    drop_database(url)


@pytest.fixture
def admin_engine(bulk_url):
    engine = database.create_central_engine(bulk_url)
    yield engine
    engine.dispose()


@pytest.fixture
def device(bulk_url):
    """(engine, enrolment) of a new device of a site of this test's own."""
    engine, enrolment = device_engine(bulk_url, f"B{uuid.uuid4().hex[:6].upper()}")
    yield engine, enrolment
    engine.dispose()


def _payload(code, /, **changes) -> dict:
    payload = {"id": str(uuid.uuid4()), "number": f"{code}-20261122-0001", "site_code": code,
               "business_type": "newborn", "status": "submitted",
               "applicant": {"name": "王䶮", "id_number": "110105202403150038"}}
    return {**payload, **changes}


def _ops(enrolment, count, first_seq=1, **changes) -> list[Operation]:
    return [Operation(seq, uuid.uuid4(), "application_submitted",
                      _payload(enrolment.site_code, **changes))
            for seq in range(first_seq, first_seq + count)]


def _count(admin_engine, enrolment, table) -> int:
    with admin_engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table).where(
            table.c.site_id == uuid.UUID(enrolment.site_id)))


def test_a_large_batch_gets_an_answer_per_operation_in_order(device, admin_engine):
    engine, enrolment = device
    ops = _ops(enrolment, MANY)
    ops[5] = Operation(6, uuid.uuid4(), "application_submitted",
                       _payload(enrolment.site_code, site_code="ELSEWHERE"))
    results = push(engine, ops)
    assert [r.seq for r in results] == [op.seq for op in ops]
    assert [r.seq for r in results if r.result == "rejected"] == [6]
    assert read_reason(results[5].reason) == (
        reasons.WRONG_SITE, {"site": "ELSEWHERE", "own": enrolment.site_code})
    assert _count(admin_engine, enrolment, applications) == MANY - 1
    assert _count(admin_engine, enrolment, applied_operations) == MANY

    again = push(engine, ops)  # a resend after a crash: no second effect
    assert {r.result for r in again if r.seq != 6} == {"duplicate"}
    assert again[5].reason == results[5].reason
    assert _count(admin_engine, enrolment, applied_operations) == MANY


def test_a_row_the_database_refuses_in_a_large_batch_rejects_only_its_operation(
        device, admin_engine):
    engine, enrolment = device
    ops = _ops(enrolment, MANY)
    ops[7] = Operation(8, uuid.uuid4(), "application_submitted",
                       _payload(enrolment.site_code, number=REFUSED_NUMBER))
    results = push(engine, ops)
    assert [r.seq for r in results if r.result == "rejected"] == [8]
    assert read_reason(results[7].reason) == (reasons.REFUSED, {"error": "23514"})
    assert _count(admin_engine, enrolment, applications) == MANY - 1
    assert push(engine, [ops[7]])[0].reason == results[7].reason  # recorded as refused


def test_a_second_push_in_one_transaction_is_refused_and_nothing_applies(device,
                                                                          admin_engine):
    """Its (device, seq) records would be taken for the first push's (a resend is told
    apart by the time it was recorded); pushes are one per transaction."""
    engine, enrolment = device
    with pytest.raises(DBAPIError, match="one push per transaction"):
        with engine.begin() as connection:
            apply_batch(connection, _ops(enrolment, MANY))
            apply_batch(connection, _ops(enrolment, MANY, first_seq=MANY + 1))
    assert _count(admin_engine, enrolment, applications) == 0
    assert {r.result for r in push(engine, _ops(enrolment, MANY))} == {"applied"}


def test_an_application_taken_over_is_not_changed_by_a_large_batch(device, admin_engine):
    engine, enrolment = device
    ops = _ops(enrolment, MANY)
    push(engine, ops)
    taken = uuid.UUID(ops[0].payload["id"])
    with admin_engine.begin() as connection:
        connection.execute(applications.update().values(status="in_production").where(
            applications.c.id == taken))
    resend = [Operation(op.seq + MANY, uuid.uuid4(), op.kind, {**op.payload, "number": "NEW"})
              for op in ops]
    results = push(engine, resend)
    assert [(r.seq, read_reason(r.reason)) for r in results if r.result == "rejected"] == [
        (MANY + 1, (reasons.TAKEN_OVER, {}))]
    with admin_engine.connect() as connection:
        numbers = dict(connection.execute(
            select(applications.c.id, applications.c.number)
            .where(applications.c.site_id == uuid.UUID(enrolment.site_id))).all())
    assert numbers[taken] != "NEW"
    assert sum(number == "NEW" for number in numbers.values()) == MANY - 1


def test_a_batch_over_the_limit_is_refused_whole(device, admin_engine):
    engine, enrolment = device
    with pytest.raises(DBAPIError, match=f"at most {BATCH_MAX} operations"):
        push(engine, _ops(enrolment, BATCH_MAX + 1))
    assert _count(admin_engine, enrolment, applied_operations) == 0
