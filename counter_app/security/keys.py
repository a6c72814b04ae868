"""The counter's data key: 32 random bytes that open its database and its protected files,
kept outside the data directory (docs/SECURITY.md).

Where it is kept, in order:
- a key file named by the `key_file` setting (COUNTER_KEY_FILE): what an installer sets
  to a location of its own (root- or installer-owned) on machines without a credential
  store;
- the operating system's credential store through `keyring` (Windows Credential Manager,
  the Secret Service of a Linux desktop, the macOS keychain), under a key id that the data
  directory names (the id is not secret);
- else a key file in the configuration directory, which is not the data directory: a copy
  of the data directory (a backup, another user's reading of a shared disk) holds nothing
  that opens it.

A new key is made only for data that has none yet: a missing key for data that was
encrypted is an error, never a fresh key (that would hide the data for good).
"""

from __future__ import annotations

import base64
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

KEY_BYTES = 32
KEYRING_SERVICE = "counter-app data key"
KEY_ID_FILE = "key-id"  # in the data directory: which key opens it (not the key)

MSG_KEY_MISSING = QT_TRANSLATE_NOOP(
    "messages", "The key that opens this counter's data was not found ({place}). Restore "
                "it, or set the data folder aside and start afresh: applications already "
                "sent are kept in the central database (docs/SECURITY.md).")
MSG_KEY_WRONG = QT_TRANSLATE_NOOP(
    "messages", "The key found in {place} does not open this counter's data. Restore the "
                "right key (docs/SECURITY.md).")
MSG_KEY_UNREADABLE = QT_TRANSLATE_NOOP("messages", "The key file {place} cannot be used: "
                                                   "{problem}")


class KeyUnavailable(CounterError):
    code = "key"


@dataclass(frozen=True)
class DataKey:
    secret: bytes
    place: str  # where it is kept, for messages (never the key)

    def derive(self, purpose: str) -> bytes:
        """A 32-byte key for one use (the database, the files): a key of one use tells
        nothing of the others."""
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                    info=f"counter-app {purpose}".encode()).derive(self.secret)


def open_data_key(data_dir: Path, config_dir: Path, key_file: str = "",
                  *, data_exists: bool) -> DataKey:
    """The data key of *data_dir*; made (and stored) when it has no encrypted data yet.
    KeyUnavailable when encrypted data exists and its key is not found."""
    key_id = _key_id(data_dir, create=not data_exists)
    if key_id is None:
        raise KeyUnavailable(MSG_KEY_MISSING, place=str(data_dir / KEY_ID_FILE))
    store = _store_for(config_dir, key_file, key_id)
    secret = store.load()
    if secret is not None:
        return DataKey(secret, store.place)
    if data_exists:
        raise KeyUnavailable(MSG_KEY_MISSING, place=store.place)
    secret = secrets.token_bytes(KEY_BYTES)
    store.save(secret)
    return DataKey(secret, store.place)


def wrong_key(key: DataKey) -> KeyUnavailable:
    return KeyUnavailable(MSG_KEY_WRONG, place=key.place)


def _key_id(data_dir: Path, *, create: bool) -> str | None:
    path = data_dir / KEY_ID_FILE
    try:
        return str(uuid.UUID(path.read_text(encoding="ascii").strip()))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        if not create:
            return None
    key_id = str(uuid.uuid4())
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_text(key_id + "\n", encoding="ascii")
    return key_id


class _FileStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.place = str(path)

    def load(self) -> bytes | None:
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyUnavailable(MSG_KEY_UNREADABLE, place=self.place,
                                 problem=getattr(exc, "strerror", None) or "not a key") from exc
        return _decoded(text, self.place)

    def save(self, secret: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(base64.b64encode(secret).decode() + "\n")
            handle.flush()
            os.fsync(handle.fileno())


class _KeyringStore:
    def __init__(self, backend, key_id: str) -> None:
        self.backend, self.key_id = backend, key_id
        self.place = f"{type(backend).__name__}: {KEYRING_SERVICE} {key_id}"

    def load(self) -> bytes | None:
        text = self.backend.get_password(KEYRING_SERVICE, self.key_id)
        return None if text is None else _decoded(text, self.place)

    def save(self, secret: bytes) -> None:
        self.backend.set_password(KEYRING_SERVICE, self.key_id,
                                  base64.b64encode(secret).decode())


def _store_for(config_dir: Path, key_file: str, key_id: str):
    if key_file:
        return _FileStore(Path(key_file))
    backend = _credential_store()
    if backend is not None:
        return _KeyringStore(backend, key_id)
    return _FileStore(config_dir / "keys" / f"{key_id}.key")


def _credential_store():
    """The OS credential store, or None where there is none (a server, a container, a
    desktop without a Secret Service): keyring's fail and null backends rank below 1."""
    try:
        import keyring

        backend = keyring.get_keyring()
        return backend if getattr(backend, "priority", 0) >= 1 else None
    except Exception:  # noqa: BLE001 - a broken store is a missing one: the file is used
        return None


def _decoded(text: str, place: str) -> bytes:
    try:
        secret = base64.b64decode(text, validate=True)
    except ValueError:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise KeyUnavailable(MSG_KEY_UNREADABLE, place=place, problem="not a key")
    return secret
