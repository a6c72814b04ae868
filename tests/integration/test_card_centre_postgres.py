"""The card centre on the real PostgreSQL, logged in as an enrolled card centre device:
row-level security lets it see and move every handling point's applications, and a
handling point's device is refused the console instead of shown a partial city."""

import datetime as dt
import uuid

import psycopg
import pytest

from counter_app.cardcentre import promise
from counter_app.cardcentre.promise import Kind
from counter_app.cardcentre.sending import FileSender, LetterSender
from counter_app.central import admin
from counter_app.domain.cards import CardRules
from counter_app.services import card_centre, enrolment, syncing
from counter_app.services.context import open_context
from tests.sync_helpers import enrolled_device, submit_child

pytestmark = pytest.mark.postgres

HEADER = "申请编号,社会保障卡号,发卡银行,制卡结果,失败原因\n"


@pytest.fixture
def city(fresh_central, tmp_path, settings):
    """Two handling points with an enrolled counter each (one child's application pushed
    from each), and a card centre site with one device."""
    from tests.unit.central.test_fencing import _operator

    pushed = {}
    for number, (code, name) in enumerate((("SA01", "王䶮"), ("SB01", "张𠮷"))):
        admin.add_site(fresh_central, code, f"网点 {code}")
        device = admin.add_device(fresh_central, code, f"counter of {code}")
        ctx = open_context(type(settings)(data_dir=tmp_path / code,
                                          config_dir=tmp_path / f"{code}-config"))
        enrolment.enrol(ctx, device.code())
        app_id = submit_child(ctx, _operator(ctx, code), tmp_path, name=name,
                              sequence=number + 3)
        assert syncing.sync_now(ctx).sent == 1
        pushed[code] = (device, uuid.UUID(app_id))
    admin.add_site(fresh_central, "CC01", "市社会保障卡管理中心", kind="card_centre")
    centre_device = enrolled_device(fresh_central, "CC01", "card centre 1")
    return fresh_central, pushed, centre_device


def numbers(url):
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT id, number FROM central_applications").fetchall())


def statuses(url):
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT id, status FROM central_applications").fetchall())


def test_the_card_centre_device_works_every_site_under_row_level_security(city, tmp_path):
    url, pushed, device = city
    centre = card_centre.open_card_centre(device.url, "卡中心 李敏", site_code="CC01")
    try:
        waiting = centre.incoming()
        assert {a.site.code for a in waiting} == {"SA01", "SB01"}
        assert {a.name for a in waiting} == {"王䶮", "张𠮷"}
        batch = centre.make_batch([a.key for a in waiting])
        assert batch.size == 2
        by_id = numbers(url)
        a_number, b_number = by_id[pushed["SA01"][1]], by_id[pushed["SB01"][1]]
        bad = tmp_path / "bad.csv"
        bad.write_text(HEADER + f"{a_number},A12345678,工行,成功,\n"
                                f"{a_number},A12345679,工行,成功,\n", encoding="utf-8")
        report = centre.import_results(bad)
        assert [p.line for p in report.problems] == [3]
        assert set(statuses(url).values()) == {"in_production"}  # nothing half-applied
        good = tmp_path / "good.csv"
        good.write_text(HEADER + f"{a_number},A12345678,工行,成功,\n"
                                 f"{b_number},,,失败,芯片损坏\n", encoding="utf-8")
        assert centre.import_results(good).applied
        sent = centre.dispatch([(uuid.UUID(pushed["SA01"][0].site_id), pushed["SA01"][1])])
        assert (sent.sent, sent.notices) == (1, 2)
        report = centre.send_notices({"sms": FileSender(tmp_path / "sms"),
                                      "letter": LetterSender(tmp_path / "letters")})
        assert (report.sent, report.notified) == (2, 1)
    finally:
        centre.close()
    assert statuses(url) == {pushed["SA01"][1]: "notified",
                             pushed["SB01"][1]: "production_failed"}
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM central_notice_attempts").fetchone() == (2,)
        history = conn.execute(
            "SELECT to_status, actor, actor_name FROM central_status_history "
            "WHERE application_id = %s ORDER BY at, to_status", (pushed["SA01"][1],)).fetchall()
    centre_lines = [h for h in history if h[1] != "counter"]  # not the arrival's line
    assert [h[0] for h in centre_lines] == ["in_production", "produced", "at_site",
                                            "notified"]
    assert centre_lines[0][1:] == ("card_centre", "卡中心 李敏")
    assert centre_lines[-1][1] == "notifier"
    # the handling point reads its own card's status, and only its own (through its feed:
    # no site-owned table, notices included, is a counter's to select from)
    with psycopg.connect(pushed["SA01"][0].url, autocommit=True) as conn:
        assert conn.execute("SELECT status, card_number FROM central_card_feed('0', "
                            "pg_snapshot_xmax(pg_current_snapshot()))").fetchall() == [
            ("notified", "A12345678")]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM central_notices")


def test_a_handling_points_device_is_refused_the_card_centre(city):
    _url, pushed, _device = city
    with pytest.raises(card_centre.CardCentreError, match="handling point 网点 SA01, not "
                                                          "for the card centre"):
        card_centre.open_card_centre(pushed["SA01"][0].url, "x", site_code="SA01")


def test_an_unreachable_central_database_is_said_in_words():
    from counter_app.central.database import SyncError

    with pytest.raises(SyncError, match="cannot be reached"):
        card_centre.open_card_centre("postgresql://postgres@127.0.0.1:1/none", "x")


def test_the_promise_lists_use_the_partial_index(city):
    url, pushed, device = city
    today = dt.date(2026, 11, 22)
    # open applications due over two months, a tenth of them overdue; a tenth collected
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("""
            INSERT INTO central_applications (site_id, id, number, business_type, status,
                id_number, payload, received_at, updated_at, due_date)
            SELECT s.id, gen_random_uuid(), 'N' || n, 'newborn',
                   CASE WHEN n % 10 = 0 THEN 'collected' ELSE 'submitted' END,
                   '110105202403150038', '{"applicant": {"name": "王"}}', now(), now(),
                   DATE '2026-11-22' + (n % 60 - 6)
            FROM generate_series(1, 20000) n
            CROSS JOIN LATERAL (SELECT id FROM central_sites WHERE kind <> 'card_centre'
                                ORDER BY code LIMIT 1 OFFSET n % 2) s""")
        conn.execute("VACUUM ANALYZE central_applications")
    centre = card_centre.open_card_centre(device.url, "卡中心")
    try:
        for plan in explain(centre.engine, today, CardRules()):
            assert "ix_central_applications_open_due" in plan, plan
        overdue = centre.promise(Kind.OVERDUE, today)
    finally:
        centre.close()
    assert overdue.total == sum(1 for n in range(1, 20001) if n % 10 and n % 60 < 6)
    assert len(overdue.rows) == 200 and overdue.rows[0].days == 5


def explain(engine, today, rules, site_id=None) -> list[str]:
    """The plans of the promise statements as the service sends them (bound values)."""
    plans = []
    with engine.connect() as connection:
        for statement in (promise.list_statement(Kind.OVERDUE, today, rules, site_id=site_id),
                          promise.count_statement(Kind.OVERDUE, today, rules, site_id)):
            compiled = statement.compile(dialect=engine.dialect)
            rows = connection.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params)
            plans.append("\n".join(row[0] for row in rows))
    return plans
