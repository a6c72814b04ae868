"""Shared fixtures: a counter on a temporary data directory, operators, PostgreSQL."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

from counter_app.config import Settings
from counter_app.security.roles import Role
from counter_app.services import auth
from counter_app.services.context import AppContext, open_context
from tests.helpers import PASSWORD
from tests.pg_helpers import drop_database, new_central

# Tests' counters are not on the built-in central server unless a test says so (starting
# one per test would be slow): a counter that syncs is enrolled (`central`) or told where.
NOT_CONFIGURED = "postgresql://not-configured@127.0.0.1:1/none"
# Tests never put data keys in the credential store of the desktop they run on (the
# counters they start as programs included): keys go to files (security/keys.py).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes():
    """argon2id with the cheapest parameters: an operator logs in in every other test, and
    the real cost (RFC 9106, 64 MiB, ~0.15 s a hash) belongs to production, where
    tests/unit/security/test_security.py checks it."""
    import argon2

    from counter_app.security import passwords

    production = passwords._hasher
    passwords._hasher = argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST)
    yield production
    passwords._hasher = production


@pytest.fixture(scope="session")
def migrated_local_database(tmp_path_factory) -> Path:
    """A local database at the newest schema, made once: each test's counter starts from a
    copy (the database, encrypted, and the id of its key) instead of running every
    migration again. Its key file (data.key beside it) is every such counter's."""
    from counter_app.security.keys import KEY_ID_FILE, open_data_key
    from counter_app.store import migrate
    from counter_app.store.db import make_sqlite_engine

    folder = tmp_path_factory.mktemp("local-template")
    path = folder / "data" / "counter.sqlite3"
    key = open_data_key(path.parent, folder, str(folder / "data.key"), data_exists=False)
    engine = make_sqlite_engine(f"sqlite:///{path}", key.derive("database"))
    migrate.upgrade(engine)
    engine.dispose()
    assert (path.parent / KEY_ID_FILE).exists()
    return path


@pytest.fixture
def settings(tmp_path, migrated_local_database) -> Settings:
    from counter_app.security.keys import KEY_ID_FILE

    template = migrated_local_database
    settings = Settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config",
                        central_url=NOT_CONFIGURED,
                        key_file=str(template.parent.parent / "data.key"))
    settings.data_dir.mkdir(parents=True)
    shutil.copyfile(template, settings.data_dir / "counter.sqlite3")
    shutil.copyfile(template.parent / KEY_ID_FILE, settings.data_dir / KEY_ID_FILE)
    return settings


@pytest.fixture
def ctx(settings) -> AppContext:
    return open_context(settings)


@pytest.fixture
def site_id(ctx) -> uuid.UUID:
    return auth.ensure_site(ctx, "SC001", "示范社保服务中心")


@pytest.fixture
def admin(ctx, site_id) -> auth.CurrentOperator:
    auth.create_operator(ctx, site_id=site_id, username="admin", display_name="管理员",
                         password=PASSWORD, roles={Role.ADMINISTRATOR},
                         must_change_password=False)  # one who changed it long ago
    return auth.login(ctx, "admin", PASSWORD)


@pytest.fixture(scope="session")
def pg_url() -> str:
    """A central database shared by this test session (tests keep to sites of their own);
    its administrator's URL. With CI=true a missing server fails the run."""
    url = new_central()
    yield url
    drop_database(url)


@pytest.fixture
def fresh_central() -> str:
    """A central database of this test's own (sites, roles, devices); its admin URL."""
    url = new_central()
    yield url
    drop_database(url)


@pytest.fixture
def central(ctx, site_id, fresh_central) -> str:
    """This test's counter (`ctx`, site SC001) enrolled as a device on a central database of
    its own; the administrator's URL, to look inside."""
    from counter_app.central.admin import add_device, add_site
    from counter_app.services.enrolment import enrol

    add_site(fresh_central, "SC001", "示范社保服务中心")
    enrol(ctx, add_device(fresh_central, "SC001", "counter-1").code())
    ctx.__dict__["central_admin_url"] = fresh_central  # for helpers that publish centrally
    return fresh_central
