"""`counter-app doctor`: every item with its state and reason; exit 1 when something blocks
new applications, 0 otherwise."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import time

import pytest

from counter_app.cli import doctor as doctor_command
from counter_app.config import load_settings
from counter_app.domain.business import SelfCheckRules, load_rules
from counter_app.selfcheck import disk
from counter_app.services import context as context_module
from counter_app.services import selfcheck
from counter_app.services.context import open_context
from tests.helpers import PASSWORD, add_operator

MB = 1024 * 1024
ITEMS = ("Disk space", "Clock", "Last sync", "Applications not yet sent", "Printer",
         "Camera", "ID-card reader", "Version")


@pytest.fixture(autouse=True)
def in_english(counter_env, monkeypatch):
    monkeypatch.setenv("COUNTER_LANGUAGE", "en")  # the words below are the English ones
    yield
    selfcheck.forget()


def doctor(*argv: str) -> int:
    """`counter-app doctor ARGS`: through cli.main once it is wired there, else as main
    would run it (the translators in effect, the parser's own subcommand)."""
    cli_main = importlib.import_module("counter_app.cli.main")  # the module, not main()
    if "doctor" in cli_main.COMMANDS:
        return cli_main.main(["doctor", *argv])
    from counter_app.qt.i18n import command_line_language

    settings = load_settings()
    with command_line_language(settings):
        parser = argparse.ArgumentParser(prog="counter-app")
        doctor_command.add_doctor_command(parser.add_subparsers(dest="command"))
        return doctor_command.run_doctor(settings, parser.parse_args(["doctor", *argv]))


def nearly_full_rules(monkeypatch, data_dir):
    """The rules' minimum above the real free space of the tests' disk."""
    free_mb = disk.free_bytes(data_dir) // MB
    rules = dataclasses.replace(load_rules(), self_check=SelfCheckRules(
        min_free_mb=free_mb + 1000, free_warning_mb=free_mb + 2000))
    monkeypatch.setattr(context_module, "load_rules", lambda: rules)


def test_a_counter_where_nothing_blocks_exits_0_and_lists_every_item(counter_env, capsys):
    assert doctor() == 0
    lines = capsys.readouterr().out.splitlines()
    for name in ITEMS:
        assert any(f"] {name}: " in line for line in lines), name
    # no central configured: the built-in one, on this computer (and nothing started)
    assert "[ok] Clock: The central database runs on this computer" in "\n".join(lines)
    assert not (counter_env.data_dir / "central-pg").exists()
    assert lines[-1].endswith("need attention; nothing blocks.")


def test_a_disk_under_the_minimum_exits_1_with_the_reason(counter_env, capsys, monkeypatch):
    nearly_full_rules(monkeypatch, counter_env.data_dir)
    assert doctor() == 1
    out = capsys.readouterr().out
    assert "[BLOCKING] Disk space: Only " in out and "new applications are stopped" in out
    assert "New applications are stopped: 1 blocking" in out


def test_allowed_by_a_supervisor_it_still_exits_1_and_says_who(counter_env, capsys,
                                                               monkeypatch):
    nearly_full_rules(monkeypatch, counter_env.data_dir)
    ctx = open_context(counter_env)
    from counter_app.security.roles import Role
    from counter_app.services import auth

    site = auth.ensure_site(ctx, "SC001", "示范社保服务中心")
    auth.create_operator(ctx, site_id=site, username="admin", display_name="管理员",
                         password=PASSWORD, roles={Role.ADMINISTRATOR},
                         must_change_password=False)
    boss = add_operator(ctx, auth.login(ctx, "admin", PASSWORD), site, "boss",
                        {Role.SUPERVISOR})
    selfcheck.allow_new_applications(ctx, boss, "deadline today")
    assert doctor("--json") == 1
    answer = json.loads(capsys.readouterr().out)
    assert answer["blocking"] and not answer["new_applications_stopped"]
    (item,) = [i for i in answer["items"] if i["check"] == "disk"]
    assert item["state"] == "blocking" and item["allowed_by"] == "boss"
    assert item["reason"].startswith("Only ") and int(item["params"]["minimum"]) > 0
    assert [i["check"] for i in answer["items"]] == [
        "disk", "clock", "last_sync", "unsent", "printer", "camera", "id_reader", "version"]
    assert doctor() == 1
    out = capsys.readouterr().out
    assert "allowed for today by the supervisor boss" in out
    assert "1 blocking, allowed for today by a supervisor" in out


def test_the_published_version_is_compared_when_given(counter_env, capsys):
    assert doctor("--published", "99.0") == 0  # an update waiting warns, blocks nothing
    out = capsys.readouterr().out
    assert "[warning] Version: Version 0." in out and "99.0 is published" in out


@pytest.mark.postgres
def test_a_clock_ten_minutes_behind_the_central_server_exits_1(counter_env, ctx, central,
                                                               capsys, monkeypatch):
    monkeypatch.setattr(selfcheck, "local_clock", lambda: time.time() - 600)
    assert doctor() == 1
    out = capsys.readouterr().out
    assert "[BLOCKING] Clock: This computer's clock is about 10 minutes behind" in out
    monkeypatch.setattr(selfcheck, "local_clock", time.time)
    assert doctor() == 0
    assert "[ok] Clock: Within " in capsys.readouterr().out
