"""Translations: Simplified Chinese by default, English (the source language) on request.

The .ts file in resources/translations is the source of truth. Its compiled .qm is build
output, never kept in git: building the wheel compiles it into the package (setup.py),
and scripts/setup.sh compiles it beside the .ts in a source checkout. At start-up only
the .qm is loaded. A checkout whose .qm is missing or older than its .ts (setup.sh not
run since) still starts in Chinese: the .ts is compiled into the cache directory, with a
warning in the log. An installed package without its .qm (a broken build) logs an error
and stays in English: there is no .ts to compile there.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app import assets
from counter_app.config import Settings
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.lifecycle import IllegalTransition

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = assets.resources() / "translations"
DEFAULT_LANGUAGE = "zh_CN"
SUPPORTED = ("zh_CN", "en")
MSG_UNEXPECTED = QT_TRANSLATE_NOOP(
    "messages", "Something went wrong; the details were written to the log.")

_installed: list[QTranslator] = []  # kept alive here; Qt does not own installed translators


def install_translators(settings: Settings) -> str:
    """Install the translators for settings.language; returns the language in effect."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = settings.language if settings.language in SUPPORTED else DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(language))
    if language == "en":
        _name_the_program(app)
        return language
    qm = catalogue(language, settings.data_dir / "cache")
    for path in (qm, _qt_catalogue("qtbase", language)):
        translator = QTranslator()
        if path and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation catalogue not loaded: %s", path)
    _name_the_program(app)
    return language


@contextlib.contextmanager
def command_line_language(settings: Settings) -> Iterator[str]:
    """The command line's texts in settings.language while inside; yields the language in
    effect. The translators go on the running application, else on a QCoreApplication
    made for the while (QtCore only: no display needed). Afterwards the translators and
    the locale are as they were and a made application is shut down: the window's
    QApplication can still be made (it must be the only application), and a process that
    runs several commands (the tests) is left as it was found."""
    made = None if QCoreApplication.instance() else QCoreApplication(["counter-app"])
    translators, locale = list(_installed), QLocale()
    try:
        yield install_translators(settings)
    finally:
        _reinstall(translators)
        QLocale.setDefault(locale)
        if made is not None:
            made.shutdown()


def _reinstall(translators: list[QTranslator]) -> None:
    """*translators* installed again in place of the ones installed since."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed[:] = translators
    for translator in translators:
        app.installTranslator(translator)
    _name_the_program(app)


def translate(context: str, text: str) -> str:
    """*text* in the language in effect (for code outside this layer: the command line)."""
    return QCoreApplication.translate(context, text)


def _name_the_program(app) -> None:
    """The name Qt puts after every window's title ("登录 — 社保卡受理"), in the language in
    effect; the titles themselves do not repeat it."""
    if hasattr(app, "setApplicationDisplayName"):  # a QGuiApplication (not the CLI's core)
        app.setApplicationDisplayName(QCoreApplication.translate("dialogs", "Counter"))


def catalogue(language: str, cache_dir: Path) -> Path | None:
    """The compiled catalogue of *language*: the one shipped (wheel, or setup.sh in a
    checkout), else compiled into *cache_dir* from a checkout's .ts; None if neither."""
    shipped = TRANSLATIONS_DIR / f"counter_{language}.qm"
    source = TRANSLATIONS_DIR / f"counter_{language}.ts"  # only in a source checkout
    if shipped.is_file() and not _older_than(shipped, source):
        return assets.real_path(shipped)
    if not source.is_file():
        log.error("%s is missing from this installation (the package was built without its"
                  " translations); the user interface stays in English", shipped.name)
        return None
    log.warning("%s is %s: compiling %s into the cache instead; run scripts/setup.sh to "
                "compile it once", shipped.name,
                "older than its .ts" if shipped.is_file() else "missing", source.name)
    return compiled_catalogue(language, cache_dir)


def _older_than(qm, ts) -> bool:
    """A checkout's .qm compiled before its .ts last changed (a wheel ships no .ts)."""
    return ts.is_file() and Path(ts).stat().st_mtime > Path(qm).stat().st_mtime


def compiled_catalogue(language: str, cache_dir: Path) -> Path | None:
    """The checkout's .ts for *language* compiled into *cache_dir*, again only when the
    .ts is newer than the last compilation."""
    source = TRANSLATIONS_DIR / f"counter_{language}.ts"
    target = cache_dir / f"counter_{language}.qm"
    if target.exists() and (not source.is_file()
                            or target.stat().st_mtime >= source.stat().st_mtime):
        return target
    if not source.is_file():
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    return target if _lrelease(source, target) else None


def _lrelease(source: Path, target: Path) -> bool:
    tool = _lrelease_tool()
    if tool is None:
        log.warning("pyside6-lrelease not found; the user interface stays in English")
        return False
    partial = target.with_suffix(".part")
    try:
        subprocess.run([*tool, "-silent", str(source), "-qm", str(partial)], check=True,
                       capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("compiling %s failed: %s", source.name, exc)
        return False
    partial.replace(target)  # a half-written .qm must never look up to date
    return True


def _lrelease_tool() -> list[str] | None:
    # Prefer the Qt binary inside the PySide6 package: it skips a Python start-up.
    import PySide6

    bundled = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32"
                                               else "lrelease")
    if bundled.exists():
        return [str(bundled)]
    beside_python = Path(sys.executable).parent / "pyside6-lrelease"
    wrapper = shutil.which("pyside6-lrelease") or (
        str(beside_python) if beside_python.exists() else None)
    return [wrapper] if wrapper else None


def _qt_catalogue(name: str, language: str) -> Path | None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    path = folder / f"{name}_{language}.qm"
    return path if path.exists() else None


def message_for(error: BaseException) -> str:
    """What staff read for *error*: the translated message, never a traceback."""
    if isinstance(error, CounterError):
        return QCoreApplication.translate("messages", error.template).format(
            **_translated_params(error))
    log.exception("unexpected error", exc_info=error)
    return QCoreApplication.translate("messages", MSG_UNEXPECTED)


def _translated_params(error: CounterError) -> dict:
    if isinstance(error, IllegalTransition):  # state names read better in words
        from counter_app.qt.status_names import status_name

        return {key: status_name(value) for key, value in error.params.items()}
    return dict(error.params)
