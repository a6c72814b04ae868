"""Update packages for the tests: a key pair made per test session (no private key is ever
committed), a small stand-in for the installed program folder, packages built from it."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from counter_app.updates.package import build_package
from counter_app.updates.signing import key_id
from counter_app.updates.versions import current_platform

INSTALLED = "1.0.0"


@pytest.fixture(scope="session")
def release_key() -> Ed25519PrivateKey:
    """The release key of these tests, made for this session only."""
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="session")
def stranger_key() -> Ed25519PrivateKey:
    """A key the program does not trust."""
    return Ed25519PrivateKey.generate()


def program_folder(root: Path, version: str) -> Path:
    """A program folder as a bundle has one: a launcher that must stay executable, a
    library, data in a sub-folder; each file tells its version."""
    root.mkdir(parents=True)
    launcher = root / "counter-app"
    launcher.write_text(f"#!/bin/sh\necho {version}\n")
    launcher.chmod(0o755)
    (root / "_internal").mkdir()
    (root / "_internal" / "library.so").write_bytes(bytes(range(256)) * 64 + version.encode())
    (root / "_internal" / "resources").mkdir()
    (root / "_internal" / "resources" / "version.txt").write_text(version)
    return root


def make_package(tmp_path: Path, key: Ed25519PrivateKey | None, version: str = "1.1.0",
                 min_version: str = "1.0.0", platform: str | None = None,
                 name: str | None = None) -> Path:
    source = program_folder(tmp_path / f"build-{version}-{len(list(tmp_path.iterdir()))}",
                            version)
    out = tmp_path / (name or f"counter-app-{version}.zip")
    build_package(source, out, version=version, min_version=min_version,
                  platform=platform or current_platform(), private_key=key)
    return out


def trusted(*keys: Ed25519PrivateKey) -> dict:
    return {key_id(key.public_key()): key.public_key() for key in keys}


def rewrite_package(package: Path, out: Path, *, drop: str | None = None,
                    add: tuple[str, bytes] | None = None,
                    replace: tuple[str, bytes] | None = None) -> Path:
    """A copy of *package* with one entry dropped, added or replaced (the manifest and its
    signature kept as they are)."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename == drop:
                continue
            data = source.read(info)
            if replace and info.filename == replace[0]:
                data = replace[1]
            target.writestr(info, data)
        if add:
            target.writestr(add[0], add[1])
    return out


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
