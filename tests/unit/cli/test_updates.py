"""`counter-app update check|apply|self-test` and the install at the start (issue 15):
a package that does not verify exits 2 with its reason; a good one is staged and
installed at the next start, or rolled back when the new version fails its self-check."""

import argparse
import dataclasses
import importlib
import os
import zipfile

import pytest

from counter_app.cli.updates import (add_central_update_commands, add_update_commands,
                                     apply_update_at_start, run_central_update, run_update)
from counter_app.qt.i18n import command_line_language
from counter_app.services import updates
from counter_app.updates.outcomes import CheckResult
from counter_app.updates.state import read_json
from tests.update_helpers import release_key, stranger_key  # noqa: F401 - fixtures
from tests.update_helpers import INSTALLED, make_package, program_folder, rewrite_package, trusted


cli_main = importlib.import_module("counter_app.cli.main")  # the package's `main` is the function


@pytest.fixture(autouse=True)
def trusting_the_test_key(monkeypatch, release_key):
    monkeypatch.setattr(updates, "trusted_keys", lambda: trusted(release_key))
    monkeypatch.setattr(updates, "installed_version", lambda: INSTALLED)


def run(settings, *argv) -> int:
    """The command as counter-app runs it (cli.main: translators, errors to exit codes),
    with the update commands in the parser whether or not main.py lists them yet."""
    settings = dataclasses.replace(settings, language="en")  # as COUNTER_LANGUAGE=en says
    with command_line_language(settings):
        parser = argparse.ArgumentParser(prog="counter-app")
        commands = parser.add_subparsers(dest="command")
        add_update_commands(commands)
        central = commands.add_parser("central").add_subparsers(dest="central_command")
        add_central_update_commands(central)
        args = parser.parse_args(argv)
        if args.command == "central":
            return cli_main._run(lambda _settings, args_: run_central_update(args_), settings,
                                 args)
        return cli_main._run(run_update, settings, args)


def test_a_good_package_is_staged_and_check_says_so(counter_env, tmp_path, release_key,
                                                    capsys):
    package = make_package(tmp_path, release_key)
    assert run(counter_env, "update", "apply", str(package)) == 0
    out = capsys.readouterr().out
    assert "Version 1.1.0 verified (3 files) and staged: it is installed at the next start." in out
    assert "does not run from an installed program folder" in out  # a checkout: no program_dir
    assert run(counter_env, "update", "check", "--offline") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Installed version: 1.0.0",
        "Published version: not known yet (no sync has asked)",
        "Staged: version 1.1.0, installed at the next start",
        f"Last update: version 1.1.0 staged at "
        f"{read_json(updates.update_folder(counter_env).state_file)['history'][0]['at']} UTC."]


def _flipped(package):
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo("program/_internal/library.so")
    data = bytearray(package.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + 5] ^= 0x40
    package.write_bytes(bytes(data))
    return package


@pytest.mark.parametrize(("make", "words"), [
    (lambda tmp, good, _other: _flipped(make_package(tmp, good)),
     "The update package is damaged: _internal/library.so differs from its manifest."),
    (lambda tmp, _good, other: make_package(tmp, other),
     "which this program does not trust"),
    (lambda tmp, good, _other: make_package(tmp, good, version="0.9.0", min_version="0.1.0"),
     "Version 0.9.0 is not newer than the installed version 1.0.0."),
    (lambda tmp, good, _other: make_package(tmp, good, version="1.0.0"),
     "Version 1.0.0 is not newer than the installed version 1.0.0."),
    (lambda tmp, good, _other: rewrite_package(make_package(tmp, good), tmp / "cut.zip",
                                               drop="program/counter-app"),
     "The update package lacks counter-app, which its manifest lists."),
    (lambda tmp, _good, _other: tmp,
     "This is not an update package of Counter: not an ordinary file"),
])
def test_a_package_that_does_not_verify_exits_2_with_the_reason(
        counter_env, tmp_path, release_key, stranger_key, capsys, make, words):
    bad = make(tmp_path, release_key, stranger_key)
    assert run(counter_env, "update", "apply", str(bad)) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: ")
    assert words in captured.err
    assert updates.update_status(counter_env).staged == ""


def test_a_fifo_is_refused_without_waiting(counter_env, tmp_path, capsys):
    fifo = tmp_path / "package.zip"
    os.mkfifo(fifo)
    assert run(counter_env, "update", "apply", str(fifo)) == 2
    assert "not an ordinary file" in capsys.readouterr().err


def test_the_self_test_loads_the_program(counter_env, capsys):
    assert run(counter_env, "update", "self-test") == 0
    assert capsys.readouterr().out.strip() == "self-test passed"


def test_the_next_start_installs_the_staged_update_and_restarts(counter_env, tmp_path,
                                                               release_key, monkeypatch):
    program = program_folder(tmp_path / "opt" / "counter-app", INSTALLED)
    settings = dataclasses.replace(counter_env, program_dir=str(program))
    assert run(settings, "update", "apply", str(make_package(tmp_path, release_key))) == 0
    restarted = []
    monkeypatch.setattr(updates, "new_program_check", lambda folder: CheckResult(
        (folder / "_internal" / "resources" / "version.txt").read_text() == "1.1.0"))
    monkeypatch.setattr(updates, "restart_program", lambda: restarted.append(True))
    apply_update_at_start(settings)
    assert restarted == [True]
    assert (program / "_internal" / "resources" / "version.txt").read_text() == "1.1.0"
    apply_update_at_start(settings)  # nothing left to do
    assert restarted == [True]


def test_a_new_version_failing_its_self_check_is_rolled_back_at_the_start(
        counter_env, tmp_path, release_key, monkeypatch, capsys):
    program = program_folder(tmp_path / "opt" / "counter-app", INSTALLED)
    settings = dataclasses.replace(counter_env, program_dir=str(program))
    assert run(settings, "update", "apply", str(make_package(tmp_path, release_key))) == 0
    monkeypatch.setattr(updates, "new_program_check",
                        lambda _folder: CheckResult(False, "exit code 1"))
    monkeypatch.setattr(updates, "restart_program", pytest.fail)
    capsys.readouterr()
    with command_line_language(dataclasses.replace(settings, language="en")):
        apply_update_at_start(settings)
    assert capsys.readouterr().err == (
        "error: Version 1.1.0 failed its start-up self-check (exit code 1); version 1.0.0 "
        "was put back.\n")
    assert (program / "_internal" / "resources" / "version.txt").read_text() == INSTALLED
    assert run(settings, "update", "check", "--offline") == 0
    assert "Last update: version 1.1.0 rolled back at" in capsys.readouterr().out


def test_the_real_self_check_runs_the_new_program_as_a_child(tmp_path):
    program = program_folder(tmp_path / "counter-app", "1.1.0")
    launcher = program / updates.EXECUTABLE
    launcher.write_text('#!/bin/sh\n[ "$1 $2 $COUNTER_UPDATE_TRIAL" = "update self-test 1" ]\n')
    assert updates.new_program_check(program)
    launcher.write_text("#!/bin/sh\nexit 3\n")
    assert updates.new_program_check(program) == CheckResult(False, "exit code 3")
    launcher.write_text("#!/bin/sh\nsleep 5\n")
    assert not updates.new_program_check(program, timeout_s=0.2)
    launcher.unlink()
    assert updates.new_program_check(program).problem.startswith("it does not start")


def test_a_broken_install_never_keeps_the_counter_from_starting(counter_env, monkeypatch,
                                                                caplog):
    def broken(_settings):
        raise PermissionError("data folder")

    monkeypatch.setattr(updates, "apply_at_start", broken)
    apply_update_at_start(counter_env)  # returns: the window starts
    assert "installing the staged update failed: PermissionError" in caplog.text


def test_nothing_staged_costs_the_start_nothing(counter_env, monkeypatch):
    monkeypatch.setattr(updates, "program_dir", pytest.fail)
    assert updates.apply_at_start(counter_env).event == "nothing"


def test_the_commands_are_wired_into_counter_app():
    parser = cli_main.build_parser()
    if "update" not in cli_main.COMMANDS:
        pytest.skip("counter_app/cli/main.py does not list `update` yet")
    assert parser.parse_args(["update", "check"]).update_command == "check"
    assert parser.parse_args(["central", "updates", "--url", "x"]).central_command == "updates"
