"""The central side of a push, through a device's own login: one call of central_push,
one result per operation, bad ones refused with a reason, nothing applied twice, and a
bad operation never blocks the ones behind it."""

import base64
import copy
import datetime as dt
import hashlib
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from counter_app.central import database, reasons
from counter_app.central.apply import apply_batch
from counter_app.central.device_push import RECEIPT_PHOTO_MAX_BYTES, receipt_site_part
from counter_app.central.operations import Operation
from counter_app.central.schema import applications, applied_operations, photo_receipts
from counter_app.domain.errors import read_reason, reason_words
from tests.sync_helpers import device_engine, push, refuse_number

pytestmark = pytest.mark.postgres

NUMBER = "SC001-20261122-0001"


def _payload(own_code, /, **changes) -> dict:
    payload = {"id": str(uuid.uuid4()), "number": NUMBER, "site_code": own_code,
               "business_type": "newborn", "status": "submitted",
               "applicant": {"name": "王䶮", "id_number": "110105202403150038"}}
    return {**payload, **changes}


def _op(seq, payload, kind="application_submitted", op_id=None) -> Operation:
    return Operation(seq, op_id or uuid.uuid4(), kind, payload)


class Counter:
    """A device of a site of this test's own on the session's central database."""

    def __init__(self, admin_url: str, code: str) -> None:
        self.code = code
        self.engine, self.enrolment = device_engine(admin_url, code)
        self.site_id = uuid.UUID(self.enrolment.site_id)
        self.admin = database.create_central_engine(admin_url)

    def push(self, ops):
        return push(self.engine, ops)

    def payload(self, **changes) -> dict:
        return _payload(self.code, **changes)

    def receipt_number(self) -> str:
        """The first number this device's photo station issues today (the server's day)."""
        return (f"{receipt_site_part(self.code)}{dt.datetime.now(dt.UTC):%Y%m%d}"
                f"{self.enrolment.counter_no:06d}0001")

    def count(self, table) -> int:
        with self.admin.connect() as connection:
            return connection.scalar(select(func.count()).select_from(table)
                                     .where(table.c.site_id == self.site_id))

    def numbers(self) -> list[str]:
        with self.admin.connect() as connection:
            return list(connection.scalars(select(applications.c.number).where(
                applications.c.site_id == self.site_id).order_by(applications.c.number)))

    def dispose(self) -> None:
        self.engine.dispose()
        self.admin.dispose()


@pytest.fixture
def counter(pg_url):
    counter = Counter(pg_url, f"T{uuid.uuid4().hex[:6].upper()}")  # a site of its own
    yield counter
    counter.dispose()


def test_bad_operations_are_refused_each_with_its_reason(counter):
    ops = [_op(1, counter.payload()),
           _op(2, counter.payload(site_code="SB01")),
           _op(3, {"id": str(uuid.uuid4())}),
           _op(4, counter.payload(), kind="drop_everything"),
           _op(5, "not even a dict"),
           _op(6, counter.payload(id="not-a-uuid")),
           _op(7, counter.payload())]
    results = counter.push(ops)
    assert [(r.seq, r.result) for r in results] == [
        (1, "applied"), (2, "rejected"), (3, "rejected"), (4, "rejected"), (5, "rejected"),
        (6, "rejected"), (7, "applied")]
    words = {r.seq: reason_words(r.reason) for r in results}
    assert words[2] == f"operation for site SB01, but this counter belongs to {counter.code}"
    assert words[3] == ("malformed operation: missing number, site_code, business_type, "
                        "status, applicant")
    assert words[4] == "unknown operation drop_everything"
    assert words[5].startswith("malformed operation: missing id, number")
    assert words[6] == "malformed operation: id"
    assert counter.count(applications) == 2
    assert counter.count(applied_operations) == 7  # each answered once


@pytest.mark.parametrize("status", ["in_production", "activated", "at_site"])
def test_an_application_arrives_only_as_submitted(counter, status):
    [result] = counter.push([_op(1, counter.payload(status=status))])
    assert (result.result, read_reason(result.reason)) == (
        "rejected", (reasons.MALFORMED, {"detail": "status"}))
    assert counter.count(applications) == 0


def test_the_site_comes_from_the_login_not_the_payload(counter, pg_url):
    other = Counter(pg_url, f"T{uuid.uuid4().hex[:6].upper()}")
    try:
        [result] = counter.push([_op(1, counter.payload(site_code=other.code))])
        assert read_reason(result.reason) == (
            reasons.WRONG_SITE, {"site": other.code, "own": counter.code})
        assert (counter.count(applications), other.count(applications)) == (0, 0)
    finally:
        other.dispose()


def test_a_replayed_batch_changes_nothing_and_gets_the_same_answers(counter):
    ops = [_op(1, counter.payload()), _op(2, counter.payload(site_code="SB01"))]
    first = counter.push(ops)
    again = counter.push(copy.deepcopy(ops))
    assert [r.result for r in first] == ["applied", "rejected"]
    assert [r.result for r in again] == ["duplicate", "rejected"]
    assert read_reason(again[1].reason) == read_reason(first[1].reason)
    forged = [_op(1, counter.payload(number="FORGED"))]  # same (device, seq), other operation
    [result] = counter.push(forged)
    assert (result.result, read_reason(result.reason)) == (
        "rejected", (reasons.SEQ_REUSED, {"seq": "1"}))
    assert counter.numbers() == [NUMBER]
    assert counter.count(applied_operations) == 2


def test_a_resend_before_the_card_centre_takes_over_updates_the_application(counter):
    payload = counter.payload()
    counter.push([_op(1, payload)])
    [result] = counter.push([_op(2, {**payload, "number": "CORRECTED"})])
    assert result.result == "applied"
    assert counter.numbers() == ["CORRECTED"]


def test_an_application_the_card_centre_has_taken_over_is_not_changed(counter):
    payload = counter.payload()
    counter.push([_op(1, payload)])
    with counter.admin.begin() as connection:
        connection.execute(applications.update().values(status="in_production").where(
            applications.c.site_id == counter.site_id))
    [result] = counter.push([_op(2, {**payload, "number": "CHANGED"})])
    assert (result.result, read_reason(result.reason)) == (
        "rejected", (reasons.TAKEN_OVER, {}))
    with counter.admin.connect() as connection:
        assert connection.execute(select(applications.c.number, applications.c.status).where(
            applications.c.site_id == counter.site_id)).one() == (NUMBER, "in_production")


def test_what_the_database_itself_refuses_rejects_only_that_operation(fresh_central):
    refuse_number(fresh_central, "REFUSED-BY-THE-DATABASE")
    counter = Counter(fresh_central, "SN01")
    try:
        bad = _op(2, counter.payload(number="REFUSED-BY-THE-DATABASE"))
        results = counter.push([_op(1, counter.payload()), bad, _op(3, counter.payload())])
        assert [r.result for r in results] == ["applied", "rejected", "applied"]
        assert read_reason(results[1].reason) == (reasons.REFUSED, {"error": "23514"})
        assert counter.count(applications) == 2
        [again] = counter.push([bad])  # a resend gets the answer recorded the first time
        assert (again.result, again.reason) == ("rejected", results[1].reason)
    finally:
        counter.dispose()


def test_a_nul_character_rejects_only_its_operation(counter):
    nul = counter.payload(applicant={"name": "bad\u0000name", "id_number": "1"})
    results = counter.push([_op(1, counter.payload()), _op(2, nul)])
    assert [r.result for r in results] == ["applied", "rejected"]


def test_only_an_enrolled_device_pushes(counter, pg_url):
    admin_engine = database.create_central_engine(pg_url)
    try:
        with pytest.raises(DBAPIError, match="only an enrolled device pushes"):
            with admin_engine.begin() as connection:
                apply_batch(connection, [_op(1, counter.payload())])
    finally:
        admin_engine.dispose()
    assert counter.count(applications) == 0


# --- photo receipts ------------------------------------------------------------------------

def _receipt(number, photo=b"\xff\xd8 a card photo \xff\xd9", **changes) -> dict:
    return {"number": number, "issuer": "photo station", "photo_sha256":
            hashlib.sha256(photo).hexdigest(),
            "photo_base64": base64.b64encode(photo).decode("ascii"), **changes}


def _receipt_op(seq, payload) -> Operation:
    return _op(seq, payload, kind="photo_receipt_issued")


def _stored_receipt(counter, number):
    with counter.admin.connect() as connection:
        return connection.execute(select(
            photo_receipts.c.issuer_site_id, photo_receipts.c.issuer,
            photo_receipts.c.photo_sha256).where(photo_receipts.c.number == number)).first()


def test_a_receipt_of_the_sites_own_range_joins_the_registry_once(counter):
    number = counter.receipt_number()
    receipt = _receipt(number)
    results = counter.push([_receipt_op(1, receipt), _receipt_op(2, receipt),
                            _receipt_op(3, _receipt(number, b"another photo"))])
    assert [(r.result, read_reason(r.reason)[0]) for r in results] == [
        ("applied", ""), ("applied", ""), ("rejected", reasons.RECEIPT_TAKEN)]
    assert tuple(_stored_receipt(counter, number)) == (
        counter.site_id, "photo station", receipt["photo_sha256"])


def test_the_receipt_range_is_the_site_codes_capitals_and_digits(pg_url):
    counter = Counter(pg_url, f"r-{uuid.uuid4().hex[:5]}")
    try:
        number = counter.receipt_number()
        assert number.startswith(counter.code.replace('-', '').upper())
        assert [r.result for r in counter.push([_receipt_op(1, _receipt(number))])] == [
            "applied"]
    finally:
        counter.dispose()


def test_a_receipt_outside_the_sites_range_is_refused(counter):
    numbers = [f"X{counter.code}202612070001",   # another site's prefix
               f"{counter.code}202613070001",    # no such day
               f"{counter.code}2026120",         # no day at all
               f"{counter.code}20261207" + "1" * 40]
    results = counter.push([_receipt_op(seq, _receipt(number))
                            for seq, number in enumerate(numbers, 1)])
    assert {(r.result, read_reason(r.reason)[0]) for r in results} == {
        ("rejected", reasons.RECEIPT_NOT_OURS)}
    assert all(_stored_receipt(counter, number) is None for number in numbers)


def test_a_receipt_photo_must_be_a_card_photo_and_match_its_checksum(counter):
    number = counter.receipt_number()
    results = counter.push([
        _receipt_op(1, _receipt(number, bytes(201 * 1024))),
        _receipt_op(2, _receipt(number, photo_sha256="0" * 64)),
        _receipt_op(3, _receipt(number, photo_base64="not base64!")),
        _receipt_op(4, {"number": number})])
    assert [read_reason(r.reason) for r in results] == [
        (reasons.PHOTO_TOO_LARGE, {"kb": "200"}),
        (reasons.MALFORMED, {"detail": "photo_sha256"}),
        (reasons.MALFORMED, {"detail": "photo_base64"}),
        (reasons.MALFORMED, {"detail": "number, photo_base64"})]
    assert _stored_receipt(counter, number) is None


@pytest.mark.parametrize("size, result", [
    (RECEIPT_PHOTO_MAX_BYTES, "applied"),
    (RECEIPT_PHOTO_MAX_BYTES + 1, "rejected"),
])
def test_a_receipt_photo_of_at_most_200_kb_is_taken(counter, size, result):
    number = counter.receipt_number()
    [pushed] = counter.push([_receipt_op(1, _receipt(number, bytes(size)))])
    assert pushed.result == result
