"""Shared fixtures: a counter on a temporary data directory, operators, PostgreSQL."""

from __future__ import annotations

import os
import uuid

import pytest

from counter_app.config import Settings
from counter_app.security.roles import Role
from counter_app.services import auth
from counter_app.services.context import AppContext, open_context
from tests.helpers import PASSWORD


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config")


@pytest.fixture
def ctx(settings) -> AppContext:
    return open_context(settings)


@pytest.fixture
def site_id(ctx) -> uuid.UUID:
    return auth.ensure_site(ctx, "SC001", "示范社保服务中心")


@pytest.fixture
def admin(ctx, site_id) -> auth.CurrentOperator:
    auth.create_operator(ctx, site_id=site_id, username="admin", display_name="管理员",
                         password=PASSWORD, roles={Role.ADMINISTRATOR})
    return auth.login(ctx, "admin", PASSWORD)


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


@pytest.fixture(scope="session")
def pg_url() -> str:
    """A fresh PostgreSQL database for this test session, set up as a central database
    (`central init`), dropped afterwards. With CI=true a missing server fails the run;
    elsewhere the PostgreSQL tests skip."""
    from counter_app.sync.admin import init_central

    url = create_database()
    init_central(url)
    yield url
    drop_database(url)


@pytest.fixture
def fresh_central() -> str:
    """A central PostgreSQL database of this test's own (sites, roles, devices)."""
    from counter_app.sync.admin import init_central

    url = create_database()
    init_central(url)
    yield url
    drop_database(url)
