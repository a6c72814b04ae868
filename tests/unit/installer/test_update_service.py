"""The .deb's update service (issue 15): the systemd units watch the folder the program
hands updates to and run the program's own install-system command as root; the
maintainer scripts are valid sh and never touch a user's home."""

import configparser
import subprocess
from pathlib import Path

import pytest

from counter_app.updates.system import SPOOL

ROOT = Path(__file__).resolve().parents[3]
SHARE = ROOT / "installer" / "linux" / "share"
SCRIPTS = ROOT / "installer" / "linux" / "debian"


def _unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd's keys are case-sensitive
    unit.read(SHARE / name, encoding="utf-8")
    return unit


def test_the_path_unit_watches_the_program_s_spool_and_starts_the_service():
    path = _unit("counter-app-update.path")
    assert path["Path"]["DirectoryNotEmpty"] == str(SPOOL)
    assert path["Path"]["Unit"] == "counter-app-update.service"
    assert path["Install"]["WantedBy"] == "paths.target"


def test_the_service_runs_the_installed_program_s_install_system_once_and_at_boot():
    service = _unit("counter-app-update.service")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"] == "/opt/counter-app/counter-app update install-system"
    assert service["Service"]["SuccessExitStatus"] == "2"  # refusals are the command's work
    assert "User" not in service["Service"]  # root: it swaps /opt/counter-app
    assert service["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.parametrize("script", ["postinst", "prerm", "postrm"])
def test_the_maintainer_scripts_are_sh_and_leave_homes_alone(script):
    path = SCRIPTS / script
    assert path.stat().st_mode & 0o111
    subprocess.run(["sh", "-n", str(path)], check=True, timeout=10)
    text = path.read_text(encoding="utf-8")
    assert "/home" not in text and "~" not in text and "$HOME" not in text
    assert "deb-systemd-helper" not in text
