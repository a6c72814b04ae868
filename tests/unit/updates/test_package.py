"""An update package is accepted only whole, signed by a trusted key, newer, meant for this
computer and with every file as its manifest says (issue 15); each refusal says why."""

import os
import stat
import zipfile

import pytest

from counter_app.updates import errors
from counter_app.updates.errors import UpdateError
from counter_app.updates.manifest import parse_manifest
from counter_app.updates.package import (MANIFEST_ENTRY, SIGNATURE_ENTRY, extract_package,
                                         read_signed_manifest, sign_package, verify_package)
from counter_app.updates.signing import sign_manifest
from counter_app.updates.versions import current_platform
from tests.update_helpers import INSTALLED, make_package, rewrite_package, trusted


def _refusal(package, keys, **options) -> UpdateError:
    with pytest.raises(UpdateError) as caught:
        verify_package(package, keys, installed_version=options.pop("installed", INSTALLED),
                       **options)
    return caught.value


def test_a_good_package_verifies_and_unpacks_with_its_modes(tmp_path, release_key):
    package = make_package(tmp_path, release_key)
    manifest = verify_package(package, trusted(release_key), installed_version=INSTALLED)
    assert (manifest.version, manifest.min_version, manifest.platform) == (
        "1.1.0", "1.0.0", current_platform())
    assert manifest.package == package.name
    assert {entry.path for entry in manifest.files} == {
        "counter-app", "_internal/library.so", "_internal/resources/version.txt"}
    target = tmp_path / "unpacked"
    os.umask(0o077)  # the program's own umask: the unpacked program is still everyone's
    extract_package(package, manifest, target)
    launcher = target / "counter-app"
    assert launcher.read_text().endswith("echo 1.1.0\n")
    assert stat.S_IMODE(launcher.stat().st_mode) == 0o755
    data_file = target / "_internal" / "resources" / "version.txt"
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o644
    assert stat.S_IMODE((target / "_internal").stat().st_mode) == 0o755


def test_a_flipped_byte_is_found(tmp_path, release_key):
    package = make_package(tmp_path, release_key)
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo("program/_internal/library.so")
    data = bytearray(package.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x01
    package.write_bytes(bytes(data))
    error = _refusal(package, trusted(release_key))
    assert error.template == errors.MSG_FILE_DAMAGED
    assert error.params == {"file": "_internal/library.so"}
    assert str(error) == ("The update package is damaged: _internal/library.so differs from "
                          "its manifest.")


def test_a_file_replaced_whole_is_found_by_its_hash(tmp_path, release_key):
    package = make_package(tmp_path, release_key)
    version_file = "program/_internal/resources/version.txt"
    changed = rewrite_package(package, tmp_path / "changed.zip",
                              replace=(version_file, b"6.6.6"))  # same size as 1.1.0
    error = _refusal(changed, trusted(release_key))
    assert error.template == errors.MSG_FILE_DAMAGED


def test_a_wrong_signature_and_an_unknown_key_are_refused(tmp_path, release_key, stranger_key):
    package = make_package(tmp_path, stranger_key)
    assert _refusal(package, trusted(release_key)).template == errors.MSG_UNKNOWN_KEY
    # the stranger's signature presented as the release key's
    signed = read_signed_manifest(package)
    forged = sign_manifest(signed.data, stranger_key)
    release_id = next(iter(trusted(release_key)))
    error = _refusal(package, trusted(release_key),
                     signature=type(forged)(release_id, forged.value))
    assert error.template == errors.MSG_BAD_SIGNATURE
    assert _refusal(package, {}).template == errors.MSG_NO_TRUSTED_KEY


def test_a_changed_manifest_breaks_the_signature(tmp_path, release_key):
    package = make_package(tmp_path, release_key)
    data = read_signed_manifest(package).data
    more_lenient = data.replace(b'"min_version":"1.0.0"', b'"min_version":"0.0.1"')
    changed = rewrite_package(package, tmp_path / "changed.zip",
                              replace=(MANIFEST_ENTRY, more_lenient))
    assert _refusal(changed, trusted(release_key)).template == errors.MSG_BAD_SIGNATURE


def test_an_unsigned_package_is_refused_until_signed(tmp_path, release_key):
    package = make_package(tmp_path, None)
    assert _refusal(package, trusted(release_key)).template == errors.MSG_UNSIGNED
    sign_package(package, release_key)
    assert verify_package(package, trusted(release_key), installed_version=INSTALLED)


@pytest.mark.parametrize(("version", "minimum", "installed", "template"), [
    ("0.9.0", "0.1.0", "1.0.0", errors.MSG_NOT_NEWER),   # older
    ("1.0", "0.1.0", "1.0.0", errors.MSG_NOT_NEWER),     # the same, written shorter
    ("2.0.0", "1.5.0", "1.0.0", errors.MSG_TOO_OLD_TO_UPDATE),
])
def test_versions_it_may_not_replace_are_refused(tmp_path, release_key, version, minimum,
                                                 installed, template):
    package = make_package(tmp_path, release_key, version=version, min_version=minimum)
    error = _refusal(package, trusted(release_key), installed=installed)
    assert error.template == template
    assert error.params["version"] == version and error.params["installed"] == installed


def test_a_package_for_another_platform_is_refused(tmp_path, release_key):
    package = make_package(tmp_path, release_key, platform="windows-amd64")
    error = _refusal(package, trusted(release_key), platform="linux-x86_64")
    assert (error.template, error.params) == (errors.MSG_OTHER_PLATFORM, {
        "platform": "windows-amd64", "here": "linux-x86_64"})


def test_a_missing_file_and_an_extra_file_are_refused(tmp_path, release_key):
    package = make_package(tmp_path, release_key)
    missing = rewrite_package(package, tmp_path / "missing.zip",
                              drop="program/_internal/library.so")
    error = _refusal(missing, trusted(release_key))
    assert (error.template, error.params) == (errors.MSG_FILE_MISSING,
                                              {"file": "_internal/library.so"})
    extra = rewrite_package(package, tmp_path / "extra.zip",
                            add=("program/_internal/planted.so", b"x"))
    error = _refusal(extra, trusted(release_key))
    assert (error.template, error.params) == (errors.MSG_FILE_EXTRA,
                                              {"file": "_internal/planted.so"})


@pytest.mark.parametrize(("name", "problem"), [
    ("program/../../etc/cron.d/x", "a '..', '.' or empty part"),
    ("/etc/passwd", "an absolute path or a drive"),
    ("program/C:/x", "an absolute path or a drive"),
    ("program/a\\..\\..\\x", "an absolute path or a drive"),
    ("program/sub//x", "a '..', '.' or empty part"),
])
def test_entries_that_leave_the_folder_are_refused(tmp_path, release_key, name, problem):
    package = rewrite_package(make_package(tmp_path, release_key), tmp_path / "evil.zip",
                              add=(name, b"x"))
    error = _refusal(package, trusted(release_key))
    assert error.template == errors.MSG_UNSAFE_ENTRY and error.params["problem"] == problem


def test_links_folders_and_duplicates_are_refused(tmp_path, release_key):
    good = make_package(tmp_path, release_key)
    link = zipfile.ZipInfo("program/_internal/evil")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    folder = zipfile.ZipInfo("program/_internal/empty/")
    for planted, problem in ((link, "a symbolic link"), (folder, "not an ordinary file")):
        out = tmp_path / f"planted-{problem[:5]}.zip"
        rewrite_package(good, out)
        with zipfile.ZipFile(out, "a") as archive:
            archive.writestr(planted, b"/etc/shadow")
        error = _refusal(out, trusted(release_key))
        assert (error.template, error.params["problem"]) == (errors.MSG_UNSAFE_ENTRY, problem)
    twice = tmp_path / "twice.zip"
    rewrite_package(good, twice)
    with zipfile.ZipFile(twice, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("program/counter-app", b"#!/bin/sh\nrm -rf ~\n")
    assert _refusal(twice, trusted(release_key)).params["problem"] == "listed twice"


def test_what_is_not_a_package_says_so(tmp_path, release_key):
    not_zip = tmp_path / "photo.jpg"
    not_zip.write_bytes(b"\xff\xd8\xff" + b"0" * 100)
    assert _refusal(not_zip, trusted(release_key)).template == errors.MSG_NOT_A_PACKAGE
    without = rewrite_package(make_package(tmp_path, release_key), tmp_path / "bare.zip",
                              drop=MANIFEST_ENTRY)
    error = _refusal(without, trusted(release_key))
    assert error.params == {"problem": "it has no manifest"}
    assert _refusal(tmp_path, trusted(release_key)).params == {
        "problem": "not an ordinary file"}


def test_the_manifest_must_be_canonical(tmp_path, release_key):
    package = make_package(tmp_path, release_key)
    data = read_signed_manifest(package).data
    assert parse_manifest(data).canonical() == data
    with pytest.raises(UpdateError, match="not canonical"):
        parse_manifest(data.replace(b",", b", ", 1))
    with pytest.raises(UpdateError, match="unexpected fields"):
        parse_manifest(data[:-1] + b',"extra":1}')


def test_the_signature_entry_travels_in_the_package(tmp_path, release_key):
    package = make_package(tmp_path, release_key)
    with zipfile.ZipFile(package) as archive:
        assert archive.namelist()[0] == MANIFEST_ENTRY
        assert archive.namelist()[-1] == SIGNATURE_ENTRY
    with pytest.raises(UpdateError, match="signed already"):
        sign_package(package, release_key)
