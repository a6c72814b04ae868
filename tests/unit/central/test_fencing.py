"""Row-level security: a site's device reads and writes only its own rows, even with
hand-written SQL (issue 6, "Fencing"), and writes nothing but through its functions (issue 12)."""

import uuid

import psycopg
import pytest

from counter_app.central import admin
from counter_app.services import enrolment, syncing
from counter_app.services.context import open_context
from tests.sync_helpers import submit_child

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_sites(fresh_central, tmp_path, settings):
    """Sites A and B, one enrolled counter each, each with one application pushed."""
    devices = {}
    for code in ("SA01", "SB01"):
        admin.add_site(fresh_central, code, f"site {code}")
        devices[code] = admin.add_device(fresh_central, code, f"counter of {code}")
    counters = {}
    for number, code in enumerate(("SA01", "SB01")):
        ctx = open_context(type(settings)(data_dir=tmp_path / code,
                                          config_dir=tmp_path / f"{code}-config"))
        enrolment.enrol(ctx, devices[code].code())
        operator = _operator(ctx, code)
        app_id = submit_child(ctx, operator, tmp_path, sequence=number + 3)
        assert syncing.sync_now(ctx).sent == 1
        counters[code] = (ctx, devices[code], app_id)
    return counters


def _operator(ctx, code):
    from counter_app.security.roles import Role
    from counter_app.services import auth
    from tests.helpers import PASSWORD

    site = auth.ensure_site(ctx, code, code)
    auth.create_operator(ctx, site_id=site, username=f"op{code}", display_name="员",
                         password=PASSWORD, roles={Role.WINDOW_STAFF, Role.ADMINISTRATOR})
    return auth.login(ctx, f"op{code}", PASSWORD)


def _as_device(enrolled) -> psycopg.Connection:
    return psycopg.connect(enrolled.url, autocommit=True)


def test_a_site_reads_only_its_own_card_records_and_no_site_table(two_sites):
    """Its own card records come through the feed function; the site-owned tables
    themselves it may not read (an EXPLAIN would count the other sites' rows: see
    tests/unit/central/test_attacks.py)."""
    _ctx, device_a, app_a = two_sites["SA01"]
    with _as_device(device_a) as conn:
        ids = [str(row[0]) for row in conn.execute(
            "SELECT application_id FROM central_card_feed('0', "
            "pg_snapshot_xmax(pg_current_snapshot()))")]
        assert ids == [app_a]
        for table in ("central_applications", "central_card_records",
                      "central_applied_operations", "central_status_history"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT count(*) FROM {table}")


def test_a_device_writes_no_table_directly_not_even_its_own_rows(two_sites, fresh_central):
    """Every change goes through the device functions (tests/unit/central/test_attacks.py
    tries them); hand-written writes are refused outright."""
    device_a, app_a = two_sites["SA01"][1], two_sites["SA01"][2]
    app_b = two_sites["SB01"][2]
    with _as_device(device_a) as conn:
        for statement, values in (
                ("UPDATE central_applications SET status = 'produced' WHERE id = %s", (app_a,)),
                ("UPDATE central_applications SET status = 'withdrawn' WHERE id = %s", (app_b,)),
                ("DELETE FROM central_applications", None),
                ("INSERT INTO central_applications (site_id, id, number, business_type, status,"
                 " id_number, payload, received_at, updated_at) VALUES (%s, %s, 'X', 'newborn',"
                 " 'submitted', '', '{}', now(), now())", (device_a.site_id, uuid.uuid4())),
                ("INSERT INTO central_applied_operations (site_id, device_id, seq, op_id, kind,"
                 " result, reason, applied_at) VALUES (%s, %s, 1, %s, 'x', 'applied', '', now())",
                 (device_a.site_id, device_a.device_id, uuid.uuid4()))):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement, values)
    with psycopg.connect(fresh_central) as conn:
        assert conn.execute("SELECT count(*), min(status), max(status) FROM "
                            "central_applications").fetchone() == (2, "submitted", "submitted")


def test_counters_own_nothing_and_cannot_lift_the_fence(two_sites):
    device_a = two_sites["SA01"][1]
    with _as_device(device_a) as conn:
        for statement in ("ALTER TABLE central_applications DISABLE ROW LEVEL SECURITY",
                          "ALTER TABLE central_applications NO FORCE ROW LEVEL SECURITY",
                          "DROP POLICY own_site ON central_applications"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM central_devices")  # credentials stay hidden
        site_b_role = conn.execute("SELECT role_name FROM central_sites WHERE code = 'SB01'"
                                   ).fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f'SET ROLE "{site_b_role}"')


def test_shared_reference_data_is_readable_by_every_site(two_sites, fresh_central):
    with psycopg.connect(fresh_central, autocommit=True) as conn:
        conn.execute("INSERT INTO central_invalid_list (id, card_number, id_number, reason,"
                     " level, listed_at) VALUES (%s, 'C1', '110105201903150038', 'lost',"
                     " 'city', now())", (uuid.uuid4(),))
    for code in ("SA01", "SB01"):
        with _as_device(two_sites[code][1]) as conn:
            assert conn.execute("SELECT count(*) FROM central_invalid_list").fetchone() == (1,)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("DELETE FROM central_invalid_list")


def test_a_revoked_device_is_refused_with_a_clear_reason(two_sites, fresh_central, tmp_path):
    ctx, device_a, _ = two_sites["SA01"]
    submit_child(ctx, _operator_of(ctx), tmp_path, sequence=9)
    admin.revoke_device(fresh_central, device_a.device_id)
    with pytest.raises(syncing.SyncError) as caught:
        syncing.sync_now(ctx)
    assert "withdrawn" in str(caught.value)
    assert syncing.sync_status(ctx).pending == 1  # nothing lost, nothing applied
    with psycopg.connect(fresh_central) as conn:
        assert conn.execute("SELECT count(*) FROM central_applications").fetchone() == (2,)


def _operator_of(ctx):
    from counter_app.services import auth
    from tests.helpers import PASSWORD

    return auth.login(ctx, "opSA01", PASSWORD)


def test_card_status_is_the_card_centres_even_for_the_sites_own_cards(two_sites,
                                                                      fresh_central):
    _ctx, device_a, app_a = two_sites["SA01"]
    with psycopg.connect(fresh_central, autocommit=True) as conn:  # as the card centre would
        conn.execute("UPDATE central_card_records SET status = 'at_site', card_number = 'A1' "
                     "WHERE site_id = %s AND application_id = %s", (device_a.site_id, app_a))
    with _as_device(device_a) as conn:
        for change in ("status = 'produced'", "status = 'collected'", "card_number = 'FORGED'",
                       "bank = 'X'", "collector = 'guardian'", "activated_at = now()"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"UPDATE central_card_records SET {change}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE central_status_history SET actor = 'card_centre'")
    with psycopg.connect(fresh_central) as conn:
        assert conn.execute("SELECT status, card_number, bank FROM central_card_records "
                            "WHERE application_id = %s", (app_a,)).fetchone() == (
            "at_site", "A1", None)
