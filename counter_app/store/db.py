"""Engines and sessions for the local store: SQLite encrypted by SQLCipher.

Every page of the database and of its WAL is encrypted with the key derived from the
counter's data key (docs/SECURITY.md); the key is given raw, so no key derivation runs at
each connection. SQLite runs in WAL with synchronous=FULL (a committed application
survives a power cut) and every write transaction starts with BEGIN IMMEDIATE, so two
writers queue for the lock up front instead of failing halfway through with "database is
locked".
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from counter_app.store import migrate

PLAIN_HEADER = b"SQLite format 3\x00"  # what an unencrypted SQLite file begins with


def make_sqlite_engine(url: str, key: bytes | None = None) -> Engine:
    """An engine on the SQLite file of *url*, encrypted with *key* (32 bytes); without a
    key, a plain SQLite file (the built-in tools' scratch databases, never personal data)."""
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error's text never carries the row's values (names, ID numbers)
    engine = create_engine(url, module=sqlcipher, connect_args={"timeout": 30},
                           hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if key is not None:
            cursor.execute(_key_pragma(key))  # must come first
        cursor.execute("PRAGMA temp_store=MEMORY")  # sorts and temp tables never on disk
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def open_local_store(url: str, key: bytes) -> sessionmaker[Session]:
    """Open (creating if needed) the local database, encrypting one an older version left
    in clear, and bring its schema up to date."""
    path = Path(url.removeprefix("sqlite:///"))
    if is_plain_database(path):
        encrypt_in_place(path, key)
    engine = make_sqlite_engine(url, key)
    migrate.upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)


def is_plain_database(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def opens_with(path: Path, key: bytes) -> bool:
    """Whether *key* opens the encrypted database *path* (a wrong key reads noise)."""
    connection = sqlcipher.connect(str(path))
    try:
        connection.execute(_key_pragma(key))
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        connection.close()


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Replace the plain database *path* by an encrypted copy of it (SQLCipher's export:
    every table, index, trigger and the schema version), atomically: a crash leaves the old
    file whole, to be encrypted at the next start. The plain WAL is folded in first."""
    sealed = path.with_name(f"{path.name}.encrypting-{os.getpid()}")  # one per process
    sealed.unlink(missing_ok=True)
    connection = sqlcipher.connect(str(path), isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute(f"ATTACH DATABASE ? AS sealed KEY \"{_raw(key)}\"", (str(sealed),))
        connection.execute("SELECT sqlcipher_export('sealed')")
        connection.execute(f"PRAGMA sealed.user_version = {int(version)}")
        connection.execute("DETACH DATABASE sealed")
        connection.execute("PRAGMA journal_mode=DELETE")  # removes the plain -wal and -shm
    finally:
        connection.close()
    with sealed.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(sealed, path)
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"{_raw(key)}\""


def _raw(key: bytes) -> str:
    """SQLCipher's raw-key form: the key used as is, without its passphrase derivation."""
    if len(key) != 32:
        raise ValueError("the database key has 32 bytes")
    return f"x'{key.hex()}'"
