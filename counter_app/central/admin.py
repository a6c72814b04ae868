"""Administration of the central database: set-up, sites, devices (the `central` CLI).

Run with an administrator's URL: a superuser (`central init` gives the engine role
BYPASSRLS and server roles; docs/SECURITY.md).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import event, func, select, text, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from counter_app.central import database, enrolment, fencing, migrate
from counter_app.central.device_push import receipt_site_part
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
MSG_BAD_CODE = QT_TRANSLATE_NOOP(
    "messages", "The site code {code} is not usable: use 1 to 20 Latin letters, digits, '-' "
                "or '_' (a code is part of database roles and photo receipt numbers).")
# ASCII only: Python and PostgreSQL upper-case some letters differently ("ß"), so a code
# must normalise the same in both.
SITE_CODE = re.compile(r"[A-Za-z0-9_-]{1,20}")
MSG_CODE_CLASH = QT_TRANSLATE_NOOP(
    "messages", "The site code {code} is too like the existing site {other}'s: the database "
                "role and the photo receipt numbers of a site keep only its letters and "
                "digits, so the two would share them. Choose a code that differs from {other} "
                "in its letters or digits.")
MSG_INIT_BLOCKED = QT_TRANSLATE_NOOP(
    "messages", "'central init' did not finish: another session kept a table it must change "
                "locked for {seconds} seconds, {attempts} times (the counters' sessions were "
                "ended; an administrator's own, e.g. psql, is not). Close that session and run "
                "'central init' again.")

# `central init` ends the devices' sessions first (a counter reconnects and resends: a push
# is recognised by its (device, seq)), then waits at most this long for each lock it needs,
# so an administrator is never left waiting behind a session, nor every counter queued
# behind the administrator; it tries INIT_ATTEMPTS times before it gives up.
INIT_LOCK_TIMEOUT_SECONDS = 10
INIT_ATTEMPTS = 3
LOCK_NOT_AVAILABLE = "55P03"


class AdminError(CounterError):
    code = "central_admin"


def init_central(url: str) -> str:
    """Migrate the schema to the newest revision and set up roles and policies; returns
    the revision. Devices' sessions are ended first; a lock held elsewhere for longer than
    INIT_LOCK_TIMEOUT_SECONDS is waited for again INIT_ATTEMPTS times at most (AdminError)."""
    engine = database.create_central_engine(url)
    event.listen(engine, "connect", _limit_waits)
    attempt = 1
    try:
        while True:
            try:
                with engine.begin() as connection:
                    end_device_sessions(connection)
                migrate.upgrade(engine)
                with engine.begin() as connection:
                    separate_site_roles(connection)
                    fencing.apply(connection)
                return migrate.HEAD
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                    raise
                if attempt == INIT_ATTEMPTS:
                    raise AdminError(MSG_INIT_BLOCKED, seconds=INIT_LOCK_TIMEOUT_SECONDS,
                                     attempts=INIT_ATTEMPTS) from exc
                attempt += 1
    finally:
        engine.dispose()


def _limit_waits(dbapi_connection, _record) -> None:
    """An administrator's session of init_central waits for no lock for long."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute(f"SET lock_timeout = '{INIT_LOCK_TIMEOUT_SECONDS}s'")
    finally:
        dbapi_connection.autocommit = autocommit


def end_device_sessions(connection: Connection) -> int:
    """Keep devices out (CONNECT taken from their group until fencing.apply gives it back
    at the end of init: one that reconnects at once would take its locks again) and end
    every device's session on this database; how many."""
    if connection.execute(text("SELECT to_regclass('central_devices')")).scalar() is None:
        return 0  # a new database: no device yet
    group = fencing.group_role(connection)
    if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :g"),
                          {"g": group}).first():
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        connection.execute(text(f"REVOKE CONNECT ON DATABASE {fencing.quote(database)} "
                                f"FROM {fencing.quote(group)}"))
    return connection.execute(text(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(a.pid)) FROM pg_stat_activity a "
        "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() "
        "AND a.usename IN (SELECT role_name FROM central_devices)")).scalar_one()


def separate_site_roles(connection: Connection) -> None:
    """Sites made before ensure_site refused clashing codes may share one role ("CC-1" and
    "CC_1"): each but the first made gets a role of its own, its devices move to it, and a
    shared role left to a site that is not the card centre loses the card centre's rights."""
    if connection.execute(text("SELECT to_regclass('central_sites')")).scalar() is None:
        return
    rows = connection.execute(select(sites.c.id, sites.c.kind, sites.c.role_name)
                              .where(sites.c.role_name != "")
                              .order_by(sites.c.role_name, sites.c.created_at, sites.c.id)).all()
    keeper: dict[str, object] = {}
    centre = fencing.card_centre_role(connection)
    for site in rows:
        first = keeper.setdefault(site.role_name, site)
        if first is site:
            continue
        role = f"{site.role_name[:50]}_{site.id.hex[:8]}"
        fencing.ensure_role(connection, role, member_of=_group_of(connection, site.kind))
        for (device,) in connection.execute(text(
                "SELECT d.role_name FROM central_devices d JOIN pg_roles r "
                "ON r.rolname = d.role_name WHERE d.site_id = :site"), {"site": site.id}).all():
            fencing.ensure_role(connection, device, member_of=role)
            connection.execute(text(f"REVOKE {fencing.quote(site.role_name)} "
                                    f"FROM {fencing.quote(device)}"))
        connection.execute(update(sites).where(sites.c.id == site.id).values(role_name=role))
        if first.kind != "card_centre":
            connection.execute(text(f"REVOKE {fencing.quote(centre)} "
                                    f"FROM {fencing.quote(first.role_name)}"))


def _group_of(connection: Connection, kind: str) -> str:
    return (fencing.card_centre_role(connection) if kind == "card_centre"
            else fencing.group_role(connection))


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
    if not SITE_CODE.fullmatch(code):
        raise AdminError(MSG_BAD_CODE, code=code)
    role = fencing.site_role(connection, code)
    # Role names and receipt numbers keep only a code's letters and digits: "CC-1" must not
    # become the card centre "CC_1" (its role: its rights), nor "CC1" (its receipt numbers).
    part = receipt_site_part(code)
    for other in connection.execute(select(sites.c.code, sites.c.role_name)):
        if other.role_name == role or receipt_site_part(other.code) == part:
            raise AdminError(MSG_CODE_CLASH, code=code, other=other.code)
    fencing.ensure_role(connection, role, member_of=_group_of(connection, kind))
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


# `central drop` is an administrator's command line only (never shown in the window): its
# messages are plain English, not in the translation catalogue.
MAINTENANCE_DATABASE = "postgres"
NEVER_DROPPED = frozenset({"postgres", "template0", "template1"})


@dataclass(frozen=True)
class CentralRoles:
    """A central database's role prefix and the roles it names (group, card centre, engine,
    its sites' and devices' roles)."""
    database: str
    prefix: str
    roles: frozenset[str]


@dataclass(frozen=True)
class Dropped:
    database: str
    roles: tuple[str, ...]   # dropped
    kept: tuple[str, ...]    # still used by another database (a copy with the same prefix)


def central_roles(url: str) -> CentralRoles:
    """What `central drop` would remove; AdminError when *url* names no Counter central
    database (no such database, or no central schema in it)."""
    name = _database_name(url)
    engine = database.create_central_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            found = _roles_named_in(connection)
    except (OperationalError, DBAPIError) as exc:
        raise AdminError("Cannot open the database {database}: {problem}", database=name,
                         problem=_server_says(exc)) from exc
    finally:
        engine.dispose()
    if found is None:
        raise AdminError("The database {database} is not a Counter central database (it has "
                         "no {table} table): not dropped.", database=name,
                         table=migrate.VERSION_TABLE)
    prefix, roles = found
    return CentralRoles(name, prefix, frozenset(roles))


def drop_central(url: str) -> Dropped:
    """Drop the central database named in the administrator's *url* (its sessions ended,
    from the server's maintenance database) and the roles `central init`, `add-site` and
    `add-device` made for it; a role another database on the server still names (a copy
    made with CREATE DATABASE ... TEMPLATE keeps the prefix) or still depends on is kept."""
    target = central_roles(url)
    if target.database in NEVER_DROPPED:
        raise AdminError("The database {database} is never dropped.", database=target.database)
    database.forget()  # no pool of this process keeps a connection to it
    maintenance = make_url(database.normalise_url(url)).set(database=MAINTENANCE_DATABASE)
    engine = database.create_central_engine(maintenance.render_as_string(hide_password=False),
                                            poolclass=NullPool,
                                            isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            shared = _roles_of_other_databases(connection, url, target)
            on_server = {row.rolname for row in connection.execute(text(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE :pattern"),
                {"pattern": target.prefix.replace("_", "\\_") + "\\_%"})}
            if shared is None:  # the prefix is this database's alone: its leftovers too
                wanted, kept = target.roles | on_server, []
            else:
                wanted, kept = target.roles - shared, sorted(target.roles & shared)
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": target.database})
            connection.execute(text(
                f"DROP DATABASE IF EXISTS {fencing.quote(target.database)} WITH (FORCE)"))
            dropped = []
            for role in sorted(wanted & on_server):
                try:
                    connection.execute(text(f"DROP ROLE IF EXISTS {fencing.quote(role)}"))
                    dropped.append(role)
                except DBAPIError:  # objects or privileges in another database depend on it
                    kept.append(role)
    finally:
        engine.dispose()
    return Dropped(target.database, tuple(dropped), tuple(sorted(kept)))


def _server_says(exc: Exception) -> str:
    """The server's last line on a failed connection (no URL, so no password, in it)."""
    lines = str(getattr(exc, "orig", exc)).strip().splitlines()
    return lines[-1] if lines else database.error_name(exc)


def _database_name(url: str) -> str:
    name = make_url(database.normalise_url(url)).database
    if not name:
        raise AdminError("The URL names no database.")
    return name


def _roles_named_in(connection: Connection) -> tuple[str, set[str]] | None:
    """(prefix, roles) of the central database *connection* is on; None when it is not
    one (no version table, no stored role prefix)."""
    if connection.execute(text("SELECT to_regclass(:t)"),
                          {"t": migrate.VERSION_TABLE}).scalar() is None:
        return None
    if connection.execute(text("SELECT to_regclass('central_settings')")).scalar() is None:
        return None
    from counter_app.central.schema import settings

    prefix = connection.execute(select(settings.c.value).where(
        settings.c.key == "role_prefix")).scalar()
    if not prefix:
        return None
    roles = {f"{prefix}_engine", f"{prefix}_counter", f"{prefix}_card_centre"}
    for table in (sites, devices):
        if connection.execute(text("SELECT to_regclass(:t)"), {"t": table.name}).scalar():
            roles.update(r for r in connection.execute(select(table.c.role_name)).scalars() if r)
    return prefix, roles


def _roles_of_other_databases(connection: Connection, url: str,
                              target: CentralRoles) -> set[str] | None:
    """The roles other central databases with the same prefix name; None when there is no
    such database (those the administrator cannot open are taken to share nothing)."""
    shared: set[str] | None = None
    names = connection.execute(text(
        "SELECT datname FROM pg_database WHERE datallowconn AND datname <> :name "
        "ORDER BY datname"), {"name": target.database}).scalars().all()
    base = make_url(database.normalise_url(url))
    for name in names:
        if name in NEVER_DROPPED:
            continue
        engine = database.create_central_engine(
            base.set(database=name).render_as_string(hide_password=False), poolclass=NullPool)
        try:
            with engine.connect() as other:
                found = _roles_named_in(other)
        except DBAPIError:
            continue
        finally:
            engine.dispose()
        if found and found[0] == target.prefix:
            shared = (shared or set()) | found[1]
    return shared
