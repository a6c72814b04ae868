"""Window tests: offscreen Qt and the user interface language.

The data directory, site and administrator fixtures (settings, ctx, admin) come from
tests/conftest.py.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from dataclasses import replace  # noqa: E402

import pytest  # noqa: E402

from counter_app.qt import i18n  # noqa: E402
from counter_app.qt.style import apply_style  # noqa: E402


@pytest.fixture
def language(qapp, settings):
    """Install the translators for a language; back to English (no translators) after."""
    apply_style(qapp)

    def install(code: str) -> None:
        i18n.install_translators(replace(settings, language=code))

    yield install
    i18n.install_translators(replace(settings, language="en"))


@pytest.fixture
def chinese(language):
    language("zh_CN")
