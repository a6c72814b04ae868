"""Device passwords on a server that demands them (SCRAM-SHA-256 over TCP, as a city's
does; the shared test server trusts everyone): the verifier the program sends logs in
with its password and no other, and after enrolment only the counter's own password
works, the code's temporary one no longer."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url

from counter_app.central import admin, enrolment, scram
from counter_app.central.credentials import EnrolmentError
from tests.integration.private_pg import private_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def cluster():
    with private_postgres() as server:
        server.require_passwords()
        yield server


@pytest.fixture
def central(cluster):
    name = "central_passwords"
    url = cluster.create_database(name)
    admin.init_central(url)
    admin.add_site(url, "SA01", "site A")
    yield url
    cluster.drop_database(name)


def _logs_in(url: str, password: str | None = None) -> bool:
    if password is not None:
        url = make_url(url).set(password=password).render_as_string(hide_password=False)
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.OperationalError as exc:
        assert "password authentication failed" in str(exc) or "no password" in str(exc)
        return False


def test_a_verifier_logs_in_with_its_password_only(cluster):
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("CREATE ROLE scram_probe LOGIN")
        try:
            conn.execute(scram.alter_password_sql("scram_probe", "correct-horse"))
            stored = conn.execute("SELECT rolpassword FROM pg_authid "
                                  "WHERE rolname = 'scram_probe'").fetchone()[0]
            assert stored.startswith("SCRAM-SHA-256$4096:")
            probe = f"postgresql://scram_probe@127.0.0.1:{cluster.port}/postgres"
            assert _logs_in(probe, "correct-horse")
            assert not _logs_in(probe, "correct-horsf")
            assert not _logs_in(probe)
        finally:
            conn.execute("DROP ROLE scram_probe")


def test_after_enrolment_only_the_counters_own_password_logs_in(central):
    code = admin.add_device(central, "SA01", "window 1")
    assert _logs_in(code.url)
    enrolled = enrolment.redeem(code)
    assert not _logs_in(code.url)
    assert _logs_in(enrolled.url)
    with pytest.raises(EnrolmentError) as refusal:  # the code again: its login is gone
        enrolment.redeem(code)
    assert refusal.value.template == enrolment.MSG_LOGIN_REFUSED


def test_a_new_code_shuts_out_the_lost_ones_login(central):
    lost = admin.add_device(central, "SA01", "window 2")
    fresh = admin.new_code(central, lost.device_id)
    assert not _logs_in(lost.url)
    assert _logs_in(enrolment.redeem(fresh).url)
