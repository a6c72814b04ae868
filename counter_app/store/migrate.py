"""Alembic, run from code at start-up (and by `counter-app db upgrade`).

Alembic is imported only when there is something to migrate: at a normal start the
database is already at HEAD, which one query tells. The central database's migrations
(counter_app/sync/migrate.py) run through the same Migrations runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision; tests/unit/store/test_db.py checks it matches the scripts.
HEAD = "0015"


@dataclass(frozen=True)
class Migrations:
    scripts: Path
    head: str
    version_table: str = "alembic_version"

    def config(self):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(self.scripts))
        return config

    def upgrade(self, engine: Engine, revision: str = "head") -> None:
        if revision == "head" and self.is_current(engine):
            return
        from alembic import command

        config = self.config()
        with engine.connect() as connection:
            _foreign_keys(connection, on=False)
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
            finally:
                _foreign_keys(connection, on=True)

    def current(self, engine: Engine) -> tuple[str, ...]:
        with engine.connect() as connection:
            if not inspect(connection).has_table(self.version_table):
                return ()
            return tuple(connection.execute(
                text(f"SELECT version_num FROM {self.version_table}")).scalars())

    def is_current(self, engine: Engine) -> bool:
        return self.current(engine) == (self.head,)

    def heads(self) -> tuple[str, ...]:
        from alembic.script import ScriptDirectory

        return tuple(ScriptDirectory.from_config(self.config()).get_heads())


def _foreign_keys(connection, on: bool) -> None:
    """Batch migrations rebuild SQLite tables (copy, drop, rename); with foreign keys on,
    dropping the old table would cascade-delete the guardians and materials of every
    application. The pragma only works outside a transaction, hence the raw connection."""
    if connection.dialect.name == "sqlite":
        connection.connection.dbapi_connection.execute(
            f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


LOCAL = Migrations(MIGRATIONS, HEAD)
alembic_config, upgrade, heads = LOCAL.config, LOCAL.upgrade, LOCAL.heads
current, is_current = LOCAL.current, LOCAL.is_current
