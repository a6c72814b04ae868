"""Operator administration (administrators): list, create, disable and enable, reset a
password, assign roles; and every operator's own password change.

The window's operator dialog and `counter-app operator ...` both call these. Each change
is audited in its own transaction (no password, hash or name in the record: the roles
and what changed). An administrator cannot disable themselves, and the last active
administrator can be neither disabled nor lose the role: someone must stay able to
manage operators.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError, ValidationError
from counter_app.security import audit
from counter_app.security.passwords import hash_password, verify_password
from counter_app.security.roles import Permission, Role, format_roles, parse_roles
from counter_app.services import auth
from counter_app.services.auth import CurrentOperator, Forbidden
from counter_app.services.context import AppContext
from counter_app.store.models import Operator, Site, utcnow

MSG_NOT_SELF = QT_TRANSLATE_NOOP("messages", "You cannot disable your own account.")
MSG_LAST_ADMIN = QT_TRANSLATE_NOOP(
    "messages", "This is the last active administrator: make another operator an "
                "administrator first.")
MSG_NO_OPERATOR = QT_TRANSLATE_NOOP("messages", "There is no such operator.")
MSG_OLD_PASSWORD = QT_TRANSLATE_NOOP("messages", "The current password is not right.")
MSG_SAME_PASSWORD = QT_TRANSLATE_NOOP(
    "messages", "The new password must be different from the current one.")


class OperatorError(CounterError):
    code = "operator"


@dataclass(frozen=True)
class OperatorView:
    """An operator as the administration lists it (no password hash)."""

    id: uuid.UUID
    username: str
    display_name: str
    site_code: str
    roles: frozenset[Role]
    active: bool
    must_change_password: bool
    locked_until: dt.datetime | None   # UTC; None when not locked (or the lock ran out)

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def list_operators(ctx: AppContext, actor: CurrentOperator, *,
                   now: dt.datetime | None = None) -> list[OperatorView]:
    actor.require(Permission.MANAGE_OPERATORS)
    now = now or utcnow()
    with ctx.sessions() as session:
        rows = session.execute(select(Operator, Site.code).join(Site, Site.id == Operator.site_id)
                               .order_by(Operator.username))
        return [_view(operator, code, now) for operator, code in rows]


def find(ctx: AppContext, actor: CurrentOperator, username: str) -> OperatorView:
    """The operator with this user name (OperatorError when none)."""
    for view in list_operators(ctx, actor):
        if view.username == username.strip():
            return view
    raise OperatorError(MSG_NO_OPERATOR)


def create(ctx: AppContext, actor: CurrentOperator, *, username: str, display_name: str,
           password: str, roles: set[Role] | frozenset[Role],
           site_code: str | None = None) -> uuid.UUID:
    """A new operator at the administrator's site (or *site_code*, a site this counter
    knows), who must change the password at the first login."""
    actor.require(Permission.MANAGE_OPERATORS)
    site_id = actor.site_id
    if site_code:
        with ctx.sessions() as session:
            site_id = session.scalar(select(Site.id).where(Site.code == site_code.strip()))
        if site_id is None:
            raise ValidationError("site", auth.MSG_NO_SITE)
    return auth.create_operator(ctx, site_id=site_id, username=username,
                                display_name=display_name, password=password,
                                roles=set(roles), actor=actor, must_change_password=True)


def set_active(ctx: AppContext, actor: CurrentOperator, operator_id: uuid.UUID,
               active: bool) -> None:
    """Disable (no login any more) or enable an operator; enabling also ends a lockout."""
    actor.require(Permission.MANAGE_OPERATORS)
    if not active and operator_id == actor.id:
        raise Forbidden(MSG_NOT_SELF)
    with ctx.sessions.begin() as session:
        operator = _get(session, operator_id)
        if operator.active == active:
            return
        if not active:
            _keep_an_administrator(session, operator, parse_roles(operator.roles))
        operator.active = active
        if active:
            operator.failed_logins, operator.locked_until = 0, None
        audit.record(session, action="operator_enabled" if active else "operator_disabled",
                     entity="operator", entity_id=operator.id, operator_id=actor.id,
                     site_id=actor.site_id)


def reset_password(ctx: AppContext, actor: CurrentOperator, operator_id: uuid.UUID,
                   password: str) -> None:
    """A new password the operator must change at the next login; ends a lockout."""
    actor.require(Permission.MANAGE_OPERATORS)
    auth.check_new_password(password)
    with ctx.sessions.begin() as session:
        operator = _get(session, operator_id)
        operator.password_hash = hash_password(password)
        operator.must_change_password = True
        operator.failed_logins, operator.locked_until = 0, None
        audit.record(session, action="password_reset", entity="operator",
                     entity_id=operator.id, operator_id=actor.id, site_id=actor.site_id)


def set_roles(ctx: AppContext, actor: CurrentOperator, operator_id: uuid.UUID,
              roles: set[Role] | frozenset[Role]) -> None:
    actor.require(Permission.MANAGE_OPERATORS)
    if not roles:
        raise ValidationError("roles", auth.MSG_NO_ROLE)
    with ctx.sessions.begin() as session:
        operator = _get(session, operator_id)
        before = parse_roles(operator.roles)
        if before == frozenset(roles):
            return
        if Role.ADMINISTRATOR in before and Role.ADMINISTRATOR not in roles:
            _keep_an_administrator(session, operator, before)
        operator.roles = format_roles(set(roles))
        audit.record(session, action="operator_roles", entity="operator",
                     entity_id=operator.id, operator_id=actor.id, site_id=actor.site_id,
                     detail=f"{format_roles(before)} -> {operator.roles}")


def change_own_password(ctx: AppContext, operator: CurrentOperator, current: str, new: str,
                        *, now: dt.datetime | None = None) -> CurrentOperator:
    """The operator's own new password (no permission needed); a wrong current password
    counts as a wrong login (lockout). Returns the operator, no longer asked to change."""
    now = now or utcnow()
    auth.check_new_password(new)
    if new == current:
        raise ValidationError("password", MSG_SAME_PASSWORD)
    with ctx.sessions.begin() as session:
        row = session.get(Operator, operator.id)
        if row is None or not row.active:
            raise auth.LoginFailed(auth.MSG_LOGIN)
        found, error = auth.authenticate(ctx, session, row.username, current, now)
        if found is not None:
            if verify_password(found.password_hash, new):  # the same, differently typed
                raise ValidationError("password", MSG_SAME_PASSWORD)
            found.password_hash = hash_password(new)
            found.must_change_password = False
            audit.record(session, action="password_changed", entity="operator",
                         entity_id=found.id, operator_id=found.id, site_id=found.site_id)
            return auth.as_current(found)
    if isinstance(error, auth.LoginLocked):
        raise error
    raise ValidationError("current_password", MSG_OLD_PASSWORD)


def _get(session, operator_id: uuid.UUID) -> Operator:
    operator = session.get(Operator, operator_id)
    if operator is None:
        raise OperatorError(MSG_NO_OPERATOR)
    return operator


def _keep_an_administrator(session, operator: Operator, roles: frozenset[Role]) -> None:
    """Forbidden when *operator* is the last active administrator."""
    if not operator.active or Role.ADMINISTRATOR not in roles:
        return
    others = session.scalars(select(Operator.roles).where(
        Operator.active, Operator.id != operator.id))
    if not any(Role.ADMINISTRATOR in parse_roles(text) for text in others):
        raise Forbidden(MSG_LAST_ADMIN)


def _view(operator: Operator, site_code: str, now: dt.datetime) -> OperatorView:
    locked = operator.locked_until if operator.locked_until and operator.locked_until > now \
        else None
    return OperatorView(operator.id, operator.username, operator.display_name, site_code,
                        parse_roles(operator.roles), operator.active,
                        operator.must_change_password, locked)
