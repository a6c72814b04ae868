"""The Windows installer script: compiled with makensis against a stand-in bundle
(installer/windows/check-nsis.sh), and what it may never do checked in its text."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "installer" / "windows" / "counter.nsi"
CHECK = ROOT / "installer" / "windows" / "check-nsis.sh"


def _makensis_or_skip() -> str:
    found = shutil.which("makensis")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("makensis is missing: scripts/setup.sh installs nsis (APT_PACKAGES)")
    pytest.skip("makensis is not installed (apt-get install nsis)")


def _section(name: str) -> str:
    text = SCRIPT.read_text(encoding="utf-8")
    start = text.index(f'Section "{name}"')
    return text[start:text.index("SectionEnd", start)]


@pytest.mark.skipif(os.name == "nt", reason="the Windows workflow builds the real installer")
def test_the_installer_script_compiles_against_a_stand_in_bundle():
    _makensis_or_skip()
    done = subprocess.run(["bash", str(CHECK), "1.2.3"], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("compiled") == 2


@pytest.mark.skipif(os.name == "nt", reason="the Windows workflow builds the real installer")
def test_without_a_version_the_script_refuses_to_compile(tmp_path):
    makensis = _makensis_or_skip()
    done = subprocess.run([makensis, "-V1", f"-DOUTFILE={tmp_path / 'x.exe'}", str(SCRIPT)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0 and "Give the version" in done.stdout + done.stderr


def test_a_per_machine_install_in_program_files_with_a_chinese_start_menu_entry():
    text = SCRIPT.read_text(encoding="utf-8")
    for line in ("Unicode true", "RequestExecutionLevel admin",
                 '!define DEFAULT_DIR "$PROGRAMFILES64\\Counter"', "SetShellVarContext all",
                 '!define SHORTCUT_NAME "社保卡受理"', '!insertmacro MUI_LANGUAGE "SimpChinese"',
                 '!insertmacro MUI_LANGUAGE "English"'):
        assert line in text, line
    for value in ("DisplayName", "DisplayVersion", "Publisher", "UninstallString",
                  "EstimatedSize"):
        assert re.search(rf'WriteReg\w+ HKLM "\$\{{UNINSTALL_KEY\}}" "{value}"', text), value


def test_every_language_string_is_in_both_languages():
    text = SCRIPT.read_text(encoding="utf-8")
    strings = re.findall(r"^LangString (\w+) \$\{LANG_(\w+)\}", text, re.MULTILINE)
    names = {name for name, _ in strings}
    assert names and all({(n, "SIMPCHINESE"), (n, "ENGLISH")} <= set(strings) for n in names)
    used = set(re.findall(r"\$\((\w+)\)", text))
    assert used <= names, used - names


def test_uninstalling_removes_the_program_and_its_entry_never_a_users_data():
    uninstall = _section("Uninstall")
    removals = [line.strip() for line in uninstall.splitlines()
                if line.strip().startswith(("RMDir ", "Delete "))]
    assert removals and all("$INSTDIR" in line or "$SMPROGRAMS" in line for line in removals)
    assert not re.search(r"LOCALAPPDATA|APPDATA|PROFILE|DOCUMENTS", uninstall, re.IGNORECASE)
    assert '${If} ${FileExists} "$INSTDIR\\${APP_EXE}"' in uninstall  # only Counter's folder


def test_the_comments_name_the_data_folder_platformdirs_gives_counter(monkeypatch):
    from platformdirs import windows

    from counter_app.config import APP_NAME

    monkeypatch.setattr(windows, "get_win_folder", lambda folder: "%LOCALAPPDATA%")
    data_dir = windows.Windows(appname=APP_NAME).user_data_dir.replace("/", "\\")
    assert data_dir == r"%LOCALAPPDATA%\counter-app\counter-app"
    assert windows.Windows(appname=APP_NAME).user_config_dir.replace("/", "\\") == data_dir
    assert data_dir in SCRIPT.read_text(encoding="utf-8")
