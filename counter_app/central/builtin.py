"""The built-in central database: the private PostgreSQL server in the data directory
(counter_app.central.embedded) holding one central database, set up exactly like a city's
(`central init`: schema, roles, row-level security). Used when no central URL is set."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from counter_app.central import admin, database, embedded, migrate

DATABASE = "counter_central"
_ready: dict[Path, str] = {}
_ready_lock = threading.Lock()


def admin_url(data_dir: Path) -> str:
    """The built-in central database's administrator URL, the server started (on demand)
    and the database set up on first use. Call it from a worker thread."""
    key = Path(data_dir).resolve()
    server = embedded.ensure_started(key)
    with _ready_lock:
        if key not in _ready:
            url = make_url(server).set(database=DATABASE).render_as_string(hide_password=False)
            _create_database(server)
            engine = database.create_central_engine(url)
            try:
                current = migrate.is_current(engine)
            finally:
                engine.dispose()
            if not current:
                admin.init_central(url)
            _ensure_carry_key(url, key)
            _ready[key] = url
        return _ready[key]


def carry_key_file(data_dir: Path) -> Path:
    """The built-in central database's carry key: on this computer, like the server and
    its administrator's password (one office, no second machine to keep it on)."""
    return Path(data_dir).resolve() / "central-pg" / "carry.key"


def _ensure_carry_key(url: str, data_dir: Path) -> None:
    from counter_app.central.carry_import import make_carry_key

    path = carry_key_file(data_dir)
    if not path.exists():
        make_carry_key(url, path)


def ensure_running(data_dir: Path) -> None:
    """Start the server (a counter enrolled on it connects with its own login)."""
    embedded.ensure_started(Path(data_dir).resolve())


def _create_database(server_url: str) -> None:
    try:
        _create_database_at(server_url)
    except psycopg.OperationalError as exc:
        raise database.unreachable(exc) from exc


def _create_database_at(server_url: str) -> None:
    with psycopg.connect(server_url, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    (DATABASE,)).fetchone()
        if not exists:
            try:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(
                    sql.Identifier(DATABASE)))
            except psycopg.errors.DuplicateDatabase:
                pass  # another process of this counter made it meanwhile
