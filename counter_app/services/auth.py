"""First-run administrator, login, operators."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.security import audit
from counter_app.security.passwords import hash_password, needs_rehash, verify_password
from counter_app.security.roles import Permission, Role, format_roles, parse_roles, permissions
from counter_app.services.context import AppContext
from counter_app.store.models import Operator, Site

MSG_LOGIN = QT_TRANSLATE_NOOP("messages", "Wrong user name or password.")
MSG_FORBIDDEN = QT_TRANSLATE_NOOP("messages", "Your role does not allow this.")
MSG_PASSWORD = QT_TRANSLATE_NOOP("messages", "The password needs at least 8 characters.")
MSG_USERNAME = QT_TRANSLATE_NOOP("messages", "This user name is taken.")
MSG_FIELD = QT_TRANSLATE_NOOP("messages", "Please fill in this field.")
MIN_PASSWORD = 8


class LoginFailed(CounterError):
    code = "login"


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

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions(self.roles)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
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
                    password: str, roles: set[Role],
                    actor: CurrentOperator | None = None) -> uuid.UUID:
    """Add an operator. Without *actor* only allowed on first run (no operator yet)."""
    if actor is not None:
        actor.require(Permission.MANAGE_OPERATORS)
    for field_name, value in (("username", username), ("display_name", display_name)):
        if not value.strip():
            raise ValidationError(field_name, MSG_FIELD)
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password", MSG_PASSWORD)
    with ctx.sessions.begin() as session:
        if actor is None and session.scalar(select(func.count()).select_from(Operator)):
            raise Forbidden(MSG_FORBIDDEN)
        if session.scalar(select(Operator.id).where(Operator.username == username)):
            raise ValidationError("username", MSG_USERNAME)
        operator = Operator(site_id=site_id, username=username.strip(),
                            display_name=display_name.strip(),
                            password_hash=hash_password(password), roles=format_roles(roles))
        session.add(operator)
        session.flush()
        audit.record(session, action="operator_created", entity="operator",
                     entity_id=operator.id, operator_id=actor.id if actor else None,
                     site_id=site_id, detail=format_roles(roles))
        return operator.id


def login(ctx: AppContext, username: str, password: str) -> CurrentOperator:
    with ctx.sessions.begin() as session:
        operator = session.scalar(
            select(Operator).where(Operator.username == username.strip(), Operator.active))
        # Verify even for an unknown user so timing does not reveal which names exist.
        stored = operator.password_hash if operator else _dummy_hash()
        valid = verify_password(stored, password)
        if operator is not None and valid:
            if needs_rehash(operator.password_hash):
                operator.password_hash = hash_password(password)
            audit.record(session, action="login", entity="operator", entity_id=operator.id,
                         operator_id=operator.id, site_id=operator.site_id)
            return _current(operator)
        # The failure is committed with this transaction; the error is raised after it.
        audit.record(session, action="login_failed", entity="operator",
                     entity_id=operator.id if operator else "", operator_id=None, site_id=None)
    raise LoginFailed(MSG_LOGIN)


def _current(operator: Operator) -> CurrentOperator:
    return CurrentOperator(
        id=operator.id, username=operator.username, display_name=operator.display_name,
        site_id=operator.site_id, site_code=operator.site.code, site_name=operator.site.name,
        roles=parse_roles(operator.roles))


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not a real password")
