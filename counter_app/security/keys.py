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
import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

log = logging.getLogger(__name__)
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
MSG_NO_PLACE = QT_TRANSLATE_NOOP(
    "messages", "There is no place for the data key outside the data folder {folder}: set "
                "key_file in the settings to a file elsewhere (docs/SECURITY.md).")
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
    KeyUnavailable when encrypted data exists and its key is not found. The key is looked
    for in every place it may have been kept (a credential store that was not running at
    the first start, a key file set later), and a new one goes to the first place."""
    key_id = _key_id(data_dir, create=not data_exists)
    if key_id is None:
        raise KeyUnavailable(MSG_KEY_MISSING, place=str(data_dir / KEY_ID_FILE))
    stores = _stores(data_dir, config_dir, key_file, key_id)
    for store in stores:
        secret = store.load()
        if secret is not None:
            return DataKey(secret, store.place)
    if data_exists:
        raise KeyUnavailable(MSG_KEY_MISSING, place=", ".join(s.place for s in stores))
    secret = secrets.token_bytes(KEY_BYTES)
    stores[0].save(secret)
    return DataKey(secret, stores[0].place)


def wrong_key(key: DataKey) -> KeyUnavailable:
    return KeyUnavailable(MSG_KEY_WRONG, place=key.place)


def _key_id(data_dir: Path, *, create: bool) -> str | None:
    path = data_dir / KEY_ID_FILE
    try:
        return str(uuid.UUID(path.read_text(encoding="ascii").strip()))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        if not create:
            return None
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:  # O_EXCL: of two processes starting on a new folder, one id wins, both use it
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _key_id(data_dir, create=False)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(str(uuid.uuid4()) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return _key_id(data_dir, create=False)


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
        try:
            text = self.backend.get_password(KEYRING_SERVICE, self.key_id)
        except Exception:  # noqa: BLE001 - locked or gone: the other places are looked in
            log.warning("the credential store could not be read")
            return None
        return None if text is None else _decoded(text, self.place)

    def save(self, secret: bytes) -> None:
        try:
            self.backend.set_password(KEYRING_SERVICE, self.key_id,
                                      base64.b64encode(secret).decode())
        except Exception as exc:  # noqa: BLE001 - e.g. the user declined to unlock it
            raise KeyUnavailable(MSG_KEY_UNREADABLE, place=self.place,
                                 problem=type(exc).__name__) from exc


def _stores(data_dir: Path, config_dir: Path, key_file: str, key_id: str) -> list:
    """Where the key may be, the place for a new one first: the key file set, else the
    credential store, else the configuration directory's key file. A place inside the
    data directory is never one (on Windows and macOS platformdirs gives the data and the
    configuration the same folder: the credential store is the place there)."""
    inside = data_dir.absolute()
    chosen = Path(key_file).absolute() if key_file else None
    if chosen is not None and chosen.is_relative_to(inside):
        raise KeyUnavailable(MSG_NO_PLACE, folder=str(data_dir))
    fallback = (config_dir / "keys" / f"{key_id}.key").absolute()
    backend = _credential_store()
    stores = ([_FileStore(chosen)] if chosen else []) + (
        [_KeyringStore(backend, key_id)] if backend else []) + (
        [] if fallback.is_relative_to(inside) else [_FileStore(fallback)])
    if not stores:
        raise KeyUnavailable(MSG_NO_PLACE, folder=str(data_dir))
    return stores


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
