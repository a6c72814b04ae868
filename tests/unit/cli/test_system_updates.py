"""A counter whose program folder belongs to root (issue 15, the .deb): at its start it
hands the staged update to the system's update service and waits; the service
(`counter-app update install-system`, root) verifies it again and swaps the folder; the
counter starts again in the new version, or records the service's refusal or rollback;
`update check` says what the service did. The service is run in-process here, as the
test's user (its test switch), on temporary folders."""

import argparse
import dataclasses
import importlib
import os

import pytest

from counter_app.cli.updates import add_update_commands, apply_update_at_start, run_update
from counter_app.qt.i18n import command_line_language
from counter_app.services import system_updates, updates
from counter_app.updates.install import stage_package
from counter_app.updates.outcomes import CheckResult
from counter_app.updates.package import read_signed_manifest
from counter_app.updates.signing import sign_manifest
from counter_app.updates.state import read_json
from tests.update_helpers import release_key  # noqa: F401 - fixture
from tests.update_helpers import INSTALLED, make_package, program_folder, trusted

cli_main = importlib.import_module("counter_app.cli.main")  # the package's `main` is the function


@pytest.fixture(autouse=True)
def trusting_the_test_key(monkeypatch, release_key):
    monkeypatch.setattr(updates, "trusted_keys", lambda: trusted(release_key))
    monkeypatch.setattr(updates, "installed_version", lambda: INSTALLED)


@pytest.fixture
def deb_counter(counter_env, tmp_path, release_key, monkeypatch):
    """Version 1.0.0 in a program folder this user may not swap, the .deb's spool, and
    version 1.1.0 staged as a download stages it (its signature beside the package)."""
    program = program_folder(tmp_path / "opt" / "counter-app", INSTALLED)
    spool = tmp_path / "var" / "updates" / "incoming"
    spool.mkdir(parents=True)
    spool.parent.chmod(0o755)
    spool.chmod(0o1733)
    settings = dataclasses.replace(counter_env, program_dir=str(program),
                                   update_spool=str(spool))
    monkeypatch.setattr(system_updates, "may_replace", lambda _program: False)  # root's
    package = make_package(tmp_path, None)
    stage_package(updates.update_folder(settings), package, trusted(release_key),
                  installed_version=INSTALLED,
                  signature=sign_manifest(read_signed_manifest(package).data, release_key))
    return settings, program, spool


def run(settings, *argv) -> int:
    settings = dataclasses.replace(settings, language="en")
    with command_line_language(settings):
        parser = argparse.ArgumentParser(prog="counter-app")
        add_update_commands(parser.add_subparsers(dest="command"))
        return cli_main._run(run_update, settings, parser.parse_args(argv))


def _service_runs_when_the_counter_waits(monkeypatch, settings, check=lambda _folder: True):
    """The path unit: the service runs once the counter has handed the file over."""
    runs = []

    def service(_seconds):
        if not runs:
            monkeypatch.setenv(system_updates.AS_USER_ENV, "1")
            monkeypatch.setattr(updates, "new_program_check", check)
            runs.append(run(settings, "update", "install-system"))

    monkeypatch.setattr(system_updates, "_sleep", service)
    return runs


def _version_in(program) -> str:
    return (program / "_internal" / "resources" / "version.txt").read_text()


def test_the_start_hands_the_update_to_the_service_and_restarts_into_it(
        deb_counter, monkeypatch, capsys):
    settings, program, spool = deb_counter
    runs = _service_runs_when_the_counter_waits(monkeypatch, settings)
    restarted = []
    monkeypatch.setattr(updates, "restart_program", lambda: restarted.append(True))
    apply_update_at_start(settings)
    assert runs == [0] and restarted == [True]
    assert "Version 1.1.0 installed." in capsys.readouterr().out
    assert _version_in(program) == "1.1.0" and os.listdir(spool) == []
    state = read_json(updates.update_folder(settings).state_file)
    assert "staged" not in state and "handed_over" not in state
    assert [event["event"] for event in state["history"][:2]] == ["installed", "handed_over"]
    monkeypatch.setattr(updates, "installed_version", lambda: "1.1.0")  # the new program
    assert run(settings, "update", "check", "--offline") == 0
    out = capsys.readouterr().out
    assert "Staged: nothing" in out
    assert "System's update service: version 1.1.0 installed at " in out


def test_a_rollback_by_the_service_is_refused_here_too(deb_counter, monkeypatch, capsys):
    settings, program, spool = deb_counter
    _service_runs_when_the_counter_waits(
        monkeypatch, settings, check=lambda _folder: CheckResult(False, "exit code 1"))
    monkeypatch.setattr(updates, "restart_program", pytest.fail)
    with command_line_language(dataclasses.replace(settings, language="en")):
        apply_update_at_start(settings)
    assert capsys.readouterr().err.endswith(
        "error: Version 1.1.0 failed its start-up self-check (exit code 1); version 1.0.0 "
        "was put back.\n")
    assert _version_in(program) == INSTALLED
    folder = updates.update_folder(settings)
    state = read_json(folder.state_file)
    assert "1.1.0" in state["refused"] and "staged" not in state
    assert state["history"][0]["event"] == "rolled_back"
    assert run(settings, "update", "check", "--offline") == 0
    assert ("System's update service: version 1.1.0 rolled back at "
            in capsys.readouterr().out)


def test_a_service_that_takes_nothing_costs_a_short_wait_and_gives_up_after_three_starts(
        deb_counter, monkeypatch):
    settings, program, spool = deb_counter
    monkeypatch.setattr(system_updates, "PICKUP_S", 0)
    monkeypatch.setattr(system_updates, "_sleep", pytest.fail)  # never waits longer
    folder = updates.update_folder(settings)
    for start in range(1, system_updates.MAX_MISSES):
        assert updates.apply_at_start(settings).event == "nothing"
        assert os.listdir(spool) == []  # taken back: the service never swaps a running one
        state = read_json(folder.state_file)
        assert state["staged"]["version"] == "1.1.0"
        assert state["handed_over"]["misses"] == start
    outcome = updates.apply_at_start(settings)
    assert outcome.event == "refused"
    assert "did not take version 1.1.0 (3 starts)" in str(outcome.error)
    assert "staged" not in read_json(folder.state_file)
    assert _version_in(program) == INSTALLED


def test_an_install_the_service_finished_after_the_wait_is_recorded_at_the_next_start(
        deb_counter, monkeypatch, tmp_path):
    settings, program, spool = deb_counter
    taken = tmp_path / "taken"
    taken.mkdir()

    def the_service_takes_it(_seconds):  # ... and is slower than the counter waits
        for name in os.listdir(spool):
            os.replace(spool / name, taken / name)

    ticks = iter([0, 0, system_updates.INSTALL_WAIT_S])
    monkeypatch.setattr(system_updates, "_clock", lambda: next(ticks))
    monkeypatch.setattr(system_updates, "_sleep", the_service_takes_it)
    assert updates.apply_at_start(settings).event == "nothing"  # the old version runs on
    for name in os.listdir(taken):
        os.replace(taken / name, spool / name)
    monkeypatch.setenv(system_updates.AS_USER_ENV, "1")
    monkeypatch.setattr(updates, "new_program_check", lambda _folder: True)
    assert run(settings, "update", "install-system") == 0  # the service, finishing
    monkeypatch.setattr(updates, "installed_version", lambda: "1.1.0")  # the next start
    assert updates.apply_at_start(settings).event == "nothing"
    state = read_json(updates.update_folder(settings).state_file)
    assert "staged" not in state and "handed_over" not in state
    assert state["history"][0]["event"] == "installed"


def test_a_writable_program_folder_installs_as_before(deb_counter, monkeypatch):
    settings, program, spool = deb_counter
    monkeypatch.setattr(system_updates, "may_replace", lambda _program: True)
    monkeypatch.setattr(updates, "new_program_check", lambda _folder: True)
    assert updates.apply_at_start(settings).event == "installed"
    assert os.listdir(spool) == [] and _version_in(program) == "1.1.0"


def test_install_system_refuses_to_run_as_another_user_than_root(deb_counter, monkeypatch,
                                                                  capsys):
    settings, program, spool = deb_counter
    monkeypatch.delenv(system_updates.AS_USER_ENV, raising=False)
    user = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert run(settings, "update", "install-system") == 1
    assert "it runs as root" in capsys.readouterr().err
    monkeypatch.setattr(os, "geteuid", lambda: user)  # the folders' owner, as root is
    monkeypatch.setenv(system_updates.AS_USER_ENV, "1")
    assert run(settings, "update", "install-system", "--spool", str(spool),
               "--program-dir", str(program)) == 0
    assert capsys.readouterr().out.strip() == "Nothing to install."


def test_install_system_exits_2_when_a_file_is_refused(deb_counter, monkeypatch, capsys):
    settings, program, spool = deb_counter
    monkeypatch.setenv(system_updates.AS_USER_ENV, "1")
    (spool / "junk.zip").write_text("junk")
    assert run(settings, "update", "install-system") == 2
    assert "not a zip archive" in capsys.readouterr().err
    assert os.listdir(spool) == []


def test_install_system_is_wired_into_counter_app():
    args = cli_main.build_parser().parse_args(["update", "install-system", "--spool", "/s",
                                               "--program-dir", "/p"])
    assert (args.update_command, str(args.spool), str(args.program_dir)) == (
        "install-system", "/s", "/p")
