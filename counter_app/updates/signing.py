"""Ed25519 signatures of update manifests.

The private key is a PEM (PKCS#8) file, passphrase-protected at best, kept by whoever
releases Counter or publishes its updates centrally — never on a counter. A counter holds
public keys only: the ``*.pub`` files of ``resources/update_keys/`` shipped inside the
program (docs/SECURITY.md, "Program updates": where the key lives, how to rotate it).

What is signed is the manifest's canonical bytes behind a fixed label, so a signature made
for anything else (another use of the same key) can never pass for a manifest's.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from counter_app.updates.errors import (MSG_BAD_KEY_FILE, MSG_BAD_SIGNATURE, MSG_NO_TRUSTED_KEY,
                                        MSG_NOT_A_PACKAGE, MSG_UNKNOWN_KEY, UpdateError)

LABEL = b"counter-app update manifest v1\n"
ALGORITHM = "ed25519"
MAX_KEY_FILE_BYTES = 16 * 1024

TrustedKeys = dict[str, Ed25519PublicKey]


@dataclass(frozen=True)
class Signature:
    key_id: str   # which trusted key verifies it (key_id())
    value: bytes  # 64 bytes

    def to_json(self) -> str:
        return json.dumps({"algorithm": ALGORITHM, "key_id": self.key_id,
                           "signature": base64.b64encode(self.value).decode("ascii")},
                          sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Signature:
        try:
            document = json.loads(text)
            if document["algorithm"] != ALGORITHM:
                raise ValueError(document["algorithm"])
            value = base64.b64decode(document["signature"], validate=True)
            key = document["key_id"]
            if not isinstance(key, str) or not 0 < len(key) <= 64 or len(value) != 64:
                raise ValueError("size")
        except (ValueError, TypeError, KeyError, binascii.Error):
            raise UpdateError(MSG_NOT_A_PACKAGE, problem="the signature is unreadable") from None
        return cls(key, value)


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short name for a public key: the first 16 hex digits of its SHA-256."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def sign_manifest(manifest_bytes: bytes, private_key: Ed25519PrivateKey) -> Signature:
    return Signature(key_id(private_key.public_key()), private_key.sign(LABEL + manifest_bytes))


def verify_manifest(manifest_bytes: bytes, signature: Signature, trusted: TrustedKeys) -> None:
    """Returns when one of the *trusted* keys made *signature* over *manifest_bytes*;
    UpdateError with the reason otherwise."""
    if not trusted:
        raise UpdateError(MSG_NO_TRUSTED_KEY)
    public_key = trusted.get(signature.key_id)
    if public_key is None:
        raise UpdateError(MSG_UNKNOWN_KEY, key=signature.key_id)
    try:
        public_key.verify(signature.value, LABEL + manifest_bytes)
    except InvalidSignature:
        raise UpdateError(MSG_BAD_SIGNATURE) from None


def trusted_keys_in(folder: Traversable | Path) -> TrustedKeys:
    """Every ``*.pub`` (PEM Ed25519 public key) in *folder*, by key id; a file that is not
    one is an error, not skipped: a release must not ship a key it cannot read."""
    keys: TrustedKeys = {}
    if not folder.is_dir():
        return keys
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".pub"):
            public_key = load_public_key(entry.read_bytes(), entry.name)
            keys[key_id(public_key)] = public_key
    return keys


def load_public_key(pem: bytes, name: str = "key") -> Ed25519PublicKey:
    try:
        public_key = serialization.load_pem_public_key(pem)
    except ValueError:
        raise UpdateError(MSG_BAD_KEY_FILE, file=name, problem="not a PEM public key") from None
    if not isinstance(public_key, Ed25519PublicKey):
        raise UpdateError(MSG_BAD_KEY_FILE, file=name, problem="not an Ed25519 key")
    return public_key


def load_private_key(path: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """The Ed25519 private key in the PEM file *path* (UpdateError naming the file when it
    is none, or its passphrase is wrong or missing)."""
    try:
        with open(path, "rb") as handle:
            pem = handle.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise UpdateError(MSG_BAD_KEY_FILE, file=str(path),
                          problem=exc.strerror or type(exc).__name__) from None
    try:
        private_key = serialization.load_pem_private_key(pem, passphrase)
    except TypeError:  # encrypted without a passphrase, or a passphrase for a plain key
        raise UpdateError(MSG_BAD_KEY_FILE, file=str(path),
                          problem="a passphrase is needed" if passphrase is None
                          else "the key has no passphrase") from None
    except ValueError:
        raise UpdateError(MSG_BAD_KEY_FILE, file=str(path),
                          problem="not a PEM private key, or a wrong passphrase") from None
    if not isinstance(private_key, Ed25519PrivateKey):
        raise UpdateError(MSG_BAD_KEY_FILE, file=str(path), problem="not an Ed25519 key")
    return private_key


def is_encrypted(path: Path) -> bool:
    """Whether the PEM private key in *path* needs a passphrase (to ask only then)."""
    try:
        with open(path, "rb") as handle:
            return b"ENCRYPTED" in handle.read(MAX_KEY_FILE_BYTES)
    except OSError:
        return False


def new_key_pair(passphrase: bytes | None = None) -> tuple[bytes, bytes]:
    """(private PEM, public PEM) of a new signing key; the private one encrypted with
    *passphrase* when given."""
    private_key = Ed25519PrivateKey.generate()
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    private_pem = private_key.private_bytes(serialization.Encoding.PEM,
                                            serialization.PrivateFormat.PKCS8, encryption)
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private_pem, public_pem
