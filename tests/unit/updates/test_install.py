"""Install on the next start, with a rollback (issue 15): a good package replaces the
program folder and keeps the old one; a failing self-check puts the old one back; a crash
at any step leaves a whole version in the program folder, and the next start finishes or
undoes the install."""

import json

import pytest

from counter_app.updates import errors, install, swap
from counter_app.updates.install import apply_staged, stage_package
from counter_app.updates.outcomes import CheckResult
from counter_app.updates.state import UpdateFolder, read_json
from tests.update_helpers import INSTALLED, make_package, program_folder, trusted


class Crash(BaseException):
    """The power going off: nothing after it runs, no handler catches it."""


@pytest.fixture
def counter(tmp_path, release_key):
    """A counter running version 1.0.0 from /opt/counter-app (a temporary stand-in), with
    version 1.1.0 staged."""
    program = program_folder(tmp_path / "opt" / "counter-app", INSTALLED)
    folder = UpdateFolder(tmp_path / "data" / "updates")
    package = make_package(tmp_path, release_key)
    stage_package(folder, package, trusted(release_key), installed_version=INSTALLED)
    return folder, program


def _version_in(folder) -> str:
    """The version a program folder holds, after checking it is whole."""
    versions = {(folder / "_internal" / "resources" / "version.txt").read_text(),
                (folder / "counter-app").read_text().split()[-1],
                (folder / "_internal" / "library.so").read_bytes()[-5:].decode()}
    assert len(versions) == 1, f"a mixed program folder: {versions}"
    return versions.pop()


def _apply(folder, program, key, check=lambda _program: True):
    return apply_staged(folder, program, installed_version=INSTALLED, trusted=trusted(key),
                        self_check=check)


def test_a_good_package_installs_and_keeps_the_previous_version(counter, release_key):
    folder, program = counter
    seen = []
    outcome = _apply(folder, program, release_key,
                     check=lambda checked: seen.append(_version_in(checked)) or True)
    assert (outcome.event, outcome.version, outcome.restart) == ("installed", "1.1.0", True)
    assert seen == ["1.1.0"]  # the self-check ran on the new version in its place
    assert _version_in(program) == "1.1.0"
    assert _version_in(program.with_name("counter-app.previous")) == INSTALLED
    assert not program.with_name("counter-app.incoming").exists()
    state = read_json(folder.state_file)
    assert state["installed"] == {"version": "1.1.0", "previous": INSTALLED}
    assert "staged" not in state and not list(folder.staged_dir.iterdir())
    assert [event["event"] for event in state["history"]] == ["installed", "staged"]
    assert read_json(folder.journal_file) == {}
    assert _apply(folder, program, release_key).event == "nothing"  # once


def test_a_failing_self_check_rolls_back(counter, release_key):
    folder, program = counter
    outcome = _apply(folder, program, release_key,
                     check=lambda _program: CheckResult(False, "the window did not open"))
    assert (outcome.event, outcome.restart) == ("rolled_back", False)
    assert outcome.error.template == errors.MSG_SELF_CHECK_FAILED
    assert str(outcome.error) == ("Version 1.1.0 failed its start-up self-check (the window "
                                  "did not open); version 1.0.0 was put back.")
    assert _version_in(program) == INSTALLED
    assert not program.with_name("counter-app.previous").exists()  # the failed one is gone
    state = read_json(folder.state_file)
    assert "1.1.0" in state["refused"] and "staged" not in state
    event = state["history"][0]
    assert event["event"] == "rolled_back" and "the window did not open" in event["reason"]
    assert read_json(folder.journal_file) == {}


def test_a_self_check_that_breaks_counts_as_failed(counter, release_key):
    folder, program = counter

    def broken(_program):
        raise RuntimeError("boom")

    outcome = _apply(folder, program, release_key, check=broken)
    assert outcome.event == "rolled_back"
    assert outcome.error.params["problem"] == "the self-check raised RuntimeError"
    assert _version_in(program) == INSTALLED


def test_a_staged_package_changed_on_disk_is_refused_at_the_start(counter, release_key):
    folder, program = counter
    staged = install.staged_update(folder)
    data = bytearray(staged.package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    staged.package.write_bytes(bytes(data))
    outcome = _apply(folder, program, release_key)
    assert outcome.event == "refused" and outcome.error is not None
    assert _version_in(program) == INSTALLED
    assert install.staged_update(folder) is None


def _crash_at(monkeypatch, target, name, after_calls=0, run_first=False):
    """Make target.name crash on its (after_calls+1)-th call, before (or after) running."""
    real = getattr(target, name)
    calls = []

    def crashing(*args, **kwargs):
        calls.append(args)
        if len(calls) > after_calls:
            if run_first:
                real(*args, **kwargs)
            raise Crash(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, crashing)


@pytest.mark.parametrize(("target", "name", "after_calls", "run_first", "at_crash"), [
    (install, "extract_package", 0, False, INSTALLED),   # unpacking
    (install, "exchange", 0, False, INSTALLED),          # before the swap
    (install, "exchange", 0, True, "1.1.0"),             # right after the swap
    (install, "_check_new_version", 0, False, "1.1.0"),  # before the self-check
])
def test_a_crash_during_the_install_leaves_a_whole_version_and_the_next_start_finishes(
        counter, release_key, monkeypatch, target, name, after_calls, run_first, at_crash):
    folder, program = counter
    with monkeypatch.context() as patched:
        _crash_at(patched, target, name, after_calls, run_first)
        with pytest.raises(Crash):
            _apply(folder, program, release_key)
    assert _version_in(program) == at_crash  # runnable at the moment of the crash
    assert read_json(folder.journal_file)["phase"]
    outcome = _apply(folder, program, release_key)
    assert (outcome.event, _version_in(program)) == ("installed", "1.1.0")
    assert _version_in(program.with_name("counter-app.previous")) == INSTALLED
    assert read_json(folder.journal_file) == {}
    assert not program.with_name("counter-app.incoming").exists()


def test_a_crash_during_the_rollback_is_rolled_back_at_the_next_start(counter, release_key,
                                                                      monkeypatch):
    folder, program = counter
    with monkeypatch.context() as patched:
        _crash_at(patched, install, "exchange", after_calls=1)  # the swap back
        with pytest.raises(Crash):
            _apply(folder, program, release_key, check=lambda _program: False)
    assert _version_in(program) == "1.1.0"
    assert read_json(folder.journal_file)["phase"] == "rolling_back"
    outcome = _apply(folder, program, release_key)
    assert outcome.event == "rolled_back" and _version_in(program) == INSTALLED
    assert read_json(folder.journal_file) == {}


def test_an_install_that_keeps_crashing_is_given_up(counter, release_key):
    folder, program = counter

    def power_cut(_program):
        raise Crash("self-check")

    for _start in range(install.MAX_ATTEMPTS):
        with pytest.raises(Crash):
            _apply(folder, program, release_key, check=power_cut)
    outcome = _apply(folder, program, release_key, check=power_cut)
    assert outcome.event == "rolled_back"
    assert outcome.error.params["problem"] == install.PROBLEM_INTERRUPTED
    assert _version_in(program) == INSTALLED


def test_without_an_atomic_exchange_three_renames_do_and_a_crash_between_them_is_undone(
        counter, release_key, monkeypatch):
    folder, program = counter
    monkeypatch.setattr(swap, "_renameat2", lambda: None)
    real_replace = swap.os.replace

    def cut_after_the_first(source, target):
        if source == program.with_name("counter-app.incoming"):  # the second of three
            raise Crash("between renames")
        real_replace(source, target)

    with monkeypatch.context() as patched:
        patched.setattr(swap.os, "replace", cut_after_the_first)
        with pytest.raises(Crash):
            _apply(folder, program, release_key)
    assert not program.exists()  # the one moment a launcher outside would have to wait
    outcome = _apply(folder, program, release_key)
    assert (outcome.event, _version_in(program)) == ("installed", "1.1.0")
    assert _version_in(program.with_name("counter-app.previous")) == INSTALLED


def test_the_atomic_exchange_swaps_two_folders(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "x").write_text("a")
    (second / "x").write_text("b")
    swap.exchange(first, second)
    assert ((first / "x").read_text(), (second / "x").read_text()) == ("b", "a")
    assert not swap.halfway_name(first).exists()


def test_the_state_files_hold_no_more_than_versions_and_reasons(counter, release_key):
    folder, program = counter
    _apply(folder, program, release_key, check=lambda _program: False)
    text = json.dumps(read_json(folder.state_file))
    assert "1.1.0" in text and str(program.parent) not in text
