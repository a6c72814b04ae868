"""central_inquiry on PostgreSQL: a counter fenced to its own site learns the statuses of
another site's applications for the number asked about, and nothing personal."""

import datetime as dt
import uuid

import psycopg
import pytest
from psycopg.types.json import Jsonb

from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from counter_app.central import admin, database, lookup
from counter_app.domain.inquiry import NumberKind
from counter_app.domain.lifecycle import Status
from counter_app.services import enrolment, inquiry, syncing
from counter_app.services.context import open_context
from tests.helpers import child_id
from tests.sync_helpers import submit_child
from tests.unit.central.test_fencing import _operator, _operator_of

pytestmark = pytest.mark.postgres

NOW = dt.datetime(2026, 11, 22, 2, 0)


@pytest.fixture
def central_with_two_sites(fresh_central, tmp_path, settings):
    """Counter A enrolled and its application pushed; site B's application of the same
    person (with a card, collected) and an invalid-list entry written by the card centre."""
    admin.add_site(fresh_central, "SA01", "甲服务网点")
    site_b = admin.add_site(fresh_central, "SB01", "乙服务网点")
    ctx = open_context(type(settings)(data_dir=tmp_path / "a", config_dir=tmp_path / "a-config"))
    enrolment.enrol(ctx, admin.add_device(fresh_central, "SA01", "window 1").code())
    submit_child(ctx, _operator(ctx, "SA01"), tmp_path)
    assert syncing.sync_now(ctx).sent == 1
    app_b = uuid.uuid4()
    with psycopg.connect(fresh_central, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO central_applications (site_id, id, number, business_type, status, "
            "id_number, payload, received_at, updated_at, due_date) "
            "VALUES (%s, %s, 'SB01-20250301-0001', 'later', 'collected', %s, %s, %s, %s, %s)",
            (site_b, app_b, child_id(), Jsonb({"applicant": {"name": "王䶮",
                                                              "phone": "13800138001"}}),
             NOW - dt.timedelta(days=60), NOW, dt.date(2025, 3, 31)))
        conn.execute(
            "INSERT INTO central_card_records (site_id, application_id, card_number, bank, "
            "status, updated_at, issued_on, collected_at, collector) "
            "VALUES (%s, %s, 'B11112222', '建设银行', 'collected', %s, %s, %s, 'guardian')",
            (site_b, app_b, NOW, dt.date(2025, 3, 20), NOW - dt.timedelta(days=30)))
        conn.execute(
            "INSERT INTO central_invalid_list (id, card_number, id_number, reason, level, "
            "listed_at, expires_at, site_id) VALUES (%s, 'B11112222', %s, 'temporary_loss', "
            "'city', %s, %s, %s)",
            (uuid.uuid4(), child_id(), NOW - dt.timedelta(days=1),
             NOW + dt.timedelta(days=6), site_b))
    return ctx, fresh_central


def test_the_function_answers_across_sites_with_statuses_only(central_with_two_sites):
    ctx, url = central_with_two_sites
    from counter_app.central import credentials
    device = database.create_central_engine(credentials.load(ctx.files).url)
    try:
        with device.connect() as connection:
            # fenced: the device cannot read the applications, not even its own site's
            with pytest.raises(ProgrammingError, match="permission denied"):
                connection.execute(text(
                    "SELECT count(*) FROM central_applications WHERE id_number = :n"),
                    {"n": child_id()})
        with device.connect() as connection:
            rows = lookup.central_inquiry(connection, NumberKind.ID_NUMBER, child_id(), "op")
            by_card = lookup.central_inquiry(connection, NumberKind.CARD_NUMBER, "B11112222")
    finally:
        device.dispose()
    assert set(rows[0]) == set(lookup.INQUIRY_COLUMNS)  # no name, phone or payload
    found = {r["application_number"]: r for r in rows if r["entry"] == "application"}
    assert set(found) == {next(n for n in found if n.startswith("SA01-")),
                          "SB01-20250301-0001"}
    other = found["SB01-20250301-0001"]
    assert (other["site_name"], other["status"], other["card_number"], other["bank"],
            other["card_status"]) == ("乙服务网点", "collected", "B****2222", "建设银行",
                                      "collected")
    assert other["collected_at"] == NOW - dt.timedelta(days=30)  # typed again from JSON
    assert other["issued_on"] == dt.date(2025, 3, 20)
    (entry,) = [r for r in rows if r["entry"] == "invalid"]
    assert (entry["card_number"], entry["reason"], entry["level"], entry["site_name"]) == (
        "B****2222", "temporary_loss", "city", "乙服务网点")
    values = " ".join(str(v) for row in rows for v in row.values())
    assert "王䶮" not in values and "13800138001" not in values and "B11112222" not in values
    assert sorted(((r["entry"], r["application_number"]) for r in by_card), key=str) == [
        ("application", "SB01-20250301-0001"), ("invalid", None)]


def test_the_counters_inquiry_goes_through_it_and_settles_with_its_clock(
        central_with_two_sites):
    ctx, _url = central_with_two_sites
    staff = _operator_of(ctx)
    result = inquiry.look_up(ctx, child_id(), operator=staff, now=NOW)
    assert result.source == inquiry.CENTRAL and len(result.applications) == 2
    mine = next(a for a in result.applications if a.number.startswith("SA01-"))
    assert mine.status == Status.SUBMITTED and mine.site_name == "甲服务网点" and mine.sent
    (entry,) = result.invalid
    assert entry.state == "active"
    later = inquiry.look_up(ctx, "B11112222", operator=staff,
                            now=NOW + dt.timedelta(days=6, minutes=1))
    assert [e.state for e in later.invalid] == ["released"]  # its 7 days ran out
    assert [a.number for a in later.applications] == ["SB01-20250301-0001"]


def test_only_the_budgeted_look_up_runs_it(central_with_two_sites):
    ctx, url = central_with_two_sites
    with psycopg.connect(url, autocommit=True) as conn:
        prefix = conn.execute("SELECT value FROM central_settings "
                              "WHERE key = 'role_prefix'").fetchone()[0]
        for role in ("public", f"{prefix}_counter"):
            assert conn.execute(
                "SELECT has_function_privilege(%s, 'central_inquiry(text, text)', 'EXECUTE')",
                (role,)).fetchone() == (False,)
