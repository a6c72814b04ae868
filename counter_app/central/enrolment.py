"""Enrolment codes: signed by the central side, single use, expiring; and their redemption.

`central add-device` registers a device login with a temporary password and hands out a
code: the login's address, the device's identity, the code's id and expiry, signed with
HMAC-SHA-256 under a key only the central database holds (central_settings), plus the
temporary password (not signed: it never reaches a statement, only the login).

`counter-app enrol CODE` (redeem) logs in with it, refuses a login that has more rights
than a counter may have, and in one transaction lets the central side check the code
(`central_enrol`: signature, expiry, single use, the caller's own device) and sets a new
password only the counter knows, as a SCRAM verifier. Until then the device login can do
nothing (fencing.IDENTITY_FUNCTIONS).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine, select, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from counter_app.central import database, scram
from counter_app.central.credentials import MSG_BAD_CODE, Enrolment, EnrolmentError
from counter_app.central.schema import devices, settings, sites
from counter_app.domain.errors import QT_TRANSLATE_NOOP

PREFIX = "CTR2."
KEY_SETTING = "enrolment_key"
DEFAULT_VALID = dt.timedelta(hours=24)

MSG_ALTERED = QT_TRANSLATE_NOOP(
    "messages", "This enrolment code has been altered, or was not issued by this central "
                "database; copy it again from the administrator.")
MSG_USED = QT_TRANSLATE_NOOP(
    "messages", "This enrolment code has been used already: each code enrols one counter, "
                "once. Ask the administrator for a new code.")
MSG_EXPIRED = QT_TRANSLATE_NOOP(
    "messages", "This enrolment code has expired; ask the administrator for a new code.")
MSG_LOGIN_REFUSED = QT_TRANSLATE_NOOP(
    "messages", "The central database refused the login of this enrolment code: the code has "
                "been used already or replaced by a newer one, or the device was withdrawn. "
                "Ask the administrator for a new code.")
MSG_NOT_POSTGRESQL = QT_TRANSLATE_NOOP(
    "messages", "This enrolment code does not point to a PostgreSQL server; a counter enrols "
                "only with a central PostgreSQL database. Ask the administrator for a new code.")
MSG_POWERFUL = QT_TRANSLATE_NOOP(
    "messages", "The login of this enrolment code has more rights than a counter may have "
                "({powers}); it was not used. Ask the administrator to check the central "
                "database.")
MSG_OWNER = QT_TRANSLATE_NOOP(
    "messages", "The login of this enrolment code owns tables, functions or the database "
                "itself on the central server, which a counter must not; it was not used. Ask "
                "the administrator to check the central database.")

# What the login of a code may not have, directly or through a role it belongs to.
POWERS = """
SELECT 'SUPERUSER' FROM pg_roles WHERE rolsuper AND pg_has_role(oid, 'MEMBER')
UNION SELECT 'BYPASSRLS' FROM pg_roles WHERE rolbypassrls AND pg_has_role(oid, 'MEMBER')
UNION SELECT 'CREATEROLE' FROM pg_roles WHERE rolcreaterole AND pg_has_role(oid, 'MEMBER')
UNION SELECT rolname::text FROM pg_roles
       WHERE rolname IN ('pg_read_all_data', 'pg_write_all_data', 'pg_execute_server_program',
                         'pg_read_server_files', 'pg_write_server_files')
         AND pg_has_role(oid, 'MEMBER')
ORDER BY 1
"""
OWNS = """
SELECT pg_has_role((SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')
    OR EXISTS (SELECT 1 FROM pg_namespace WHERE pg_has_role(nspowner, 'MEMBER'))
    OR EXISTS (SELECT 1 FROM pg_class WHERE pg_has_role(relowner, 'MEMBER'))
    OR EXISTS (SELECT 1 FROM pg_proc WHERE pg_has_role(proowner, 'MEMBER'))
"""

# The device's side of the exchange: a refusal comes back as a word, nothing written.
# central_hmac is lookup.py's HMAC-SHA-256 (no extension on the built-in server).
ENROL = r"""
CREATE OR REPLACE FUNCTION central_enrol(payload text, signature text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  signing_key text;
  claims jsonb;
  code central_enrolment_codes%ROWTYPE;
  device central_devices%ROWTYPE;
  at_now timestamp := now() AT TIME ZONE 'UTC';
BEGIN
  SELECT s.value INTO signing_key FROM central_settings s WHERE s.key = '%KEY%';
  -- hashes of both sides compared: the time taken tells nothing about a forgery's prefix
  IF signing_key IS NULL OR payload IS NULL OR signature IS NULL
     OR sha256(convert_to(central_hmac(decode(signing_key, 'hex'), convert_to(payload, 'UTF8')),
                          'UTF8'))
        <> sha256(convert_to(lower(signature), 'UTF8')) THEN
    RETURN 'altered';
  END IF;
  claims := payload::jsonb;  -- signed by us: well-formed
  SELECT * INTO code FROM central_enrolment_codes c
   WHERE c.id = (claims ->> 'code_id')::uuid FOR UPDATE;
  SELECT * INTO device FROM central_devices d WHERE d.role_name = session_user;
  IF code.id IS NULL OR device.id IS NULL OR code.device_id <> device.id
     OR claims ->> 'device_id' IS DISTINCT FROM device.id::text THEN
    RETURN 'altered';  -- another device's code, or one of another database
  END IF;
  IF device.revoked_at IS NOT NULL THEN
    RETURN 'revoked';
  ELSIF code.used_at IS NOT NULL THEN
    RETURN 'used';
  ELSIF code.expires_at <= at_now THEN
    RETURN 'expired';
  END IF;
  UPDATE central_enrolment_codes SET used_at = at_now WHERE id = code.id;
  UPDATE central_devices SET enrolled_at = coalesce(enrolled_at, at_now) WHERE id = device.id;
  RETURN 'enrolled';
END $fn$;
""".replace("%KEY%", KEY_SETTING)
FUNCTIONS = ENROL
SIGNATURES: tuple[str, ...] = ("central_enrol(text, text)",)
REFUSALS = {"altered": MSG_ALTERED, "used": MSG_USED, "expired": MSG_EXPIRED,
            "revoked": database.MSG_REVOKED}


@dataclass(frozen=True)
class EnrolmentCode:
    """What `central add-device` hands out. Everything but the password is signed."""

    address: str      # the device's login URL, without its password
    device_id: str
    site_code: str
    site_id: str
    counter_no: int
    code_id: str
    expires_at: str   # UTC, ISO 8601; the central side's clock decides
    password: str = field(default="", repr=False)  # temporary: replaced at enrolment
    signature: str = ""

    CLAIMS = ("address", "device_id", "site_code", "site_id", "counter_no", "code_id",
              "expires_at")

    def payload(self) -> str:
        """The signed claims: canonical JSON, so a decoded code signs the same."""
        return json.dumps({name: getattr(self, name) for name in self.CLAIMS},
                          sort_keys=True, separators=(",", ":"))

    @property
    def url(self) -> str:
        """The login with the temporary password."""
        return make_url(self.address).set(password=self.password).render_as_string(
            hide_password=False)

    def code(self) -> str:
        body = base64.urlsafe_b64encode(self.payload().encode()).decode().rstrip("=")
        return f"{PREFIX}{body}.{self.signature}.{self.password}"

    @classmethod
    def from_code(cls, code: str) -> EnrolmentCode:
        """The code's parts (the signature is the central side's to check)."""
        try:
            prefix, body, signature, password = code.strip().split(".")
            claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            values = {name: claims[name] for name in cls.CLAIMS}
        except (ValueError, binascii.Error, KeyError, TypeError) as exc:
            raise EnrolmentError(MSG_BAD_CODE) from exc
        if (f"{prefix}." != PREFIX or not isinstance(values["counter_no"], int)
                or not all(isinstance(v, str) for k, v in values.items() if k != "counter_no")):
            raise EnrolmentError(MSG_BAD_CODE)
        return cls(**values, password=password, signature=signature)

    def credentials(self, password: str, builtin: bool = False) -> Enrolment:
        """What the counter keeps once enrolled: this device's login with *password*."""
        url = make_url(self.address).set(password=password).render_as_string(
            hide_password=False)
        return Enrolment(url=url, device_id=self.device_id, site_code=self.site_code,
                         site_id=self.site_id, counter_no=self.counter_no, builtin=builtin)


# ----- the central side (an administrator's connection) -----

def new_password() -> str:
    return secrets.token_urlsafe(32)


def ensure_key(connection: Connection) -> None:
    """The signing key of enrolment codes, made once at `central init`."""
    connection.execute(text(
        "INSERT INTO central_settings (key, value) VALUES (:k, :v) ON CONFLICT DO NOTHING"),
        {"k": KEY_SETTING, "v": secrets.token_hex(32)})


def sign(key: bytes, payload: str) -> str:
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def address(admin_url: str, role: str) -> str:
    """The device's login URL: the administrator's server and options, the device's role,
    no password (the administrator's must never reach a code)."""
    admin = make_url(admin_url)
    return URL.create("postgresql", username=role, host=admin.host, port=admin.port,
                      database=admin.database, query=admin.query).render_as_string(
        hide_password=False)


def issue(connection: Connection, admin_url: str, device_id: uuid.UUID, password: str,
          valid_for: dt.timedelta = DEFAULT_VALID) -> EnrolmentCode:
    """Record a new code for the device (whose login has *password* now) and sign it."""
    device = connection.execute(
        select(devices.c.role_name, devices.c.counter_no, sites.c.code, sites.c.id)
        .join(sites, sites.c.id == devices.c.site_id).where(devices.c.id == device_id)).one()
    code_id = uuid.uuid4()
    expires_at = connection.execute(text(  # the server's clock, which checks it
        "INSERT INTO central_enrolment_codes (id, device_id, created_at, expires_at) "
        "VALUES (:id, :device, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' + :valid) "
        "RETURNING expires_at"), {"id": code_id, "device": device_id, "valid": valid_for}
    ).scalar_one()
    ensure_key(connection)  # a database set up before codes were signed
    key = connection.execute(select(settings.c.value).where(settings.c.key == KEY_SETTING)
                             ).scalar_one()
    code = EnrolmentCode(address=address(admin_url, device.role_name), device_id=str(device_id),
                         site_code=device.code, site_id=str(device.id),
                         counter_no=device.counter_no, code_id=str(code_id),
                         expires_at=expires_at.isoformat(timespec="seconds"),
                         password=password)
    return replace(code, signature=sign(bytes.fromhex(key), code.payload()))


# ----- the counter's side -----

def redeem(code: EnrolmentCode, keep: Callable[[Enrolment], object] | None = None,
           builtin: bool = False) -> Enrolment:
    """Enrol the device of *code* and return its credentials with a new password only the
    caller knows. *keep* (saving them) runs before the commit, so a crash after the
    commit loses nothing; if it raises, nothing changes centrally."""
    require_postgresql(code.address)
    password = new_password()
    enrolled = code.credentials(password, builtin)
    engine = _open(code)
    try:
        with engine.connect() as connection:
            refuse_powerful_login(connection)
            _take(connection, code)
            connection.exec_driver_sql(scram.alter_password_sql("CURRENT_USER", password))
            if keep is not None:
                keep(enrolled)
            connection.commit()
    except DBAPIError as exc:
        raise database.unreachable(exc) from exc
    finally:
        engine.dispose()
    return enrolled


def is_enrolled(enrolment: Enrolment) -> bool:
    """Whether *enrolment*'s login works and is its device's, enrolled (a redemption whose
    commit went through before the counter stopped)."""
    try:
        engine = database.create_central_engine(enrolment.url)
        try:
            with engine.connect() as connection:
                me = connection.execute(text("SELECT central_current_device()")).scalar()
        finally:
            engine.dispose()
    except (DBAPIError, database.SyncError):
        return False
    return me is not None and str(me) == enrolment.device_id


def require_postgresql(url: str) -> None:
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise EnrolmentError(MSG_BAD_CODE) from exc
    if backend != "postgresql":
        raise EnrolmentError(MSG_NOT_POSTGRESQL)


def refuse_powerful_login(connection: Connection) -> None:
    """A counter's login reads under row-level security and owns nothing: refuse any other
    (a code for an administrator's login, or a device role given rights it must not have)."""
    powers = connection.execute(text(POWERS)).scalars().all()
    if powers:
        raise EnrolmentError(MSG_POWERFUL, powers=", ".join(powers))
    if connection.execute(text(OWNS)).scalar():
        raise EnrolmentError(MSG_OWNER)


def _open(code: EnrolmentCode) -> Engine:
    try:
        return database.open_central(code.url)
    except database.SyncError as exc:
        if exc.template == database.MSG_REVOKED:  # the server refused the code's login
            raise EnrolmentError(MSG_LOGIN_REFUSED) from exc
        raise


def _take(connection: Connection, code: EnrolmentCode) -> None:
    answer = connection.execute(text("SELECT central_enrol(:payload, :signature)"), {
        "payload": code.payload(), "signature": code.signature}).scalar_one()
    if answer != "enrolled":
        raise EnrolmentError(REFUSALS.get(answer, MSG_ALTERED))
