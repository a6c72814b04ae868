"""The update manifest: which version, from which version it may update, for which
platform, and every file of the program with its size and SHA-256.

The manifest travels as canonical JSON (keys sorted, no spaces, ASCII, files sorted by
path), and those exact bytes are what is signed (counter_app.updates.signing). Reading is
strict: a manifest is accepted only when it is already in canonical form, so the bytes
checked against the signature are the ones acted upon, and no two readers can see two
different manifests in one file.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from counter_app.updates.errors import MSG_BAD_MANIFEST, UpdateError
from counter_app.updates.versions import parse_version

FORMAT = 1
# A bundle is a few thousand files and a few hundred MB; far larger is not ours.
MAX_FILES = 100_000
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_MANIFEST_BYTES = 32 * 1024**2
MAX_PATH_CHARS = 400
# Written into an installed program folder to recognise it after a crash
# (counter_app.updates.install); a package never carries one.
INSTALL_MARKER = ".counter-update.json"
_KEYS = {"format", "version", "min_version", "platform", "package", "files"}
_FILE_KEYS = {"path", "size", "sha256", "executable"}
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class FileEntry:
    path: str          # relative, '/'-separated, checked by check_relative_path
    size: int
    sha256: str        # lower-case hex
    executable: bool   # installed 0755 (else 0644): the bundle's programs must run


@dataclass(frozen=True)
class Manifest:
    version: str
    min_version: str   # the oldest installed version this update may replace
    platform: str      # counter_app.updates.versions.current_platform() of the build
    package: str       # the package's file name as published
    files: tuple[FileEntry, ...]

    def canonical(self) -> bytes:
        document = {"format": FORMAT, "version": self.version, "min_version": self.min_version,
                    "platform": self.platform, "package": self.package,
                    "files": [{"path": f.path, "size": f.size, "sha256": f.sha256,
                               "executable": f.executable}
                              for f in sorted(self.files, key=lambda f: f.path)]}
        return canonical_json(document)

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.files)


def canonical_json(document: object) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True).encode("ascii")


def parse_manifest(data: bytes) -> Manifest:
    """The manifest in *data*; UpdateError (MSG_BAD_MANIFEST) unless it is a well-formed
    manifest in canonical form."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise _bad("larger than {} MB".format(MAX_MANIFEST_BYTES // 1024**2))
    try:
        document = json.loads(data.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise _bad("not canonical JSON") from None
    if not isinstance(document, dict) or set(document) != _KEYS:
        raise _bad("unexpected fields")
    if document["format"] != FORMAT:
        raise _bad("format {} is not known to this version".format(document["format"]))
    for key in ("version", "min_version", "platform", "package"):
        if not isinstance(document[key], str) or not document[key]:
            raise _bad(f"{key} missing")
    parse_version(document["version"])
    parse_version(document["min_version"])
    check_file_name(document["package"])
    manifest = Manifest(document["version"], document["min_version"], document["platform"],
                        document["package"], _files(document["files"]))
    if manifest.canonical() != data:
        raise _bad("not canonical JSON")
    return manifest


def _files(items: object) -> tuple[FileEntry, ...]:
    if not isinstance(items, list) or not items or len(items) > MAX_FILES:
        raise _bad("no list of files")
    entries, seen, total = [], set(), 0
    for item in items:
        if not isinstance(item, dict) or set(item) != _FILE_KEYS:
            raise _bad("a file entry with unexpected fields")
        path, size, digest, executable = (item["path"], item["size"], item["sha256"],
                                          item["executable"])
        check_relative_path(path)
        if type(size) is not int or size < 0 or type(executable) is not bool:
            raise _bad(f"{path}: size or executable flag")
        if not isinstance(digest, str) or len(digest) != 64 or not set(digest) <= _HEX:
            raise _bad(f"{path}: SHA-256")
        folded = path.casefold()  # one file on a case-insensitive disk (Windows, macOS)
        if folded in seen:
            raise _bad(f"{path} is listed twice")
        seen.add(folded)
        total += size
        entries.append(FileEntry(path, size, digest, executable))
    if total > MAX_TOTAL_BYTES:
        raise _bad("the files add up to more than {} GB".format(MAX_TOTAL_BYTES // 1024**3))
    return tuple(entries)


def check_relative_path(path: object) -> str:
    """*path* if it names a file inside the program folder on every platform: relative,
    '/'-separated, no '..', '.', empty part, drive, backslash or control character;
    UpdateError (MSG_BAD_MANIFEST) else."""
    problem = path_problem(path)
    if problem:
        raise _bad(f"{str(path)[:MAX_PATH_CHARS]!r}: {problem}")
    return path  # type: ignore[return-value]


def path_problem(path: object) -> str:
    """'' when *path* is a safe relative file path (see check_relative_path), else why not."""
    if not isinstance(path, str) or not 0 < len(path) <= MAX_PATH_CHARS:
        return "not a path"
    if path.startswith("/") or ":" in path or "\\" in path:
        return "an absolute path or a drive"
    if any(ord(char) < 32 or ord(char) == 127 for char in path):
        return "a control character"
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "a '..', '.' or empty part"
    if any(part.endswith((".", " ")) for part in parts):  # Windows drops them: a clash
        return "a part ending in a dot or a space"
    if parts[0] == INSTALL_MARKER:
        return "a reserved name"
    return ""


def check_file_name(name: str) -> str:
    if "/" in name or path_problem(name):
        raise _bad("package name")
    return name


def manifest_for_directory(program_dir: Path, *, version: str, min_version: str,
                           platform: str, package: str) -> Manifest:
    """The manifest of every file under *program_dir* (the release tooling's); a symbolic
    link or anything but a regular file is refused: a package carries neither."""
    entries = []
    for folder, directories, names in os.walk(program_dir):
        directories.sort()
        for name in sorted(names) + [d for d in directories
                                     if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder, name)
            relative = path.relative_to(program_dir).as_posix()
            status = path.lstat()
            if not stat.S_ISREG(status.st_mode):
                raise _bad(f"{relative}: not a regular file (a link?)")
            check_relative_path(relative)
            entries.append(FileEntry(relative, status.st_size, file_sha256(path),
                                     bool(status.st_mode & 0o111)))
    manifest = Manifest(version, min_version, platform, check_file_name(package),
                        tuple(sorted(entries, key=lambda e: e.path)))
    return parse_manifest(manifest.canonical())  # the reader's own checks, at build time


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def _bad(problem: str) -> UpdateError:
    return UpdateError(MSG_BAD_MANIFEST, problem=problem)
