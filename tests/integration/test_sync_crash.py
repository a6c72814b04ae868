"""kill -9 the counter at 50 random points while it writes applications and syncs: after
every kill the next counter process carries on, and at the end every application is in
the central database exactly once and none is lost on the counter.

The counter processes are real (tests/integration/sync_child.py); each dies by SIGKILL,
sent to itself from a hook its own script installed at the chosen point. The counter is
enrolled, so it pushes with its own device login under row-level security, not as the
superuser. Most processes are forked from a server that has already imported the app
(the start-up costs ~1 s); every twentieth is started as a fresh interpreter.
"""

from __future__ import annotations

import collections
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import cv2
import psycopg
import pytest
from sqlalchemy import select as sql_select

from counter_app.central import admin as central_admin
from counter_app.services.demo import seed_demo
from counter_app.domain.lifecycle import Status
from counter_app.services import enrolment, syncing
from counter_app.store.models import Application, OutboxEntry
from tests.integration import sync_child
from tests.unit.photo import portraits

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50
SEED = int(os.environ.get("COUNTER_CRASH_SEED", "20261122"))
BATCH_SIZE = 4      # three outbox rows per application: applications straddle batches
CHUNK_SIZE = 32768  # a photo travels in 1 chunk, its original in 2
JOB_TIMEOUT = 120   # seconds one counter process may take before the test gives up
# The highest passage to die at, per point: each is reached within a round or three.
OCCURRENCES = {
    "before_read_batch": 6, "after_chunk": 10, "after_file_complete": 6,
    "central_before_push": 4, "central_before_commit": 4, "after_central_commit": 4,
    "mid_local_ack": 4, "after_local_ack": 4, "create_file_kept": 6,
    "create_before_submit": 3, "create_mid_submit": 3, "create_after_submit": 3,
}
assert set(OCCURRENCES) == set(sync_child.POINTS)


def kill_plan(rng: random.Random) -> list[tuple[str, int]]:
    """KILLS (point, passage) pairs: every point at least once, the rest at random."""
    points = sorted(OCCURRENCES)
    rng.shuffle(points)
    points += [rng.choice(sorted(OCCURRENCES)) for _ in range(KILLS - len(points))]
    rng.shuffle(points)
    return [(point, rng.randint(1, OCCURRENCES[point])) for point in points]


class ForkServer:
    """tests/integration/sync_child.py serve: one forked counter process per job."""

    def __init__(self, env: dict, log) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.sync_child", "serve"], cwd=ROOT,
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
            start_new_session=True)  # its own process group: cleaned up as one

    def run(self, job: dict) -> dict:
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], JOB_TIMEOUT)
        if not ready:
            raise AssertionError(f"counter process still running after {JOB_TIMEOUT} s")
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"the fork server died (exit {self.proc.poll()})")
        return json.loads(line)

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None or _group_alive(self.proc.pid):
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def fork_server(env: dict, log):
    server = ForkServer(env, log)
    try:
        yield server
    finally:
        server.close()


def run_fresh(job: dict, env: dict, log) -> dict:
    """The same job in a new interpreter (no fork)."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.integration.sync_child", "run",
                             json.dumps(job)], cwd=ROOT, env=env, stdout=log, stderr=log,
                            start_new_session=True)
    try:
        code = proc.wait(timeout=JOB_TIMEOUT)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return {"signal": -code if code < 0 else None, "exit": code if code >= 0 else None}


def child_env() -> dict:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT),
                                                        os.environ.get("PYTHONPATH")])))
    env.pop("COUNTER_CENTRAL_URL", None)
    return env


def local_state(ctx) -> tuple[dict[str, str], list[OutboxEntry]]:
    with ctx.sessions() as session:
        statuses = {str(app_id): status for app_id, status in session.execute(
            sql_select(Application.id, Application.status))}
        entries = list(session.scalars(sql_select(OutboxEntry).order_by(OutboxEntry.seq)))
    return statuses, entries


def submitted(statuses: dict[str, str]) -> set[str]:
    return {app_id for app_id, status in statuses.items() if status == Status.SUBMITTED}


def plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def test_sigkill_at_fifty_random_points_loses_nothing_and_doubles_nothing(
        settings, ctx, tmp_path, fresh_central):
    central_admin.add_site(fresh_central, "SC001", "示范区社会保障卡服务中心")
    enrolled = central_admin.add_device(fresh_central, "SC001", "crash-test counter")
    seed_demo(ctx)
    enrolment.enrol(ctx, enrolled.code())
    with psycopg.connect(plain(enrolled.url)) as conn:  # the fenced path, not a superuser
        assert conn.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles "
                            "WHERE rolname = current_user").fetchone() == (False,)

    base_frame = tmp_path / "portrait.png"
    assert cv2.imwrite(str(base_frame), portraits.compose())
    operator = sync_child.login(ctx)
    initial = {sync_child.create_application(ctx, operator, n, base_frame) for n in range(8)}
    journal = tmp_path / "journal.txt"
    journal.write_text("".join(f"{app_id}\n" for app_id in initial))
    committed = submitted(local_state(ctx)[0])
    assert committed == initial

    rng = random.Random(SEED)
    plan = kill_plan(rng)
    assert {point for point, _ in plan} == set(sync_child.POINTS)
    env, log_path = child_env(), tmp_path / "children.log"
    with log_path.open("w") as log, fork_server(env, log) as server:
        for index, (point, occurrence) in enumerate(plan):
            job = {"data_dir": str(settings.data_dir), "config_dir": str(settings.config_dir),
                   "key_file": settings.key_file,
                   "point": point, "occurrence": occurrence, "seed": rng.randrange(1 << 30),
                   "first_number": 1000 + 100 * index, "batch_size": BATCH_SIZE,
                   "chunk_size": CHUNK_SIZE, "journal": str(journal),
                   "base_frame": str(base_frame), "rounds": 12,
                   "operator": sync_child.operator_to_json(operator)}
            log.write(f"--- job {index}: {point} #{occurrence}\n")
            log.flush()
            job_started = time.monotonic()
            try:
                fate = run_fresh(job, env, log) if index % 20 == 0 else server.run(job)
            except AssertionError as exc:  # hung, or the fork server died
                log.flush()
                pytest.fail(f"job {index} ({point} #{occurrence}): {exc}\n"
                            f"{log_path.read_text()[-4000:]}")
            took = time.monotonic() - job_started
            log.write(f"--- job {index}: {fate} after {took:.2f} s\n")
            if fate != {"signal": signal.SIGKILL, "exit": None}:
                log.flush()
                pytest.fail(f"job {index} ({point} #{occurrence}) was not killed there: "
                            f"{fate}\n{log_path.read_text()[-4000:]}")
            now = submitted(local_state(ctx)[0])
            lost = committed - now
            assert not lost, f"after job {index} ({point} #{occurrence}) lost {lost}"
            committed = now

    # The counter starts again (this process) and syncs without interference.
    result = syncing.sync_now(ctx)
    assert result.pending == 0 and result.rejected == 0
    assert syncing.sync_now(ctx).sent == 0

    statuses, entries = local_state(ctx)
    apps = submitted(statuses)
    journaled = set(journal.read_text().split())
    assert journaled <= apps, "an application the counter had submitted was lost"
    assert len(apps) > len(initial) + KILLS // 3  # the counters did write meanwhile

    # Locally: every submitted application has its outbox rows (committed together), and
    # no outbox row belongs to an application that is not submitted.
    by_kind = collections.defaultdict(collections.Counter)
    for entry in entries:
        by_kind[entry.kind][entry.entity_id] += 1
    queued = by_kind["application_submitted"]
    assert not apps - set(queued), f"submitted, never queued: {sorted(apps - set(queued))}"
    assert not set(queued) - apps, f"queued, not submitted: {sorted(set(queued) - apps)}"
    assert set(queued.values()) == {1}, f"queued twice: {queued.most_common(3)}"
    assert set(by_kind["blob"]) == apps  # each with its files (the photo, its original)
    unsent = [e.seq for e in entries if e.sent_at is None]
    assert not unsent, f"outbox rows never marked sent: {unsent}"
    results = collections.Counter(entry.result for entry in entries)
    assert set(results) <= {"applied", "duplicate"}, results

    with psycopg.connect(plain(fresh_central)) as conn:  # superuser: sees every row
        central_ids = [row[0] for row in conn.execute(
            "SELECT id::text FROM central_applications")]
        operations = conn.execute(
            "SELECT device_id::text, seq, op_id::text, kind, result "
            "FROM central_applied_operations").fetchall()
        files = conn.execute(
            "SELECT application_id::text, role, sha256 FROM central_application_files"
        ).fetchall()
        blob_rows = conn.execute(
            "SELECT b.sha256, b.complete, b.size, "
            "       encode(sha256(string_agg(c.data, ''::bytea ORDER BY c.chunk_no)), 'hex'),"
            "       sum(length(c.data)) "
            "FROM central_blobs b LEFT JOIN central_blob_chunks c "
            "  ON c.site_id = b.site_id AND c.sha256 = b.sha256 "
            "GROUP BY b.site_id, b.sha256, b.complete, b.size").fetchall()

    # Each application exactly once centrally; nothing that was not submitted.
    missing, extra = apps - set(central_ids), set(central_ids) - apps
    twice = [app_id for app_id, n in collections.Counter(central_ids).items() if n > 1]
    assert not (missing or extra or twice), (
        f"centrally missing {sorted(missing)}; not submitted {sorted(extra)}; twice {twice}")
    assert len(central_ids) == len(apps)
    # One applied operation per outbox row, keyed (device, seq), none twice, none refused.
    keys = [(device, seq) for device, seq, *_ in operations]
    assert len(keys) == len(set(keys)) == len(entries)
    assert {device for device, *_ in operations} == {enrolled.device_id}
    assert {seq: op_id for _, seq, op_id, _, _ in operations} == {
        entry.seq: str(entry.op_id) for entry in entries}
    assert {result for *_, result in operations} == {"applied"}
    assert sum(kind == "application_submitted" for *_, kind, _ in operations) == len(apps)
    # Every file arrived whole: complete, and its chunks hash to its name.
    wanted = {entry.payload["sha256"] for entry in entries if entry.kind == "blob"}
    assert {sha for sha, *_ in blob_rows} == wanted
    damaged = [sha for sha, complete, size, digest, length in blob_rows
               if not complete or digest != sha or length != size]
    assert not damaged, f"files incomplete or damaged centrally: {damaged}"
    assert collections.Counter(app_id for app_id, _, _ in files) == by_kind["blob"]
    # Kills between the central commit and the local acknowledgement did happen and
    # were answered "duplicate" on resending: the resend path was exercised.
    assert results["duplicate"] > 0, results
