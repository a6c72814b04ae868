"""`counter-app central drop --url URL [--yes]`: the database and the roles made for it go;
other databases and their roles stay (on the real PostgreSQL)."""

import io

import psycopg
import pytest
from sqlalchemy.engine import make_url

from counter_app.cli import main
from tests import pg_helpers

pytestmark = pytest.mark.postgres


def _name(url: str) -> str:
    return make_url(url).database


def _roles(prefix: str) -> set[str]:
    return {r for (r,) in pg_helpers._admin(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", prefix.replace("_", "\\_") + "\\_%")}


def _exists(name: str) -> bool:
    return bool(pg_helpers._admin("SELECT 1 FROM pg_database WHERE datname = %s", name))


def _prefix(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT value FROM central_settings WHERE key = 'role_prefix'"
                            ).fetchone()[0]


@pytest.fixture
def own_central():
    """A central database set up by `central init` itself: roles of its own prefix."""
    url = pg_helpers.create_database()
    assert main(["central", "init", "--url", url]) == 0
    yield url
    pg_helpers.drop_database(url)


def test_drop_takes_the_database_and_all_its_roles(counter_env, own_central, fresh_central,
                                                   tmp_path, capsys):
    url, other = own_central, fresh_central
    assert main(["central", "add-site", "SC001", "x", "--url", url]) == 0
    assert main(["central", "add-device", "SC001", "counter-1", "--url", url,
                 "--code-file", str(tmp_path / "enrol.txt")]) == 0
    assert main(["central", "add-site", "SC002", "y", "--url", other]) == 0
    assert main(["central", "add-device", "SC002", "counter-2", "--url", other,
                 "--code-file", str(tmp_path / "enrol2.txt")]) == 0
    prefix, other_roles = _prefix(url), _roles(_prefix(other))
    mine = _roles(prefix)
    assert {f"{prefix}_engine", f"{prefix}_counter", f"{prefix}_card_centre",
            f"{prefix}_site_sc001"} <= mine and any("_dev_" in r for r in mine)
    conn = psycopg.connect(url)  # an open session does not stop the drop
    capsys.readouterr()
    try:
        assert main(["central", "drop", "--url", url, "--yes"]) == 0
    finally:
        conn.close()
    assert f"database {_name(url)} dropped, and {len(mine)} roles" in capsys.readouterr().out
    assert not _exists(_name(url)) and _roles(prefix) == set()
    assert _exists(_name(other)) and _roles(_prefix(other)) == other_roles


def test_a_copy_sharing_the_prefix_keeps_the_shared_roles(counter_env, fresh_central, pg_url,
                                                          tmp_path, capsys):
    # the test helpers' copies of one template share its group roles (central_settings)
    url = fresh_central
    prefix = _prefix(url)
    assert main(["central", "add-site", "SC009", "x", "--url", url]) == 0
    assert main(["central", "add-device", "SC009", "counter-9", "--url", url,
                 "--code-file", str(tmp_path / "enrol.txt")]) == 0
    with psycopg.connect(url) as conn:
        device_role = conn.execute("SELECT role_name FROM central_devices").fetchone()[0]
    capsys.readouterr()
    assert main(["central", "drop", "--url", url, "--yes"]) == 0
    out = capsys.readouterr().out
    assert not _exists(_name(url)) and "kept" in out
    left = _roles(prefix)
    assert device_role not in left
    assert {f"{prefix}_engine", f"{prefix}_counter", f"{prefix}_card_centre"} <= left
    with psycopg.connect(pg_url) as conn:  # the other copy still works
        assert conn.execute("SELECT count(*) FROM central_sites").fetchone() is not None


def test_drop_refuses_a_database_that_is_not_a_central_one(counter_env, capsys):
    url = pg_helpers.create_database()
    try:
        assert main(["central", "drop", "--url", url, "--yes"]) == 1
        assert "not a Counter central database" in capsys.readouterr().err
        assert _exists(_name(url))
    finally:
        pg_helpers.drop_database(url)


def test_drop_asks_on_a_terminal_and_refuses_without_one(counter_env, own_central, capsys,
                                                         monkeypatch):
    url = own_central
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    assert main(["central", "drop", "--url", url]) == 1  # not a terminal, no --yes
    assert "--yes" in capsys.readouterr().err and _exists(_name(url))

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Terminal("wrong\n"))
    assert main(["central", "drop", "--url", url]) == 1
    assert "not dropped" in capsys.readouterr().err and _exists(_name(url))
    monkeypatch.setattr("sys.stdin", Terminal(_name(url) + "\n"))
    assert main(["central", "drop", "--url", url]) == 0
    assert not _exists(_name(url)) and _roles(_prefix_of_name(_name(url))) == set()


def _prefix_of_name(name: str) -> str:
    return name.lower()[:30]  # fencing.role_prefix's default for a test database's name
