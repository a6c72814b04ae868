"""Local migration 0012 (issue 16): the blank_counts table (blanks counted at day close)
comes in beside what was there, and goes again on a downgrade."""

from sqlalchemy import inspect, text

from counter_app.store import migrate
from counter_app.store.db import make_sqlite_engine
from tests.unit.store.test_fee_migration import _downgrade, _tables


def test_the_blank_counts_table_arrives_and_leaves_again(tmp_path):
    engine = make_sqlite_engine(f"sqlite:///{tmp_path / 'local.db'}")
    migrate.upgrade(engine, "0011")
    assert "blank_counts" not in _tables(engine)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO sites (id, code, name, kind) VALUES ('s1', 'SC001', 'x', 'y')"))
        connection.execute(text(
            "INSERT INTO operators (id, site_id, username, display_name, password_hash, roles,"
            " active, created_at) VALUES ('o1', 's1', 'u', 'u', 'h', '', 1, '2026-01-01')"))
    migrate.upgrade(engine)
    assert migrate.current(engine) == (migrate.HEAD,)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO blank_counts (day, site_id, received, issued, spoiled, pending,"
            " expected, counted, explanation, counted_by, counted_at) VALUES ('2026-12-21',"
            " 's1', 50, 1, 1, 0, 48, 47, 'one bent', 'o1', '2026-12-21 09:00')"))
        assert connection.execute(text("SELECT counted FROM blank_counts")).scalar() == 47
    with engine.connect() as connection:
        assert [c["name"] for c in inspect(connection).get_columns("blank_counts")][:2] == [
            "day", "site_id"]
    _downgrade(engine, "0011")
    assert "blank_counts" not in _tables(engine)
    assert migrate.current(engine) == ("0011",)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM operators")).scalar() == 1
