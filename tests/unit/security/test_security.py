import pytest

from counter_app.domain.errors import ValidationError
from counter_app.security.passwords import hash_password, verify_password
from counter_app.security.roles import Permission, Role, permissions
from counter_app.services import auth
from counter_app.store.models import AuditRecord, Operator
from tests.helpers import PASSWORD, add_operator


def test_production_hashes_cost_what_rfc_9106_asks(cheap_password_hashes):
    import argon2

    stored = cheap_password_hashes.hash("x")  # the module's own hasher, outside the tests
    assert argon2.extract_parameters(stored) == argon2.profiles.RFC_9106_LOW_MEMORY


def test_passwords_are_argon2id_hashes():
    stored = hash_password("s3cret pass")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "s3cret pass")
    assert not verify_password(stored, "s3cret Pass")


def test_roles_decide_permissions():
    assert Permission.INTAKE not in permissions(frozenset({Role.PHOTO_STATION}))
    assert Permission.OVERRIDE in permissions(frozenset({Role.SUPERVISOR}))
    assert Permission.CARD_CENTRE not in permissions(frozenset({Role.WINDOW_STAFF}))
    assert permissions(frozenset({Role.ADMINISTRATOR})) == frozenset(Permission)


def test_first_run_creates_the_administrator_then_requires_one(ctx, site_id):
    assert auth.needs_first_administrator(ctx)
    auth.create_operator(ctx, site_id=site_id, username="admin", display_name="管理员",
                         password=PASSWORD, roles={Role.ADMINISTRATOR})
    assert not auth.needs_first_administrator(ctx)
    with pytest.raises(auth.Forbidden):  # a second "first run" is refused
        auth.create_operator(ctx, site_id=site_id, username="eve", display_name="eve",
                             password=PASSWORD, roles={Role.ADMINISTRATOR})


def test_only_administrators_add_operators(ctx, admin, site_id):
    staff = add_operator(ctx, admin, site_id, "staff", {Role.WINDOW_STAFF})
    with pytest.raises(auth.Forbidden):
        auth.create_operator(ctx, site_id=site_id, username="x", display_name="x",
                             password=PASSWORD, roles={Role.ADMINISTRATOR}, actor=staff)


def test_short_password_and_taken_username_are_refused(ctx, admin, site_id):
    with pytest.raises(ValidationError) as short:
        auth.create_operator(ctx, site_id=site_id, username="new", display_name="n",
                             password="short", roles={Role.WINDOW_STAFF}, actor=admin)
    assert short.value.field == "password"
    with pytest.raises(ValidationError) as taken:
        auth.create_operator(ctx, site_id=site_id, username="admin", display_name="n",
                             password=PASSWORD, roles={Role.WINDOW_STAFF}, actor=admin)
    assert taken.value.field == "username"


def test_login_checks_the_password_and_audits_both_outcomes(ctx, admin):
    with pytest.raises(auth.LoginFailed):
        auth.login(ctx, "admin", "wrong password")
    with pytest.raises(auth.LoginFailed):
        auth.login(ctx, "nobody", PASSWORD)
    operator = auth.login(ctx, " admin ", PASSWORD)
    assert operator.site_code == "SC001" and operator.can(Permission.MANAGE_OPERATORS)
    with ctx.sessions() as session:
        actions = [a.action for a in session.query(AuditRecord).order_by(AuditRecord.id)]
        stored = session.query(Operator).one().password_hash
    assert actions.count("login_failed") == 2 and actions.count("login") == 2
    assert PASSWORD not in stored
