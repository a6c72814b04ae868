"""Printable documents (PDF) for the counter. Qt-free: nothing here imports PySide6.

Registration form (registration.py, laid out in layout.py), pick-up voucher, rejection
notice and card service agreement (slips.py), applicant guide (guide.py), batch printing
(batch.py); the other documents are laid out in document_layouts.py, their texts are data
in resources/forms (city_config.py).
"""

from counter_app.forms.city_config import FormConfig, load_form_config
from counter_app.forms.data import (
    AgentBlock, ApplicationSlip, BatchData, BatchEntry, GuardianBlock, GuideData,
    RegistrationFormData)
from counter_app.forms.fonts import FontSet, FontsMissingError, find_fonts, missing_characters, split_runs
from counter_app.forms.qr import parse_qr_payload, qr_payload
from counter_app.forms.registration import render_registration_form
from counter_app.forms.sample import sample_form_data

__all__ = [
    "AgentBlock",
    "ApplicationSlip",
    "BatchData",
    "BatchEntry",
    "FontSet",
    "FontsMissingError",
    "FormConfig",
    "GuardianBlock",
    "GuideData",
    "RegistrationFormData",
    "find_fonts",
    "load_form_config",
    "missing_characters",
    "parse_qr_payload",
    "qr_payload",
    "render_registration_form",
    "sample_form_data",
    "split_runs",
]
