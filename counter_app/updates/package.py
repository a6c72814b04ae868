"""The update package: one zip file with the signed manifest and the program's files.

    manifest.json      the manifest's canonical bytes (counter_app.updates.manifest)
    manifest.sig       its Ed25519 signature (signing.Signature as JSON); absent when the
                       signature travels beside the package (the central database's column)
    program/<path>     every file the manifest lists, and nothing else

A zip because both platforms read it with the standard library, and because it can be
read entry by entry: every file is hashed while it is read, never unpacked anywhere first.
An entry is refused before anything is read from it when it is a symbolic link, a folder,
encrypted, an absolute path, a '..' or anything else check_relative_path refuses, listed
twice, or not in the manifest; a file's content may not grow past its listed size (a zip
bomb stops there).
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from counter_app.updates.errors import (MSG_FILE_DAMAGED, MSG_FILE_EXTRA, MSG_FILE_MISSING,
                                        MSG_NOT_A_PACKAGE, MSG_NOT_THE_PUBLISHED, MSG_UNSAFE_ENTRY,
                                        MSG_UNSIGNED, UpdateError)
from counter_app.updates.manifest import (MAX_MANIFEST_BYTES, FileEntry, Manifest,
                                          manifest_for_directory, parse_manifest, path_problem)
from counter_app.updates.signing import (Signature, TrustedKeys, sign_manifest,
                                         verify_manifest)
from counter_app.updates.versions import check_can_update, check_platform

MANIFEST_ENTRY = "manifest.json"
SIGNATURE_ENTRY = "manifest.sig"
PROGRAM_PREFIX = "program/"
MAX_PACKAGE_BYTES = 2 * 1024**3
MAX_SIGNATURE_BYTES = 4096
_BLOCK = 1024 * 1024
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same program gives the same package
_UNIX = 3  # ZipInfo.create_system: the mode bits in external_attr mean what they say


@dataclass(frozen=True)
class SignedManifest:
    data: bytes                   # the canonical bytes, as signed
    manifest: Manifest
    signature: Signature | None   # the package's own, when it carries one


def build_package(program_dir: Path, out: Path, *, version: str, min_version: str,
                  platform: str, private_key: Ed25519PrivateKey | None = None) -> Manifest:
    """Pack every file of *program_dir* into *out* (the release tooling's), signed with
    *private_key* when given."""
    manifest = manifest_for_directory(program_dir, version=version, min_version=min_version,
                                      platform=platform, package=out.name)
    with zipfile.ZipFile(out, "x", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        _write_entry(archive, MANIFEST_ENTRY, manifest.canonical())
        for entry in manifest.files:
            info = _info(PROGRAM_PREFIX + entry.path, 0o755 if entry.executable else 0o644)
            with archive.open(info, "w") as target, open(program_dir / entry.path, "rb") as source:
                while block := source.read(_BLOCK):
                    target.write(block)
        if private_key is not None:
            _write_entry(archive, SIGNATURE_ENTRY,
                         sign_manifest(manifest.canonical(), private_key).to_json().encode())
    return manifest


def sign_package(path: Path, private_key: Ed25519PrivateKey) -> Signature:
    """Sign the manifest of the unsigned package *path*, adding the signature to it (the
    zip is appended to, not rewritten)."""
    signed = read_signed_manifest(path)
    if signed.signature is not None:
        raise UpdateError(MSG_NOT_A_PACKAGE, problem="it is signed already")
    signature = sign_manifest(signed.data, private_key)
    attach_signature(path, signature)
    return signature


def attach_signature(package, signature: Signature) -> None:
    """Add *signature* to the package *package* (a path, or a file open for reading and
    writing) that carries none: appended, not rewritten, so the files stay as verified."""
    with zipfile.ZipFile(package, "a") as archive:
        _write_entry(archive, SIGNATURE_ENTRY, signature.to_json().encode())


def read_signed_manifest(path: Path) -> SignedManifest:
    """The package's manifest and signature, its entries checked for safety (not yet its
    files' contents, nor the signature)."""
    with _open(path) as archive:
        entries = _checked_entries(archive)
        return _signed_manifest(archive, entries)


def verify_package(path: Path, trusted: TrustedKeys, *, installed_version: str,
                   platform: str | None = None, signature: Signature | None = None,
                   published_manifest: bytes | None = None) -> Manifest:
    """The manifest of the package *path* once everything holds: safe entries, a manifest
    signed by a *trusted* key (*signature*, else the package's own), the one the central
    database published (when given), for this platform, newer than *installed_version*
    and allowed to replace it, and every listed file present with its size and SHA-256
    and nothing else. UpdateError with the first reason found otherwise."""
    with _open(path) as archive:
        entries = _checked_entries(archive)
        signed = _signed_manifest(archive, entries)
        signature = signature or signed.signature
        if signature is None:
            raise UpdateError(MSG_UNSIGNED)
        verify_manifest(signed.data, signature, trusted)
        if published_manifest is not None and published_manifest != signed.data:
            raise UpdateError(MSG_NOT_THE_PUBLISHED)
        manifest = signed.manifest
        check_platform(manifest.platform, platform)
        check_can_update(installed_version, manifest.version, manifest.min_version)
        files = _listed_entries(manifest, entries)
        for entry in manifest.files:
            with _reading(archive, files[entry.path], entry) as source:
                for _block in source:
                    pass
    return manifest


def extract_package(path: Path, manifest: Manifest, destination: Path) -> None:
    """Write the program's files of the verified package *path* under *destination* (a
    new folder), each checked again against *manifest* as it is written: the package may
    have changed since it was verified. Files 0644 or 0755, folders 0755, whatever the
    process's umask: every user of the computer runs the program."""
    destination.mkdir()
    os.chmod(destination, 0o755)
    with _open(path) as archive:
        files = _listed_entries(manifest, _checked_entries(archive))
        for entry in manifest.files:
            target = destination.joinpath(*entry.path.split("/"))
            _make_folders(destination, target.parent)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            descriptor = os.open(target, flags | getattr(os, "O_BINARY", 0), 0o600)
            with os.fdopen(descriptor, "wb") as handle, _reading(
                    archive, files[entry.path], entry) as source:
                for block in source:
                    handle.write(block)
            os.chmod(target, 0o755 if entry.executable else 0o644)


def _make_folders(root: Path, folder: Path) -> None:
    missing = []
    while folder != root and not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir()
        os.chmod(made, 0o755)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise UpdateError(MSG_NOT_A_PACKAGE, problem="not an ordinary file")
        if status.st_size > MAX_PACKAGE_BYTES:
            raise UpdateError(MSG_NOT_A_PACKAGE, problem="larger than {} GB".format(
                MAX_PACKAGE_BYTES // 1024**3))
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise UpdateError(MSG_NOT_A_PACKAGE, problem="not a zip archive") from None
    except OSError as exc:
        raise UpdateError(MSG_NOT_A_PACKAGE,
                          problem=exc.strerror or type(exc).__name__) from None


def _checked_entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Every entry by name, once each is known to be safe to read."""
    entries: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    for info in archive.infolist():
        name = info.filename
        problem = _entry_problem(info)
        if problem:
            raise UpdateError(MSG_UNSAFE_ENTRY, entry=_shown(name), problem=problem)
        if name.casefold() in seen:
            raise UpdateError(MSG_UNSAFE_ENTRY, entry=_shown(name), problem="listed twice")
        seen.add(name.casefold())
        entries[name] = info
    return entries


def _entry_problem(info: zipfile.ZipInfo) -> str:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    kind = stat.S_IFMT(mode)  # 0 when the zip tells no type (written without one)
    if info.is_dir() or kind not in (0, stat.S_IFREG):
        return "not an ordinary file"
    if info.flag_bits & 0x1:
        return "encrypted"
    name = info.filename
    if name in (MANIFEST_ENTRY, SIGNATURE_ENTRY):
        return ""
    return path_problem(name.removeprefix(PROGRAM_PREFIX))


def _signed_manifest(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]
                     ) -> SignedManifest:
    if MANIFEST_ENTRY not in entries:
        raise UpdateError(MSG_NOT_A_PACKAGE, problem="it has no manifest")
    data = _read_small(archive, entries[MANIFEST_ENTRY], MAX_MANIFEST_BYTES)
    manifest = parse_manifest(data)
    signature = None
    if SIGNATURE_ENTRY in entries:
        signature = Signature.from_json(
            _read_small(archive, entries[SIGNATURE_ENTRY], MAX_SIGNATURE_BYTES))
    return SignedManifest(data, manifest, signature)


def _listed_entries(manifest: Manifest, entries: dict[str, zipfile.ZipInfo]
                    ) -> dict[str, zipfile.ZipInfo]:
    """The entry of each listed file; MSG_FILE_EXTRA for an entry the manifest does not
    list, MSG_FILE_MISSING for a listed file without one."""
    listed = {entry.path for entry in manifest.files}
    for name in entries:
        if name not in (MANIFEST_ENTRY, SIGNATURE_ENTRY) and (
                not name.startswith(PROGRAM_PREFIX)
                or name.removeprefix(PROGRAM_PREFIX) not in listed):
            raise UpdateError(MSG_FILE_EXTRA, file=_shown(name.removeprefix(PROGRAM_PREFIX)))
    files = {}
    for entry in manifest.files:
        info = entries.get(PROGRAM_PREFIX + entry.path)
        if info is None:
            raise UpdateError(MSG_FILE_MISSING, file=_shown(entry.path))
        files[entry.path] = info
    return files


class _reading:
    """The blocks of *info*'s content, checked against *entry* (size and SHA-256) by the
    time the last one is out; MSG_FILE_DAMAGED otherwise, a broken zip stream included."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: FileEntry):
        self._archive, self._info, self._entry = archive, info, entry

    def __enter__(self):
        if self._info.file_size != self._entry.size:
            raise self._damaged()
        try:
            self._handle = self._archive.open(self._info)
        except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError):
            raise self._damaged() from None
        return self._blocks()

    def __exit__(self, *exc_info) -> None:
        self._handle.close()

    def _blocks(self):
        digest, size = hashlib.sha256(), 0
        while True:
            try:
                block = self._handle.read(min(_BLOCK, self._entry.size - size + 1))
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError):  # CRC, inflate
                raise self._damaged() from None
            if not block:
                break
            size += len(block)
            if size > self._entry.size:
                raise self._damaged()
            digest.update(block)
            yield block
        if size != self._entry.size or digest.hexdigest() != self._entry.sha256:
            raise self._damaged()

    def _damaged(self) -> UpdateError:
        return UpdateError(MSG_FILE_DAMAGED, file=_shown(self._entry.path))


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise UpdateError(MSG_NOT_A_PACKAGE, problem=f"{info.filename} is too large")
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise UpdateError(MSG_NOT_A_PACKAGE, problem=f"{info.filename} is damaged") from None
    if len(data) > limit:
        raise UpdateError(MSG_NOT_A_PACKAGE, problem=f"{info.filename} is too large")
    return data


def _write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(_info(name, 0o644), data)


def _info(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _FIXED_TIME)
    info.create_system = _UNIX
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _shown(name: str) -> str:
    """A name from the package as it may be printed: escapes for anything unprintable
    (no terminal control sequence of the package's making), at most 120 characters."""
    shown = "".join(char if char.isprintable() else ascii(char)[1:-1] for char in name)
    return shown[:120]
