"""The wheel carries everything Counter needs: built from the checkout's files, installed
into an empty folder, and run from another folder with the checkout off sys.path, it
prints a form, checks a photo and loads its translations (`pytest -m wheel`, ~10-30 s).

The wheel is built as `python -m build` does, from an sdist, so the sdist is proved to
carry what the build needs too. Both are made from a copy of the build inputs: in place
they would leave build/ and an egg-info in the checkout, and setuptools never empties
build/lib, so a deleted module could still ship.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "counter_app", "ui",
                "resources")
QM = "counter_app/resources/translations/counter_zh_CN.qm"

pytestmark = pytest.mark.wheel

TRANSLATIONS_PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QDialog
from counter_app.qt import i18n
from counter_app.qt.uiload import load_ui
from counter_app.services.auth import MSG_LOGIN

app = QApplication([])
qm = i18n.catalogue("zh_CN", Path("cache"))
translator = QTranslator()
assert translator.load(str(qm)), qm
app.installTranslator(translator)
print(qm)
print(QCoreApplication.translate("messages", MSG_LOGIN))
dialog = QDialog()
print(load_ui(dialog, "login_dialog.ui").login_button.text())
"""


def pip(*args: str, cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
                   cwd=cwd, check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm")
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=skip)
        else:
            shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta; "
                    "build_meta.build_sdist(sys.argv[1])", str(work / "sdist")],
                   cwd=source, check=True, capture_output=True, timeout=300)
    (sdist,) = (work / "sdist").glob("counter_app-*.tar.gz")
    pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist"), str(sdist),
        cwd=work)
    (built,) = (work / "dist").glob("counter_app-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("installed")
    pip("install", "--no-deps", "--target", str(target), str(wheel), cwd=target)
    return target


@pytest.fixture
def run_installed(installed, tmp_path):
    """Run Python with the installed wheel and the venv's packages only: -S skips site, so
    the editable install's path finder (which leads to the checkout) is not loaded."""
    libs = dict.fromkeys([str(installed), sysconfig.get_paths()["purelib"],
                          sysconfig.get_paths()["platlib"]])
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.update(PYTHONPATH=os.pathsep.join(libs), QT_QPA_PLATFORM="offscreen",
               COUNTER_DATA_DIR=str(tmp_path / "data"),
               COUNTER_CONFIG_DIR=str(tmp_path / "config"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-S", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    return run


def test_the_wheel_carries_the_resources_and_compiled_translations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert QM in names
    assert {"counter_app/ui/login_dialog.ui", "counter_app/resources/rules/default.toml",
            "counter_app/resources/demo/photo.jpg"} <= names
    assert not any(name.endswith(".ts") for name in names)  # the sources stay behind


def test_the_installed_package_is_the_one_imported(run_installed, installed):
    probe = run_installed("-c", "import sys, counter_app; from pathlib import Path; "
                                "print(counter_app.__file__); print(any(Path(p or '.')"
                                ".resolve() == Path(sys.argv[1]) for p in sys.path))", str(ROOT))
    assert probe.returncode == 0, probe.stderr
    module, checkout_on_path = probe.stdout.split()
    assert Path(module).is_relative_to(installed) and checkout_on_path == "False"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_it_prints_a_form_with_a_rare_character_name(run_installed, tmp_path):
    result = run_installed("-m", "counter_app", "form", "sample", "--out", "form.pdf")
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "form.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "王䶮𠮷" in text and "社会保障卡申请登记表" in text


def test_it_checks_the_demo_photo(run_installed, installed):
    photo = installed / "counter_app" / "resources" / "demo" / "photo.jpg"
    result = run_installed("-m", "counter_app", "photo", "check", str(photo))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("通过")  # "passed": the shipped catalogue's Chinese


def test_its_translations_load_without_compiling(run_installed, installed):
    result = run_installed("-c", TRANSLATIONS_PROBE)
    assert result.returncode == 0, result.stderr
    qm, message, button = result.stdout.splitlines()
    assert Path(qm) == installed / QM  # the shipped one, not one compiled into the cache
    assert message == "用户名或密码错误。" and button == "登录(&L)"
    assert "compiling" not in result.stderr
