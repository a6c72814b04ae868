"""Issue 13, operator administration (services/operators.py): administrators create
(card centre staff too), disable, enable, reset and assign roles, each audited; the last
administrator stays; others are refused; a reset or a new operator must change the
password at the first login, the demo operator need not."""

import datetime as dt

import pytest
from sqlalchemy import select

from counter_app.domain.errors import ValidationError
from counter_app.security.roles import Role
from counter_app.services import auth, demo, operators
from counter_app.services.auth import Forbidden
from counter_app.store.models import AuditRecord, Operator
from tests.helpers import PASSWORD, add_operator

NOW = dt.datetime(2026, 12, 14, 2, 0)
NEW = "brand new secret"


def audited(ctx, action: str) -> list[AuditRecord]:
    with ctx.sessions() as session:
        return session.scalars(select(AuditRecord).where(AuditRecord.action == action)).all()


def test_an_administrator_creates_a_card_centre_operator_who_must_change_the_password(
        ctx, admin):
    operator_id = operators.create(ctx, admin, username=" centre ", display_name="卡中心",
                                   password=PASSWORD, roles={Role.CARD_CENTRE})
    centre = auth.login(ctx, "centre", PASSWORD)
    assert centre.id == operator_id and centre.roles == {Role.CARD_CENTRE}
    assert centre.must_change_password
    changed = operators.change_own_password(ctx, centre, PASSWORD, NEW)
    assert not changed.must_change_password
    assert not auth.login(ctx, "centre", NEW).must_change_password
    with pytest.raises(auth.LoginFailed):
        auth.login(ctx, "centre", PASSWORD)
    (created,) = audited(ctx, "operator_created")[-1:]
    assert created.operator_id == admin.id and created.detail == "card_centre"
    assert PASSWORD not in created.detail and NEW not in str(audited(ctx, "password_changed"))


def test_the_list_shows_roles_and_state(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    for _ in range(5):
        with pytest.raises(auth.LoginFailed):
            auth.login(ctx, "staff", "wrong", now=NOW)
    views = {v.username: v for v in operators.list_operators(ctx, admin, now=NOW)}
    assert set(views) == {"admin", "staff"}
    assert views["staff"].locked and views["staff"].site_code == "SC001"
    assert views["staff"].roles == {Role.WINDOW_STAFF} and views["staff"].active
    assert not operators.list_operators(ctx, admin,
                                        now=NOW + dt.timedelta(minutes=15))[1].locked
    assert operators.find(ctx, admin, "staff").id == staff.id


def test_disabling_refuses_the_login_and_enabling_gives_it_back(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    operators.set_active(ctx, admin, staff.id, False)
    with pytest.raises(auth.LoginFailed) as caught:
        auth.login(ctx, "staff", PASSWORD)
    assert caught.value.template == auth.MSG_LOGIN  # as an unknown user: nothing told
    operators.set_active(ctx, admin, staff.id, True)
    assert auth.login(ctx, "staff", PASSWORD).id == staff.id
    assert [r.entity_id for r in audited(ctx, "operator_disabled")] == [str(staff.id)]
    assert len(audited(ctx, "operator_enabled")) == 1


def test_a_reset_ends_a_lockout_and_the_new_password_must_change(ctx, admin, site_id):
    add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    for _ in range(5):
        with pytest.raises(auth.LoginFailed):
            auth.login(ctx, "staff", "wrong")
    target = operators.find(ctx, admin, "staff")
    operators.reset_password(ctx, admin, target.id, "reset by admin")
    staff = auth.login(ctx, "staff", "reset by admin")
    assert staff.must_change_password
    with pytest.raises(ValidationError) as same:
        operators.change_own_password(ctx, staff, "reset by admin", "reset by admin")
    assert same.value.field == "password"
    with pytest.raises(ValidationError) as wrong:
        operators.change_own_password(ctx, staff, "not it at all", NEW)
    assert wrong.value.field == "current_password"
    with pytest.raises(ValidationError) as short:
        operators.change_own_password(ctx, staff, "reset by admin", "short")
    assert short.value.field == "password"
    assert not operators.change_own_password(ctx, staff, "reset by admin",
                                             NEW).must_change_password
    (reset,) = audited(ctx, "password_reset")
    assert reset.operator_id == admin.id and reset.entity_id == str(staff.id)


def test_a_wrong_current_password_counts_towards_the_lockout(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    for _ in range(4):
        with pytest.raises(ValidationError):
            operators.change_own_password(ctx, staff, "guess", NEW, now=NOW)
    with pytest.raises(auth.LoginLocked):
        operators.change_own_password(ctx, staff, "guess", NEW, now=NOW)


def test_roles_are_assigned_and_audited(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    operators.set_roles(ctx, admin, staff.id, {Role.WINDOW_STAFF, Role.SUPERVISOR})
    assert auth.login(ctx, "staff", PASSWORD).roles == {Role.WINDOW_STAFF, Role.SUPERVISOR}
    with pytest.raises(ValidationError):
        operators.set_roles(ctx, admin, staff.id, set())
    (record,) = audited(ctx, "operator_roles")
    assert record.detail == "window_staff -> supervisor,window_staff"


def test_the_last_administrator_stays(ctx, admin, site_id):
    with pytest.raises(Forbidden):
        operators.set_active(ctx, admin, admin.id, False)  # oneself
    with pytest.raises(Forbidden) as last:
        operators.set_roles(ctx, admin, admin.id, {Role.SUPERVISOR})
    assert last.value.template == operators.MSG_LAST_ADMIN
    second = add_operator(ctx, admin, site_id, "second", {Role.ADMINISTRATOR})
    operators.set_roles(ctx, admin, admin.id, {Role.SUPERVISOR})  # another one exists now
    with pytest.raises(Forbidden) as again:
        operators.set_active(ctx, second, second.id, False)
    assert again.value.template == operators.MSG_NOT_SELF
    boss = auth.login(ctx, "second", PASSWORD)
    with pytest.raises(Forbidden) as demote:
        operators.set_roles(ctx, boss, second.id, {Role.WINDOW_STAFF})
    assert demote.value.template == operators.MSG_LAST_ADMIN


def test_a_disabled_administrator_does_not_count(ctx, admin, site_id):
    other = add_operator(ctx, admin, site_id, "other", {Role.ADMINISTRATOR})
    third = add_operator(ctx, admin, site_id, "third", {Role.ADMINISTRATOR})
    operators.set_active(ctx, admin, other.id, False)
    operators.set_active(ctx, admin, third.id, False)
    with pytest.raises(Forbidden):
        operators.set_roles(ctx, admin, admin.id, {Role.SUPERVISOR})


@pytest.mark.parametrize("role", [Role.WINDOW_STAFF, Role.SUPERVISOR, Role.CARD_CENTRE,
                                  Role.PHOTO_STATION])
def test_only_administrators_manage_operators(ctx, admin, site_id, role):
    someone = add_operator(ctx, admin, site_id, "someone", {role})
    for call in (lambda: operators.list_operators(ctx, someone),
                 lambda: operators.create(ctx, someone, username="x", display_name="x",
                                          password=PASSWORD, roles={Role.ADMINISTRATOR}),
                 lambda: operators.set_active(ctx, someone, admin.id, False),
                 lambda: operators.reset_password(ctx, someone, admin.id, "taken over!"),
                 lambda: operators.set_roles(ctx, someone, someone.id,
                                             {Role.ADMINISTRATOR})):
        with pytest.raises(Forbidden):
            call()
    assert auth.login(ctx, "admin", PASSWORD).roles == {Role.ADMINISTRATOR}
    assert auth.login(ctx, "someone", PASSWORD).roles == {role}
    # but anyone changes their own password
    assert operators.change_own_password(ctx, someone, PASSWORD, NEW).id == someone.id


def test_the_first_administrator_must_change_the_password_the_demo_operator_not(
        ctx, site_id, settings):
    auth.create_operator(ctx, site_id=site_id, username="first", display_name="first",
                         password=PASSWORD, roles={Role.ADMINISTRATOR})
    assert auth.login(ctx, "first", PASSWORD).must_change_password
    import dataclasses

    from counter_app.services.context import open_context
    other = open_context(dataclasses.replace(settings, data_dir=settings.data_dir.parent / "demo",
                                             config_dir=settings.data_dir.parent / "demo-conf"))
    login = demo.seed_demo(other)
    assert not auth.login(other, login.username, login.password).must_change_password


def test_a_new_operator_needs_a_role_a_name_and_a_free_user_name(ctx, admin):
    for kwargs, field in (({"roles": set()}, "roles"), ({"username": " "}, "username"),
                          ({"display_name": ""}, "display_name"),
                          ({"password": "short"}, "password"),
                          ({"username": "admin"}, "username"),
                          ({"site_code": "NOPE"}, "site")):
        values = {"username": "new", "display_name": "新", "password": PASSWORD,
                  "roles": {Role.WINDOW_STAFF}} | kwargs
        with pytest.raises(ValidationError) as caught:
            operators.create(ctx, admin, **values)
        assert caught.value.field == field
    with ctx.sessions() as session:
        assert session.scalar(select(Operator.username).where(Operator.username == "new")) \
            is None
