"""Local migration 0011 (issue 16): the application_fees table comes in beside the
applications taken in before, which keep every row (no fee recorded for them: the
service works theirs out from the rules), and goes again on a downgrade."""

from sqlalchemy import inspect, text

from counter_app.store import migrate
from counter_app.store.db import make_sqlite_engine


def _downgrade(engine, revision: str) -> None:
    from alembic import command

    config = migrate.alembic_config()
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _tables(engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_the_fees_table_arrives_beside_earlier_applications_and_leaves_again(tmp_path):
    engine = make_sqlite_engine(f"sqlite:///{tmp_path / 'local.db'}")
    migrate.upgrade(engine, "0010")
    assert "application_fees" not in _tables(engine)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO sites (id, code, name, kind) VALUES ('s1', 'SC001', 'x', 'y')"))
        connection.execute(text(
            "INSERT INTO operators (id, site_id, username, display_name, password_hash, roles,"
            " active, created_at) VALUES ('o1', 's1', 'u', 'u', 'h', '', 1, '2026-01-01')"))
        connection.execute(text(
            "INSERT INTO applications (id, number, site_id, operator_id, business_type, status,"
            " created_at, updated_at, name, pinyin, sex, birth_date, id_type, id_number,"
            " id_valid_until, ethnicity, nationality, occupation, phone, household_address,"
            " residence_address, mailing_address, rejection_reasons, form_path, print_count)"
            " VALUES ('a1', 'N1', 's1', 'o1', 'replacement', 'draft', '2026-01-01',"
            " '2026-01-01', 'x', '', 'M', '2016-01-01', 'resident_id', '1', '', '', 'CHN', '',"
            " '1', '', '', '', '', '', 0)"))
    migrate.upgrade(engine)
    assert migrate.is_current(engine)  # at HEAD: 0011 and those after it
    with engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM applications")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM application_fees")).scalar() == 0
        connection.execute(text(
            "INSERT INTO application_fees (application_id, business_type, currency,"
            " standard_fen, amount_fen, waiver, recorded_at, paid_at, method, paid_by)"
            " VALUES ('a1', 'replacement', 'CNY', 2000, 2000, '', '2026-01-01',"
            " '2026-01-01 10:00', 'cash', 'o1')"))
    with engine.connect() as connection:
        indexes = {i["name"] for i in inspect(connection).get_indexes("application_fees")}
    assert "ix_application_fees_paid_at" in indexes  # the report asks by day
    _downgrade(engine, "0010")
    assert "application_fees" not in _tables(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM applications")).scalar() == 1
