"""Throw-away PostgreSQL databases for the tests (and the roles central init makes)."""

from __future__ import annotations

import os
import uuid

import pytest

PG_BASE = os.environ.get("COUNTER_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def create_database() -> str:
    """A new, empty PostgreSQL database; its URL. Fails (CI) or skips when none runs."""
    import psycopg

    name = f"counter_test_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG_BASE, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI but not reachable at {PG_BASE}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_BASE}")
    return PG_BASE.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    """Drop the database and the roles central init made for it (named after it)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        roles = conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s "
                             "ORDER BY length(rolname) DESC", (name + "\\_%",)).fetchall()
        for (role,) in roles:
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')
