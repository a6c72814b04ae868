"""Administration of the central database: set-up, sites, devices (the `central` CLI).

Run with an administrator's URL: a superuser (`central init` gives the engine role
BYPASSRLS and server roles; docs/SECURITY.md).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Connection

from counter_app.central import database, enrolment, fencing, migrate
from counter_app.central.enrolment import EnrolmentCode
from counter_app.central.schema import (SITE_KINDS, devices, enrolment_codes, preapplications,
                                        sites)
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_UNKNOWN_SITE = QT_TRANSLATE_NOOP("messages", "There is no site with the code {code}.")
MSG_BAD_KIND = QT_TRANSLATE_NOOP("messages", "Unknown kind of site: {kind}.")
MSG_UNKNOWN_DEVICE = QT_TRANSLATE_NOOP("messages", "There is no device {device}.")
MSG_NO_NEW_CODE = QT_TRANSLATE_NOOP(
    "messages", "Device {device} has been enrolled or withdrawn already; a new code is only "
                "for a device that has not taken its code. To replace a counter, withdraw it "
                "and add a new device.")
MSG_BAD_VALIDITY = QT_TRANSLATE_NOOP(
    "messages", "An enrolment code must be valid for at least one hour.")


class AdminError(CounterError):
    code = "central_admin"


def init_central(url: str) -> str:
    """Migrate the schema to the newest revision and set up roles and policies; returns
    the revision."""
    engine = database.create_central_engine(url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as connection:
            fencing.apply(connection)
    finally:
        engine.dispose()
    return migrate.HEAD


def add_site(url: str, code: str, name: str, kind: str = "service_centre") -> uuid.UUID:
    if kind not in SITE_KINDS:
        raise AdminError(MSG_BAD_KIND, kind=kind)
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            return ensure_site(connection, code, name, kind)
    finally:
        engine.dispose()


def ensure_site(connection: Connection, code: str, name: str = "", kind: str = "service_centre"
                ) -> uuid.UUID:
    """The site's id, creating the site (and on PostgreSQL its role) when new."""
    existing = connection.execute(select(sites.c.id).where(sites.c.code == code)).scalar()
    if existing is not None:
        return existing
    role = fencing.site_role(connection, code)
    group = (fencing.card_centre_role(connection) if kind == "card_centre"
             else fencing.group_role(connection))
    fencing.ensure_role(connection, role, member_of=group)
    site_id = uuid.uuid4()
    connection.execute(sites.insert().values(id=site_id, code=code, name=name or code,
                                             kind=kind, role_name=role,
                                             created_at=database.utcnow()))
    return site_id


def add_device(url: str, site_code: str, name: str,
               valid_for: dt.timedelta = enrolment.DEFAULT_VALID) -> EnrolmentCode:
    """Register a device; returns its enrolment code (signed, single use, valid for
    *valid_for*), to be shown only once."""
    _check_validity(valid_for)
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            site = connection.execute(select(sites).where(sites.c.code == site_code)).first()
            if site is None:
                raise AdminError(MSG_UNKNOWN_SITE, code=site_code)
            device_id = uuid.uuid4()
            password = enrolment.new_password()
            role = _device_role(connection, device_id, site.role_name, password)
            connection.execute(devices.insert().values(
                id=device_id, site_id=site.id, name=name, role_name=role,
                counter_no=next_counter_no(connection, site.id),
                created_at=database.utcnow()))
            return enrolment.issue(connection, url, device_id, password, valid_for)
    finally:
        engine.dispose()


def new_code(url: str, device_id: str,
             valid_for: dt.timedelta = enrolment.DEFAULT_VALID) -> EnrolmentCode:
    """A fresh code for a device that has not taken its code (lost, or expired): a new
    temporary password, so the earlier codes no longer log in; they are expired too."""
    _check_validity(valid_for)
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            device = connection.execute(select(devices).where(
                devices.c.id == _device_uuid(device_id))).first()
            if device is None:
                raise AdminError(MSG_UNKNOWN_DEVICE, device=device_id)
            if device.enrolled_at is not None or device.revoked_at is not None:
                raise AdminError(MSG_NO_NEW_CODE, device=device_id)
            password = enrolment.new_password()
            fencing.ensure_role(connection, device.role_name, password=password)
            connection.execute(update(enrolment_codes).where(
                enrolment_codes.c.device_id == device.id, enrolment_codes.c.used_at.is_(None))
                .values(expires_at=func.least(enrolment_codes.c.expires_at,
                                              text("now() AT TIME ZONE 'UTC'"))))
            return enrolment.issue(connection, url, device.id, password, valid_for)
    finally:
        engine.dispose()


def _check_validity(valid_for: dt.timedelta) -> None:
    if valid_for < dt.timedelta(hours=1):
        raise AdminError(MSG_BAD_VALIDITY)


def _device_uuid(device_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(device_id)
    except ValueError:
        return None


def next_counter_no(connection: Connection, site_id: uuid.UUID) -> int:
    """The next counter number of a site (the unique key refuses a concurrent twin)."""
    return (connection.execute(select(func.max(devices.c.counter_no)).where(
        devices.c.site_id == site_id)).scalar() or 0) + 1


def _device_role(connection: Connection, device_id: uuid.UUID, site_role: str,
                 password: str) -> str:
    role = fencing.device_role(connection, device_id.hex)
    fencing.ensure_role(connection, role, login=True, member_of=site_role, password=password)
    fencing.limit_device(connection, role)
    return role


def revoke_device(url: str, device_id: str) -> None:
    """Withdraw a device's access at once: no new logins, open sessions ended."""
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            row = connection.execute(
                update(devices).where(devices.c.id == uuid.UUID(device_id))
                .values(revoked_at=database.utcnow()).returning(devices.c.role_name)).first()
            if row is None:
                raise AdminError(MSG_UNKNOWN_DEVICE, device=device_id)
            connection.execute(text(f"ALTER ROLE {fencing.quote(row.role_name)} NOLOGIN"))
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE usename = :role"), {"role": row.role_name})
    finally:
        engine.dispose()


def publish_preapplication(central_url: str, number: str, payload: dict) -> None:
    """What the online service does: store a pre-application centrally (demo and tests)."""
    engine = database.open_central(central_url)
    try:
        with engine.begin() as connection:
            database.insert_ignoring_duplicates(connection, preapplications, {
                "number": number, "payload": payload, "created_at": database.utcnow()})
    finally:
        engine.dispose()
