"""First-run administrator, login, operators."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.security import audit
from counter_app.security.passwords import hash_password, needs_rehash, verify_password
from counter_app.security.roles import Permission, Role, format_roles, parse_roles, permissions
from counter_app.services.context import AppContext
from counter_app.store.models import Operator, Site, utcnow

MSG_LOGIN = QT_TRANSLATE_NOOP("messages", "Wrong user name or password.")
MSG_FORBIDDEN = QT_TRANSLATE_NOOP("messages", "Your role does not allow this.")
MSG_PASSWORD = QT_TRANSLATE_NOOP("messages", "The password needs at least 8 characters.")
MSG_USERNAME = QT_TRANSLATE_NOOP("messages", "This user name is taken.")
MSG_FIELD = QT_TRANSLATE_NOOP("messages", "Please fill in this field.")
MSG_LOCKED = QT_TRANSLATE_NOOP(
    "messages", "Too many wrong passwords: this account is locked until {until}. "
                "Try again then, or ask an administrator to reset the password.")
MSG_NOT_UNLOCK = QT_TRANSLATE_NOOP(
    "messages", "Only the operator logged in here, or a supervisor or administrator of this "
                "site, can unlock this window.")
MSG_NO_ROLE = QT_TRANSLATE_NOOP("messages", "Choose at least one role.")
MSG_NO_SITE = QT_TRANSLATE_NOOP("messages", "There is no such handling point on this counter.")
MSG_PASSWORDS_DIFFER = QT_TRANSLATE_NOOP("messages", "The two passwords are not the same.")
MIN_PASSWORD = 8


class LoginFailed(CounterError):
    code = "login"


class LoginLocked(LoginFailed):
    """Too many wrong passwords in a row: refused until the time it names."""

    code = "login_locked"


class Forbidden(CounterError):
    code = "forbidden"


@dataclass(frozen=True)
class CurrentOperator:
    id: uuid.UUID
    username: str
    display_name: str
    site_id: uuid.UUID
    site_code: str
    site_name: str
    roles: frozenset[Role]
    # The first administrator's, or one an administrator reset: the window asks for a new
    # one before anything else, the command line refuses to go on.
    must_change_password: bool = False

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions(self.roles)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise Forbidden(MSG_FORBIDDEN)

    def require_any(self, *permissions: Permission) -> None:
        if not any(self.can(permission) for permission in permissions):
            raise Forbidden(MSG_FORBIDDEN)


def needs_first_administrator(ctx: AppContext) -> bool:
    with ctx.sessions() as session:
        return not session.scalar(select(func.count()).select_from(Operator))


def ensure_site(ctx: AppContext, code: str, name: str, kind: str = "service_centre") -> uuid.UUID:
    with ctx.sessions.begin() as session:
        site = session.scalar(select(Site).where(Site.code == code))
        if site is None:
            site = Site(code=code, name=name, kind=kind)
            session.add(site)
            session.flush()
        return site.id


def create_operator(ctx: AppContext, *, site_id: uuid.UUID, username: str, display_name: str,
                    password: str, roles: set[Role] | frozenset[Role],
                    actor: CurrentOperator | None = None,
                    must_change_password: bool = True) -> uuid.UUID:
    """Add an operator. Without *actor* only allowed on first run (no operator yet). The
    password is someone else's choice (the administrator's, or an installer's for the
    first administrator), so it must be changed at the first login, unless the caller
    says otherwise (the demo operator keeps its printed password)."""
    if actor is not None:
        actor.require(Permission.MANAGE_OPERATORS)
    username, display_name = username.strip(), display_name.strip()
    for field_name, value in (("username", username), ("display_name", display_name)):
        if not value:
            raise ValidationError(field_name, MSG_FIELD)
    if not roles:
        raise ValidationError("roles", MSG_NO_ROLE)
    check_new_password(password)
    with ctx.sessions.begin() as session:
        if actor is None and session.scalar(select(func.count()).select_from(Operator)):
            raise Forbidden(MSG_FORBIDDEN)
        if session.get(Site, site_id) is None:
            raise ValidationError("site", MSG_NO_SITE)
        if session.scalar(select(Operator.id).where(Operator.username == username)):
            raise ValidationError("username", MSG_USERNAME)
        operator = Operator(site_id=site_id, username=username, display_name=display_name,
                            password_hash=hash_password(password), roles=format_roles(roles),
                            must_change_password=must_change_password)
        session.add(operator)
        session.flush()
        audit.record(session, action="operator_created", entity="operator",
                     entity_id=operator.id, operator_id=actor.id if actor else None,
                     site_id=site_id, detail=format_roles(roles))
        return operator.id


def check_new_password(password: str) -> None:
    """ValidationError ("password") unless *password* will do as a new password."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password", MSG_PASSWORD)


def login(ctx: AppContext, username: str, password: str, *,
          now: dt.datetime | None = None) -> CurrentOperator:
    """The operator, or LoginFailed (LoginLocked while locked out: even the right password
    is refused then). The rules' `[operators]` limit of wrong passwords in a row locks the
    operator for its minutes; a login resets the count. *now* is UTC (naive)."""
    now = now or utcnow()
    with ctx.sessions.begin() as session:
        operator, error = authenticate(ctx, session, username, password, now)
        if operator is not None:
            audit.record(session, action="login", entity="operator", entity_id=operator.id,
                         operator_id=operator.id, site_id=operator.site_id)
            return as_current(operator)
    raise error  # after the commit: the count and the audit record are kept


def unlock(ctx: AppContext, locked: CurrentOperator, username: str, password: str, *,
           now: dt.datetime | None = None) -> CurrentOperator:
    """Unlock a window *locked* (idle) is logged in at: its operator, or a supervisor or
    administrator of the same site, with their password (counted like a login). Returns
    who unlocked it; LoginFailed or Forbidden otherwise."""
    now = now or utcnow()
    refused: CounterError | None = None
    with ctx.sessions.begin() as session:
        operator, error = authenticate(ctx, session, username, password, now)
        if operator is None:
            refused = error
        else:
            who = as_current(operator)
            if who.id != locked.id and not (
                    who.site_id == locked.site_id
                    and (who.can(Permission.OVERRIDE) or who.can(Permission.MANAGE_OPERATORS))):
                audit.record(session, action="unlock_refused", entity="operator",
                             entity_id=locked.id, operator_id=who.id, site_id=who.site_id)
                refused = Forbidden(MSG_NOT_UNLOCK)
            else:
                audit.record(session, action="window_unlocked", entity="operator",
                             entity_id=locked.id, operator_id=who.id, site_id=locked.site_id)
                return who
    raise refused


def window_locked(ctx: AppContext, operator: CurrentOperator) -> None:
    """Audit that *operator*'s window locked itself (idle)."""
    with ctx.sessions.begin() as session:
        audit.record(session, action="window_locked", entity="operator", entity_id=operator.id,
                     operator_id=operator.id, site_id=operator.site_id)


def authenticate(ctx: AppContext, session, username: str, password: str, now: dt.datetime
                  ) -> tuple[Operator | None, CounterError | None]:
    """(the active operator, None) when *password* is theirs and they are not locked out;
    else (None, the error), with the wrong password counted and audited in *session*."""
    operator = session.scalar(
        select(Operator).where(Operator.username == username.strip(), Operator.active))
    # Verify even for an unknown or locked user, so timing does not tell them apart.
    stored = operator.password_hash if operator else _dummy_hash()
    valid = verify_password(stored, password)
    if operator is None:
        audit.record(session, action="login_failed", entity="operator", entity_id="",
                     operator_id=None, site_id=None)
        return None, LoginFailed(MSG_LOGIN)
    if operator.locked_until is not None and operator.locked_until > now:
        audit.record(session, action="login_locked", entity="operator",
                     entity_id=operator.id, operator_id=None, site_id=operator.site_id,
                     detail="refused while locked")
        return None, _locked(operator.locked_until)
    if valid:
        operator.failed_logins, operator.locked_until = 0, None
        if needs_rehash(operator.password_hash):
            operator.password_hash = hash_password(password)
        return operator, None
    limits = ctx.rules.operators
    operator.failed_logins += 1
    if operator.failed_logins >= limits.failed_logins_limit:
        operator.locked_until = now + dt.timedelta(minutes=limits.lockout_minutes)
        operator.failed_logins = 0
        audit.record(session, action="login_locked", entity="operator",
                     entity_id=operator.id, operator_id=None, site_id=operator.site_id,
                     detail=f"locked after {limits.failed_logins_limit} wrong passwords "
                            f"for {limits.lockout_minutes} minutes")
        return None, _locked(operator.locked_until)
    audit.record(session, action="login_failed", entity="operator", entity_id=operator.id,
                 operator_id=None, site_id=operator.site_id,
                 detail=f"wrong password {operator.failed_logins} in a row")
    return None, LoginFailed(MSG_LOGIN)


def _locked(until: dt.datetime) -> LoginLocked:
    return LoginLocked(MSG_LOCKED, until=local_text(until))


def as_current(operator: Operator) -> CurrentOperator:
    return CurrentOperator(
        id=operator.id, username=operator.username, display_name=operator.display_name,
        site_id=operator.site_id, site_code=operator.site.code, site_name=operator.site.name,
        roles=parse_roles(operator.roles), must_change_password=operator.must_change_password)


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not a real password")
