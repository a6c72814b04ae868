"""The built-in central database as the demo uses it: `counter-app demo` and `sync once`,
each its own process, on a data directory with no central address configured. The
counter syncs through its own device login under row-level security, on a PostgreSQL
cluster inside its data directory; no central SQLite file exists."""

import os
import subprocess
import sys

import psycopg
import pytest
from sqlalchemy.engine import make_url

from counter_app.central import builtin, credentials
from counter_app.central.embedded import EmbeddedCentral
from tests import security_matrix

pytestmark = pytest.mark.postgres


def counter_app(root, *args) -> str:
    env = {**os.environ, "COUNTER_DATA_DIR": str(root / "data"),
           "COUNTER_CONFIG_DIR": str(root / "config"), "QT_QPA_PLATFORM": "offscreen",
           "COUNTER_LANGUAGE": "en"}  # the English output the test reads
    env.pop("COUNTER_CENTRAL_URL", None)
    command = "import sys; from counter_app.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", command, *args], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_demo_syncs_through_a_device_login_on_the_built_in_server(tmp_path):
    assert "3 demo applications submitted" in counter_app(tmp_path, "demo", "--applications", "3")
    assert "sent 3, files 3" in counter_app(tmp_path, "sync", "once")
    data = tmp_path / "data"
    assert (data / "central-pg" / "data" / "PG_VERSION").is_file()
    assert not [p for p in data.rglob("*") if "central" in p.name and p.suffix == ".sqlite3"]

    from counter_app.config import Settings
    from counter_app.services.context import open_context

    files = open_context(Settings(data_dir=data, config_dir=tmp_path / "config")).files
    enrolment = credentials.load(files)
    assert enrolment.builtin and enrolment.site_code == "SC001"
    server = EmbeddedCentral(data)  # both processes stopped it when they exited
    assert not server.running()
    server.start()
    try:
        with psycopg.connect(enrolment.url, autocommit=True) as conn:
            is_super, bypass = conn.execute(
                "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
            ).fetchone()
            assert (is_super, bypass) == (False, False)
            # its own card records, through the feed; no site-owned table itself
            assert conn.execute("SELECT count(*) FROM central_card_feed('0', "
                                "pg_snapshot_xmax(pg_current_snapshot()))").fetchone() == (3,)
            for table in ("central_applications", "central_devices"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(f"SELECT * FROM {table}")
        # the demo's fence is docs/SECURITY.md's matrix, like a city's server
        admin_url = make_url(server.url).set(database=builtin.DATABASE).render_as_string(
            hide_password=False)
        assert security_matrix.live(admin_url) == security_matrix.documented()
    finally:
        server.stop()
    assert not server.running()


def test_an_enrolled_counter_of_another_site_gets_demo_applications_of_its_own_site(
        tmp_path, fresh_central):
    from counter_app.central.admin import add_device, add_site

    add_site(fresh_central, "SP777", "某街道社区服务站", kind="street_point")
    code_file = tmp_path / "enrol.txt"
    code_file.write_text(add_device(fresh_central, "SP777", "counter-1").code())
    counter_app(tmp_path, "enrol", f"@{code_file}")
    counter_app(tmp_path, "demo", "--applications", "2")
    assert "sent 2, files 2, already there 0, rejected 0" in counter_app(tmp_path, "sync", "once")
    with psycopg.connect(fresh_central) as conn:
        assert conn.execute("SELECT s.code, count(*) FROM central_applications a JOIN "
                            "central_sites s ON s.id = a.site_id GROUP BY s.code"
                            ).fetchall() == [("SP777", 2)]
