"""`counter-app central audit`: the flagged counters, exit 1 when any, 0 when none."""

import json

import psycopg
import pytest

from counter_app.central import admin
from counter_app.cli import main
from tests.sync_helpers import enrolled_device

pytestmark = pytest.mark.postgres


def test_flagged_devices_are_listed_and_exit_1(fresh_central, capsys):
    admin.add_site(fresh_central, "SC001", "示范服务中心")
    assert main(["central", "audit", "--url", fresh_central]) == 0
    assert "no device flagged" in capsys.readouterr().out

    counter = enrolled_device(fresh_central, "SC001", "counter-1")
    enrolled_device(fresh_central, "SC001", "counter-2")  # not flagged: not listed
    with psycopg.connect(counter.url, autocommit=True) as conn:  # record 1 never sent
        conn.execute("SELECT central_audit_push(%s::jsonb)", (json.dumps({
            "ranges": [[1, 2]], "head": "0" * 64, "records": [
                {"seq": 2, "at": "2026-12-07T09:00:00", "action": "login",
                 "entity": "operator", "entity_id": "x"}]}),))

    assert main(["central", "audit", "--url", fresh_central]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "devices flagged: 1"
    listed = sorted(line.split("\t") for line in lines[:-1])
    assert [(site, name, device, reason) for site, name, device, reason, _, _ in listed] == [
        ("SC001", "counter-1", counter.device_id, "anchor_rewritten"),
        ("SC001", "counter-1", counter.device_id, "gap")]
    assert "audit records 1 are missing" in [detail for *_, detail in listed]
