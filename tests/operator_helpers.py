"""Commands that read or change personal data run as an operator (issue 13): tests of the
command line make one in the counter their environment points at and sign in as it
through COUNTER_OPERATOR / COUNTER_PASSWORD, as a script would."""

from __future__ import annotations

from counter_app.config import load_settings
from counter_app.security.roles import Role
from counter_app.services import auth
from counter_app.services.context import open_context
from tests.helpers import PASSWORD


def operator_for_commands(monkeypatch, username: str, roles: set[Role],
                          display_name: str = "", site=("SC001", "示范社保服务中心")):
    """The first operator (password already their own) of the counter at COUNTER_DATA_DIR,
    and the environment signing commands in as it; the CurrentOperator."""
    ctx = open_context(load_settings())
    site_id = auth.ensure_site(ctx, *site)
    auth.create_operator(ctx, site_id=site_id, username=username,
                         display_name=display_name or username, password=PASSWORD,
                         roles=roles, must_change_password=False)
    monkeypatch.setenv("COUNTER_OPERATOR", username)
    monkeypatch.setenv("COUNTER_PASSWORD", PASSWORD)
    return auth.login(ctx, username, PASSWORD)
