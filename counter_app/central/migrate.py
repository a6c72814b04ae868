"""Alembic for the central database: its own scripts and version table, run by the same
runner as the local store's (counter_app.store.migrate.Migrations)."""

from __future__ import annotations

from pathlib import Path

from counter_app.store.migrate import Migrations

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "central_alembic_version"
# The newest revision; tests/unit/sync/test_central_schema.py checks it matches the scripts.
HEAD = "c0008"

CENTRAL = Migrations(MIGRATIONS, HEAD, VERSION_TABLE)
alembic_config, upgrade = CENTRAL.config, CENTRAL.upgrade
current, is_current = CENTRAL.current, CENTRAL.is_current
