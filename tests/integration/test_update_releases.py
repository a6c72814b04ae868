"""Updates through the central database (issue 15): an administrator publishes a signed
package; a counter finds it at a sync, checks its manifest before fetching a byte, fetches
it a share per sync (going on after an interruption from the bytes it has) and stages it
once whole and verified. A device can neither publish nor change a release."""

import argparse
import dataclasses
import importlib

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from counter_app.central import credentials, update_releases
from counter_app.central.update_releases import MSG_ALREADY_PUBLISHED, MSG_NOT_ADMINISTRATOR
from counter_app.cli.updates import (add_central_update_commands, add_update_commands,
                                     run_central_update, run_update)
from counter_app.domain.errors import CounterError
from counter_app.qt.i18n import command_line_language
from counter_app.services import syncing, updates
from counter_app.updates.install import staged_update
from counter_app.updates.state import read_json
from tests.sync_helpers import enrolled_device
from tests.update_helpers import release_key, stranger_key  # noqa: F401 - fixtures
from tests.update_helpers import INSTALLED, make_package, trusted

pytestmark = pytest.mark.postgres
cli_main = importlib.import_module("counter_app.cli.main")


@pytest.fixture(autouse=True)
def trusting_the_test_key(monkeypatch, release_key):
    monkeypatch.setattr(updates, "trusted_keys", lambda: trusted(release_key))
    monkeypatch.setattr(updates, "installed_version", lambda: INSTALLED)
    monkeypatch.setattr(update_releases, "CHUNK_SIZE", 300)  # a small package, many chunks


def run(settings, *argv) -> int:
    """As counter-app runs it (see tests/unit/cli/test_updates.py)."""
    settings = dataclasses.replace(settings, language="en")
    with command_line_language(settings):
        parser = argparse.ArgumentParser(prog="counter-app")
        commands = parser.add_subparsers(dest="command")
        add_update_commands(commands)
        add_central_update_commands(
            commands.add_parser("central").add_subparsers(dest="central_command"))
        args = parser.parse_args(argv)
        handler = ((lambda _settings, args_: run_central_update(args_))
                   if args.command == "central" else run_update)
        return cli_main._run(handler, settings, args)


def _key_file(tmp_path, key):
    from cryptography.hazmat.primitives import serialization

    path = tmp_path / "release-key.pem"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return path


def test_a_published_update_arrives_over_syncs_resumes_and_is_staged(
        ctx, central, tmp_path, release_key, monkeypatch, capsys):
    package = make_package(tmp_path, None)  # signed when published, with the key file
    assert run(ctx.settings, "central", "publish-update", str(package), "--key",
               str(_key_file(tmp_path, release_key)), "--url", central) == 0
    assert "version 1.1.0 for" in capsys.readouterr().out
    size = package.stat().st_size
    assert size > 4 * 300
    monkeypatch.setattr(updates, "UPDATE_BYTES_PER_SYNC", 500)
    syncing.sync_now(ctx)  # two chunks: one sync's share
    status = updates.update_status(ctx.settings)
    assert (status.published, status.downloading, status.downloaded) == ("1.1.0", "1.1.0", 600)

    real_read, reads = update_releases.read_part, []

    def lost_connection(engine, release_id, offset):
        reads.append(offset)
        if len(reads) > 1:
            raise OperationalError("SELECT central_update_part", {}, Exception("gone"))
        return real_read(engine, release_id, offset)

    with monkeypatch.context() as patched:
        patched.setattr(update_releases, "read_part", lost_connection)
        syncing.sync_now(ctx)  # the sync itself succeeds; the download stops part way
    assert reads == [600, 900]
    assert updates.update_status(ctx.settings).downloaded == 900
    while staged_update(updates.update_folder(ctx.settings)) is None:
        syncing.sync_now(ctx)
    staged = staged_update(updates.update_folder(ctx.settings))
    assert staged.version == "1.1.0" and staged.package.read_bytes() == package.read_bytes()
    assert not list(updates.update_folder(ctx.settings).download_dir.iterdir())
    assert updates.after_sync(ctx.settings, _device_engine(ctx)) == "staged"  # no refetch
    assert run(ctx.settings, "update", "check") == 0
    out = capsys.readouterr().out
    assert "Published version: 1.1.0" in out and "Staged: version 1.1.0" in out


def _device_engine(ctx):
    from counter_app.central import database

    return database.engine_for(credentials.load(ctx.files).url)


def test_a_release_no_trusted_key_signed_is_refused_before_a_byte_is_fetched(
        ctx, central, tmp_path, release_key, stranger_key, monkeypatch):
    package = make_package(tmp_path, stranger_key)
    with monkeypatch.context() as publisher:  # a publisher whose program trusts the stranger
        publisher.setattr(updates, "trusted_keys", lambda: trusted(release_key, stranger_key))
        updates.publish(central, package)
    fetched = []
    monkeypatch.setattr(update_releases, "read_part", lambda *args: fetched.append(args))
    assert updates.after_sync(ctx.settings, _device_engine(ctx)) == "refused"
    assert fetched == []
    state = read_json(updates.update_folder(ctx.settings).state_file)
    assert "does not trust" in state["refused"]["1.1.0"]["reason"]
    assert updates.after_sync(ctx.settings, _device_engine(ctx)) == "none"  # not again


def test_a_withdrawn_release_is_dropped_before_it_is_installed(ctx, central, tmp_path,
                                                               release_key, capsys):
    updates.publish(central, make_package(tmp_path, release_key))
    assert updates.fetch_update(ctx.settings, _device_engine(ctx)) == "staged"
    assert run(ctx.settings, "central", "withdraw-update", "1.1.0", "--url", central) == 0
    assert updates.after_sync(ctx.settings, _device_engine(ctx)) == "none"
    assert staged_update(updates.update_folder(ctx.settings)) is None
    assert run(ctx.settings, "central", "updates", "--url", central) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "\t1.1.0\t1.0.0\t" in listed[-2] and "\twithdrawn " in listed[-2]
    assert listed[-1] == "1 releases, 0 in force"


def test_publishing_refuses_what_the_counters_would_refuse(ctx, fresh_central, tmp_path,
                                                           release_key, stranger_key, capsys):
    assert run(ctx.settings, "central", "publish-update", str(make_package(tmp_path, None)),
               "--url", fresh_central) == 2
    assert "The update package is not signed." in capsys.readouterr().err
    assert run(ctx.settings, "central", "publish-update",
               str(make_package(tmp_path, stranger_key, name="stranger.zip")),
               "--url", fresh_central) == 2
    assert "which this program does not trust" in capsys.readouterr().err
    updates.publish(fresh_central, make_package(tmp_path, release_key, name="first.zip"))
    with pytest.raises(CounterError) as again:
        updates.publish(fresh_central, make_package(tmp_path, release_key, name="again.zip"))
    assert again.value.template == MSG_ALREADY_PUBLISHED


def test_a_device_cannot_publish_or_change_a_release(fresh_central, tmp_path, release_key):
    from counter_app.central import admin

    admin.add_site(fresh_central, "SA01", "site A")
    device = enrolled_device(fresh_central, "SA01")
    release_id = updates.publish(fresh_central, make_package(tmp_path, release_key)).id
    with pytest.raises(CounterError) as refused:  # through the program, as an administrator
        updates.publish(device.url, make_package(tmp_path, release_key, version="1.2.0"))
    assert refused.value.template == MSG_NOT_ADMINISTRATOR
    with psycopg.connect(device.url, autocommit=True) as conn:  # by hand, as an attacker
        for statement in (
                "INSERT INTO central_update_releases (id, version, min_version, platform, "
                "manifest, signature, package_name, package_size, package_sha256, chunk_size, "
                "published_at, published_by) VALUES (gen_random_uuid(), '9.9.9', '0.0.1', "
                "'linux-x86_64', '{}', '{}', 'x.zip', 1, '', 1, now(), 'me')",
                "UPDATE central_update_releases SET min_version = '0.0.1'",
                "UPDATE central_update_releases SET withdrawn_at = now()",
                "DELETE FROM central_update_releases",
                f"INSERT INTO central_update_chunks VALUES ('{release_id}', 99, 'x')",
                "UPDATE central_update_chunks SET data = 'evil'",
                "DELETE FROM central_update_chunks",
                "SELECT * FROM central_update_releases",
                "SELECT * FROM central_update_chunks"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        # what it may: the list, the manifest, the bytes by offset
        assert conn.execute("SELECT version FROM central_update_list()").fetchall() == [
            ("1.1.0",)]
        first = conn.execute("SELECT central_update_part(%s, 0)", (release_id,)).fetchone()[0]
        assert len(first) == 300
        assert conn.execute("SELECT central_update_part(%s, 250)", (release_id,)
                            ).fetchone()[0] == first[250:]
        assert conn.execute("SELECT central_update_part(%s, 10000000)", (release_id,)
                            ).fetchone()[0] is None
    with psycopg.connect(fresh_central) as conn:
        assert conn.execute("SELECT count(*), min(version) FROM central_update_releases "
                            "WHERE withdrawn_at IS NULL").fetchone() == (1, "1.1.0")
