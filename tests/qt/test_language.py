"""Chinese by default, English on request; the compiled catalogue shipped is loaded, a
checkout without one compiles it into the cache."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from counter_app.domain.errors import CounterError
from counter_app.qt import i18n
from counter_app.qt.login import LoginDialog
from counter_app.services.auth import MSG_LOGIN

ROOT = Path(__file__).resolve().parents[2]


def login_dialog(qtbot, ctx) -> LoginDialog:
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def test_login_window_in_english(qtbot, language, ctx):
    language("en")
    dialog = login_dialog(qtbot, ctx)
    assert dialog.ui.username_label.text() == "&User name:"
    assert dialog.ui.login_button.text() == "&Log in"
    # the title, and the program's name Qt adds after it (once: "Log in — Counter")
    assert dialog.windowTitle() == "Log in"
    assert QApplication.applicationDisplayName() == "Counter"


def test_login_window_in_chinese(qtbot, language, ctx):
    language("zh_CN")
    dialog = login_dialog(qtbot, ctx)
    assert dialog.ui.username_label.text() == "用户名(&U)："
    assert dialog.ui.login_button.text() == "登录(&L)"
    assert dialog.windowTitle() == "登录"
    assert QApplication.applicationDisplayName() == "社保卡受理"


def test_unknown_language_falls_back_to_chinese(language, settings):
    assert i18n.install_translators(replace(settings, language="fr")) == "zh_CN"
    assert QCoreApplication.translate("messages", MSG_LOGIN) == "用户名或密码错误。"


@pytest.fixture
def translations(tmp_path, monkeypatch):
    """A translations folder holding a copy of the real .ts, as a checkout has it."""
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy2(ROOT / "resources" / "translations" / "counter_zh_CN.ts", folder)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", folder)
    return folder


def counting_lrelease(monkeypatch) -> list:
    calls, real = [], i18n._lrelease
    monkeypatch.setattr(i18n, "_lrelease", lambda s, t: calls.append(s) or real(s, t))
    return calls


def test_the_shipped_catalogue_is_loaded_as_it_is(translations, tmp_path, monkeypatch, caplog):
    shipped = translations / "counter_zh_CN.qm"
    assert i18n._lrelease(translations / "counter_zh_CN.ts", shipped)  # as setup.sh does
    calls = counting_lrelease(monkeypatch)
    with caplog.at_level(logging.WARNING):
        assert i18n.catalogue("zh_CN", tmp_path / "cache") == shipped
    assert calls == [] and caplog.records == []


@pytest.mark.parametrize("state", ["missing", "older than its .ts"])
def test_a_checkout_without_a_current_catalogue_compiles_it_into_the_cache(
        translations, tmp_path, monkeypatch, caplog, state):
    source = translations / "counter_zh_CN.ts"
    if state != "missing":
        shipped = translations / "counter_zh_CN.qm"
        assert i18n._lrelease(source, shipped)
        os.utime(shipped, ns=(source.stat().st_mtime_ns - 10**9,) * 2)
    calls = counting_lrelease(monkeypatch)
    with caplog.at_level(logging.WARNING):
        qm = i18n.catalogue("zh_CN", tmp_path / "cache")
    assert qm == tmp_path / "cache" / "counter_zh_CN.qm" and calls == [source]
    assert f"counter_zh_CN.qm is {state}" in caplog.text and "scripts/setup.sh" in caplog.text


def test_an_installation_without_its_catalogue_says_so_and_stays_in_english(
        translations, tmp_path, caplog):
    (translations / "counter_zh_CN.ts").unlink()  # an installed package has no .ts
    with caplog.at_level(logging.ERROR):
        assert i18n.catalogue("zh_CN", tmp_path / "cache") is None
    assert "counter_zh_CN.qm is missing from this installation" in caplog.text


def test_catalogue_is_compiled_once_and_again_when_the_ts_changes(settings, tmp_path,
                                                                  monkeypatch):
    cache = tmp_path / "cache"
    qm = i18n.compiled_catalogue("zh_CN", cache)
    assert qm is not None and qm.stat().st_size > 1000
    compiled_at = qm.stat().st_mtime_ns
    assert i18n.compiled_catalogue("zh_CN", cache).stat().st_mtime_ns == compiled_at

    source = i18n.TRANSLATIONS_DIR / "counter_zh_CN.ts"
    os.utime(qm, ns=(source.stat().st_mtime_ns - 10**9,) * 2)  # now older than the .ts
    calls = []
    real = i18n._lrelease
    monkeypatch.setattr(i18n, "_lrelease", lambda s, t: calls.append(s) or real(s, t))
    i18n.compiled_catalogue("zh_CN", cache)
    assert calls == [source]


def test_message_for_translates_counter_errors(language):
    language("zh_CN")
    assert i18n.message_for(CounterError(MSG_LOGIN)) == "用户名或密码错误。"
    language("en")
    assert i18n.message_for(CounterError(MSG_LOGIN)) == "Wrong user name or password."


def test_message_for_hides_unexpected_errors_but_logs_them(language, caplog):
    language("zh_CN")
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as error:
        with caplog.at_level(logging.ERROR):
            text = i18n.message_for(error)
    assert text == "操作未能完成，详细信息已记录到日志。"
    assert "disk on fire" not in text
    assert "RuntimeError: disk on fire" in caplog.text  # the traceback is in the log


def test_every_text_is_in_the_catalogue_and_translated(tmp_path):
    """lupdate over the sources finds nothing the committed catalogue lacks."""
    fresh = tmp_path / "fresh.ts"
    core = sorted(str(p) for p in ROOT.joinpath("counter_app").rglob("*.py")
                  if "qt" not in p.relative_to(ROOT / "counter_app").parts[:1]
                  and "QT_TRANSLATE_NOOP" in p.read_text(encoding="utf-8"))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), "-silent", *map(str, sorted(ROOT.joinpath("ui").glob("*.ui"))),
                    *map(str, sorted(ROOT.joinpath("counter_app", "qt").glob("*.py"))), *core,
                    "-ts", str(fresh)], check=True, timeout=120)
    committed = ET.parse(i18n.TRANSLATIONS_DIR / "counter_zh_CN.ts").getroot()
    translated = {(c.findtext("name"), m.findtext("source")): m.find("translation")
                  for c in committed.iter("context") for m in c.iter("message")}
    wanted = {(c.findtext("name"), m.findtext("source"))
              for c in ET.parse(fresh).getroot().iter("context") for m in c.iter("message")}
    assert wanted - translated.keys() == set(), "run pyside6-lupdate (see the README there)"
    unfinished = [key for key, t in translated.items() if t.get("type") or not t.text]
    assert unfinished == []
