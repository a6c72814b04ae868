"""The two build steps pyproject.toml cannot declare (docs/DEVELOPMENT.md, "Resources and
translations in the package"); everything else about the package is in pyproject.toml.

- Which packages: the code's, plus each folder of ui/ and resources/, which ship inside
  the package as counter_app/ui and counter_app/resources (pyproject.toml maps them there
  and says which of their files go in). Listing every sub-folder keeps setuptools from
  warning that it ships them as data "by accident".
- The compiled translations: each resources/translations/*.ts becomes a .qm in the built
  package, made with PySide6's lrelease (a build requirement); never in the source tree.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

ASSET_FOLDERS = {"counter_app.ui": "ui", "counter_app.resources": "resources"}
TRANSLATIONS = Path("resources", "translations")


def packages() -> list[str]:
    found = find_namespace_packages(include=["counter_app", "counter_app.*"])
    for package, folder in ASSET_FOLDERS.items():
        found += [package, *(f"{package}.{sub}" for sub in find_namespace_packages(where=folder))]
    return found


class BuildPyWithTranslations(build_py):
    """build_py, then the .ts files compiled into the built package. An editable install
    builds nothing here: a checkout compiles its own (scripts/setup.sh)."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            compile_translations(Path(self.build_lib, "counter_app", TRANSLATIONS))


def compile_translations(target_dir: Path) -> None:
    sources = sorted(TRANSLATIONS.glob("*.ts"))
    if not sources:  # a wheel without its translations would start in English
        sys.exit(f"No {TRANSLATIONS}/*.ts to compile (an sdist needs them: MANIFEST.in).")
    target_dir.mkdir(parents=True, exist_ok=True)
    for source in sources:
        target = target_dir / f"{source.stem}.qm"
        subprocess.run([*lrelease(), "-silent", str(source), "-qm", str(target)], check=True)
        print(f"compiled {source} -> {target}")


def lrelease() -> list[str]:
    """PySide6's lrelease binary (no Python start-up), else its pyside6-lrelease wrapper."""
    spec = importlib.util.find_spec("PySide6")
    if spec and spec.submodule_search_locations:
        name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
        binary = Path(spec.submodule_search_locations[0], name)
        if binary.is_file():
            return [str(binary)]
    wrapper = shutil.which("pyside6-lrelease")
    if wrapper:
        return [wrapper]
    sys.exit("Building Counter compiles its translations with PySide6's lrelease: install "
             "PySide6-Essentials in the build environment (a [build-system] requirement).")


setup(packages=packages(), cmdclass={"build_py": BuildPyWithTranslations})
