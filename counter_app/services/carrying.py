"""Carrying the outbox by hand (issue 17): what the window's actions and `counter-app
export`, `counter-app import-receipt` and `counter-app central import` do.

A point without a network exports everything unsent into one file (encrypted to the
central side, signed by this counter), someone carries it to a place with the central
database, the administrator imports it there and gets a receipt file back, and the receipt
imported at the counter marks what arrived as sent. See counter_app.sync.carry and
counter_app.central.carried, carry_import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from counter_app.central import credentials
from counter_app.central.carried import (CarryError, CentralCarryKey, new_export_id,
                                         read_receipt, seal)
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.security import audit
from counter_app.security.input_files import read_input_file
from counter_app.security.protected_files import write_atomically
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.store.models import CarriedExport, utcnow
from counter_app.sync import carry

MAX_CARRIED_BYTES = 4 * 1024**3  # a few thousand applications with photos and scans
MAX_RECEIPT_BYTES = 64 * 1024**2
MAX_KEY_BYTES = 16 * 1024

MSG_NOT_ENROLLED = QT_TRANSLATE_NOOP(
    "messages", "This counter is not enrolled with a central database: there is no outbox "
                "to carry.")
MSG_NO_CENTRAL_KEY = QT_TRANSLATE_NOOP(
    "messages", "This counter has not yet learnt the central database's carry key: the "
                "administrator makes one (counter-app central carry-key), then the counter "
                "syncs once while online.")
MSG_KEY_NOT_REGISTERED = QT_TRANSLATE_NOOP(
    "messages", "This counter's signing key is not yet registered centrally: sync once "
                "while online before carrying files by hand.")
MSG_NOTHING = QT_TRANSLATE_NOOP("messages", "Nothing is waiting to be sent: no file was written.")
MSG_NOT_OURS = QT_TRANSLATE_NOOP(
    "messages", "{name} is the receipt of a file this counter did not export: nothing was "
                "marked as sent.")
MSG_RECEIPT_AGAIN = QT_TRANSLATE_NOOP(
    "messages", "{name} was imported already, on {when}: nothing changed.")


@dataclass(frozen=True)
class ExportSummary:
    export_id: str
    path: Path
    operations: int
    applications: int
    files: int
    audit_rows: int
    size: int


@dataclass(frozen=True)
class ReceiptSummary:
    export_id: str
    marked_sent: int
    rejected: int
    waiting: int


def default_file_name(ctx: AppContext) -> str:
    """A name that says whose and when, and nothing about anyone: site, counter, time."""
    enrolment = credentials.load(ctx.files)
    site = enrolment.site_code if enrolment else "counter"
    number = enrolment.counter_no if enrolment else 0
    return f"outbox-{site}-{number:02d}-{dt.datetime.now():%Y%m%d-%H%M}.carry"


def export_outbox(ctx: AppContext, operator: CurrentOperator, out: Path) -> ExportSummary:
    """Write every unsent operation, its files and the unacknowledged audit rows to *out*
    (replaced whole, never left half-written)."""
    operator.require(Permission.SYNC)
    enrolment = credentials.load(ctx.files)
    if enrolment is None:
        raise CarryError(MSG_NOT_ENROLLED)
    central = carry.central_key(ctx.sessions)
    if central is None:
        raise CarryError(MSG_NO_CENTRAL_KEY)
    key = carry.device_key(ctx.files)
    if carry.registered_key(ctx.sessions) != carry.device_key_id(key):
        raise CarryError(MSG_KEY_NOT_REGISTERED)
    collected = carry.collect(ctx.sessions, ctx.files, enrolment.device_id)
    if not collected.package.operations and not collected.package.audit:
        raise CarryError(MSG_NOTHING)
    export_id = new_export_id()
    header = carry.header_for(collected, export_id, enrolment.device_id, enrolment.site_code,
                              utcnow().isoformat(), carry.device_key_id(key))
    data = seal(collected.package, header, central, key)
    write_atomically(out, data)
    with ctx.sessions.begin() as session:
        session.add(CarriedExport(
            id=export_id, operator_id=operator.id, device_id=enrolment.device_id,
            first_seq=collected.first_seq, last_seq=collected.last_seq,
            operations=header.operations, applications=header.applications,
            files=header.files, audit_rows=header.audit_rows,
            file_sha256=hashlib.sha256(data).hexdigest(), marked_sent=0))
        audit.record(session, action="outbox_exported", entity="carried_export",
                     entity_id=export_id, operator_id=operator.id, site_id=operator.site_id,
                     detail=f"operations={header.operations} applications="
                            f"{header.applications} files={header.files} "
                            f"audit_rows={header.audit_rows}")
    return ExportSummary(export_id, out, header.operations, header.applications,
                         header.files, header.audit_rows, len(data))


def import_receipt(ctx: AppContext, operator: CurrentOperator, path: Path) -> ReceiptSummary:
    """Mark what the central side received from one of this counter's files as sent."""
    operator.require(Permission.SYNC)
    central = carry.central_key(ctx.sessions)
    if central is None:
        raise CarryError(MSG_NO_CENTRAL_KEY)
    name = Path(path).name
    receipt = read_receipt(read_input_file(Path(path), MAX_RECEIPT_BYTES), central, name)
    with ctx.sessions() as session:
        export = session.get(CarriedExport, str(receipt.export_id))
        if export is None or export.device_id != receipt.device_id:
            raise CarryError(MSG_NOT_OURS, name=name)
        if export.receipt_at is not None:
            raise CarryError(MSG_RECEIPT_AGAIN, name=name,
                             when=f"{export.receipt_at:%Y-%m-%d %H:%M}")
    marked = carry.apply_receipt(ctx.sessions, receipt)
    rejected = sum(1 for row in receipt.results if row[2] == "rejected")
    with ctx.sessions.begin() as session:
        export = session.get(CarriedExport, str(receipt.export_id))
        export.receipt_at, export.marked_sent = utcnow(), marked
        audit.record(session, action="receipt_imported", entity="carried_export",
                     entity_id=export.id, operator_id=operator.id, site_id=operator.site_id,
                     detail=f"marked_sent={marked} rejected={rejected} "
                            f"waiting={len(receipt.waiting)}")
    return ReceiptSummary(export.id, marked, rejected, len(receipt.waiting))


def central_import(admin_url: str, path: Path, key_file: Path, receipt_out: Path, *,
                   expected_site: str = "", imported_by: str = ""):
    """The administrator's import of a carried file; the receipt written to *receipt_out*.
    The ImportOutcome (counter_app.central.carry_import)."""
    from counter_app.central.carry_import import import_carried

    key = CentralCarryKey.from_bytes(read_input_file(Path(key_file), MAX_KEY_BYTES),
                                     Path(key_file).name)
    data = read_input_file(Path(path), MAX_CARRIED_BYTES)
    outcome = import_carried(admin_url, data, Path(path).name, key,
                             expected_site=expected_site, imported_by=imported_by)
    write_atomically(receipt_out, outcome.receipt)
    return outcome


def make_carry_key(admin_url: str, key_out: Path) -> str:
    """A new central carry key: the private key written to *key_out* (only its owner may
    read it; keep it with the administrator, never on a counter), the public halves
    published. Its id; FileExistsError when *key_out* exists."""
    from counter_app.central.carry_import import make_carry_key as make

    return make(admin_url, Path(key_out))
