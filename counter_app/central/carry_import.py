"""Importing a carried outbox file centrally (issue 17): through the same doors as the
network push.

The administrator's login (a superuser) takes on the exporting device's login for the
import (SET SESSION AUTHORIZATION): every operation goes through central_push, every
file through the blob functions and every audit row through central_audit_push exactly as
the device's own sync would send them, fenced to its site and keyed by (device, seq) — so
a later network sync of the same rows is answered "duplicate" and changes nothing.

Before anything is applied the whole file is checked: the device is known, enrolled, not
revoked and of the site the header names; the signature is the device's registered key's;
every chunk decrypts; the export was not imported before. A file that fails any of these
applies nothing.
"""

from __future__ import annotations

import json
import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from psycopg import sql
from sqlalchemy import Engine, event, insert, select, text
from sqlalchemy.exc import DBAPIError

from counter_app.central import database, device_audit, schema
from counter_app.central.apply import blob_operation, send
from counter_app.central.carried import (CarriedFile, CarriedPackage, CarryError,
                                         CentralCarryKey, Receipt, b64, open_package, read_header,
                                         sign_receipt, unb64, verify_device)
from counter_app.central.fencing import DEVICE_SETTINGS
from counter_app.central.operations import Operation
from counter_app.domain.errors import QT_TRANSLATE_NOOP

BATCH = 5000  # operations per central_push call (device_push.BATCH_MAX)

MSG_NOT_SUPERUSER = QT_TRANSLATE_NOOP(
    "messages", "Importing a carried file needs the central database administrator's login "
                "(a superuser): it applies the file as the counter that exported it.")
MSG_UNKNOWN_DEVICE = QT_TRANSLATE_NOOP(
    "messages", "{name} comes from a counter this central database does not know: nothing "
                "was applied.")
MSG_REVOKED = QT_TRANSLATE_NOOP(
    "messages", "{name} comes from a counter whose access was revoked or never enrolled: "
                "nothing was applied.")
MSG_OTHER_SITE = QT_TRANSLATE_NOOP(
    "messages", "{name} belongs to handling point {site}, not {expected}: nothing was "
                "applied.")
MSG_UNKNOWN_KEY = QT_TRANSLATE_NOOP(
    "messages", "{name} is signed with a key the counter never registered online: nothing "
                "was applied.")
MSG_REPLAYED = QT_TRANSLATE_NOOP(
    "messages", "{name} was imported already, on {when} (UTC): nothing was applied again.")
MSG_DATABASE_REFUSED = QT_TRANSLATE_NOOP(
    "messages", "The central database refused part of {name} ({error}): what went in before "
                "stays (importing it again sends it as duplicates), the rest did not. The "
                "counter's file is not what a counter writes: keep it for the administrator.")
MSG_COUNTS_DIFFER = QT_TRANSLATE_NOOP(
    "messages", "{name} does not hold what its manifest lists: nothing was applied.")


@dataclass(frozen=True)
class ImportOutcome:
    receipt: bytes       # the signed receipt, for the counter
    operations: int
    applied: int
    duplicates: int
    rejected: int
    waiting: int         # left for a later push (a file damaged on the way, a proof)
    audit_rows: int


def import_carried(admin_url: str, data: bytes, name: str, key: CentralCarryKey, *,
                   expected_site: str = "", imported_by: str = "") -> ImportOutcome:
    """Check, apply and record one carried file; CarryError (nothing applied) if it may
    not be."""
    admin = database.open_central(admin_url)
    try:
        carried = read_header(data, name)
        with _only_import_of(admin, carried.header):
            device = _checked_device(admin, carried, name, expected_site)
            package = open_package(carried, key, name)
            _check_manifest(carried, package, name)
            results, waiting, audit = _apply_as(admin_url, device.role_name, package, name)
            imported_at = database.utcnow()
            counts = {answer: sum(1 for r in results if r[2] == answer)
                      for answer in ("applied", "duplicate", "rejected")}
            with admin.begin() as connection:
                connection.execute(insert(schema.carried_imports).values(
                    export_id=carried.header.export_id, device_id=device.id,
                    site_id=device.site_id, file_sha256=carried.sha256,
                    operations=len(package.operations), applied=counts["applied"],
                    imported_at=imported_at, imported_by=imported_by[:100] or "administrator"))
    finally:
        admin.dispose()
    receipt = Receipt(carried.header.export_id, carried.header.device_id,
                      carried.header.site_code, imported_at.isoformat(), results, waiting,
                      audit)
    return ImportOutcome(sign_receipt(receipt, key), len(package.operations),
                         counts["applied"], counts["duplicate"], counts["rejected"],
                         len(waiting), sum(len(batch["records"]) for batch in package.audit))


@contextmanager
def _only_import_of(admin: Engine, header):
    """One import of an export at a time (a second waits, then finds it imported): a lock
    held for the whole import on a connection of its own."""
    key = f"carried {header.device_id} {header.export_id}"
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(hashtextextended(:key, 0))"),
                           {"key": key})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(hashtextextended(:key, 0))"),
                               {"key": key})
            connection.commit()


def _apply_as(admin_url: str, role_name: str, package: CarriedPackage, name: str):
    """_apply on the device's session; a refusal by the database itself (a value a
    hostile counter signed) as a CarryError naming only its SQLSTATE: the driver's text
    may quote the payload."""
    engine = _as_device(admin_url, role_name)
    try:
        return _apply(engine, package)
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", "") or type(exc.orig).__name__
        raise CarryError(MSG_DATABASE_REFUSED, name=name, error=state) from None
    finally:
        engine.dispose()


def _checked_device(admin: Engine, carried: CarriedFile, name: str, expected_site: str):
    header = carried.header
    try:
        device_id = uuid.UUID(header.device_id)
    except ValueError:
        raise CarryError(MSG_UNKNOWN_DEVICE, name=name) from None
    with admin.connect() as connection:
        if not connection.execute(text(
                "SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar():
            raise CarryError(MSG_NOT_SUPERUSER)
        device = connection.execute(
            select(schema.devices.c.id, schema.devices.c.role_name, schema.devices.c.site_id,
                   schema.devices.c.revoked_at, schema.devices.c.enrolled_at,
                   schema.sites.c.code)
            .join(schema.sites, schema.sites.c.id == schema.devices.c.site_id)
            .where(schema.devices.c.id == device_id)).first()
        if device is None:
            raise CarryError(MSG_UNKNOWN_DEVICE, name=name)
        if device.revoked_at is not None or device.enrolled_at is None:
            raise CarryError(MSG_REVOKED, name=name)
        for wanted in (device.code, expected_site):
            if wanted and header.site_code != wanted:
                raise CarryError(MSG_OTHER_SITE, name=name, site=header.site_code[:20],
                                 expected=wanted)
        public = connection.execute(select(schema.device_carry_keys.c.public_key).where(
            schema.device_carry_keys.c.device_id == device_id,
            schema.device_carry_keys.c.key_id == header.device_key_id)).scalar()
        if public is None:
            raise CarryError(MSG_UNKNOWN_KEY, name=name)
        verify_device(carried, unb64(public), name)
        before = connection.execute(select(schema.carried_imports.c.imported_at).where(
            schema.carried_imports.c.device_id == device_id,
            schema.carried_imports.c.export_id == header.export_id)).scalar()
        if before is not None:
            raise CarryError(MSG_REPLAYED, name=name, when=f"{before:%Y-%m-%d %H:%M}")
    return device


def _check_manifest(carried: CarriedFile, package: CarriedPackage, name: str) -> None:
    header = carried.header
    audit_rows = sum(len(batch["records"]) for batch in package.audit)
    if (header.operations, header.files, header.audit_rows) != (
            len(package.operations), len(package.files), audit_rows):
        raise CarryError(MSG_COUNTS_DIFFER, name=name)


def _as_device(admin_url: str, role_name: str) -> Engine:
    """An engine whose every connection is the device's session (its session_user), on
    the administrator's login: the device functions see the device calling. One pooled
    connection, kept: each file's upload is a few short transactions."""
    engine = database.create_central_engine(admin_url, pool_size=1, max_overflow=1)
    statement = sql.SQL("SET SESSION AUTHORIZATION {}").format(sql.Identifier(role_name))

    limits = [sql.SQL("SET {} = {}").format(sql.Identifier(name), sql.Literal(value))
              for name, value in DEVICE_SETTINGS.items()]

    @event.listens_for(engine, "connect")
    def become_device(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(statement)
            for limit in limits:  # SET SESSION AUTHORIZATION does not load the role's own
                cursor.execute(limit)
            cursor.execute("SET application_name = 'counter-app carried import'")
        dbapi_connection.commit()

    return engine


def _apply(engine: Engine, package: CarriedPackage) -> tuple[list, list, dict]:
    """(results as [seq, op_id, result, reason], seqs left waiting, the audit answer)."""
    results, waiting = [], []
    for start in range(0, len(package.operations), BATCH):
        entries = package.operations[start:start + BATCH]
        ops = [_operation(engine, entry, package) for entry in entries]
        sent, answers = send(engine, ops)
        op_ids = {op.seq: str(op.op_id) for op in sent}
        results += [[r.seq, op_ids[r.seq], r.result, r.reason] for r in answers]
        answered = set(op_ids)
        waiting += [op.seq for op in ops if op.seq not in answered]
    audit = {}
    for batch in package.audit:
        answer = device_audit.push_batch(engine, batch)
        audit = {"upto_id": package.audit_upto, "head": answer["head"] or batch["head"],
                 "flags": answer["flags"]}
    return results, waiting, audit


def _operation(engine: Engine, entry: dict, package: CarriedPackage) -> Operation:
    seq, op_id, kind = int(entry["seq"]), uuid.UUID(entry["op_id"]), str(entry["kind"])
    payload = json.loads(entry["payload"])
    if kind != "blob":
        return Operation(seq, op_id, kind, payload)
    content = package.files.get(str(payload.get("sha256", ""))) if isinstance(
        payload, dict) else None
    return blob_operation(engine, seq, op_id, payload, content)


def make_carry_key(admin_url: str, key_out: Path) -> str:
    """A new carry key kept in *key_out* (mode 0600, never over another file), then
    published; its id."""
    key = CentralCarryKey.generate()
    # kept first: a published key nobody holds would make every counter's files unreadable
    descriptor = os.open(key_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key.to_bytes())
        handle.flush()
        os.fsync(handle.fileno())
    publish_carry_key(admin_url, key)
    return key.public.key_id


def publish_carry_key(admin_url: str, key: CentralCarryKey) -> None:
    """Publish *key*'s public halves for the counters (their next sync learns it) and
    retire the earlier ones; the private key is the caller's to keep."""
    public = key.public
    admin = database.open_central(admin_url)
    try:
        with admin.begin() as connection:
            now = database.utcnow()
            connection.execute(schema.carry_keys.update().where(
                schema.carry_keys.c.retired_at.is_(None)).values(retired_at=now))
            connection.execute(insert(schema.carry_keys).values(
                key_id=public.key_id, box_public=b64(public.box),
                sign_public=b64(public.sign), created_at=now))
    finally:
        admin.dispose()
