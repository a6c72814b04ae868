"""The release tooling's commands: a key pair, a signed package of a program folder that a
counter trusting that key accepts."""

import os
import stat
import subprocess
import sys

from counter_app.updates.package import verify_package
from counter_app.updates.signing import trusted_keys_in
from tests.update_helpers import INSTALLED, program_folder


def _tool(*argv, passphrase="correct horse"):
    return subprocess.run([sys.executable, "-m", "counter_app.updates.release", *map(str, argv)],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "COUNTER_UPDATE_KEY_PASSPHRASE": passphrase})


def test_a_key_pair_and_a_signed_package(tmp_path):
    private, public = tmp_path / "release.pem", tmp_path / "keys" / "release.pub"
    public.parent.mkdir()
    made = _tool("new-key", "--private", private, "--public", public)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in private.read_bytes()  # a passphrase by default
    program = program_folder(tmp_path / "dist" / "counter-app", "1.1.0")
    package = tmp_path / "counter-app-1.1.0.zip"
    built = _tool("build", program, "--version", "1.1.0", "--min-version", "1.0.0",
                  "--out", package, "--key", private)
    assert built.returncode == 0, built.stderr
    assert "3 files, signed" in built.stdout
    shown = _tool("show", package)
    assert "version 1.1.0 (updates 1.0.0 and later)" in shown.stdout
    manifest = verify_package(package, trusted_keys_in(public.parent),
                              installed_version=INSTALLED)
    assert manifest.version == "1.1.0"
    wrong = _tool("sign", package, "--key", private, passphrase="wrong")
    assert wrong.returncode == 2 and "wrong passphrase" in wrong.stderr
