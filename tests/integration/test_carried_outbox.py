"""Carrying the outbox by hand (issue 17) against the real PostgreSQL server: counter A of
site SC001 has no network; its 200 applications with photos travel in a file, are
imported centrally, the receipt comes back, and when the network returns nothing is sent
twice. Counter B of the same site syncs its own over the network meanwhile. A tampered,
cut, replayed or other-site file and a forged receipt change nothing."""

from __future__ import annotations

import dataclasses

import psycopg
import pytest
from sqlalchemy import func, select

from counter_app.central import admin as central_admin
from counter_app.central.carried import CarryError, CentralCarryKey, sign_receipt
from counter_app.config import Settings
from counter_app.security import audit
from counter_app.services import carrying, syncing
from counter_app.services.context import open_context
from counter_app.services.enrolment import enrol
from counter_app.store.models import OutboxEntry
from counter_app.sync import anchors
from counter_app.sync.carry import apply_receipt
from counter_app.central.carried import read_receipt
from counter_app.sync.push import pending_count
from tests.sync_helpers import payloads, queue

pytestmark = pytest.mark.postgres

CARRIED = 200


def _counts(url: str) -> tuple[int, int, int]:
    """(applications, operations recorded, files) centrally, read with a plain driver."""
    with psycopg.connect(url) as conn:
        return tuple(conn.execute(
            "SELECT (SELECT count(*) FROM central_applications),"
            " (SELECT count(*) FROM central_applied_operations),"
            " (SELECT count(*) FROM central_application_files)").fetchone())


def _second_counter(tmp_path, url: str, settings: Settings):
    root = tmp_path / "counter-b"
    ctx = open_context(dataclasses.replace(settings, data_dir=root / "data",
                                           config_dir=root / "config"))
    enrol(ctx, central_admin.add_device(url, "SC001", "counter B").code())
    return ctx


@pytest.fixture
def carry_key(central, tmp_path):
    path = tmp_path / "admin" / "carry.key"
    path.parent.mkdir()
    carrying.make_carry_key(central, path)
    return path


def test_a_site_without_network_carries_its_outbox_by_hand(ctx, admin, central, carry_key,
                                                            settings, tmp_path):
    syncing.sync_now(ctx)  # online once: learns the carry key, registers its own
    counter_b = _second_counter(tmp_path, central, settings)
    queue(counter_b, payloads(3, "SC001", "B"), photo_bytes=2000)
    assert syncing.sync_now(counter_b).sent == 3

    # offline from here: 200 applications with photos and an audit record wait
    queue(ctx, payloads(CARRIED, "SC001", "A"), photo_bytes=30_000)
    with ctx.sessions.begin() as session:
        audit.record(session, action="test_offline", entity="site", entity_id=admin.site_id,
                     operator_id=admin.id, site_id=admin.site_id)
    usb = tmp_path / "usb"
    usb.mkdir()
    summary = carrying.export_outbox(ctx, admin, usb / "a.carry")
    assert (summary.applications, summary.operations, summary.files) == (
        CARRIED, 2 * CARRIED, CARRIED)
    assert summary.audit_rows >= 1
    data = (usb / "a.carry").read_bytes()
    assert "王䶮".encode() not in data and b"110105" not in data  # encrypted

    before = _counts(central)
    receipt = usb / "a.receipt"
    for damaged, why in ((data[:-1000], "incomplete"), (_flip(data, len(data) // 2), "altered")):
        (usb / "bad.carry").write_bytes(damaged)
        with pytest.raises(CarryError, match=why):
            carrying.central_import(central, usb / "bad.carry", carry_key, receipt)
    with pytest.raises(CarryError, match="SC002"):
        carrying.central_import(central, usb / "a.carry", carry_key, receipt,
                                expected_site="SC002")
    assert _counts(central) == before and not receipt.exists()

    outcome = carrying.central_import(central, usb / "a.carry", carry_key, receipt)
    assert (outcome.applied, outcome.duplicates, outcome.rejected, outcome.waiting) == (
        2 * CARRIED, 0, 0, 0)
    after = _counts(central)
    assert after == (before[0] + CARRIED, before[1] + 2 * CARRIED, before[2] + CARRIED)
    with pytest.raises(CarryError, match="imported already"):  # replayed
        carrying.central_import(central, usb / "a.carry", carry_key, usb / "again.receipt")
    assert _counts(central) == after

    forged = _forged_receipt(receipt.read_bytes(), ctx)
    (usb / "forged.receipt").write_bytes(forged)
    with pytest.raises(CarryError, match="not signed"):
        carrying.import_receipt(ctx, admin, usb / "forged.receipt")
    assert pending_count(ctx.sessions) == CARRIED

    marked = carrying.import_receipt(ctx, admin, receipt)
    assert (marked.marked_sent, marked.rejected, marked.waiting) == (2 * CARRIED, 0, 0)
    assert pending_count(ctx.sessions) == 0
    with pytest.raises(CarryError, match="imported already"):
        carrying.import_receipt(ctx, admin, receipt)

    # the network comes back: nothing is sent twice, the audit chain goes on unflagged
    result = syncing.sync_now(ctx)
    assert (result.sent, result.duplicates, result.files) == (0, 0, 0)
    assert _counts(central) == after
    with ctx.sessions() as session:
        assert anchors.stored_flags(session).count == 0
        assert session.scalar(select(func.count()).select_from(OutboxEntry).where(
            OutboxEntry.sent_at.is_(None))) == 0
    with psycopg.connect(central) as conn:
        assert conn.execute("SELECT count(*) FROM central_audit_records r JOIN "
                            "central_devices d ON d.id = r.device_id WHERE r.action = "
                            "'test_offline'").fetchone()[0] == 1


def test_rows_sent_meanwhile_are_answered_as_duplicates(ctx, admin, central, carry_key,
                                                        tmp_path):
    """The network came back before the file was imported: the import changes nothing,
    and its receipt marks nothing it should not."""
    syncing.sync_now(ctx)
    queue(ctx, payloads(5, "SC001", "D"), photo_bytes=1000)
    out = tmp_path / "d.carry"
    carrying.export_outbox(ctx, admin, out)
    assert syncing.sync_now(ctx).sent == 5
    before = _counts(central)
    outcome = carrying.central_import(central, out, carry_key, tmp_path / "d.receipt")
    assert (outcome.applied, outcome.duplicates) == (0, 10)
    assert _counts(central) == before
    assert carrying.import_receipt(ctx, admin, tmp_path / "d.receipt").marked_sent == 0


def test_a_file_signed_by_another_counter_is_refused(ctx, admin, central, carry_key, settings,
                                                     tmp_path):
    """Counter B cannot pass a file off as A's: the header names A, B's key signed it."""
    syncing.sync_now(ctx)
    counter_b = _second_counter(tmp_path, central, settings)
    syncing.sync_now(counter_b)
    queue(counter_b, payloads(1, "SC001", "F"))
    from counter_app.sync import carry
    from counter_app.central.carried import seal
    from counter_app.central import credentials

    collected = carry.collect(counter_b.sessions, counter_b.files, "x")
    a_device = credentials.load(ctx.files).device_id
    a_key = carry.device_key_id(carry.device_key(ctx.files))
    header = carry.header_for(collected, "f" * 32, a_device, "SC001", "2026-12-07T00:00:00",
                              a_key)
    forged = seal(collected.package, header, carry.central_key(counter_b.sessions),
                  carry.device_key(counter_b.files))
    (tmp_path / "forged.carry").write_bytes(forged)
    before = _counts(central)
    with pytest.raises(CarryError, match="altered"):
        carrying.central_import(central, tmp_path / "forged.carry", carry_key,
                                tmp_path / "r")
    assert _counts(central) == before


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def _forged_receipt(genuine: bytes, ctx) -> bytes:
    """The same receipt, signed by a key of the forger's own."""
    from counter_app.sync import carry

    receipt = read_receipt(genuine, carry.central_key(ctx.sessions), "r")
    return sign_receipt(receipt, CentralCarryKey.generate())


def test_apply_receipt_marks_only_rows_whose_operation_id_agrees(ctx, admin, tmp_path):
    from counter_app.central.carried import Receipt

    queue(ctx, payloads(2, "SC001", "R"))
    with ctx.sessions() as session:
        rows = session.execute(select(OutboxEntry.seq, OutboxEntry.op_id)
                               .order_by(OutboxEntry.seq)).all()
    receipt = Receipt("e" * 32, "d", "SC001", "now",
                      [[rows[0].seq, str(rows[0].op_id), "applied", ""],
                       [rows[1].seq, "00000000-0000-0000-0000-000000000000", "applied", ""]],
                      [], {})
    assert apply_receipt(ctx.sessions, receipt) == 1
    assert pending_count(ctx.sessions) == 1


def test_a_device_reaches_the_carry_tables_only_through_its_two_functions(ctx, admin, central,
                                                                          carry_key):
    """With the counter's own login and hand-written SQL: no carry table can be read or
    written, a key that is not one (or a sixth) is refused, and another device's keys
    cannot be touched."""
    from counter_app.central import credentials

    syncing.sync_now(ctx)
    device_url = credentials.load(ctx.files).url
    with psycopg.connect(device_url, autocommit=True) as conn:
        for statement in (
                "SELECT * FROM central_carry_keys", "SELECT * FROM central_device_carry_keys",
                "SELECT * FROM central_carried_imports",
                "INSERT INTO central_carry_keys VALUES ('0000000000000000', 'x', 'y', now())",
                "INSERT INTO central_carried_imports (export_id) VALUES ('x')",
                "DELETE FROM central_carried_imports", "UPDATE central_device_carry_keys "
                "SET public_key = 'x'", "TRUNCATE central_carried_imports"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        key_row = conn.execute("SELECT * FROM central_carry_key()").fetchone()
        assert key_row is not None and len(key_row[0]) == 16
        for wrong in (("0000000000000000", "AAAA"), ("abc", "x" * 44),
                      ("0000000000000000", "A" * 44)):  # not 32 bytes, no name, wrong name
            with pytest.raises(psycopg.errors.InvalidParameterValue):
                conn.execute("SELECT central_register_carry_key(%s, %s)", wrong)
        import base64
        import hashlib
        import os

        for number in range(10):
            raw = os.urandom(32)
            name = hashlib.sha256(raw).hexdigest()[:16]
            if number < 4:  # one is registered already: four more make five
                conn.execute("SELECT central_register_carry_key(%s, %s)",
                             (name, base64.b64encode(raw).decode()))
            else:
                with pytest.raises(psycopg.errors.ProgramLimitExceeded):
                    conn.execute("SELECT central_register_carry_key(%s, %s)",
                                 (name, base64.b64encode(raw).decode()))
                break
    with psycopg.connect(central) as conn:
        assert conn.execute("SELECT count(*) FROM central_device_carry_keys").fetchone()[0] == 5


def test_a_revoked_counters_file_and_a_malformed_one_apply_nothing(ctx, admin, central,
                                                                   carry_key, tmp_path):
    from counter_app.central import credentials
    from counter_app.central.carried import seal
    from counter_app.sync import carry

    syncing.sync_now(ctx)
    queue(ctx, payloads(2, "SC001", "M"))
    collected = carry.collect(ctx.sessions, ctx.files, "x")
    collected.package.operations[0]["payload"] = "{not json"
    enrolment = credentials.load(ctx.files)
    key = carry.device_key(ctx.files)
    header = carry.header_for(collected, "a" * 32, enrolment.device_id, "SC001",
                              "2026-12-07T00:00:00", carry.device_key_id(key))
    (tmp_path / "m.carry").write_bytes(seal(collected.package, header,
                                            carry.central_key(ctx.sessions), key))
    before = _counts(central)
    with pytest.raises(CarryError, match="not an outbox file"):
        carrying.central_import(central, tmp_path / "m.carry", carry_key, tmp_path / "r")

    carrying.export_outbox(ctx, admin, tmp_path / "good.carry")
    central_admin.revoke_device(central, enrolment.device_id)
    with pytest.raises(CarryError, match="revoked"):
        carrying.central_import(central, tmp_path / "good.carry", carry_key, tmp_path / "r")
    assert _counts(central) == before and not (tmp_path / "r").exists()


def _signed_file(ctx, path, change=None, export_id: str = "b" * 32):
    """This counter's unsent rows as a file it signed, after *change*(package): what a
    hostile counter can make with its own key."""
    from counter_app.central import credentials
    from counter_app.central.carried import seal
    from counter_app.sync import carry

    collected = carry.collect(ctx.sessions, ctx.files, "x")
    if change is not None:
        change(collected.package)
    enrolment = credentials.load(ctx.files)
    key = carry.device_key(ctx.files)
    header = carry.header_for(collected, export_id, enrolment.device_id, enrolment.site_code,
                              "2026-12-07T00:00:00", carry.device_key_id(key))
    path.write_bytes(seal(collected.package, header, carry.central_key(ctx.sessions), key))
    return path


@pytest.mark.parametrize("change, why", [
    (lambda p: p.operations[0].update(payload='{"x": NaN}'), "payload"),
    (lambda p: p.operations[0].update(payload="[" * 100_000), "payload"),
    (lambda p: p.operations[0].update(seq=2**70), "operation"),
    (lambda p: p.audit.append({"records": [], "ranges": [], "head": "zz"}), "audit"),
    (lambda p: setattr(p, "audit_upto", float("inf")), "Infinity"),
    (lambda p: setattr(p, "audit_upto", "7"), "lists"),
])
def test_what_a_hostile_counter_signs_is_refused_before_anything_applies(
        ctx, admin, central, carry_key, tmp_path, caplog, change, why):
    syncing.sync_now(ctx)
    queue(ctx, payloads(2, "SC001", "H"))
    bad = _signed_file(ctx, tmp_path / "h.carry", change)
    before = _counts(central)
    with pytest.raises(CarryError, match="not an outbox file"):
        carrying.central_import(central, bad, carry_key, tmp_path / "r")
    assert why in caplog.text  # the administrator's log says what (never the content)
    assert _counts(central) == before


def test_a_header_nested_too_deep_is_refused_in_words(central, carry_key, tmp_path):
    import struct

    from counter_app.central.carried import MAGIC

    head = b"[" * 60_000
    (tmp_path / "deep.carry").write_bytes(MAGIC + struct.pack(">I", len(head)) + head)
    with pytest.raises(CarryError, match="not an outbox file"):
        carrying.central_import(central, tmp_path / "deep.carry", carry_key, tmp_path / "r")


def test_another_counter_cannot_take_an_export_id_first(ctx, admin, central, carry_key,
                                                        settings, tmp_path):
    """B copies A's export id (it is in the clear header) into a file of its own and has
    it imported first: A's genuine file still goes in."""
    from counter_app.central.carried import read_header

    syncing.sync_now(ctx)
    queue(ctx, payloads(2, "SC001", "V"))
    carrying.export_outbox(ctx, admin, tmp_path / "a.carry")
    stolen = read_header((tmp_path / "a.carry").read_bytes(), "a").header.export_id
    counter_b = _second_counter(tmp_path, central, settings)
    syncing.sync_now(counter_b)
    queue(counter_b, payloads(1, "SC001", "W"))
    _signed_file(counter_b, tmp_path / "b.carry", export_id=stolen)
    carrying.central_import(central, tmp_path / "b.carry", carry_key, tmp_path / "b.receipt")
    outcome = carrying.central_import(central, tmp_path / "a.carry", carry_key,
                                      tmp_path / "a.receipt")
    assert outcome.applied == 2


def test_two_imports_of_one_file_at_once_apply_it_once(ctx, admin, central, carry_key,
                                                       tmp_path):
    import threading

    syncing.sync_now(ctx)
    queue(ctx, payloads(300, "SC001", "C"), photo_bytes=500)
    carrying.export_outbox(ctx, admin, tmp_path / "c.carry")
    outcomes = {}

    def run(number: int) -> None:
        try:
            outcomes[number] = carrying.central_import(
                central, tmp_path / "c.carry", carry_key, tmp_path / f"{number}.receipt")
        except CarryError as error:
            outcomes[number] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    refused = [o for o in outcomes.values() if isinstance(o, CarryError)]
    applied = [o for o in outcomes.values() if not isinstance(o, CarryError)]
    assert len(refused) == 1 and "imported already" in str(refused[0])
    assert len(applied) == 1 and applied[0].applied == 600


def test_the_import_session_is_the_device_with_its_limits(ctx, central):
    from counter_app.central import credentials
    from counter_app.central.carry_import import _as_device
    from sqlalchemy import text

    syncing.sync_now(ctx)
    role = psycopg.conninfo.conninfo_to_dict(
        credentials.load(ctx.files).url.replace("postgresql+psycopg", "postgresql"))["user"]
    engine = _as_device(central, role)
    try:
        with engine.connect() as connection:
            row = connection.execute(text(
                "SELECT session_user, current_setting('statement_timeout'), "
                "current_setting('application_name'), central_current_device()")).one()
    finally:
        engine.dispose()
    assert row[0] == role and row[1] == "30s" and row[2] == "counter-app carried import"
    assert str(row[3]) == credentials.load(ctx.files).device_id


def test_the_exported_file_picked_as_a_receipt_is_said_so(ctx, admin, central, carry_key,
                                                          tmp_path):
    syncing.sync_now(ctx)
    queue(ctx, payloads(1, "SC001", "P"))
    carrying.export_outbox(ctx, admin, tmp_path / "p.carry")
    with pytest.raises(CarryError, match="exported, not the receipt"):
        carrying.import_receipt(ctx, admin, tmp_path / "p.carry")
    (tmp_path / "junk.receipt").write_bytes(b"hello")
    with pytest.raises(CarryError, match="not a receipt of the central database"):
        carrying.import_receipt(ctx, admin, tmp_path / "junk.receipt")
    assert pending_count(ctx.sessions) == 1
