import sqlite3
import threading
import time

import sqlcipher3.dbapi2 as sqlcipher

import pytest

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from counter_app.store import migrate
from counter_app.store.db import (is_plain_database, make_sqlite_engine, open_local_store,
                                   opens_with)
from counter_app.store.models import Base, Meta

KEY = bytes(range(32))


def test_sqlite_runs_in_wal_with_full_sync(tmp_path):
    sessions = open_local_store(f"sqlite:///{tmp_path / 'local.db'}", KEY)
    with sessions() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_writers_take_the_lock_at_begin(tmp_path):
    """BEGIN IMMEDIATE: a second writer waits at BEGIN, then succeeds, instead of failing."""
    sessions = open_local_store(f"sqlite:///{tmp_path / 'local.db'}", KEY)
    order = []

    def second_writer():
        with sessions.begin() as session:
            session.merge(Meta(key="b", value="2"))
            session.flush()  # the transaction (and BEGIN IMMEDIATE) starts here
            order.append("second wrote")

    with sessions.begin() as session:
        session.merge(Meta(key="a", value="1"))
        session.flush()
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.3)
        order.append("first commits")
    thread.join(10)
    assert order == ["first commits", "second wrote"]
    with sessions() as session:
        assert session.get(Meta, "b").value == "2"


def test_a_transaction_holds_the_write_lock_from_its_first_statement(tmp_path):
    """Even a transaction that has only read so far blocks other writers (no upgrade race)."""
    path = tmp_path / "local.db"
    sessions = open_local_store(f"sqlite:///{path}", KEY)
    other = sqlcipher.connect(str(path), timeout=0, isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    with sessions.begin() as session:
        session.get(Meta, "anything")
        with pytest.raises(sqlcipher.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_migrations_are_linear_and_match_the_models(tmp_path):
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_heads() == [migrate.HEAD]
    assert all(len(rev._all_down_revisions) <= 1 for rev in script.walk_revisions())
    engine = make_sqlite_engine(f"sqlite:///{tmp_path / 'local.db'}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    assert migrate.is_current(engine)


def test_upgrading_a_database_with_applications_keeps_them(tmp_path):
    """New NOT NULL columns get server defaults, so rows taken in before survive."""
    engine = make_sqlite_engine(f"sqlite:///{tmp_path / 'local.db'}")
    migrate.upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO sites (id, code, name, kind) VALUES ('s1', 'SC001', 'x', 'y')"))
        connection.execute(text(
            "INSERT INTO operators (id, site_id, username, display_name, password_hash, roles,"
            " active, created_at) VALUES ('o1', 's1', 'u', 'u', 'h', '', 1, '2026-01-01')"))
        connection.execute(text(
            "INSERT INTO applications (id, number, site_id, operator_id, business_type, status,"
            " created_at, updated_at, name, pinyin, sex, birth_date, id_type, id_number,"
            " id_valid_until, ethnicity, nationality, occupation, phone, household_address,"
            " residence_address, mailing_address, rejection_reasons, form_path, print_count)"
            " VALUES ('a1', 'N1', 's1', 'o1', 'newborn', 'draft', '2026-01-01', '2026-01-01',"
            " 'x', '', 'M', '2024-01-01', 'resident_id', '1', '', '', 'CHN', '', '1', '', '',"
            " '', '', '', 0)"))
        connection.execute(text(
            "INSERT INTO guardians (id, application_id, name, relation, id_type, id_number,"
            " phone) VALUES ('g1', 'a1', 'x', 'y', 'resident_id', '1', '1')"))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT presenter, same_register, agent_name FROM applications")).one()
        guardians = connection.execute(text("SELECT count(*) FROM guardians")).scalar()
    assert tuple(row) == ("applicant", 1, "")
    assert guardians == 1  # rebuilding applications did not cascade into its children


def test_the_database_and_its_wal_hold_nothing_readable(tmp_path):
    path = tmp_path / "local.db"
    sessions = open_local_store(f"sqlite:///{path}", KEY)
    with sessions.begin() as session:
        session.merge(Meta(key="child", value="110105201605045070 王小明"))
    with sessions() as session:  # still open: the row may be in the WAL only
        assert session.get(Meta, "child").value.startswith("110105201605045070")
        stored = b"".join(p.read_bytes() for p in tmp_path.glob("local.db*"))
    assert len(list(tmp_path.glob("local.db*"))) >= 2
    assert b"110105201605045070" not in stored and "王小明".encode() not in stored
    assert not is_plain_database(path) and b"SQLite format 3" not in stored
    with pytest.raises(sqlite3.DatabaseError):  # a copy opened without the key
        sqlite3.connect(path).execute("SELECT * FROM meta").fetchall()
    assert opens_with(path, KEY) and not opens_with(path, bytes(32))


def test_a_database_from_before_encryption_is_encrypted_in_place_with_its_rows(tmp_path):
    path = tmp_path / "local.db"
    plain = make_sqlite_engine(f"sqlite:///{path}")  # no key: as an older version made it
    migrate.upgrade(plain)
    with plain.begin() as connection:  # left in the WAL, not checkpointed
        connection.execute(text("INSERT INTO meta (key, value) VALUES ('kept', '王小明')"))
    plain.dispose()
    assert is_plain_database(path)
    sessions = open_local_store(f"sqlite:///{path}", KEY)
    assert not is_plain_database(path)
    with sessions() as session:
        assert session.get(Meta, "kept").value == "王小明"
    assert migrate.is_current(sessions.kw["bind"])
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("local.db*"))
    assert "王小明".encode() not in stored
    assert not list(tmp_path.glob("*.encrypting*"))
