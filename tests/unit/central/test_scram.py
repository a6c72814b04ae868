"""SCRAM-SHA-256 verifiers: the RFC's own exchange proves the keys (tests/integration/
test_enrolment_passwords.py logs in with them on a server that demands SCRAM)."""

import base64
import hashlib
import hmac

from counter_app.central import scram

# RFC 7677, section 3: user "user", password "pencil".
SALT = base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ==")
AUTH_MESSAGE = ("n=user,r=rOprNGfwEbeRWgbNEkqO,"
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0").encode()
CLIENT_PROOF = base64.b64decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
SERVER_SIGNATURE = base64.b64decode("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")


def _keys(verifier: str) -> tuple[str, bytes, bytes, bytes]:
    mechanism, iterations_salt, keys = verifier.split("$")
    iterations, salt = iterations_salt.split(":")
    stored, server = keys.split(":")
    return (f"{mechanism}${iterations}", base64.b64decode(salt), base64.b64decode(stored),
            base64.b64decode(server))


def test_the_verifier_answers_the_rfc_7677_exchange():
    head, salt, stored_key, server_key = _keys(scram.verifier("pencil", salt=SALT))
    assert (head, salt) == ("SCRAM-SHA-256$4096", SALT)
    # the server proves itself with ServerKey ...
    assert hmac.new(server_key, AUTH_MESSAGE, hashlib.sha256).digest() == SERVER_SIGNATURE
    # ... and checks the client's proof with StoredKey alone
    client_signature = hmac.new(stored_key, AUTH_MESSAGE, hashlib.sha256).digest()
    client_key = bytes(a ^ b for a, b in zip(CLIENT_PROOF, client_signature, strict=True))
    assert hashlib.sha256(client_key).digest() == stored_key


def test_each_verifier_has_its_own_salt_and_never_the_password():
    first, second = scram.verifier("pencil"), scram.verifier("pencil")
    assert first != second and "pencil" not in first
    assert scram.alter_password_sql('"dev"', "pencil").startswith(
        "ALTER ROLE \"dev\" PASSWORD 'SCRAM-SHA-256$4096:")
