"""The central schema's own Alembic migrations, on PostgreSQL."""

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from counter_app.central import admin, database, migrate
from counter_app.central.schema import metadata
from tests.pg_helpers import create_database, drop_database


@pytest.mark.filterwarnings("ignore:Did not recognize type 'xid8'")  # set by c0001's trigger
def test_migrations_are_linear_and_match_the_tables(fresh_central):
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_heads() == [migrate.HEAD]
    engine = database.open_central(fresh_central)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "version_table": migrate.VERSION_TABLE})
        assert compare_metadata(context, metadata) == []
        assert "central_alembic_version" in inspect(connection).get_table_names()
    engine.dispose()


def test_the_central_downgrades_and_upgrades_cleanly():
    url = create_database()
    engine = database.create_central_engine(url)
    try:
        migrate.upgrade(engine)
        from alembic import command

        config = migrate.alembic_config()
        with engine.connect() as connection, connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert migrate.current(engine) == ()
        migrate.upgrade(engine)
        assert migrate.is_current(engine)
    finally:
        engine.dispose()
        drop_database(url)


def test_only_postgresql_is_a_central_database(tmp_path):
    with pytest.raises(database.SyncError, match="PostgreSQL"):
        database.open_central(f"sqlite:///{tmp_path / 'central.sqlite3'}")


@pytest.mark.postgres
def test_init_twice_is_harmless_and_every_table_is_fenced(fresh_central):
    admin.init_central(fresh_central)  # the fixture ran it once already
    with psycopg.connect(fresh_central) as conn:
        rows = conn.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
            "WHERE relname LIKE 'central\\_%' AND relkind = 'r' "
            "AND relname NOT IN ('central_alembic_version')").fetchall()
        assert {name for name, *_ in rows} == set(metadata.tables)
        assert all(enabled and forced for _, enabled, forced in rows)
        xid_columns = conn.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE column_name = 'change_xid' AND data_type = 'xid8'").fetchall()
        assert {name for (name,) in xid_columns} == {
            "central_card_records", "central_invalid_list", "central_photo_receipts",
            "central_preapplications"}


@pytest.mark.postgres
def test_a_counter_on_an_uninitialised_central_is_told_so(ctx, site_id, tmp_path):
    url = create_database()
    try:
        with pytest.raises(database.SyncError, match="has not been set up"):
            database.open_central(url)
    finally:
        drop_database(url)
