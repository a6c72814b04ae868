"""Shared fixtures: a counter on a temporary data directory, operators, PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from counter_app.config import Settings
from counter_app.security.roles import Role
from counter_app.services import auth
from counter_app.services.context import AppContext, open_context
from tests.helpers import PASSWORD
from tests.pg_helpers import create_database, drop_database


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


@pytest.fixture(scope="session")
def pg_url() -> str:
    """A fresh PostgreSQL database for this test session, set up as a central database
    (`central init`), dropped afterwards. With CI=true a missing server fails the run;
    elsewhere the PostgreSQL tests skip."""
    from counter_app.central.admin import init_central

    url = create_database()
    init_central(url)
    yield url
    drop_database(url)


@pytest.fixture
def fresh_central() -> str:
    """A central PostgreSQL database of this test's own (sites, roles, devices)."""
    from counter_app.central.admin import init_central

    url = create_database()
    init_central(url)
    yield url
    drop_database(url)
