"""Roles and row-level security on the central PostgreSQL: each site sees only its rows.

Roles (names start with a prefix chosen at `central init`, by default the database's name,
so two central databases on one server do not share them; it is kept in central_settings,
so a copy of the database, e.g. a test's, keeps using the same roles):
- ``<db>_counter``: group role: reads the shared reference data (sites, the invalid list's
  card columns) and EXECUTEs the device functions; reads no site-owned table (EXPLAIN
  ANALYZE would count the other sites' rows: device_feeds); writes nothing; owns nothing.
- ``<db>_card_centre``: the card centre's sites' role: the counters' group, plus the
  site-owned tables its console reads (it sees every site's rows anyway) and its own
  writes (production, dispatch, notices, card numbers).
- ``<db>_engine``: cannot log in; owns the SECURITY DEFINER functions and holds exactly
  the writes they make (BYPASSRLS: the functions themselves fence by the caller's site).
- ``<db>_site_<code>``: one per site, member of the group (or of the card centre's role).
- ``<db>_dev_<id>``: one login per device, member of its site's role, with time limits.

Policies find the caller's site through the device row of ``session_user`` (functions
are SECURITY DEFINER, so counters never read the device table). RLS is FORCE'd, so even
the owner is fenced; administrators connect as a superuser or a BYPASSRLS role.
A card centre's devices see every site's rows. docs/SECURITY.md has the whole matrix.
"""

from __future__ import annotations

import re

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from counter_app.central import (device_audit, device_cards, device_feeds, device_files,
                                 device_instant, device_push, enrolment, lookup, schema,
                                 scram, update_releases)
from counter_app.central import device_carry
from counter_app.central.schema import settings

# The privilege matrix (docs/SECURITY.md; tests/unit/central/test_privileges.py compares
# it with the live database). Counters read only the shared reference data, and write
# nothing directly: their own site's rows come through device_functions() below (the card
# feed: device_feeds), and every change is a call of one of them; they run as the engine.
# No device SELECT on a row-level-secured table with an index on a column the device can
# compare: EXPLAIN ANALYZE would count the rows the policy hides (device_feeds). Every row
# of the tables granted below is every enrolled device's to read, and the invalid list's
# one other indexed column (id_number) it cannot name (docs/SECURITY.md, "What a counter
# reads").
# No city-wide copies of personal data: pre-applications and photo receipts are looked up
# one at a time (lookup.central_look_up, budgeted and recorded); of the invalid list a
# counter reads the columns it checks cards with, never whose card it is or who listed it.
DEVICE_READS = ("central_alembic_version", "central_sites")
DEVICE_COLUMN_READS = {
    "central_invalid_list": ("id", "card_number", "reason", "level", "listed_at",
                             "expires_at", "released_at", "state", "application_id",
                             "change_xid"),
}
# The card centre's own privileges (its devices are also in the counters' group): it makes
# the cards (photos included) and owns their status. The status history only grows: INSERT,
# never UPDATE or DELETE. Its devices see every site's rows (row-level security), so an
# EXPLAIN of theirs counts only rows they may read anyway.
CARD_CENTRE_PRIVILEGES = {
    "central_blobs": "SELECT",
    "central_blob_chunks": "SELECT",
    "central_application_files": "SELECT",
    "central_operators": "SELECT",
    "central_applications": "SELECT, INSERT, UPDATE",
    "central_card_records": "SELECT, INSERT, UPDATE",
    "central_invalid_list": "SELECT, INSERT, UPDATE",
    "central_status_history": "SELECT, INSERT",
    "central_production_batches": "SELECT, INSERT, UPDATE",
    "central_notices": "SELECT, INSERT, UPDATE",
    "central_notice_attempts": "SELECT, INSERT, UPDATE",
    "central_preapplications": "SELECT, INSERT, UPDATE",
    "central_photo_receipts": "SELECT",
    "central_lookups": "SELECT",
    # instant issuance: every site's stock and used numbers; it gives blocks and blanks
    # through central_card_allocate (device_instant), which checks them
    "central_card_blocks": "SELECT",
    "central_blank_deliveries": "SELECT",
    "central_card_reservations": "SELECT",
    "central_card_numbers": "SELECT",
}
# What the functions themselves may do (the engine role owns them and cannot log in).
ENGINE_WRITES = {
    "central_applications": "INSERT, UPDATE",
    "central_card_records": "INSERT, UPDATE",
    "central_invalid_list": "INSERT, UPDATE",
    "central_photo_receipts": "INSERT",
    "central_blobs": "INSERT, UPDATE",
    "central_blob_chunks": "INSERT, DELETE",
    "central_application_files": "INSERT",
    "central_applied_operations": "INSERT, UPDATE",
    "central_status_history": "INSERT",
    "central_audit_anchors": "INSERT",
    "central_audit_records": "INSERT",
    "central_device_flags": "INSERT",
    "central_lookups": "INSERT",
    "central_enrolment_codes": "UPDATE",
    "central_devices": "UPDATE",
    "central_card_blocks": "INSERT",
    "central_device_carry_keys": "INSERT",
    "central_blank_deliveries": "INSERT",
    "central_card_reservations": "INSERT",
    "central_card_numbers": "INSERT, UPDATE",
}
# Device sessions: no statement runs, waits for a lock or sits idle in a transaction for
# long (a pull waits for the oldest writing transaction on the server).
# Connections one device login may hold at once: a counter uses one or two (sync, a
# look-up); without a limit one login could take every connection slot of the server.
DEVICE_CONNECTIONS = 4
DEVICE_SETTINGS = {"statement_timeout": "30s", "lock_timeout": "5s",
                   "idle_in_transaction_session_timeout": "10s"}
# A counter's writing transaction older than this is ended by the next pull of any counter
# (central_end_stalled_writers): one device cannot hold every site's pull back.
STALLED_WRITER = "30 seconds"
# The session limits above are only defaults: a device may SET them off (or ALTER ROLE
# itself). So the same watchdog also ends a counter's statement running longer than this,
# and any transaction of it (read-only too: its ACCESS SHARE locks hold back an
# administrator's DDL, and every device queued behind that) open longer than this; a pull of
# 100,000 rows takes about 3 s.
LONG_STATEMENT = "60 seconds"
LONG_TRANSACTION = "120 seconds"

# A device is nobody until it has taken its enrolment code (central_enrol): the policies
# and every device function find the caller through these.
IDENTITY_FUNCTIONS = """
CREATE OR REPLACE FUNCTION central_current_device() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id FROM central_devices WHERE role_name = session_user AND revoked_at IS NULL
     AND enrolled_at IS NOT NULL $$;

CREATE OR REPLACE FUNCTION central_current_site() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT site_id FROM central_devices WHERE role_name = session_user AND revoked_at IS NULL
     AND enrolled_at IS NOT NULL $$;

CREATE OR REPLACE FUNCTION central_is_card_centre() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(bool_or(s.kind = 'card_centre'), false)
  FROM central_devices d JOIN central_sites s ON s.id = d.site_id
  WHERE d.role_name = session_user AND d.revoked_at IS NULL AND d.enrolled_at IS NOT NULL $$;

-- The watchdog a pull runs first: end counters' writing transactions open for too long
-- (statements every few seconds keep a session clear of the idle timeout), and, as a device
-- may switch its own time limits off, any statement or transaction of a counter (read-only
-- ones too: they hold ACCESS SHARE locks) running far longer than a pull ever does.
CREATE OR REPLACE FUNCTION central_end_stalled_writers() RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  stalled integer;
  ended integer := 0;
BEGIN
  FOR stalled IN SELECT a.pid FROM pg_stat_activity a
                  WHERE a.pid <> pg_backend_pid()
                    -- a counter has nothing to do in another database of the server (its
                    -- advisory locks or an open transaction there would reach this one)
                    AND (a.datname IS DISTINCT FROM current_database()
                         OR (a.backend_xid IS NOT NULL
                          AND a.xact_start < now() - interval '%STALLED%')
                         OR a.xact_start < now() - interval '%LONG_TRANSACTION%'
                         OR (a.state = 'active'
                             AND a.query_start < now() - interval '%LONG_STATEMENT%'))
                    AND a.usename IN (SELECT d.role_name FROM central_devices d
                                        JOIN central_sites s ON s.id = d.site_id
                                       WHERE s.kind <> 'card_centre') LOOP
    IF pg_terminate_backend(stalled) THEN
      ended := ended + 1;
    END IF;
  END LOOP;
  RETURN ended;
END $fn$;
""".replace("%STALLED%", STALLED_WRITER).replace("%LONG_STATEMENT%", LONG_STATEMENT).replace(
    "%LONG_TRANSACTION%", LONG_TRANSACTION)
IDENTITY_SIGNATURES = ("central_current_device()", "central_current_site()",
                       "central_is_card_centre()", "central_end_stalled_writers()")
OWN_SITE = "(site_id = (SELECT central_current_site()) OR (SELECT central_is_card_centre()))"


# Trigger functions of the migrations: run for the card centre's and the engine's writes.
TRIGGER_FUNCTIONS = ("central_guard_card_status()", "central_touch_change_xid()")


def device_functions() -> tuple[str, ...]:
    """What a device may EXECUTE."""
    return (IDENTITY_SIGNATURES + lookup.SIGNATURES + device_push.SIGNATURES
            + device_files.SIGNATURES + device_feeds.SIGNATURES + device_audit.SIGNATURES
            + enrolment.SIGNATURES + update_releases.SIGNATURES + device_instant.SIGNATURES
            + device_carry.SIGNATURES)


def card_centre_functions() -> tuple[str, ...]:
    """What only the card centre's devices (and administrators) may EXECUTE."""
    return device_instant.CARD_CENTRE_SIGNATURES


def internal_functions() -> tuple[str, ...]:
    """Functions only the engine's own functions call (no EXECUTE for anyone else)."""
    return (device_push.HELPER_SIGNATURES + device_push.INTERNAL_SIGNATURES
            + device_cards.INTERNAL_SIGNATURES + lookup.INTERNAL_SIGNATURES
            + device_audit.INTERNAL_SIGNATURES + device_instant.INTERNAL_SIGNATURES)

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


def engine_role(connection: Connection) -> str:
    return f"{role_prefix(connection)}_engine"


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
        # a SCRAM verifier, never the password: the server's log may keep the statement
        # (exec_driver_sql: the verifier's ':' is no bind parameter)
        connection.exec_driver_sql(scram.alter_password_sql(quote(name), password))
    if member_of:
        connection.execute(text(f"GRANT {quote(member_of)} TO {quote(name)}"))


def apply(connection: Connection) -> None:
    """Create the roles, functions, grants and policies of the matrix above; safe to run
    again after migrations (privileges not in the matrix are taken away)."""
    group, centre, engine = (group_role(connection), card_centre_role(connection),
                             engine_role(connection))
    ensure_role(connection, group)
    ensure_role(connection, centre, member_of=group)
    ensure_role(connection, engine)
    # The functions fence by the caller's site themselves; the engine ends stalled writers.
    connection.execute(text(f"ALTER ROLE {quote(engine)} NOLOGIN BYPASSRLS"))
    connection.execute(text(f"GRANT pg_signal_backend, pg_read_all_stats TO {quote(engine)}"))
    apply_database_level(connection)
    connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {quote(group)}, {quote(engine)}"))
    _grant_tables(connection, group, centre, engine)
    _create_functions(connection, group, engine)
    _close_server_functions(connection, engine)
    for table in schema.metadata.sorted_tables:
        _fence(connection, table.name)
    for (role,) in connection.execute(text("SELECT role_name FROM central_devices "
                                           "WHERE revoked_at IS NULL")):
        limit_device(connection, role)


def apply_database_level(connection: Connection) -> None:
    """What belongs to the database itself, not to its catalogs (a copy made with CREATE
    DATABASE ... TEMPLATE has the functions, grants and policies, but not these)."""
    group, engine = group_role(connection), engine_role(connection)
    database = quote(connection.execute(text("SELECT current_database()")).scalar_one())
    # only the counters' group connects (and administrators): taken from it while
    # `central init` runs (admin.end_device_sessions)
    connection.execute(text(f"REVOKE CONNECT ON DATABASE {database} FROM PUBLIC"))
    connection.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {quote(group)}"))
    # central_push keeps its batch in a temporary table; nobody else makes one: a table a
    # device made first in its session (with a trigger) would run its code as the engine
    connection.execute(text(f"REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC"))
    connection.execute(text(f"GRANT TEMPORARY ON DATABASE {database} TO {quote(engine)}"))
    connection.execute(text(f"ALTER DATABASE {database} "
                            "SET idle_in_transaction_session_timeout = '60s'"))


def limit_device(connection: Connection, role: str) -> None:
    """The time limits of a device's sessions (DEVICE_SETTINGS), and no other role setting:
    a device may ALTER ROLE itself (its own defaults, in any database), so whatever it set
    is reset first."""
    if not connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                              {"r": role}).first():
        return
    for (database,) in connection.execute(text(
            "SELECT d.datname FROM pg_db_role_setting s JOIN pg_database d "
            "ON d.oid = s.setdatabase JOIN pg_roles r ON r.oid = s.setrole "
            "WHERE r.rolname = :r"), {"r": role}):
        connection.execute(text(f"ALTER ROLE {quote(role)} IN DATABASE {quote(database)} "
                                "RESET ALL"))
    connection.execute(text(f"ALTER ROLE {quote(role)} RESET ALL"))
    for name, value in DEVICE_SETTINGS.items():
        connection.execute(text(f"ALTER ROLE {quote(role)} SET {name} = '{value}'"))
    connection.execute(text(f"ALTER ROLE {quote(role)} CONNECTION LIMIT {DEVICE_CONNECTIONS}"))


# Server functions any login may call by default that a device must not: advisory locks
# (a few thousand fill the server's lock table: every connection then fails; a sibling's
# per-device lock held stalls its look-ups) and large objects (storage outside every table).
CLOSED_FUNCTIONS = r"""
SELECT p.oid::regprocedure::text FROM pg_proc p
 WHERE p.pronamespace = 'pg_catalog'::regnamespace
   AND (p.proname ~ '^pg_(try_)?advisory_'
        OR p.proname IN ('lo_creat', 'lo_create', 'lo_from_bytea', 'lo_import', 'lo_put',
                         'lowrite', 'lo_truncate', 'lo_truncate64', 'lo_unlink'))
"""


def _close_server_functions(connection: Connection, engine: str) -> None:
    """Only the engine's functions take advisory locks; nobody makes large objects."""
    for (signature,) in connection.execute(text(CLOSED_FUNCTIONS)).all():
        connection.execute(text(f"REVOKE EXECUTE ON FUNCTION {signature} FROM PUBLIC"))
        if "advisory" in signature:
            connection.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {quote(engine)}"))


def _grant_tables(connection: Connection, group: str, centre: str, engine: str) -> None:
    roles = f"{quote(group)}, {quote(centre)}, {quote(engine)}"
    connection.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {roles}"))
    for table in DEVICE_READS:
        connection.execute(text(f"GRANT SELECT ON {table} TO {quote(group)}"))
    for table, columns in DEVICE_COLUMN_READS.items():
        connection.execute(text(f"GRANT SELECT ({', '.join(columns)}) ON {table} "
                                f"TO {quote(group)}"))
    for table, privileges in CARD_CENTRE_PRIVILEGES.items():
        connection.execute(text(f"GRANT {privileges} ON {table} TO {quote(centre)}"))
    for table in schema.metadata.sorted_tables:
        connection.execute(text(f"GRANT SELECT ON {table.name} TO {quote(engine)}"))
    for table, privileges in ENGINE_WRITES.items():
        connection.execute(text(f"GRANT {privileges} ON {table} TO {quote(engine)}"))


def _create_functions(connection: Connection, group: str, engine: str) -> None:
    from counter_app.central.invalid_list import default_rules

    for retired in lookup.RETIRED:  # an earlier version's, still granted
        connection.execute(text(f"DROP FUNCTION IF EXISTS {retired}"))
    connection.execute(text(IDENTITY_FUNCTIONS))
    lookup.ensure_key(connection)
    connection.execute(text(lookup.FUNCTIONS))
    connection.execute(text(device_push.functions()))
    connection.execute(text(device_cards.functions(default_rules())))
    connection.execute(text(device_files.functions()))
    connection.execute(text(device_feeds.FUNCTIONS))
    connection.execute(text(device_audit.functions()))  # after device_push's helpers
    enrolment.ensure_key(connection)
    connection.execute(text(enrolment.FUNCTIONS))
    connection.execute(text(update_releases.FUNCTIONS))
    connection.execute(text(device_instant.functions()))
    connection.execute(text(device_carry.FUNCTIONS))
    for signature in (device_functions() + card_centre_functions() + internal_functions()
                      + TRIGGER_FUNCTIONS):
        connection.execute(text(f"ALTER FUNCTION {signature} OWNER TO {quote(engine)}"))
        connection.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
    for signature in device_functions():
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {quote(group)}"))
    centre = card_centre_role(connection)
    for signature in card_centre_functions():
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {quote(centre)}"))
    for signature in TRIGGER_FUNCTIONS:
        connection.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} "
                                f"TO {quote(engine)}, {quote(centre)}"))


def _fence(connection: Connection, table: str) -> None:
    connection.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
    connection.execute(text(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY"))
    existing = connection.execute(text(
        "SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = :t"),
        {"t": table}).scalars().all()
    for name in existing:  # an earlier version's too
        connection.execute(text(f"DROP POLICY {quote(name)} ON {table}"))
    for policy in _policies(table):
        connection.execute(text(f"CREATE POLICY {policy.replace('%T', table, 1)}"))


def _policies(table: str) -> list[str]:
    """Who sees which rows (and, for the card centre's direct writes, changes them). The
    device functions run as the engine, which bypasses these and fences by itself."""
    if table in ("central_sites", "central_invalid_list"):
        # every enrolled device; a login that has not taken its code sees nothing
        return ["shared_read ON %T FOR SELECT USING ((SELECT central_current_device()) "
                "IS NOT NULL)",
                "card_centre ON %T USING ((SELECT central_is_card_centre()))"]
    if table in ("central_production_batches", "central_preapplications",
                 "central_photo_receipts"):
        return ["card_centre ON %T USING ((SELECT central_is_card_centre()))"]
    if table in ("central_devices", "central_settings", "central_enrolment_codes",
                 "central_update_releases", "central_update_chunks", "central_carry_keys",
                 "central_device_carry_keys", "central_carried_imports"):
        # no policy: nobody but administrators reads these directly (devices read the
        # update releases through update_releases' functions)
        return []
    return [f"own_site ON %T USING {OWN_SITE} WITH CHECK {OWN_SITE}"]
