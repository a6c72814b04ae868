"""SCRAM-SHA-256 password verifiers (RFC 5802, RFC 7677) as PostgreSQL stores them.

`ALTER ROLE ... PASSWORD 'SCRAM-SHA-256$...'` stores such a verifier as it is, so the
password itself never travels in a statement (which the server's log may keep). Passwords
are the program's own ASCII tokens: PostgreSQL's SASLprep leaves those unchanged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

ITERATIONS = 4096  # PostgreSQL's default (scram_iterations); the passwords are random
SALT_BYTES = 16


def verifier(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (base64) of *password*."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = _hmac(salted, b"Client Key")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = _hmac(salted, b"Server Key")
    return (f"SCRAM-SHA-256${iterations}:{_b64(salt)}"
            f"${_b64(stored_key)}:{_b64(server_key)}")


def alter_password_sql(role_sql: str, password: str) -> str:
    """`ALTER ROLE <role_sql> PASSWORD '<verifier>'`: *role_sql* an identifier already
    quoted, or CURRENT_USER. The verifier's characters (base64, '$', ':') need no escaping."""
    return f"ALTER ROLE {role_sql} PASSWORD '{verifier(password)}'"


def _hmac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
