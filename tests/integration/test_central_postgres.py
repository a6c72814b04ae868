"""The first-cut sync against the real PostgreSQL server (required when CI=true)."""

import psycopg
import pytest

from counter_app.services import syncing
from tests.sync_helpers import applied_count, central_rows, submit_child

pytestmark = pytest.mark.postgres


def test_applications_reach_postgresql_once_however_often_sync_runs(ctx, admin, tmp_path,
                                                                    central):
    fresh_central = central
    first = submit_child(ctx, admin, tmp_path, name="王䶮", sequence=3)
    second = submit_child(ctx, admin, tmp_path, name="张𠮷", sequence=7)
    result = syncing.sync_now(ctx)
    assert (result.sent, result.pending) == (2, 0)
    assert syncing.sync_now(ctx).sent == 0

    with psycopg.connect(fresh_central) as conn:  # read back with a plain driver, not our code
        names = dict(conn.execute(
            "SELECT id::text, payload->'applicant'->>'name' FROM central_applications").fetchall())
    assert names == {first: "王䶮", second: "张𠮷"}
    assert set(central_rows(fresh_central)) == {first, second} and applied_count(fresh_central) == 2


def test_sync_from_the_command_line_with_a_url(settings, ctx, admin, tmp_path, central,
                                               monkeypatch, capsys):
    from counter_app.central import credentials
    from counter_app.cli import main

    app_id = submit_child(ctx, admin, tmp_path, sequence=9)
    monkeypatch.setenv("COUNTER_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(settings.config_dir))
    monkeypatch.setenv("COUNTER_KEY_FILE", settings.key_file)
    monkeypatch.setenv("COUNTER_LANGUAGE", "en")  # the English messages read below
    assert main(["sync", "once", "--central", central]) == 1  # the administrator's login
    assert "administrator's login" in capsys.readouterr().err
    device_url = credentials.load(ctx.files).url
    assert main(["sync", "once", "--central", device_url]) == 0
    assert "sent 1" in capsys.readouterr().out
    assert app_id in central_rows(central)
