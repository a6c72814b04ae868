"""The file that carries a counter's outbox by hand, and the receipt that comes back
(issue 17): what both ends agree on, without a database.

A carried file is

    MAGIC, u32 length + header (JSON, clear), u64 length + body (encrypted), 64-byte signature

- the body (CarriedPackage.to_bytes) is encrypted to the central side's carry key: an
  ephemeral X25519 agreement with its public key, HKDF-SHA256 bound to the header, then
  AES-256-GCM in chunks whose nonce holds the chunk's number and a last-chunk flag, so
  a body cut at a chunk's edge does not open either;
- the device signs (Ed25519, the key it registered centrally while online) the header and
  the encrypted body: the central side checks who made the file, and that nothing in it
  changed, before it decrypts anything.

The header names the device, its site, the export's id and the keys used; it holds no
personal data (counts and numbers only). A receipt is the central side's answer, signed
with the same carry key's signing half, which the counter learnt while online.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import re
import struct
import uuid
from dataclasses import asdict, dataclass, field

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MAGIC = b"COUNTER-CARRY\x001\n"
RECEIPT_MAGIC = b"COUNTER-RECEIPT\x001\n"
FORMAT = 1
CHUNK = 1024 * 1024
TAG = 16
SIGNATURE = 64
FILE_LABEL = b"counter-app carried outbox v1\n"
RECEIPT_LABEL = b"counter-app carried receipt v1\n"
HEADER_MAX = 64 * 1024
SEQ_LIMIT = 2**63  # PostgreSQL's bigint

MSG_NOT_CARRIED = QT_TRANSLATE_NOOP(
    "messages", "{name} is not an outbox file exported by a counter, or it is damaged: "
                "nothing was applied.")
MSG_NOT_CARRY_KEY = QT_TRANSLATE_NOOP(
    "messages", "{name} is not a carry key made by counter-app central carry-key.")
MSG_CUT_SHORT = QT_TRANSLATE_NOOP(
    "messages", "{name} is incomplete (cut short while copying?): nothing was applied. "
                "Copy the file again from the counter.")
MSG_ALTERED = QT_TRANSLATE_NOOP(
    "messages", "{name} was altered or damaged after the counter signed it: nothing was "
                "applied. Export it again at the counter.")
MSG_WRONG_KEY = QT_TRANSLATE_NOOP(
    "messages", "{name} was encrypted to another carry key ({key}) than the one given: "
                "nothing was applied.")
MSG_NOT_RECEIPT = QT_TRANSLATE_NOOP(
    "messages", "{name} is not a receipt of the central database: nothing was marked as "
                "sent.")
MSG_EXPORT_NOT_RECEIPT = QT_TRANSLATE_NOOP(
    "messages", "{name} is the file this counter exported, not the receipt: import the "
                "receipt the central database wrote for it (it ends in .receipt).")
MSG_RECEIPT_FORGED = QT_TRANSLATE_NOOP(
    "messages", "{name} is not signed by the central database's carry key: nothing was "
                "marked as sent.")


log = logging.getLogger(__name__)


class CarryError(CounterError):
    code = "carry"


# --- keys ---------------------------------------------------------------------------------

def raw_public(key: X25519PublicKey | Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(*public_keys: bytes) -> str:
    """A short name for public keys: the first 16 hex digits of their SHA-256."""
    return hashlib.sha256(b"".join(public_keys)).hexdigest()[:16]


@dataclass(frozen=True)
class CentralPublicKey:
    """What a counter knows of the central side's carry key (pulled while online)."""
    key_id: str
    box: bytes   # X25519: files are encrypted to it
    sign: bytes  # Ed25519: receipts are signed with it

    def to_json(self) -> str:
        return json.dumps({"key_id": self.key_id, "box": b64(self.box),
                           "sign": b64(self.sign)})

    @classmethod
    def from_json(cls, text: str) -> CentralPublicKey:
        data = json.loads(text)
        return cls(data["key_id"], unb64(data["box"]), unb64(data["sign"]))


@dataclass(frozen=True)
class CentralCarryKey:
    """The central side's private carry key: kept by the administrator, never on a
    counter."""
    box: X25519PrivateKey
    sign: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> CentralCarryKey:
        return cls(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())

    @property
    def public(self) -> CentralPublicKey:
        box, sign = raw_public(self.box.public_key()), raw_public(self.sign.public_key())
        return CentralPublicKey(key_id(box, sign), box, sign)

    def to_bytes(self) -> bytes:
        raw = serialization.PrivateFormat.Raw, serialization.NoEncryption()
        box = self.box.private_bytes(serialization.Encoding.Raw, *raw)
        sign = self.sign.private_bytes(serialization.Encoding.Raw, *raw)
        return json.dumps({"format": "counter-app carry key 1", "key_id": self.public.key_id,
                           "box": b64(box), "sign": b64(sign)}, indent=1).encode()

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> CentralCarryKey:
        try:
            document = json.loads(data)
            key = cls(X25519PrivateKey.from_private_bytes(unb64(document["box"])),
                      Ed25519PrivateKey.from_private_bytes(unb64(document["sign"])))
        except (ValueError, TypeError, KeyError, binascii.Error):
            raise CarryError(MSG_NOT_CARRY_KEY, name=name) from None
        return key


# --- what travels -------------------------------------------------------------------------

@dataclass(frozen=True)
class CarriedHeader:
    export_id: str
    device_id: str
    site_code: str
    created_at: str
    central_key_id: str
    device_key_id: str
    ephemeral: str           # base64 X25519 public key of this file
    operations: int = 0
    applications: int = 0
    files: int = 0
    audit_rows: int = 0
    format: int = FORMAT

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode()

    def problem(self) -> str:
        """What is wrong with a header read from a file ('' when nothing): every field is
        checked before it reaches a query or a message."""
        texts = {"export_id": r"[0-9a-f]{32}", "device_id": r"[0-9a-fA-F-]{32,40}",
                 "site_code": r"[^\x00-\x1f]{1,20}", "created_at": r"[0-9T:.+\- ]{1,40}",
                 "central_key_id": r"[0-9a-f]{16}", "device_key_id": r"[0-9a-f]{16}",
                 "ephemeral": r"[A-Za-z0-9+/=]{1,64}"}
        for name, pattern in texts.items():
            value = getattr(self, name)
            if not isinstance(value, str) or not re.fullmatch(pattern, value):
                return f"header field {name}"
        counts = (self.operations, self.applications, self.files, self.audit_rows)
        if not all(type(count) is int and 0 <= count < 10**9 for count in counts):
            return "header counts"
        return ""


@dataclass
class CarriedPackage:
    """The decrypted body: operations as the outbox holds them, the audit batches, and
    the files the operations refer to by SHA-256."""
    operations: list[dict] = field(default_factory=list)  # seq, op_id, kind, payload (text)
    audit: list[dict] = field(default_factory=list)       # central_audit_push batches
    audit_upto: int = 0                                    # the last audit row inside
    files: dict[str, bytes] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        document = json.dumps({"operations": self.operations, "audit": self.audit,
                               "audit_upto": self.audit_upto,
                               "files": sorted(self.files)}, ensure_ascii=False).encode()
        parts = [struct.pack(">Q", len(document)), document]
        for sha in sorted(self.files):
            data = self.files[sha]
            parts += [bytes.fromhex(sha), struct.pack(">Q", len(data)), data]
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, body: bytes, name: str) -> CarriedPackage:
        try:
            (length,) = struct.unpack_from(">Q", body, 0)
            document = strict_json(body[8:8 + length])
            package = cls(document["operations"], document["audit"], document["audit_upto"])
            if problem := package.problem():
                raise ValueError(problem)
            at = 8 + length
            for sha in document["files"]:
                if body[at:at + 32] != bytes.fromhex(sha):
                    raise ValueError("files out of order")
                (size,) = struct.unpack_from(">Q", body, at + 32)
                data = body[at + 40:at + 40 + size]
                if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
                    raise ValueError("a file differs from its name")
                package.files[sha] = data
                at += 40 + size
            if at != len(body):
                raise ValueError("bytes after the files")
        except (ValueError, TypeError, KeyError, struct.error) as exc:
            raise _not_carried(name, str(exc)) from None
        return package


    def problem(self) -> str:
        """What is wrong with the operations and audit batches of a decrypted file ('' when
        nothing): a counter signs what it sends, but the signer may be hostile."""
        if not (isinstance(self.operations, list) and isinstance(self.audit, list)
                and type(self.audit_upto) is int and 0 <= self.audit_upto < SEQ_LIMIT):
            return "the package's lists"
        for op in self.operations:
            if not (isinstance(op, dict) and type(op.get("seq")) is int
                    and 0 < op["seq"] < SEQ_LIMIT
                    and isinstance(op.get("op_id"), str) and _is_uuid(op["op_id"])
                    and isinstance(op.get("kind"), str) and isinstance(op.get("payload"), str)):
                return "an operation"
            try:
                strict_json(op["payload"])
            except ValueError:
                return "an operation's payload"
        if not all(_audit_batch_ok(batch) for batch in self.audit):
            return "an audit batch"
        return ""


def _audit_batch_ok(batch) -> bool:
    """Shaped as central_audit_push takes it (counter_app.sync.anchors builds it so)."""
    return (isinstance(batch, dict) and isinstance(batch.get("records"), list)
            and all(isinstance(record, dict) for record in batch["records"])
            and isinstance(batch.get("ranges"), list)
            and all(isinstance(pair, list) and len(pair) == 2
                    and all(type(n) is int and 0 < n < SEQ_LIMIT for n in pair)
                    for pair in batch["ranges"])
            and isinstance(batch.get("head"), str)
            and re.fullmatch(r"[0-9a-f]{64}", batch["head"]) is not None)


def strict_json(text: str | bytes):
    """JSON as PostgreSQL's jsonb takes it: no NaN or Infinity; nesting too deep is a
    ValueError, not a crash."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (RecursionError, OverflowError) as exc:
        raise ValueError(type(exc).__name__) from None


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def seal(package: CarriedPackage, header: CarriedHeader, central: CentralPublicKey,
         device_key: Ed25519PrivateKey) -> bytes:
    """The carried file: *header* (its ephemeral key filled in here) and *package*."""
    ephemeral = X25519PrivateKey.generate()
    header = CarriedHeader(**{**asdict(header), "central_key_id": central.key_id,
                              "ephemeral": b64(raw_public(ephemeral.public_key()))})
    head = header.to_bytes()
    secret = ephemeral.exchange(X25519PublicKey.from_public_bytes(central.box))
    body = _encrypt(_body_key(secret, head), package.to_bytes(), head)
    signed = FILE_LABEL + hashlib.sha256(head).digest() + hashlib.sha256(body).digest()
    return b"".join((MAGIC, struct.pack(">I", len(head)), head, struct.pack(">Q", len(body)),
                     body, device_key.sign(signed)))


@dataclass(frozen=True)
class CarriedFile:
    header: CarriedHeader
    head: bytes = field(repr=False)
    body: bytes = field(repr=False)
    signature: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.head + self.body + self.signature).hexdigest()


def read_header(data: bytes, name: str) -> CarriedFile:
    """The file's parts and its clear header; CarryError when it is not one, or cut
    short (nothing is decrypted or trusted yet)."""
    if not data.startswith(MAGIC):
        raise _not_carried(name, "no carried-outbox mark")
    at = len(MAGIC)
    try:
        (head_length,) = struct.unpack_from(">I", data, at)
        if head_length > HEADER_MAX:
            raise ValueError("header too large")
        head = data[at + 4:at + 4 + head_length]
        header = CarriedHeader(**strict_json(head))
        if header.format != FORMAT:
            raise ValueError("format")
        if problem := header.problem():
            raise ValueError(problem)
    except TypeError:  # not an object, or fields missing or unknown (never their names)
        raise _not_carried(name, "header fields") from None
    except (ValueError, struct.error) as exc:
        raise _not_carried(name, str(exc)) from None
    at += 4 + head_length
    if len(data) < at + 8:
        raise CarryError(MSG_CUT_SHORT, name=name)
    (body_length,) = struct.unpack_from(">Q", data, at)
    body = data[at + 8:at + 8 + body_length]
    signature = data[at + 8 + body_length:]
    if len(body) < body_length or len(signature) < SIGNATURE:
        raise CarryError(MSG_CUT_SHORT, name=name)
    if len(signature) > SIGNATURE:
        raise CarryError(MSG_ALTERED, name=name)
    return CarriedFile(header, head, body, signature)


def verify_device(carried: CarriedFile, device_public: bytes, name: str) -> None:
    """Returns when the device whose public key is *device_public* signed *carried*."""
    signed = (FILE_LABEL + hashlib.sha256(carried.head).digest()
              + hashlib.sha256(carried.body).digest())
    try:
        Ed25519PublicKey.from_public_bytes(device_public).verify(carried.signature, signed)
    except (InvalidSignature, ValueError):
        raise CarryError(MSG_ALTERED, name=name) from None


def open_package(carried: CarriedFile, key: CentralCarryKey, name: str) -> CarriedPackage:
    """The decrypted package (after verify_device)."""
    if carried.header.central_key_id != key.public.key_id:
        raise CarryError(MSG_WRONG_KEY, name=name, key=carried.header.central_key_id)
    try:
        ephemeral = X25519PublicKey.from_public_bytes(unb64(carried.header.ephemeral))
        secret = key.box.exchange(ephemeral)
        plain = _decrypt(_body_key(secret, carried.head), carried.body, carried.head)
    except (InvalidTag, ValueError, binascii.Error):
        raise CarryError(MSG_ALTERED, name=name) from None
    return CarriedPackage.from_bytes(plain, name)


def _body_key(secret: bytes, head: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None,
                info=b"counter-app carry v1" + hashlib.sha256(head).digest()).derive(secret)


def _nonce(number: int, last: bool) -> bytes:
    return number.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _encrypt(key: bytes, plain: bytes, head: bytes) -> bytes:
    aead, aad = AESGCM(key), hashlib.sha256(head).digest()
    count = max(1, -(-len(plain) // CHUNK))
    return b"".join(aead.encrypt(_nonce(n, n == count - 1), plain[n * CHUNK:(n + 1) * CHUNK],
                                 aad) for n in range(count))


def _decrypt(key: bytes, body: bytes, head: bytes) -> bytes:
    """Every chunk must open, and the last must say it is the last: a body cut at a
    chunk's edge fails like a damaged one."""
    aead, aad, step = AESGCM(key), hashlib.sha256(head).digest(), CHUNK + TAG
    count = max(1, -(-len(body) // step))
    return b"".join(aead.decrypt(_nonce(n, n == count - 1), body[n * step:(n + 1) * step], aad)
                    for n in range(count))


# --- the receipt --------------------------------------------------------------------------

@dataclass(frozen=True)
class Receipt:
    export_id: str
    device_id: str
    site_code: str
    imported_at: str
    results: list  # [seq, op_id, result, reason] of every operation answered
    waiting: list  # seqs left for a later push (a file damaged, a proof refused for now)
    audit: dict    # {"upto_id", "head", "flags"} when audit rows were applied, else {}
    format: int = FORMAT


def sign_receipt(receipt: Receipt, key: CentralCarryKey) -> bytes:
    document = json.dumps(asdict(receipt), ensure_ascii=False, sort_keys=True).encode()
    return (RECEIPT_MAGIC + struct.pack(">I", len(document)) + document
            + key.sign.sign(RECEIPT_LABEL + document))


def read_receipt(data: bytes, central: CentralPublicKey, name: str) -> Receipt:
    """The receipt, once the central side's carry key is found to have signed it."""
    if not data.startswith(RECEIPT_MAGIC):
        raise CarryError(MSG_EXPORT_NOT_RECEIPT if data.startswith(MAGIC) else MSG_NOT_RECEIPT,
                         name=name)
    at = len(RECEIPT_MAGIC)
    try:
        (length,) = struct.unpack_from(">I", data, at)
    except struct.error:
        raise CarryError(MSG_CUT_SHORT, name=name) from None
    document, signature = data[at + 4:at + 4 + length], data[at + 4 + length:]
    if len(document) < length or len(signature) != SIGNATURE:
        raise CarryError(MSG_CUT_SHORT if len(signature) < SIGNATURE else MSG_RECEIPT_FORGED,
                         name=name)
    try:
        Ed25519PublicKey.from_public_bytes(central.sign).verify(signature,
                                                                RECEIPT_LABEL + document)
    except (InvalidSignature, ValueError):
        raise CarryError(MSG_RECEIPT_FORGED, name=name) from None
    try:
        receipt = Receipt(**json.loads(document))
    except (ValueError, TypeError):
        raise CarryError(MSG_NOT_RECEIPT, name=name) from None
    return receipt


def _not_carried(name: str, problem: str) -> CarryError:
    """Staff read that the file is not one; the administrator's log says what is wrong
    (structure only: never the file's content)."""
    log.warning("carried file refused: %s", problem[:80])
    return CarryError(MSG_NOT_CARRIED, name=name)


def new_export_id() -> str:
    return os.urandom(16).hex()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
