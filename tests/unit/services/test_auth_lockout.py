"""Issue 13, operators: wrong passwords lock an operator out for the rules' minutes (the
right password refused meanwhile, with the time to try again), a login resets the count,
unknown users take the same path, everything audited; the idle window's unlock."""

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from counter_app.domain.business import OperatorRules, load_rules
from counter_app.domain.clock import local_text
from counter_app.security.roles import Role
from counter_app.services import auth
from counter_app.store.models import AuditRecord, Operator
from tests.helpers import PASSWORD, add_operator

NOW = dt.datetime(2026, 12, 14, 2, 0)  # UTC


def audit_actions(ctx) -> list[str]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))


def fail(ctx, username: str, times: int, now=NOW, password="wrong password"
         ) -> list[Exception]:
    errors = []
    for _ in range(times):
        with pytest.raises(auth.LoginFailed) as caught:
            auth.login(ctx, username, password, now=now)
        errors.append(caught.value)
    return errors


def test_five_wrong_passwords_lock_out_even_the_right_one_until_the_time_said(ctx, admin):
    errors = fail(ctx, "admin", 4)
    assert all(type(e) is auth.LoginFailed and e.template == auth.MSG_LOGIN for e in errors)
    (fifth,) = fail(ctx, "admin", 1)
    until = NOW + dt.timedelta(minutes=15)
    assert isinstance(fifth, auth.LoginLocked) and fifth.params == {"until": local_text(until)}
    assert local_text(until) in str(fifth) and "locked" in str(fifth)
    with pytest.raises(auth.LoginLocked) as right_one:  # the right password: still refused
        auth.login(ctx, "admin", PASSWORD, now=NOW + dt.timedelta(minutes=14, seconds=59))
    assert right_one.value.params == {"until": local_text(until)}
    operator = auth.login(ctx, "admin", PASSWORD, now=until)  # the lock ran out
    assert operator.username == "admin"
    with ctx.sessions() as session:
        row = session.scalar(select(Operator).where(Operator.username == "admin"))
        assert (row.failed_logins, row.locked_until) == (0, None)
    actions = audit_actions(ctx)
    assert actions.count("login_failed") == 4 and actions.count("login_locked") == 2
    assert actions[-1] == "login"


def test_thirty_wrong_passwords_then_the_right_one_is_refused(ctx, admin):
    """The attacker's report: 30 wrong passwords, then the right one, was accepted."""
    fail(ctx, "admin", 30, now=NOW + dt.timedelta(minutes=1))
    with pytest.raises(auth.LoginLocked):
        auth.login(ctx, "admin", PASSWORD, now=NOW + dt.timedelta(minutes=2))


def test_a_login_resets_the_count(ctx, admin):
    fail(ctx, "admin", 4)
    auth.login(ctx, "admin", PASSWORD, now=NOW)
    errors = fail(ctx, "admin", 4)  # four again: not locked
    assert not any(isinstance(e, auth.LoginLocked) for e in errors)
    assert auth.login(ctx, "admin", PASSWORD, now=NOW).username == "admin"


def test_the_limits_come_from_the_rules(ctx, admin):
    ctx.rules = dataclasses.replace(load_rules(), operators=OperatorRules(
        failed_logins_limit=2, lockout_minutes=60))
    (first, second) = fail(ctx, "admin", 2)
    assert type(first) is auth.LoginFailed and isinstance(second, auth.LoginLocked)
    with pytest.raises(auth.LoginLocked):
        auth.login(ctx, "admin", PASSWORD, now=NOW + dt.timedelta(minutes=59))
    assert auth.login(ctx, "admin", PASSWORD, now=NOW + dt.timedelta(minutes=60))


def test_an_unknown_user_is_refused_alike_and_audited_without_the_name(ctx, admin,
                                                                        monkeypatch):
    verified = []
    real_verify = auth.verify_password
    monkeypatch.setattr(auth, "verify_password",
                        lambda stored, password: verified.append(stored) or real_verify(
                            stored, password))
    errors = fail(ctx, "nobody", 6)
    assert all(type(e) is auth.LoginFailed and e.template == auth.MSG_LOGIN for e in errors)
    assert verified == [auth._dummy_hash()] * 6  # the same argon2 work as for a known user
    with ctx.sessions() as session:
        records = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "login_failed")).all()
    assert len(records) == 6 and all(r.entity_id == "" for r in records)
    assert not any("nobody" in r.detail for r in records)


def test_a_locked_operator_still_costs_a_password_check(ctx, admin, monkeypatch):
    fail(ctx, "admin", 5)
    verified = []
    real_verify = auth.verify_password
    monkeypatch.setattr(auth, "verify_password",
                        lambda stored, password: verified.append(1) or real_verify(stored,
                                                                                  password))
    with pytest.raises(auth.LoginLocked):
        auth.login(ctx, "admin", PASSWORD, now=NOW)
    assert verified == [1]


def test_the_lock_message_has_no_password_or_name(ctx, admin, site_id):
    add_operator(ctx, admin, site_id, "zhangsan", {Role.WINDOW_STAFF})
    (*_, locked) = fail(ctx, "zhangsan", 5, password="Secret-Guess-7")
    assert "zhangsan" not in str(locked) and "Secret-Guess-7" not in str(locked)
    with ctx.sessions() as session:
        details = " ".join(session.scalars(select(AuditRecord.detail)))
    assert "zhangsan" not in details and "Secret-Guess-7" not in details


def test_unlock_by_the_same_operator_or_a_supervisor_of_the_site(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    other = add_operator(ctx, admin, site_id, "other", {Role.WINDOW_STAFF})
    boss = add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    assert auth.unlock(ctx, staff, "staff", PASSWORD).id == staff.id
    assert auth.unlock(ctx, staff, "boss", PASSWORD).id == boss.id
    assert auth.unlock(ctx, staff, "admin", PASSWORD).id == admin.id
    with pytest.raises(auth.Forbidden):
        auth.unlock(ctx, staff, "other", PASSWORD)
    with pytest.raises(auth.LoginFailed):
        auth.unlock(ctx, staff, "staff", "wrong password")
    assert other.site_id == staff.site_id
    actions = audit_actions(ctx)
    assert actions.count("window_unlocked") == 3 and actions.count("unlock_refused") == 1


def test_unlock_counts_wrong_passwords_like_a_login(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    for _ in range(4):
        with pytest.raises(auth.LoginFailed):
            auth.unlock(ctx, staff, "staff", "wrong", now=NOW)
    with pytest.raises(auth.LoginLocked):
        auth.unlock(ctx, staff, "staff", "wrong", now=NOW)
    with pytest.raises(auth.LoginLocked):
        auth.unlock(ctx, staff, "staff", PASSWORD, now=NOW)


def test_a_supervisor_of_another_site_cannot_unlock(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    elsewhere = auth.ensure_site(ctx, "SC002", "别处")
    auth.create_operator(ctx, site_id=elsewhere, username="far", display_name="far",
                         password=PASSWORD, roles={Role.SUPERVISOR}, actor=admin)
    with pytest.raises(auth.Forbidden):
        auth.unlock(ctx, staff, "far", PASSWORD)
