"""The counter's half of carrying the outbox by hand (issue 17; the file's format is
counter_app.central.carried).

Online, each sync learns the central side's carry key and registers the key this counter
signs its files with (exchange_keys). Offline, export writes every unsent outbox row, the
files they refer to and the audit rows not yet acknowledged into one file. The receipt the
central side writes after importing it marks those rows sent with the answers it got, as a
push would have: a later network sync sends nothing twice (and a row sent anyway is
answered "duplicate" centrally).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, Text, func, select, text, type_coerce
from sqlalchemy.orm import Session, sessionmaker

from counter_app.central.carried import (CarriedHeader, CarriedPackage, CentralPublicKey,
                                         Receipt, b64, key_id, raw_public, unb64)
from counter_app.central.operations import OpResult
from counter_app.security.protected_files import ProtectedFiles
from counter_app.store.models import Meta, OutboxEntry
from counter_app.sync import anchors
from counter_app.sync.push import file_content, record_results

CENTRAL_KEY = "carry_central_key"     # Meta: the central side's public carry key (JSON)
REGISTERED = "carry_key_registered"   # Meta: the id of this counter's key, once registered
DEVICE_KEY_FILE = "keys/carry-signing.key"  # sealed with the data key, like the credentials
OUTBOX = OutboxEntry.__table__
SEQS_PER_STATEMENT = 900


def device_key(files: ProtectedFiles) -> Ed25519PrivateKey:
    """This counter's signing key, made on first use and kept sealed."""
    path = files.path(DEVICE_KEY_FILE)
    if path.exists():
        return Ed25519PrivateKey.from_private_bytes(files.read(DEVICE_KEY_FILE))
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write(DEVICE_KEY_FILE, key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption()))
    return key


def device_key_id(key: Ed25519PrivateKey) -> str:
    return key_id(raw_public(key.public_key()))


def exchange_keys(sessions: sessionmaker[Session], engine: Engine,
                  files: ProtectedFiles) -> None:
    """Online: keep the central side's carry key, and register ours until it is."""
    with engine.begin() as connection:
        row = connection.execute(text("SELECT * FROM central_carry_key()")).first()
    with sessions() as session:
        registered = session.get(Meta, REGISTERED)
        known = session.get(Meta, CENTRAL_KEY)
        registered, known = (registered.value if registered else ""), (known.value if known
                                                                       else "")
    values = {}
    if row is not None:
        central = CentralPublicKey(row.key_id, unb64(row.box_public), unb64(row.sign_public))
        if central.to_json() != known:
            values[CENTRAL_KEY] = central.to_json()
    key = device_key(files)
    if registered != device_key_id(key):
        public = raw_public(key.public_key())
        with engine.begin() as connection:
            connection.execute(text("SELECT central_register_carry_key(:id, :key)"),
                               {"id": device_key_id(key),
                                "key": b64(public)})
        values[REGISTERED] = device_key_id(key)
    if values:
        with sessions.begin() as session:
            for name, value in values.items():
                session.merge(Meta(key=name, value=value))


def central_key(sessions: sessionmaker[Session]) -> CentralPublicKey | None:
    with sessions() as session:
        meta = session.get(Meta, CENTRAL_KEY)
        return CentralPublicKey.from_json(meta.value) if meta else None


def registered_key(sessions: sessionmaker[Session]) -> str:
    with sessions() as session:
        meta = session.get(Meta, REGISTERED)
        return meta.value if meta else ""


@dataclass(frozen=True)
class Collected:
    package: CarriedPackage
    first_seq: int
    last_seq: int
    applications: int


def collect(sessions: sessionmaker[Session], files: ProtectedFiles,
            device_id: str) -> Collected:
    """Everything unsent, as a carried file holds it. A file that cannot be read is left
    out: its operation then arrives without it and is refused with the reason, as a push
    would report it."""
    with sessions() as session:
        rows = session.execute(
            select(OUTBOX.c.seq, OUTBOX.c.op_id, OUTBOX.c.kind,
                   type_coerce(OUTBOX.c.payload, Text).label("payload"))
            .where(OUTBOX.c.sent_at.is_(None)).order_by(OUTBOX.c.seq)).all()
        applications = session.scalar(
            select(func.count(func.distinct(OutboxEntry.entity_id)))
            .where(OutboxEntry.sent_at.is_(None))) or 0
    package = CarriedPackage()
    for row in rows:
        package.operations.append({"seq": row.seq, "op_id": str(row.op_id),
                                   "kind": row.kind, "payload": row.payload})
        if row.kind == "blob":
            _add_file(package, files, json.loads(row.payload))
    package.audit, package.audit_upto = anchors.unsent_batches(sessions, device_id)
    seqs = [row.seq for row in rows]
    return Collected(package, min(seqs, default=0), max(seqs, default=0), applications)


def _add_file(package: CarriedPackage, files: ProtectedFiles, payload) -> None:
    if not isinstance(payload, dict) or not payload.get("sha256"):
        return
    sha = str(payload["sha256"])
    if sha in package.files:
        return
    content = file_content(files, str(payload.get("path", "")))
    if content:  # gone (None) or altered (b""): left out, refused centrally with why
        package.files[sha] = content


def header_for(collected: Collected, export_id: str, device_id: str, site_code: str,
               created_at: str, device_key_name: str) -> CarriedHeader:
    package = collected.package
    return CarriedHeader(export_id=export_id, device_id=device_id, site_code=site_code,
                         created_at=created_at, central_key_id="", device_key_id=device_key_name,
                         ephemeral="", operations=len(package.operations),
                         applications=collected.applications, files=len(package.files),
                         audit_rows=sum(len(b["records"]) for b in package.audit))


def apply_receipt(sessions: sessionmaker[Session], receipt: Receipt) -> int:
    """Mark the rows the receipt answered as sent, with their answers (only rows still
    unsent, and only where the operation id agrees); the audit chain goes on from what
    the central side acknowledged. How many rows were marked."""
    answered = {int(seq): (str(op_id), str(result), str(reason))
                for seq, op_id, result, reason in receipt.results}
    unsent = {}
    with sessions() as session:
        seqs = list(answered)
        for start in range(0, len(seqs), SEQS_PER_STATEMENT):
            unsent.update((seq, op_id) for seq, op_id in session.execute(
                select(OUTBOX.c.seq, OUTBOX.c.op_id).where(
                    OUTBOX.c.seq.in_(seqs[start:start + SEQS_PER_STATEMENT]),
                    OUTBOX.c.sent_at.is_(None))))
    results = [OpResult(seq, answered[seq][1], answered[seq][2])
               for seq, op_id in unsent.items() if str(op_id) == answered[seq][0]]
    record_results(sessions, sorted(results, key=lambda r: r.seq))
    if receipt.audit:
        anchors.acknowledge(sessions, receipt.device_id, int(receipt.audit["upto_id"]),
                            str(receipt.audit["head"]), dict(receipt.audit.get("flags") or {}))
    return len(results)
