"""The README's path on the command line: init, add a site and a device, enrol, demo, sync."""

import stat

import psycopg
import pytest
from sqlalchemy.engine import make_url

from counter_app.central import credentials
from counter_app.cli import main

pytestmark = pytest.mark.postgres


def test_the_whole_path_from_the_command_line(counter_env, fresh_central, tmp_path, capsys):
    url = fresh_central
    assert main(["central", "init", "--url", url]) == 0  # again: nothing to do, no error
    assert main(["central", "add-site", "SC001", "示范服务中心", "--url", url]) == 0
    code_file = tmp_path / "enrol.txt"
    assert main(["central", "add-device", "SC001", "counter-1", "--url", url,
                 "--code-file", str(code_file)]) == 0
    assert stat.S_IMODE(code_file.stat().st_mode) == 0o600
    assert main(["enrol", f"@{code_file}"]) == 0
    assert main(["demo", "--applications", "3"]) == 0
    capsys.readouterr()
    assert main(["sync", "once"]) == 0
    assert "sent 3, files 3," in capsys.readouterr().out
    with psycopg.connect(url) as conn:  # the three share the demo photo: stored once
        assert conn.execute("SELECT count(*) FROM central_application_files").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM central_blobs WHERE complete").fetchone() == (
            1,)

    from counter_app.services.context import open_context

    files = open_context(counter_env).files
    saved = credentials.credentials_path(files)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    enrolled = credentials.load(files)
    secret = make_url(enrolled.url).password
    assert secret and not [path for path in counter_env.config_dir.rglob("*") if path.is_file()
                           and secret in path.read_text(encoding="utf-8", errors="ignore")]
    with psycopg.connect(enrolled.url) as conn:  # the counter's own login: its card records
        assert conn.execute("SELECT count(*) FROM central_card_feed('0', "
                            "pg_snapshot_xmax(pg_current_snapshot()))").fetchone() == (3,)
        assert conn.execute("SELECT current_user").fetchone()[0].endswith(
            enrolled.device_id.replace("-", "")[:12])


def test_a_revoked_device_and_a_bad_code_say_what_is_wrong(counter_env, fresh_central,
                                                           capsys):
    assert main(["central", "add-site", "SC001", "x", "--url", fresh_central]) == 0
    capsys.readouterr()
    assert main(["central", "add-device", "SC001", "c", "--url", fresh_central]) == 0
    out = capsys.readouterr().out
    code = out.strip().splitlines()[-1]
    device_id = out.split()[1]
    assert main(["enrol", "CTR1.garbage"]) == 1
    assert "not a valid enrolment code" in capsys.readouterr().err
    assert main(["enrol", code]) == 0
    assert main(["central", "revoke-device", device_id, "--url", fresh_central]) == 0
    capsys.readouterr()
    assert main(["sync", "once"]) == 1
    assert "access to the central database has been withdrawn" in capsys.readouterr().err
    assert main(["central", "add-device", "NOPE", "c", "--url", fresh_central]) == 1
    assert "no site with the code NOPE" in capsys.readouterr().err


def test_a_code_expires_and_the_administrator_hands_out_a_new_one(counter_env, fresh_central,
                                                                   capsys):
    url = fresh_central
    assert main(["central", "add-site", "SC001", "x", "--url", url]) == 0
    capsys.readouterr()
    assert main(["central", "add-device", "SC001", "c", "--valid-hours", "2", "--url", url]) == 0
    out = capsys.readouterr().out
    device_id, first = out.split()[1], out.strip().splitlines()[-1]
    assert "the code enrols once, until" in out
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT expires_at - created_at FROM central_enrolment_codes"
                            ).fetchone()[0].total_seconds() == 2 * 3600
    assert main(["central", "new-code", device_id, "--url", url]) == 0
    second = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["enrol", first]) == 1
    assert "enrolment code has expired" in capsys.readouterr().err
    assert main(["enrol", second]) == 0
    assert main(["central", "new-code", device_id, "--url", url]) == 1
    assert "enrolled or withdrawn already" in capsys.readouterr().err
