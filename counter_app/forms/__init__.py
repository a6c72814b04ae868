"""Printable forms (PDF) for the counter. Qt-free: nothing here imports PySide6."""

from counter_app.forms.data import GuardianBlock, RegistrationFormData
from counter_app.forms.fonts import FontSet, FontsMissingError, find_fonts, missing_characters, split_runs
from counter_app.forms.qr import parse_qr_payload, qr_payload
from counter_app.forms.registration import render_registration_form
from counter_app.forms.sample import sample_form_data

__all__ = [
    "FontSet",
    "FontsMissingError",
    "GuardianBlock",
    "RegistrationFormData",
    "find_fonts",
    "missing_characters",
    "parse_qr_payload",
    "qr_payload",
    "render_registration_form",
    "sample_form_data",
    "split_runs",
]
