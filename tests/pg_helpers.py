"""Throw-away central databases for the tests, on the system PostgreSQL (127.0.0.1:5432 or
COUNTER_TEST_PG_URL) when it answers, else on the built-in server the program itself uses.

Under pytest-xdist (scripts/test.sh runs two workers) the first worker uses that server and
every other worker a private cluster of its own, started once per worker: pulls wait for
the oldest transaction on their server (counter_app.sync.pull), so a test's open
transaction must never hold back another worker's pull.

`central init` runs once per test session, into a template; each test that needs a central
database of its own gets a copy of it (CREATE DATABASE ... TEMPLATE: about 0.1 s instead of
0.3 s). The copies keep the template's role prefix (central_settings), so they share its
group and site roles; device roles are each test's own. Everything is dropped at the end.
"""

from __future__ import annotations

import atexit
import os
import tempfile
import uuid
from functools import cache
from pathlib import Path

import pytest

PG_BASE = os.environ.get("COUNTER_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
_made: set[str] = set()  # this process's databases, dropped at exit if a test did not


@cache
def server_url() -> str:
    """The URL (of some database) on the server the tests use; fails under CI=true, skips
    elsewhere, when neither the system server nor the built-in one can be had."""
    import psycopg

    if os.environ.get("PYTEST_XDIST_WORKER", "gw0") != "gw0":
        return _worker_cluster()
    try:
        with psycopg.connect(PG_BASE, connect_timeout=3):
            return PG_BASE
    except psycopg.OperationalError as exc:
        system_error = exc
    try:
        from counter_app.central import embedded

        root = Path(tempfile.mkdtemp(prefix="counter-test-pg-"))
        return embedded.ensure_started(root)
    except Exception as exc:  # noqa: BLE001 - reported below, in words
        message = (f"no PostgreSQL for the tests: {PG_BASE} ({system_error}), and the "
                   f"built-in server failed ({exc})")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _worker_cluster() -> str:
    """A private cluster (tests/integration/private_pg.py) for this worker process, stopped
    and deleted when it exits."""
    from tests.integration.private_pg import private_postgres

    cluster_context = private_postgres()
    cluster = cluster_context.__enter__()
    atexit.register(cluster_context.__exit__, None, None, None)
    return cluster.url()


def _url_of(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(server_url()).set(database=name).render_as_string(hide_password=False)


def _admin(sql: str, *params) -> list:
    import psycopg

    with psycopg.connect(server_url(), autocommit=True) as conn:
        cursor = conn.execute(sql, params or None)
        return cursor.fetchall() if cursor.description else []


def create_database() -> str:
    """A new, empty database; its URL."""
    name = f"counter_test_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}"')
    _made.add(name)
    return _url_of(name)


@cache
def _template() -> str:
    """The session's template central database (migrated, fenced); its name."""
    from counter_app.central.admin import init_central

    name = f"counter_tmpl_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}"')
    init_central(_url_of(name))
    atexit.register(_drop_template, name)
    return name


def new_central() -> str:
    """A central database of the caller's own, set up like `central init`; its admin URL."""
    from counter_app.central import database, fencing

    template = _template()
    name = f"counter_test_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    _made.add(name)
    url = _url_of(name)
    engine = database.create_central_engine(url)
    try:
        with engine.begin() as connection:  # what a copy does not carry
            fencing.apply_database_level(connection)
    finally:
        engine.dispose()
    return url


def drop_database(url: str) -> None:
    """Drop the database and the roles made for it alone (named after it)."""
    from counter_app.central import database

    database.forget()  # no pool keeps a connection to it
    name = url.rsplit("/", 1)[1].split("?")[0]
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _made.discard(name)
    _drop_roles(name)


def _drop_template(name: str) -> None:
    try:
        for database in list(_made):
            _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _drop_roles(name)
    except Exception:  # noqa: BLE001 - the server may be gone at exit; nothing to keep
        pass


def _drop_roles(prefix: str) -> None:
    roles = _admin("SELECT rolname FROM pg_roles WHERE rolname LIKE %s "
                   "ORDER BY length(rolname) DESC", prefix + "\\_%")
    for (role,) in roles:
        _admin(f'DROP ROLE IF EXISTS "{role}"')
