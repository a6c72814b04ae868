"""Roles and row-level security on the central PostgreSQL: each site sees only its rows.

Roles (names start with a prefix chosen at `central init`, by default the database's name,
so two central databases on one server do not share them; it is kept in central_settings,
so a copy of the database, e.g. a test's, keeps using the same roles):
- ``<db>_counter``: group role holding the table privileges counters need; owns nothing.
- ``<db>_site_<code>``: one per site, member of the group.
- ``<db>_dev_<id>``: one login per device, member of its site's role.

Policies find the caller's site through the device row of ``session_user`` (functions
are SECURITY DEFINER, so counters never read the device table). RLS is FORCE'd, so even
the owner is fenced; administrators connect as a superuser or a BYPASSRLS role.
A card centre's devices see every site's rows.
"""

from __future__ import annotations

import re

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from counter_app.central import lookup, schema
from counter_app.central.schema import settings

READ_ONLY = ("central_alembic_version", "central_sites", "central_preapplications",
             "central_notices", "central_notice_attempts")
READ_WRITE = ("central_applications", "central_blobs", "central_blob_chunks",
              "central_application_files", "central_applied_operations",
              "central_audit_anchors", "central_operators", "central_card_records",
              "central_status_history", "central_invalid_list")
# What card centre devices may do besides (their site's role is also in this group).
CARD_CENTRE_WRITES = ("central_notices", "central_notice_attempts",
                      "central_production_batches", "central_preapplications")

FUNCTIONS = """
CREATE OR REPLACE FUNCTION central_current_device() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id FROM central_devices WHERE role_name = session_user AND revoked_at IS NULL $$;

CREATE OR REPLACE FUNCTION central_current_site() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT site_id FROM central_devices WHERE role_name = session_user AND revoked_at IS NULL $$;

CREATE OR REPLACE FUNCTION central_is_card_centre() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(bool_or(s.kind = 'card_centre'), false)
  FROM central_devices d JOIN central_sites s ON s.id = d.site_id
  WHERE d.role_name = session_user AND d.revoked_at IS NULL $$;
"""

IDLE_TIMEOUT = "60s"
OWN_SITE = "(site_id = (SELECT central_current_site()) OR (SELECT central_is_card_centre()))"


def role_prefix(connection: Connection) -> str:
    """The stored prefix; chosen from the database's name and stored on first use."""
    stored = connection.execute(select(settings.c.value).where(
        settings.c.key == "role_prefix")).scalar()
    if stored:
        return stored
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    prefix = re.sub(r"[^a-z0-9_]", "_", database.lower())[:30]
    connection.execute(settings.insert().values(key="role_prefix", value=prefix))
    return prefix


def group_role(connection: Connection) -> str:
    return f"{role_prefix(connection)}_counter"


def card_centre_role(connection: Connection) -> str:
    return f"{role_prefix(connection)}_card_centre"


def site_role(connection: Connection, site_code: str) -> str:
    return f"{role_prefix(connection)}_site_{re.sub(r'[^a-z0-9]', '_', site_code.lower())}"


def device_role(connection: Connection, device_hex: str) -> str:
    return f"{role_prefix(connection)}_dev_{device_hex[:12]}"


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def ensure_role(connection: Connection, name: str, *, login: bool = False,
                member_of: str | None = None, password: str | None = None) -> None:
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                                {"n": name}).first()
    if not exists:
        connection.execute(text(f"CREATE ROLE {quote(name)} {'LOGIN' if login else 'NOLOGIN'}"))
    if password is not None:
        # Parameters cannot be bound in DDL; the password is generated, never typed.
        connection.execute(text(f"ALTER ROLE {quote(name)} PASSWORD '{password}'"))
    if member_of:
        connection.execute(text(f"GRANT {quote(member_of)} TO {quote(name)}"))


def apply(connection: Connection) -> None:
    """Create the group role, grants and policies; safe to run again after migrations."""
    group = group_role(connection)
    ensure_role(connection, group)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    connection.execute(text(f"GRANT CONNECT ON DATABASE {quote(database)} TO {quote(group)}"))
    connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {quote(group)}"))
    # Pulls wait for the oldest transaction still open on the server (counter_app.sync.pull):
    # a counter that hangs mid-transaction must not hold every other counter's pull back.
    connection.execute(text(f"ALTER DATABASE {quote(database)} "
                            f"SET idle_in_transaction_session_timeout = '{IDLE_TIMEOUT}'"))
    connection.execute(text(FUNCTIONS))
    for function in ("central_current_device", "central_current_site",
                     "central_is_card_centre"):
        connection.execute(text(f"REVOKE ALL ON FUNCTION {function}() FROM PUBLIC"))
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {function}() TO {quote(group)}"))
    if lookup.FUNCTIONS:
        connection.execute(text(lookup.FUNCTIONS))
    for signature in lookup.SIGNATURES:
        connection.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {quote(group)}"))
    for table in READ_ONLY:
        connection.execute(text(f"GRANT SELECT ON {table} TO {quote(group)}"))
    for table in READ_WRITE:
        connection.execute(text(f"GRANT SELECT, INSERT, UPDATE ON {table} TO {quote(group)}"))
    connection.execute(text(f"GRANT SELECT, INSERT ON central_photo_receipts TO {quote(group)}"))
    # A file that arrived damaged is dropped chunk by chunk and sent again (own site only).
    connection.execute(text(f"GRANT DELETE ON central_blob_chunks TO {quote(group)}"))
    centre = card_centre_role(connection)
    ensure_role(connection, centre)
    connection.execute(text(f"GRANT {quote(group)} TO {quote(centre)}"))
    for table in CARD_CENTRE_WRITES:
        connection.execute(text(f"GRANT SELECT, INSERT, UPDATE ON {table} TO {quote(centre)}"))
    for table in schema.metadata.sorted_tables:
        _fence(connection, table.name)


def _fence(connection: Connection, table: str) -> None:
    connection.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
    connection.execute(text(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY"))
    for policy in _policies(table):
        name = policy.split()[0]
        connection.execute(text(f"DROP POLICY IF EXISTS {name} ON {table}"))
        connection.execute(text(f"CREATE POLICY {policy.replace('%T', table, 1)}"))


def _policies(table: str) -> list[str]:
    if table in ("central_sites", "central_preapplications"):
        return ["shared_read ON %T FOR SELECT USING (true)",
                "card_centre ON %T USING ((SELECT central_is_card_centre()))"]
    if table == "central_invalid_list":
        # Everyone reads; a site lists cards under its own name; a temporary loss report
        # still in force may be undone (released) at any site. Nothing is ever deleted.
        return ["shared_read ON %T FOR SELECT USING (true)",
                "report_own ON %T FOR INSERT WITH CHECK "
                "(site_id = (SELECT central_current_site()) OR (SELECT central_is_card_centre()))",
                "release_temporary ON %T FOR UPDATE USING "
                "((reason = 'temporary_loss' AND state = 'active') "
                "OR (SELECT central_is_card_centre())) WITH CHECK (true)"]
    if table == "central_production_batches":
        return ["card_centre ON %T USING ((SELECT central_is_card_centre()))"]
    if table == "central_photo_receipts":
        return ["shared_read ON %T FOR SELECT USING (true)",
                "issue_own ON %T FOR INSERT WITH CHECK "
                "(issuer_site_id = (SELECT central_current_site()))"]
    if table == "central_applied_operations":
        return [f"own_site ON %T USING {OWN_SITE} WITH CHECK ({OWN_SITE} AND "
                "device_id = (SELECT central_current_device()))"]
    if table in ("central_devices", "central_settings"):
        return []  # no policy: nobody but administrators reads these directly
    return [f"own_site ON %T USING {OWN_SITE} WITH CHECK {OWN_SITE}"]
