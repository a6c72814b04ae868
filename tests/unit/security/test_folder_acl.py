"""Windows: the data folders closed by their ACL, once (the commands are built and run
through a stand-in here: what would run on Windows, in which order, and what follows
when a step fails)."""

import logging
import os

import pytest

from counter_app.security import folder_acl
from counter_app.security.folder_acl import (current_user_command, restrict_command,
                                             restrict_to_current_user, user_sid_from)
from counter_app.security.private_files import REPAIRED_MARK, close_to_others

SID = "S-1-5-21-1004336348-1177238915-682003330-1001"
WHOAMI = f'"counter-pc\\clerk","{SID}"\r\n'
ENV = {"WINDIR": r"D:\Windows"}


class Commands:
    """Records each command; whoami answers with *whoami*, icacls with *icacls_code*."""

    def __init__(self, whoami: tuple[int, str] = (0, WHOAMI), icacls_code: int = 0) -> None:
        self.whoami, self.icacls_code, self.ran = whoami, icacls_code, []

    def __call__(self, command):
        self.ran.append(list(command))
        return self.whoami if command[0].endswith("whoami.exe") else (self.icacls_code, "")


def test_the_user_is_named_by_sid_from_windows_own_whoami():
    assert current_user_command(ENV) == [r"D:\Windows\System32\whoami.exe", "/user",
                                         "/fo", "csv", "/nh"]
    assert user_sid_from(WHOAMI) == SID
    assert user_sid_from('"域\\张三","S-1-5-21-1-2-3-500"') == "S-1-5-21-1-2-3-500"
    assert user_sid_from("ERROR: the user is unknown") is None


def test_inheritance_goes_and_the_user_alone_gets_full_control_inherited_inside(tmp_path):
    assert restrict_command(tmp_path, SID, ENV) == [
        r"D:\Windows\System32\icacls.exe", str(tmp_path), "/inheritance:r",
        "/grant:r", f"*{SID}:(OI)(CI)F", "/q"]


def test_whoami_then_icacls(tmp_path):
    commands = Commands()
    assert restrict_to_current_user(tmp_path, run=commands, environ=ENV)
    assert [c[0].rsplit("\\", 1)[-1] for c in commands.ran] == ["whoami.exe", "icacls.exe"]


def test_without_the_users_sid_inheritance_is_never_removed(tmp_path, caplog):
    commands = Commands(whoami=(1, ""))
    with caplog.at_level(logging.WARNING):
        assert not restrict_to_current_user(tmp_path, run=commands, environ=ENV)
    assert len(commands.ran) == 1 and "not closed" in caplog.text


def test_on_windows_each_folder_is_closed_once_and_never_chmodded(tmp_path, monkeypatch):
    commands = Commands()
    monkeypatch.setattr(folder_acl, "run_quietly", commands)
    monkeypatch.setattr(os, "chmod", lambda *a, **k: pytest.fail("chmod on Windows"))
    data = tmp_path / "counter-app"
    previous = os.umask(0o022)
    try:
        close_to_others(data, data, platform="win32")  # data and settings: one folder
        close_to_others(data / "logs", platform="win32")
        close_to_others(data, platform="win32")  # the next start
    finally:
        os.umask(previous)
    icacls = [c for c in commands.ran if c[0].endswith("icacls.exe")]
    assert [c[1] for c in icacls] == [str(data), str(data / "logs")]
    assert (data / REPAIRED_MARK).exists() and (data / "logs" / REPAIRED_MARK).exists()


def test_a_folder_icacls_cannot_close_is_tried_again_at_the_next_start(tmp_path,
                                                                          monkeypatch):
    commands = Commands(icacls_code=5)  # e.g. a FAT-formatted drive: no ACLs
    monkeypatch.setattr(folder_acl, "run_quietly", commands)
    previous = os.umask(0o022)
    try:
        close_to_others(tmp_path / "data", platform="win32")
        assert not (tmp_path / "data" / REPAIRED_MARK).exists()
        commands.icacls_code = 0
        close_to_others(tmp_path / "data", platform="win32")
    finally:
        os.umask(previous)
    assert (tmp_path / "data" / REPAIRED_MARK).exists()
    assert sum(c[0].endswith("icacls.exe") for c in commands.ran) == 2


def test_a_program_that_cannot_start_is_a_failure_not_an_exception(tmp_path):
    assert folder_acl.run_quietly([str(tmp_path / "no-such-program.exe")]) == (-1, "")
