"""Test data and small helpers shared by the test modules."""

from __future__ import annotations

from counter_app.domain.idnumber import make_check_char
from counter_app.security.roles import Role
from counter_app.services import auth

PASSWORD = "correct horse"
GUARDIAN_ID = "11010519491231002X"


def child_id(first17: str = "11010520240315003") -> str:
    return first17 + make_check_char(first17)


def add_operator(ctx, admin, site_id, username: str, roles: set[Role]) -> auth.CurrentOperator:
    auth.create_operator(ctx, site_id=site_id, username=username, display_name=username,
                         password=PASSWORD, roles=roles, actor=admin)
    return auth.login(ctx, username, PASSWORD)
