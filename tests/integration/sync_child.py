"""A counter process for the crash tests: it writes applications and syncs until it is
killed (SIGKILL, by itself) at a chosen point.

    python -m tests.integration.sync_child run JOB_JSON   # one job in this interpreter
    python -m tests.integration.sync_child serve          # one job per line on stdin

``serve`` imports everything once, then forks a fresh process for each job and answers
one JSON line per job on stdout: {"signal": 9, "exit": null} when the job died by SIGKILL.
Forking only saves the interpreter's start-up (~1 s); each job is still its own process
with its own connections, killed outright.

The kill hooks are installed here, by monkeypatching the production modules in the child
process; production code has no test hooks. A job (JSON):
    data_dir, config_dir   the counter's directories (enrolled beforehand by the test)
    point, occurrence      where to die, and at which passage there (see POINTS)
    first_number           applicant numbers of this job start here (unique id numbers)
    seed                   whether a round makes a second application, syncs twice
    batch_size, chunk_size push.BATCH_SIZE and the file chunk size, small: many batches
    journal                file to append each application id to once submit() returned
    base_frame             a portrait (PNG) each application's photo is made from
    operator               the operator (logged in by the test) who makes applications
    rounds                 give up (exit NOT_REACHED) after this many rounds
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sys
import traceback
import uuid
from pathlib import Path

import cv2
import numpy as np
from sqlalchemy import event

from counter_app.central import apply as central_apply
from counter_app.central import blobs
from counter_app.config import Settings
from counter_app.services.demo import DEMO_PASSWORD, DEMO_USER, GIVEN, SURNAMES
from counter_app.domain.business import BusinessType
from counter_app.domain.idnumber import make_check_char
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.security.roles import Role
from counter_app.services import auth, intake, photo_station, printing, syncing
from counter_app.services.context import AppContext, open_context
from counter_app.sync import push

NOT_REACHED = 3  # exit code: the job ended without reaching its kill point

# Where a job can die. "before" = the wrapped function is not entered; "after" = it returned.
POINTS = {
    "before_read_batch": "push: before reading the next batch of unsent outbox rows",
    "after_chunk": "blobs: after a file chunk was committed centrally",
    "after_file_complete": "blobs: after a file was marked complete, before its operation",
    "central_before_push": "push: central transaction begun, central_push not yet called",
    "central_before_commit": "push: whole batch applied, central transaction not committed",
    "after_central_commit": "push: central commit done, local acknowledgement not begun",
    "mid_local_ack": "local: outbox rows updated as sent, local commit not done",
    "after_local_ack": "push: local acknowledgement committed",
    "create_file_kept": "photo: a photo file written, its row not committed",
    "create_before_submit": "intake: application signed, submit not begun",
    "create_mid_submit": "local: submitted status and outbox rows written, commit not done",
    "create_after_submit": "intake: submit (application + outbox) committed",
}


class Killer:
    """Counts passages through each point; SIGKILLs this process at the chosen one."""

    def __init__(self, point: str | None, occurrence: int) -> None:
        if point is not None and point not in POINTS:
            raise ValueError(f"unknown kill point {point}")
        self.point, self.occurrence = point, occurrence
        self.passages: dict[str, int] = {}

    def at(self, name: str) -> None:
        self.passages[name] = self.passages.get(name, 0) + 1
        if name == self.point and self.passages[name] == self.occurrence:
            sys.stderr.flush()
            os.kill(os.getpid(), signal.SIGKILL)


def _before(module, name: str, killer: Killer, point: str) -> None:
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        killer.at(point)
        return original(*args, **kwargs)

    setattr(module, name, wrapper)


def _after(module, name: str, killer: Killer, point: str) -> None:
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        killer.at(point)
        return result

    setattr(module, name, wrapper)


def install(ctx: AppContext, killer: Killer, batch_size: int, chunk_size: int) -> None:
    push.BATCH_SIZE = batch_size
    upload = blobs.upload
    blobs.upload = lambda engine, path, sha256: upload(engine, path, sha256, chunk_size)
    _before(push, "_unsent", killer, "before_read_batch")
    _after(blobs, "_send_chunk", killer, "after_chunk")
    _after(blobs, "_finish", killer, "after_file_complete")
    _before(central_apply, "apply_batch", killer, "central_before_push")  # transaction begun
    _after(central_apply, "apply_batch", killer, "central_before_commit")  # inside engine.begin()
    _before(push, "record_results", killer, "after_central_commit")
    _after(push, "record_results", killer, "after_local_ack")
    _after(photo_station, "keep_file", killer, "create_file_kept")
    _before(intake, "submit", killer, "create_before_submit")
    _after(intake, "submit", killer, "create_after_submit")

    @event.listens_for(ctx.sessions.kw["bind"], "after_cursor_execute")
    def _local_statement(_conn, _cursor, statement, *_args):
        head = statement.lstrip()[:20].upper()
        if head.startswith("UPDATE OUTBOX"):
            killer.at("mid_local_ack")
        elif head.startswith("INSERT INTO OUTBOX"):
            killer.at("create_mid_submit")


# -- applications, each with a photo of its own (so every file travels in chunks) ------

def capture_for(base_frame: Path, number: int) -> bytes:
    """A camera frame of its own for applicant *number*: the base portrait (a real face,
    written by the test) with fresh sensor noise, so its files are unique."""
    frame = cv2.imread(str(base_frame), cv2.IMREAD_COLOR).astype(np.float32)
    frame += np.random.default_rng(number).normal(0, 1.5, frame.shape)
    ok, encoded = cv2.imencode(".jpg", np.clip(frame, 0, 255).astype(np.uint8),
                               [cv2.IMWRITE_JPEG_QUALITY, 92])
    assert ok
    return encoded.tobytes()


def id_number_for(number: int) -> str:
    birth = dt.date(2016, 1, 1) + dt.timedelta(days=number // 1000)
    first17 = f"110105{birth:%Y%m%d}{number % 1000:03d}"
    return first17 + make_check_char(first17)


def create_application(ctx: AppContext, operator, number: int, base_frame: Path) -> str:
    """One child's application through the whole counter flow to SUBMITTED; its id."""
    details = ApplicantDetails(
        name=SURNAMES[number % len(SURNAMES)] + GIVEN[number % len(GIVEN)],
        id_number=id_number_for(number), phone=f"138{number:08d}",
        guardian=GuardianDetails(name="王建国", relation="父亲",
                                 id_number="11010519491231002X", phone="13800138001"))
    birth = dt.datetime.strptime(details.id_number[6:14], "%Y%m%d").date()
    step = intake.save_applicant(ctx, operator, BusinessType.NEWBORN, details,
                                 today=birth + dt.timedelta(days=30))  # taken as a newborn
    required = {m.code for m in ctx.rules.materials_for(BusinessType.NEWBORN, True)
                if m.required}
    intake.record_materials(ctx, operator, step.id, required)
    intake.examine(ctx, operator, step.id, passed=True)
    photo_station.save_capture(ctx, operator, step.id, capture_for(base_frame, number))
    intake.record_form_printed(ctx, operator, step.id,
                               printing.render_form(ctx, operator, step.id))
    intake.mark_signed(ctx, operator, step.id)
    intake.submit(ctx, operator, step.id)
    return str(step.id)


def login(ctx: AppContext) -> auth.CurrentOperator:
    return auth.login(ctx, DEMO_USER, DEMO_PASSWORD)


def operator_to_json(operator: auth.CurrentOperator) -> dict:
    return {**{f: str(getattr(operator, f)) for f in (
        "id", "username", "display_name", "site_id", "site_code", "site_name")},
        "roles": sorted(role.value for role in operator.roles)}


def operator_from_json(data: dict) -> auth.CurrentOperator:
    """The operator the test logged in (a counter stays logged in while it syncs; the
    password check costs ~0.3 s a process, which fifty processes need not repeat)."""
    return auth.CurrentOperator(
        id=uuid.UUID(data["id"]), username=data["username"],
        display_name=data["display_name"], site_id=uuid.UUID(data["site_id"]),
        site_code=data["site_code"], site_name=data["site_name"],
        roles=frozenset(Role(role) for role in data["roles"]))


# -- a job -----------------------------------------------------------------------------

def run(job: dict) -> int:
    settings = Settings(data_dir=Path(job["data_dir"]), config_dir=Path(job["config_dir"]),
                        key_file=job.get("key_file", ""))
    ctx = open_context(settings)
    killer = Killer(job.get("point"), job.get("occurrence", 1))
    install(ctx, killer, job["batch_size"], job["chunk_size"])
    operator = operator_from_json(job["operator"])
    rng = random.Random(job["seed"])
    base_frame = Path(job["base_frame"])
    number = job["first_number"]
    with open(job["journal"], "a", encoding="utf-8") as journal:
        for _round in range(job["rounds"]):
            for _ in range(1 + (rng.random() < job.get("second_app", 0.3))):
                app_id = create_application(ctx, operator, number, base_frame)
                number += 1
                journal.write(app_id + "\n")
                journal.flush()  # the page cache survives SIGKILL
            for _ in range(1 + (rng.random() < job.get("second_sync", 0.3))):
                syncing.sync_now(ctx)
    print(f"kill point {killer.point} #{killer.occurrence} not reached; passages "
          f"{killer.passages}", file=sys.stderr)
    return NOT_REACHED if killer.point else 0


def _run_guarded(job: dict) -> int:
    try:
        return run(job)
    except BaseException:  # noqa: BLE001 - reported to the test through stderr
        traceback.print_exc()
        return 1


def serve() -> None:
    """Fork a process per job line; answer its fate on one line of stdout."""
    answers = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the job's process: its stdout goes to stderr, never the answers
            os.dup2(2, 1)
            code = 1
            try:
                code = _run_guarded(job)
            finally:
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        answers.write(json.dumps({
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None}) + "\n")
        answers.flush()


def main(argv: list[str]) -> int:
    if argv[:1] == ["serve"]:
        serve()
        return 0
    if argv[:1] == ["run"] and len(argv) == 2:
        return _run_guarded(json.loads(argv[1]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
