"""One child's application from intake to an activated card, across two processes: this
test process is the counter; the card centre runs as its own `counter-app` process, each
enrolled with its own device login on the central PostgreSQL (issue 7, "Show")."""

import csv
import os
import subprocess
import sys
import uuid

import psycopg
import pytest

from counter_app.central import admin
from counter_app.domain.collection import CollectionRefused
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import auth, collection, enrolment, syncing
from counter_app.services.context import open_context
from counter_app.store.models import Application
from tests.helpers import GUARDIAN_ID, PASSWORD
from tests.sync_helpers import submit_child

pytestmark = pytest.mark.postgres


def card_centre(data_dir, *args, **extra_env) -> subprocess.CompletedProcess:
    """The card centre's own process: `counter-app card-centre ...` on its data dir, as its
    operator "maker" (issue 13: the card centre's commands run as an operator)."""
    env = {**os.environ, "COUNTER_DATA_DIR": str(data_dir / "data"),
           "COUNTER_CONFIG_DIR": str(data_dir / "config"), "QT_QPA_PLATFORM": "offscreen",
           "COUNTER_OPERATOR": "maker", "COUNTER_PASSWORD": PASSWORD,
           "COUNTER_LANGUAGE": "en", **extra_env}  # English: the output read below
    command = "import sys; from counter_app.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", command, *args], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_a_childs_card_from_intake_to_activation(fresh_central, settings, tmp_path):
    admin.add_site(fresh_central, "SC001", "示范区社会保障卡服务中心")
    admin.add_site(fresh_central, "CC01", "市社会保障卡管理中心", kind="card_centre")
    counter_code = admin.add_device(fresh_central, "SC001", "window 1").code()
    centre_code = admin.add_device(fresh_central, "CC01", "console 1").code()

    # the counter: intake to submitted, pushed with its own login
    ctx = open_context(settings)
    enrolment.enrol(ctx, counter_code)
    site = auth.ensure_site(ctx, "SC001", "示范区社会保障卡服务中心")
    auth.create_operator(ctx, site_id=site, username="win", display_name="窗口",
                         password=PASSWORD, roles={Role.WINDOW_STAFF})
    staff = auth.login(ctx, "win", PASSWORD)
    app_id = uuid.UUID(submit_child(ctx, staff, tmp_path))
    assert syncing.sync_now(ctx).sent == 1
    with ctx.sessions() as session:
        number = session.get(Application, app_id).number

    # the card centre, in its own process: batch, factory result, dispatch, notice
    centre = tmp_path / "card-centre"
    card_centre(centre, "enrol", centre_code)
    card_centre(centre, "operator", "add", "maker", "--name", "制卡员", "--roles",
                "administrator,card_centre", "--site", "CC01", "--site-name",
                "市社会保障卡管理中心", COUNTER_NEW_PASSWORD="initial password")
    card_centre(centre, "operator", "passwd", COUNTER_PASSWORD="initial password",
                COUNTER_NEW_PASSWORD=PASSWORD)
    template = tmp_path / "batch.csv"
    made = card_centre(centre, "card-centre", "batch", "--template", str(template))
    assert "batch" in made.stdout, made.stdout + made.stderr
    with template.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert [row[0] for row in rows[1:]] == [number]
    with template.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([rows[0], [number, "A12345678", "中国工商银行", "成功", ""]])
    card_centre(centre, "card-centre", "import", str(template))
    card_centre(centre, "card-centre", "dispatch")
    card_centre(centre, "card-centre", "notify")

    # back at the counter: the card comes down, the guardian collects, it is activated
    syncing.sync_now(ctx)
    with ctx.sessions() as session:
        assert session.get(Application, app_id).status == Status.NOTIFIED
    with pytest.raises(CollectionRefused, match="neither the applicant"):
        collection.collect(ctx, staff, app_id, "110105197506060014")  # not on record
    collection.collect(ctx, staff, app_id, GUARDIAN_ID)
    collection.activate(ctx, staff, app_id)
    assert syncing.sync_now(ctx).rejected == 0

    with psycopg.connect(fresh_central) as conn:  # as the administrator sees it
        assert conn.execute("SELECT status, card_number FROM central_card_records "
                            "WHERE application_id = %s", (app_id,)).fetchone() == (
            "activated", "A12345678")
        history = conn.execute(
            "SELECT from_status, to_status, actor, actor_name FROM central_status_history "
            "WHERE application_id = %s ORDER BY at, to_status = 'activated'",
            (app_id,)).fetchall()
    assert [(old, new, actor) for old, new, actor, _ in history] == [
        ("signed", "submitted", "counter"),
        ("submitted", "in_production", "card_centre"),
        ("in_production", "produced", "card_centre"),
        ("produced", "at_site", "card_centre"),
        ("at_site", "notified", "notifier"),
        ("notified", "collected", "counter"),
        ("collected", "activated", "counter")]
    assert history[1][3] == "制卡员"
