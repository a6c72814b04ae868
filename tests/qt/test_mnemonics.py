"""Alt shortcuts everywhere: each form's letters are unique (a letter used twice only
cycles the focus between its owners), and every field staff type into has one."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QGroupBox, QLabel,
                               QLineEdit, QPlainTextEdit, QTextEdit, QWidget, QWizard)

from counter_app import assets
from counter_app.qt.uiload import load_ui

FORMS = sorted(path.name for path in Path(assets.ui()).glob("*.ui"))
INPUTS = (QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
# Reached otherwise: the pre-application number by F3; a search's candidates by Tab
# right after the search.
WITHOUT_LETTER = {"preapplication_edit", "candidates_combo"}
_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found[1].upper() if found else None


def letters_of(form: QWidget) -> dict[str, list[str]]:
    owners = defaultdict(list)
    for child in form.findChildren(QWidget):
        if isinstance(child, QGroupBox):
            text = child.title()
        elif isinstance(child, (QLabel, QAbstractButton)):
            text = child.text()
        else:
            continue
        if letter := mnemonic(text):
            owners[letter].append(child.objectName())
    return owners


def wizard_letters() -> dict[str, str]:
    """Next and Back (Qt's own words, translated by qtbase) hold letters on every page."""
    wizard = QWizard()
    buttons = (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton)
    return {mnemonic(wizard.buttonText(b)): wizard.buttonText(b) for b in buttons
            if mnemonic(wizard.buttonText(b))}


@pytest.mark.parametrize("code", ["zh_CN", "en"])
def test_no_letter_is_used_twice_in_a_form(qapp, language, code):
    language(code)
    for name in FORMS:
        form = QWidget()
        load_ui(form, name)
        owners = letters_of(form)
        if name.startswith("wizard_"):
            for letter, text in wizard_letters().items():
                owners[letter].append(text)
        assert not {k: v for k, v in owners.items() if len(v) > 1}, name


def test_every_field_has_a_letter(qapp, chinese):
    for name in FORMS:
        form = QWidget()
        load_ui(form, name)
        lettered = {id(label.buddy()) for label in form.findChildren(QLabel)
                    if label.buddy() is not None and mnemonic(label.text())}
        missing = [child.objectName() for child in form.findChildren(QWidget)
                   if isinstance(child, INPUTS) and child.objectName() not in WITHOUT_LETTER
                   and not isinstance(child.parent(), (QComboBox, QAbstractSpinBox))
                   and id(child) not in lettered]
        assert not missing, name
