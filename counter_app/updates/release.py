"""The release tooling's side of updates: a signing key, a package of a built program.

    python -m counter_app.updates.release new-key --private KEY.pem --public KEY.pub
    python -m counter_app.updates.release build PROGRAM_DIR --version 0.2.0 \\
        --min-version 0.1.0 --out counter-app-0.2.0-linux-x86_64.zip [--key KEY.pem] \\
        [--platform linux-x86_64]
    python -m counter_app.updates.release sign PACKAGE --key KEY.pem
    python -m counter_app.updates.release show PACKAGE

Run where releases are made (or by the central administrator), never on a counter: the
private key must not be there (docs/SECURITY.md, "Program updates"). A passphrase for the
key comes from COUNTER_UPDATE_KEY_PASSPHRASE, else it is asked for on the terminal. This
tool speaks English only: it is for release engineers, not for the counter's staff.
`counter-app central publish-update` puts a package on the central database.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from counter_app.domain.errors import CounterError
from counter_app.updates.package import build_package, read_signed_manifest, sign_package
from counter_app.updates.signing import is_encrypted, load_private_key, new_key_pair
from counter_app.updates.versions import current_platform

PASSPHRASE_ENV = "COUNTER_UPDATE_KEY_PASSPHRASE"


def passphrase_for(key_file: Path) -> bytes | None:
    """The key's passphrase (the environment's, else typed), None for a plain key."""
    if not is_encrypted(key_file):
        return None
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV].encode()
    return getpass.getpass(f"Passphrase of {key_file.name}: ").encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m counter_app.updates.release",
                                     description="Counter's update packages and keys.")
    actions = parser.add_subparsers(dest="action", required=True)
    key = actions.add_parser("new-key", help="make an Ed25519 signing key pair")
    key.add_argument("--private", type=Path, required=True)
    key.add_argument("--public", type=Path, required=True)
    key.add_argument("--no-passphrase", action="store_true",
                     help="leave the private key unencrypted (tests only)")
    build = actions.add_parser("build", help="pack a built program folder")
    build.add_argument("program_dir", type=Path)
    build.add_argument("--version", required=True)
    build.add_argument("--min-version", required=True)
    build.add_argument("--platform", default=current_platform())
    build.add_argument("--out", type=Path, required=True)
    build.add_argument("--key", type=Path, help="sign with this private key")
    sign = actions.add_parser("sign", help="sign an unsigned package")
    sign.add_argument("package", type=Path)
    sign.add_argument("--key", type=Path, required=True)
    show = actions.add_parser("show", help="print a package's manifest summary")
    show.add_argument("package", type=Path)
    args = parser.parse_args(argv)
    try:
        return _ACTIONS[args.action](args)
    except CounterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a key or package file that cannot be read or is there already
        print(f"error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1


def _new_key(args) -> int:
    passphrase = None
    if not args.no_passphrase:
        passphrase = (os.environ.get(PASSPHRASE_ENV) or getpass.getpass(
            "Passphrase for the new private key: ")).encode()
    private_pem, public_pem = new_key_pair(passphrase)
    descriptor = os.open(args.private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_pem)
    args.public.write_bytes(public_pem)
    print(f"private key: {args.private} (keep it off every counter)")
    print(f"public key: {args.public} (ship it in resources/update_keys/)")
    return 0


def _build(args) -> int:
    private_key = (load_private_key(args.key, passphrase_for(args.key)) if args.key else None)
    manifest = build_package(args.program_dir, args.out, version=args.version,
                             min_version=args.min_version, platform=args.platform,
                             private_key=private_key)
    print(f"{args.out}: version {manifest.version} for {manifest.platform}, "
          f"{len(manifest.files)} files, {'signed' if private_key else 'unsigned'}")
    return 0


def _sign(args) -> int:
    signature = sign_package(args.package, load_private_key(args.key, passphrase_for(args.key)))
    print(f"{args.package}: signed with key {signature.key_id}")
    return 0


def _show(args) -> int:
    signed = read_signed_manifest(args.package)
    manifest = signed.manifest
    print(f"version {manifest.version} (updates {manifest.min_version} and later) for "
          f"{manifest.platform}: {len(manifest.files)} files, {manifest.total_size} bytes; "
          + (f"signed with key {signed.signature.key_id}" if signed.signature else "unsigned"))
    return 0


_ACTIONS = {"new-key": _new_key, "build": _build, "sign": _sign, "show": _show}

if __name__ == "__main__":
    sys.exit(main())
