"""The central database goes away and comes back: it stops, it refuses or swallows
connections, it dies in the middle of a push. The counter keeps everything queued, says
why in words, and once the central side is back the backlog drains by itself, each
application arriving exactly once.

These run against a PostgreSQL server of their own (tests/integration/private_pg.py),
which they stop and crash; the shared server is never touched. The counter is enrolled:
it pushes with its own device login, fenced by row-level security.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import collections  # noqa: E402
import dataclasses  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

import cv2  # noqa: E402
import psycopg  # noqa: E402
import pytest  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from counter_app.central import admin as central_admin  # noqa: E402
from counter_app.central import apply as central_apply  # noqa: E402
from counter_app.central import blobs, database  # noqa: E402
from counter_app.services.demo import seed_demo  # noqa: E402
from counter_app.domain.lifecycle import Status  # noqa: E402
from counter_app.services import enrolment, syncing  # noqa: E402
from counter_app.services.context import open_context  # noqa: E402
from counter_app.store.models import Application, OutboxEntry  # noqa: E402
from counter_app.sync import push  # noqa: E402
from tests.integration import sync_child  # noqa: E402
from tests.integration.private_pg import private_postgres, tcp_proxy, wait_until  # noqa: E402
from tests.unit.photo import portraits  # noqa: E402

pytestmark = pytest.mark.postgres

DRAIN_TIMEOUT = 60  # seconds the backlog may take to drain once the central side is back


@pytest.fixture(scope="module")
def cluster():
    with private_postgres() as server:
        yield server


@pytest.fixture
def central_db(cluster):
    """A central database of this test's own on the private server, `central init`ed."""
    if not cluster.running:
        cluster.start()
    name = f"outage_{uuid.uuid4().hex[:8]}"
    url = cluster.create_database(name)
    central_admin.init_central(url)
    yield url
    if not cluster.running:  # a test failed while the server was down
        cluster.start()
    cluster.drop_database(name)


@pytest.fixture(scope="module")
def base_frame(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("portrait") / "portrait.png"
    assert cv2.imwrite(str(path), portraits.compose())
    return path


class Counter:
    """An enrolled counter on a data directory of its own that makes applications."""

    def __init__(self, settings, admin_url: str, base_frame: Path) -> None:
        # The window's timer syncs every sync_interval_s (5 s is its shortest).
        self.ctx = open_context(dataclasses.replace(settings, sync_interval_s=5))
        seed_demo(self.ctx)
        central_admin.add_site(admin_url, "SC001", "示范区社会保障卡服务中心")
        self.enrolled = central_admin.add_device(admin_url, "SC001", "outage-test counter")
        enrolment.enrol(self.ctx, self.enrolled.code())
        self.operator = sync_child.login(self.ctx)
        self.base_frame = base_frame
        self.numbers = iter(range(1, 10_000))

    def make(self, count: int) -> set[str]:
        return {sync_child.create_application(self.ctx, self.operator, next(self.numbers),
                                              self.base_frame) for _ in range(count)}

    def submitted(self) -> set[str]:
        with self.ctx.sessions() as session:
            return {str(i) for i in session.scalars(
                select(Application.id).where(Application.status == Status.SUBMITTED))}

    def sent_rows(self) -> int:
        with self.ctx.sessions() as session:
            return session.scalar(select(func.count()).where(OutboxEntry.sent_at.is_not(None)))

    def drain(self, timeout: float = DRAIN_TIMEOUT) -> int:
        """Sync the way the window's timer does, again after each failure, until nothing
        is pending; the number of failed attempts."""
        failures, deadline = 0, time.monotonic() + timeout
        while True:
            try:
                if syncing.sync_now(self.ctx).pending == 0:
                    return failures
            except syncing.SyncError:
                failures += 1
            if time.monotonic() > deadline:
                raise AssertionError(f"backlog still {syncing.sync_status(self.ctx).pending} "
                                     f"after {timeout} s")
            time.sleep(0.5)

    def close(self) -> None:
        for engine in self.ctx.__dict__.pop("_central_engines", {}).values():
            engine.dispose()
        self.ctx.sessions.kw["bind"].dispose()


@pytest.fixture
def counter_factory(settings, base_frame):
    made = []

    def make(admin_url: str) -> Counter:
        made.append(Counter(settings, admin_url, base_frame))
        return made[-1]

    yield make
    for counter in made:
        counter.close()


def assert_exactly_once(counter: Counter, admin_url: str) -> None:
    """Every submitted application once centrally, every outbox row applied once under
    its (device, seq) and acknowledged locally, every file whole."""
    apps = counter.submitted()
    with counter.ctx.sessions() as session:
        entries = list(session.scalars(select(OutboxEntry)))
    assert [e.seq for e in entries if e.sent_at is None] == []
    assert set(collections.Counter(e.result for e in entries)) <= {"applied", "duplicate"}
    with psycopg.connect(admin_url) as conn:
        ids = [r[0] for r in conn.execute("SELECT id::text FROM central_applications")]
        operations = conn.execute("SELECT device_id::text, seq, op_id::text, result "
                                  "FROM central_applied_operations").fetchall()
        files = conn.execute(
            "SELECT b.sha256, b.complete, encode(sha256(string_agg(c.data, ''::bytea "
            "ORDER BY c.chunk_no)), 'hex') FROM central_blobs b JOIN central_blob_chunks c "
            "ON c.site_id = b.site_id AND c.sha256 = b.sha256 GROUP BY b.sha256, b.complete"
        ).fetchall()
    assert len(ids) == len(set(ids)) == len(apps) and set(ids) == apps
    keys = [(device, seq) for device, seq, _, _ in operations]
    assert len(keys) == len(set(keys)) == len(entries)
    assert {device for device, *_ in operations} == {counter.enrolled.device_id}
    assert {seq: op for _, seq, op, _ in operations} == {e.seq: str(e.op_id) for e in entries}
    assert {result for *_, result in operations} == {"applied"}
    assert {sha for sha, *_ in files} == {e.payload["sha256"] for e in entries
                                          if e.kind == "blob"}
    assert all(complete and digest == sha for sha, complete, digest in files)


def test_central_stops_and_the_backlog_drains_by_itself_when_it_is_back(
        cluster, central_db, counter_factory, qtbot):
    from counter_app.qt.sync_control import SyncController
    from counter_app.qt.tasks import TaskRunner

    counter = counter_factory(central_db)
    first = counter.make(3)
    assert syncing.sync_now(counter.ctx).pending == 0

    cluster.stop("immediate")
    second = counter.make(4)  # the counter works on while the central side is down
    started = time.monotonic()
    with pytest.raises(syncing.SyncError) as caught:
        syncing.sync_now(counter.ctx)
    assert time.monotonic() - started < 10  # refused at once, no long hang
    assert caught.value.template == database.MSG_UNREACHABLE
    assert "cannot be reached" in str(caught.value) and "Error" not in str(caught.value)
    status = syncing.sync_status(counter.ctx)
    assert status.pending == 4 and status.last_error.template == database.MSG_UNREACHABLE
    assert counter.submitted() == first | second

    # The window's background path: its timer tries, fails, tries again.
    runner = TaskRunner()
    controller = SyncController(counter.ctx, runner)
    controller.start_timer()
    try:
        with qtbot.waitSignal(controller.sig_finished, timeout=20_000,
                              check_params_cb=lambda ok: ok is False):
            pass
        view = controller.status_view()
        assert view.failed and "Waiting to be sent: 4" in view.text
        assert "cannot be reached" in view.text

        cluster.start()  # crash recovery, then the timer's next try drains the backlog
        qtbot.waitUntil(lambda: not controller.running and
                        syncing.sync_status(counter.ctx).pending == 0,
                        timeout=DRAIN_TIMEOUT * 1000)
    finally:
        controller.stop_timer()
        runner.wait_for_done(30_000)
    view = controller.status_view()
    assert not view.failed and "Waiting to be sent: 0" in view.text
    assert syncing.sync_status(counter.ctx).last_error is None
    assert_exactly_once(counter, central_db)


def test_refused_and_swallowed_connections_keep_everything_queued(
        cluster, central_db, counter_factory):
    with tcp_proxy(cluster.port) as proxy:
        # The counter reaches the central database through the proxy only.
        counter = counter_factory(cluster.url(central_db.rsplit("/", 1)[1], proxy.port))
        first = counter.make(2)
        assert syncing.sync_now(counter.ctx).pending == 0
        queued = counter.make(3)

        def refused(expect_within: float) -> syncing.SyncError:
            started = time.monotonic()
            with pytest.raises(syncing.SyncError) as caught:
                syncing.sync_now(counter.ctx)
            assert time.monotonic() - started < expect_within
            assert caught.value.template == database.MSG_UNREACHABLE  # not "revoked"
            assert syncing.sync_status(counter.ctx).pending == len(queued)
            return caught.value

        # The connection is accepted and dropped at once.
        proxy.mode = "reset"
        proxy.cut()  # the pooled connections too
        refused(expect_within=10)
        # The database refuses new sessions (and ends the ones it had).
        proxy.mode = "forward"
        db_name = central_db.rsplit("/", 1)[1]
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{db_name}" ALLOW_CONNECTIONS false')
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", (db_name,))
        try:
            refused(expect_within=10)
        finally:
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                conn.execute(f'ALTER DATABASE "{db_name}" ALLOW_CONNECTIONS true')
        # The connection is accepted and never answered: the connect timeout ends it.
        proxy.mode = "blackhole"
        refused(expect_within=30)
        # Nothing listens at all.
        with pytest.raises(syncing.SyncError) as caught:
            syncing.sync_now(counter.ctx, counter.enrolled.url.replace(
                f":{proxy.port}/", f":{_closed_port()}/"))
        assert caught.value.template == database.MSG_UNREACHABLE

        assert counter.submitted() == first | queued
        proxy.mode = "forward"
        counter.drain()
    assert_exactly_once(counter, central_db)


def _outbox_rows(counter: Counter) -> int:
    with counter.ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(OutboxEntry))


def _closed_port() -> int:
    from tests.integration.private_pg import free_port
    return free_port()


KILLS = {
    "server killed mid-push": "crash",
    "network cut mid-push": "cut",
    "server killed inside the central transaction": "crash in transaction",
}


@pytest.mark.parametrize("how", list(KILLS), ids=list(KILLS.values()))
def test_central_dies_in_the_middle_of_a_big_push(cluster, central_db, counter_factory,
                                                   monkeypatch, how):
    with tcp_proxy(cluster.port) as proxy:
        counter = counter_factory(cluster.url(central_db.rsplit("/", 1)[1], proxy.port))
        apps = counter.make(20)
        total = _outbox_rows(counter)  # each application, its photo, the original
        monkeypatch.setattr(push, "BATCH_SIZE", 9)  # several central transactions
        # A slow line, so that the push takes a few seconds, much of it inside the central
        # transactions (where a failure hurts most).
        send_chunk, apply_batch = blobs._send_chunk, central_apply.apply_batch

        def slow_chunk(*args):
            time.sleep(0.03)
            return send_chunk(*args)

        def slow_apply(connection, ops):
            connection.exec_driver_sql("SELECT pg_sleep(0.15)")
            return apply_batch(connection, ops)

        monkeypatch.setattr(blobs, "_send_chunk", slow_chunk)
        monkeypatch.setattr(central_apply, "apply_batch", slow_apply)

        def network_down():  # connections in progress cut, new ones refused
            proxy.mode = "reset"
            proxy.cut()

        kill = {"crash": lambda: cluster.stop("immediate"), "cut": network_down}[
            "cut" if KILLS[how] == "cut" else "crash"]
        in_transaction = KILLS[how] == "crash in transaction"
        if in_transaction:
            calls = []

            def dying_central(connection, ops):
                results = slow_apply(connection, ops)
                calls.append(1)
                if len(calls) == 3:  # the 3rd batch applied, its transaction not committed
                    cluster.stop("immediate")
                return results

            monkeypatch.setattr(central_apply, "apply_batch", dying_central)

        outcome: dict = {}

        def push_in_background():
            try:
                outcome["result"] = syncing.sync_now(counter.ctx)
            except BaseException as exc:  # noqa: BLE001 - examined below
                outcome["error"] = exc

        thread = threading.Thread(target=push_in_background, name="push")
        thread.start()
        try:
            if not in_transaction:
                wait_until(lambda: counter.sent_rows() >= total // 3 or not thread.is_alive(),
                           timeout=60, what="a third of the push")
                kill()
        finally:
            thread.join(90)
        assert not thread.is_alive()
        assert isinstance(outcome.get("error"), syncing.SyncError), outcome
        assert outcome["error"].template == database.MSG_UNREACHABLE
        sent = counter.sent_rows()
        assert 0 < sent < total, sent  # it did die in the middle
        assert syncing.sync_status(counter.ctx).pending > 0
        assert counter.submitted() == apps

        if not cluster.running:
            cluster.start()  # crash recovery
        with psycopg.connect(central_db) as conn:
            applied = conn.execute(
                "SELECT count(*) FROM central_applied_operations").fetchone()[0]
        # What was acknowledged is there; beyond it at most the batch whose commit
        # reply was lost (it comes back as "duplicate"); a batch cut off inside its
        # transaction left nothing.
        assert sent <= applied <= sent + push.BATCH_SIZE
        if in_transaction:
            assert applied == sent == 2 * push.BATCH_SIZE
        proxy.mode = "forward"
        monkeypatch.undo()  # a normal push from here on
        counter.drain()
    assert_exactly_once(counter, central_db)
