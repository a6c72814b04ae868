"""Signed program updates: the manifest, its Ed25519 signature, the package, the resumable
download, and the install on the next start with a rollback (docs/SECURITY.md, "Program
updates").

No Qt, no database: the central side's tables and functions are in
counter_app.central.update_releases; what a sync, a command or the start-up does with
them is counter_app.services.updates.
"""
