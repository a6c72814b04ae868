"""`counter-app form ...` sub-commands, run through their own small parser."""

import argparse

import pytest

from counter_app.cli.forms import DOCUMENTS, add_form_commands, run_form_command
from tests.unit.documents.support import needs_poppler, run


def form_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    form = parser.add_subparsers(dest="command").add_parser("form")
    add_form_commands(form.add_subparsers(dest="form_command", required=True))
    return parser


@needs_poppler
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_sample_document_renders_with_the_rare_name(settings, tmp_path, document, capsys):
    out = tmp_path / f"{document}.pdf"
    args = form_parser().parse_args(["form", "sample", "--document", document, "--out", str(out)])
    assert run_form_command(settings, args) == 0
    assert "王䶮𠮷" in run("pdftotext", str(out), "-") or document == "guide"
    assert str(out) in capsys.readouterr().out


@needs_poppler
def test_read_scan_prints_the_application_number(settings, tmp_path, capsys):
    pdf = tmp_path / "form.pdf"
    run_form_command(settings, form_parser().parse_args(["form", "sample", "--out", str(pdf)]))
    run("pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "page"))
    capsys.readouterr()
    args = form_parser().parse_args(["form", "read-scan", str(tmp_path / "page.png")])
    assert run_form_command(settings, args) == 0
    assert capsys.readouterr().out.strip() == "SC001-20261122-0001"


def test_fonts_lists_the_primary_font(settings, capsys):
    assert run_form_command(settings, form_parser().parse_args(["form", "fonts"])) == 0
    assert capsys.readouterr().out.startswith("primary")
