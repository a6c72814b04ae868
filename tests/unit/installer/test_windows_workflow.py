"""The Windows CI workflow (.github/workflows/windows.yml) cannot run here: its YAML is
parsed where PyYAML is installed, and what it relies on is checked everywhere."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def _text() -> str:
    return WORKFLOW.read_text(encoding="utf-8")


def test_the_workflow_parses_as_yaml_with_both_jobs_on_windows():
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed (not a dependency)")
    document = yaml.safe_load(_text())
    triggers = document.get("on", document.get(True))  # YAML 1.1 reads a bare on: as true
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)
    jobs = document["jobs"]
    assert set(jobs) == {"unit-tests", "installer"}
    for job in jobs.values():
        assert job["runs-on"] == "windows-latest"
        assert all(("uses" in step) != ("run" in step) for step in job["steps"])


def test_plain_yaml_that_github_reads():
    text = _text()
    assert "\t" not in text  # YAML forbids tabs for indentation
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"line {number}: odd indentation"
    assert re.search(r"^on:$", text, re.MULTILINE) and re.search(r"^jobs:$", text, re.MULTILINE)


def test_python_311_the_locks_and_the_same_spec():
    text = _text()
    assert 'python-version: "3.11"' in text
    for used in ("requirements.lock", "installer/windows/requirements-windows.lock",
                 "installer/requirements-bundle.lock", "installer/counter.spec",
                 r"installer\windows\counter.nsi", "resources/demo/photo.jpg"):
        assert used in text, used
        assert (ROOT / used.replace("\\", "/")).is_file(), used
    assert "--no-deps --no-build-isolation ." in text and "pip check" in text


def test_the_bundle_is_smoke_tested_offscreen_and_the_installer_uploaded():
    text = _text()
    assert "QT_QPA_PLATFORM: offscreen" in text
    for command in ("--version", "form sample --out", "photo check resources/demo/photo.jpg",
                    "gui --exit-when-shown"):
        assert f'"$app" {command}' in text, command
    assert "-DVERSION=" in text and "actions/upload-artifact@v4" in text
    assert "dist/counter-app-*-setup.exe" in text


def test_pyinstaller_comes_pinned_from_the_bundle_lock():
    bundle_lock = (ROOT / "installer" / "requirements-bundle.lock").read_text()
    for name in ("pyinstaller", "pyinstaller-hooks-contrib", "altgraph"):
        assert re.search(rf"^{re.escape(name)}==", bundle_lock, re.MULTILINE), name


def test_the_windows_lock_pins_every_line():
    lock = ROOT / "installer" / "windows" / "requirements-windows.lock"
    lines = [line.split("#")[0].strip() for line in lock.read_text().splitlines()]
    requirements = [line for line in lines if line]
    assert requirements and all(re.fullmatch(r"[\w.-]+==[\w.]+", r) for r in requirements)
    assert any(r.startswith("pywin32-ctypes==") for r in requirements)  # the data key
