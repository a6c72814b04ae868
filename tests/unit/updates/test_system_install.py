"""The system's update service (issue 15, a .deb's root-owned /opt/counter-app): what a
counter hands over is verified again by the service itself, installed with the swap,
self-test and rollback, and reported in a status file; anything else a local user drops
into the spool (a link, a FIFO, a folder, a hard link, an altered, unsigned, foreign or
older package, a file changed while it is read) is refused and removed, and the program
folder stays as it was. Temporary folders stand in for /opt and /var/lib; no root needed."""

import json
import os
import stat
import zipfile

import pytest

from counter_app.updates import system
from counter_app.updates.errors import MSG_UNSAFE_SYSTEM_FOLDER, UpdateError
from counter_app.updates.outcomes import CheckResult
from counter_app.updates.package import read_signed_manifest
from counter_app.updates.signing import sign_manifest
from counter_app.updates.state import read_json
from counter_app.updates.system import SystemUpdates, hand_over, install_from_spool
from tests.update_helpers import INSTALLED, make_package, program_folder, trusted


class Crash(BaseException):
    """The power going off: nothing after it runs, no handler catches it."""


@pytest.fixture
def machine(tmp_path):
    """Version 1.0.0 in <tmp>/opt/counter-app, and the .deb's folders as it makes them:
    <tmp>/var/updates (0755) holding the spool incoming/ (1733)."""
    program = program_folder(tmp_path / "opt" / "counter-app", INSTALLED)
    spool = tmp_path / "var" / "updates" / "incoming"
    spool.mkdir(parents=True)
    spool.parent.chmod(0o755)
    spool.chmod(0o1733)
    return SystemUpdates(spool), program


def _install(updates, program, key, check=lambda _program: True):
    return install_from_spool(updates, program, installed_version=INSTALLED,
                              trusted=trusted(key), self_check=check)


def _version_in(folder) -> str:
    return (folder / "_internal" / "resources" / "version.txt").read_text()


def _handed_over(updates, tmp_path, key, version="1.1.0"):
    """A package handed over as a counter does after a download: the package unsigned,
    its signature beside it (the central database's column)."""
    package = make_package(tmp_path, None, version=version)
    signature = sign_manifest(read_signed_manifest(package).data, key)
    return hand_over(updates, package, signature, version)


def _dropped(updates, package, name="dropped.zip"):
    """*package* copied into the spool by hand, as any local user may."""
    (updates.spool / name).write_bytes(package.read_bytes())


def _assert_untouched(updates, program):
    assert _version_in(program) == INSTALLED
    assert not program.with_name("counter-app.previous").exists()
    assert not program.with_name("counter-app.incoming").exists()
    assert os.listdir(updates.spool) == []


def _status(updates) -> dict:
    return read_json(updates.status_file)


def test_a_package_a_counter_handed_over_is_verified_again_and_installed(
        machine, tmp_path, release_key):
    updates, program = machine
    name = _handed_over(updates, tmp_path, release_key)
    handed = updates.spool / name
    assert stat.S_ISREG(os.lstat(handed).st_mode) and os.lstat(handed).st_nlink == 1
    assert stat.S_IMODE(os.lstat(handed).st_mode) == 0o600  # nobody else may read it
    assert read_signed_manifest(handed).signature is not None  # it carries its signature

    seen = []
    outcomes = _install(updates, program, release_key,
                        check=lambda folder: seen.append(_version_in(folder)) or True)
    assert [(o.event, o.version) for o in outcomes] == [("installed", "1.1.0")]
    assert seen == ["1.1.0"]
    assert _version_in(program) == "1.1.0"
    assert _version_in(program.with_name("counter-app.previous")) == INSTALLED
    assert os.listdir(updates.spool) == []
    status = _status(updates)
    assert {key: status[key] for key in ("version", "outcome", "reason")} == {
        "version": "1.1.0", "outcome": "installed", "reason": ""}
    assert [entry["outcome"] for entry in status["recent"]] == ["installed"]
    assert stat.S_IMODE(os.stat(updates.status_file).st_mode) == 0o644  # every user reads it
    assert stat.S_IMODE(os.stat(updates.work.root).st_mode) == 0o700  # root's alone
    assert _install(updates, program, release_key) == []  # nothing left to do


def test_a_failing_self_test_rolls_back_and_the_status_says_why(machine, tmp_path,
                                                                 release_key):
    updates, program = machine
    _handed_over(updates, tmp_path, release_key)
    outcomes = _install(updates, program, release_key,
                        check=lambda _folder: CheckResult(False, "exit code 1"))
    assert [(o.event, o.version) for o in outcomes] == [("rolled_back", "1.1.0")]
    _assert_untouched(updates, program)
    status = _status(updates)
    assert (status["version"], status["outcome"]) == ("1.1.0", "rolled_back")
    assert "exit code 1" in status["reason"]


def _flipped(package):
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo("program/_internal/library.so")
    data = bytearray(package.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + 5] ^= 0x40
    package.write_bytes(bytes(data))
    return package


def _symlink_to_a_good_package(updates, tmp_path, good, _other):
    package = make_package(tmp_path, good)
    (updates.spool / "link.zip").symlink_to(package)
    return package


def _symlink_to_a_folder(updates, tmp_path, _good, _other):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "keep.txt").write_text("not the service's")
    (updates.spool / "link").symlink_to(folder)
    return folder / "keep.txt"


def _hard_link_to_a_good_package(updates, tmp_path, good, _other):
    package = make_package(tmp_path, good)
    os.link(package, updates.spool / "linked.zip")
    return package


def _junk(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_text("junk")
    return junk


def _fifo(updates, _tmp, _good, _other):
    os.mkfifo(updates.spool / "fifo.zip")


def _folder(updates, tmp_path, good, _other):
    inside = updates.spool / "folder"
    inside.mkdir()
    (inside / "package.zip").write_bytes(make_package(tmp_path, good).read_bytes())


@pytest.mark.parametrize(("drop", "words", "version"), [
    (_symlink_to_a_good_package, "a symbolic link", ""),
    (_symlink_to_a_folder, "a symbolic link", ""),
    (_hard_link_to_a_good_package, "linked more than once", ""),
    (_fifo, "not an ordinary file", ""),
    (_folder, "not an ordinary file", ""),
    (lambda updates, tmp, good, _other: _dropped(updates, _flipped(make_package(tmp, good))),
     "The update package is damaged: _internal/library.so differs from its manifest.",
     "1.1.0"),
    (lambda updates, tmp, _good, _other: _dropped(updates, make_package(tmp, None)),
     "The update package is not signed.", "1.1.0"),
    (lambda updates, tmp, _good, other: _dropped(updates, make_package(tmp, other)),
     "which this program does not trust", "1.1.0"),
    (lambda updates, tmp, good, _other: _dropped(updates, make_package(
        tmp, good, version="0.9.0", min_version="0.1.0")),
     "Version 0.9.0 is not newer than the installed version 1.0.0.", "0.9.0"),
    (lambda updates, _tmp, _good, _other: _dropped(updates, _junk(_tmp)), "not a zip archive",
     ""),
])
def test_whatever_else_a_local_user_drops_is_refused_and_removed(
        machine, tmp_path, release_key, stranger_key, drop, words, version):
    updates, program = machine
    outside = drop(updates, tmp_path, release_key, stranger_key)
    before = outside.read_bytes() if outside else None
    outcomes = _install(updates, program, release_key)
    assert [(o.event, o.version) for o in outcomes] == [("refused", version)]
    assert words in str(outcomes[0].error)
    _assert_untouched(updates, program)
    if outside:  # what a link pointed to is neither read into an install nor removed
        assert outside.read_bytes() == before
    status = _status(updates)
    assert (status["version"], status["outcome"]) == (version, "refused")


def test_a_package_over_the_size_limit_is_refused(machine, tmp_path, release_key,
                                                   monkeypatch):
    updates, program = machine
    monkeypatch.setattr(system, "MAX_SPOOL_BYTES", 1024)
    _handed_over(updates, tmp_path, release_key)
    outcomes = _install(updates, program, release_key)
    assert "larger than" in str(outcomes[0].error)
    _assert_untouched(updates, program)


def test_what_is_verified_and_installed_is_root_s_own_copy(machine, tmp_path, release_key,
                                                           monkeypatch):
    """The owner of a handed-over file can write to it at any time (an open descriptor):
    a change made after the copy does not reach the install."""
    updates, program = machine
    name = _handed_over(updates, tmp_path, release_key)
    owner = open(updates.spool / name, "r+b")  # the counter's user, still holding it
    copied = system._copy_capped

    def copy_then_change(source, copy):
        copied(source, copy)
        assert copy.parent == updates.work.download_dir
        assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
        owner.write(_flipped(make_package(tmp_path, release_key, name="later.zip")).read_bytes())
        owner.flush()

    monkeypatch.setattr(system, "_copy_capped", copy_then_change)
    outcomes = _install(updates, program, release_key)
    owner.close()
    assert [(o.event, o.version) for o in outcomes] == [("installed", "1.1.0")]
    assert (program / "_internal" / "library.so").read_bytes()[-5:] == b"1.1.0"


def test_a_file_changed_while_it_is_copied_is_refused(machine, tmp_path, release_key,
                                                      monkeypatch):
    updates, program = machine
    name = _handed_over(updates, tmp_path, release_key)
    damaged = _flipped(make_package(tmp_path, release_key, name="damaged.zip")).read_bytes()
    copied = system._copy_capped

    def change_then_copy(source, copy):  # the root service has the file open already
        with open(updates.spool / name, "r+b") as owner:
            owner.write(damaged)
        copied(source, copy)

    monkeypatch.setattr(system, "_copy_capped", change_then_copy)
    outcomes = _install(updates, program, release_key)
    assert [o.event for o in outcomes] == ["refused"]
    assert "damaged" in str(outcomes[0].error)
    _assert_untouched(updates, program)


def test_a_file_swapped_between_the_look_and_the_open_is_refused(machine, tmp_path,
                                                                 release_key, monkeypatch):
    updates, program = machine
    name = _handed_over(updates, tmp_path, release_key)
    other = tmp_path / "other.zip"
    other.write_bytes(make_package(tmp_path, release_key, name="another.zip").read_bytes())
    checked = system._check_entry
    swapped = []

    def swap_after_the_look(status):
        checked(status)
        if not swapped:  # after the stat, before the open
            swapped.append(True)
            os.replace(other, updates.spool / name)

    monkeypatch.setattr(system, "_check_entry", swap_after_the_look)
    outcomes = _install(updates, program, release_key)
    assert "replaced while being taken" in str(outcomes[0].error)
    _assert_untouched(updates, program)


def test_the_newest_package_that_verifies_is_installed_and_the_rest_refused(
        machine, tmp_path, release_key, stranger_key):
    updates, program = machine
    _handed_over(updates, tmp_path, release_key, version="1.1.0")
    _handed_over(updates, tmp_path, release_key, version="1.2.0")
    _dropped(updates, make_package(tmp_path, stranger_key, version="1.3.0"), "a.zip")
    (updates.spool / "b.zip").write_text("junk")
    outcomes = _install(updates, program, release_key)
    assert sorted((o.event, o.version) for o in outcomes) == [
        ("installed", "1.2.0"), ("refused", ""), ("refused", "1.3.0")]
    assert _version_in(program) == "1.2.0"
    assert os.listdir(updates.spool) == []
    status = _status(updates)
    assert (status["version"], status["outcome"]) == ("1.2.0", "installed")  # the install first
    assert len(status["recent"]) == 3


def test_the_service_writes_only_beside_the_program_and_in_its_own_folder(
        machine, tmp_path, release_key):
    updates, program = machine
    _handed_over(updates, tmp_path, release_key)
    before = {path for path in tmp_path.rglob("*")}
    _install(updates, program, release_key)
    after = {path for path in tmp_path.rglob("*")}
    places = (program.parent, updates.root)
    assert all(any(path.is_relative_to(place) for place in places) for path in after ^ before)


def test_an_install_cut_short_is_finished_by_the_next_run_at_boot(machine, tmp_path,
                                                                  release_key):
    updates, program = machine
    _handed_over(updates, tmp_path, release_key)

    def power_cut(_folder):
        raise Crash

    with pytest.raises(Crash):
        _install(updates, program, release_key, check=power_cut)
    assert os.listdir(updates.spool) == []  # taken before the install began
    outcomes = _install(updates, program, release_key)  # the boot's run, nothing handed over
    assert [(o.event, o.version) for o in outcomes] == [("installed", "1.1.0")]
    assert _version_in(program) == "1.1.0"
    assert _status(updates)["outcome"] == "installed"


@pytest.mark.parametrize("make_unsafe", [
    lambda updates, tmp: updates.root.chmod(0o777),
    lambda updates, tmp: (updates.spool.rmdir(), updates.spool.symlink_to(tmp)),
    lambda updates, tmp: (tmp / "opt").chmod(0o777),  # beside the program: a name swapped in
])
def test_folders_others_could_change_are_not_worked_in(machine, tmp_path, release_key,
                                                       make_unsafe):
    updates, program = machine
    make_unsafe(updates, tmp_path)
    with pytest.raises(UpdateError) as refused:
        _install(updates, program, release_key)
    assert refused.value.template == MSG_UNSAFE_SYSTEM_FOLDER
    assert _version_in(program) == INSTALLED


def test_the_status_holds_versions_outcomes_reasons_and_times_only(machine, tmp_path,
                                                                   release_key):
    updates, program = machine
    for version in ("1.1.0", "1.2.0"):
        _handed_over(updates, tmp_path, release_key, version=version)
        _install(updates, program, release_key, check=lambda _folder: False)
    status = json.loads(updates.status_file.read_text())
    assert set(status) == {"at", "version", "outcome", "reason", "recent"}
    assert all(set(entry) == {"at", "version", "outcome", "reason"}
               for entry in status["recent"])
    assert [entry["version"] for entry in status["recent"]] == ["1.2.0", "1.1.0"]
