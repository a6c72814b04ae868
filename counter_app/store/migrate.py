"""Alembic, run from code at start-up (and by `counter-app db upgrade`).

Alembic is imported only when there is something to migrate: at a normal start the
database is already at HEAD, which one query tells.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision; tests/unit/store/test_db.py checks it matches the scripts.
HEAD = "0007"


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    if revision == "head" and is_current(engine):
        return
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        finally:
            _foreign_keys(connection, on=True)


def _foreign_keys(connection, on: bool) -> None:
    """Batch migrations rebuild SQLite tables (copy, drop, rename); with foreign keys on,
    dropping the old table would cascade-delete the guardians and materials of every
    application. The pragma only works outside a transaction, hence the raw connection."""
    if connection.dialect.name == "sqlite":
        connection.connection.dbapi_connection.execute(
            f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def current(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return ()
        return tuple(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def is_current(engine: Engine) -> bool:
    return current(engine) == (HEAD,)
