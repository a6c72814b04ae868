"""`counter-app photo check|prepare`: exit 0 pass, 1 fail, 2 unreadable."""

from __future__ import annotations

import argparse
import json

import pytest

from counter_app.cli.photo import add_photo_commands, run_photo_command
from counter_app.photo.decoding import read_header
from tests.unit.photo import portraits


def run(settings, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="counter-app")
    add_photo_commands(parser.add_subparsers(dest="command"))
    return run_photo_command(settings, parser.parse_args(["photo", *argv]))


@pytest.fixture
def passing_jpeg() -> bytes:
    return portraits.jpeg(portraits.passing())


@pytest.fixture
def passing_file(tmp_path, passing_jpeg):
    path = tmp_path / "capture.jpg"
    path.write_bytes(passing_jpeg)
    return path


def test_check_passes_with_exit_0(settings, passing_file, capsys):
    assert run(settings, "check", str(passing_file)) == 0
    out = capsys.readouterr().out
    assert out.startswith("profile ga461") and out.rstrip().endswith("passed")
    assert "ok   face_width        Face width in the photo 207 px" in out


def test_check_fails_with_exit_1_and_says_why_in_json(settings, tmp_path, capsys):
    path = tmp_path / "dark.jpg"
    path.write_bytes(portraits.jpeg(portraits.dark()))
    assert run(settings, "check", str(path), "--json") == 1
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is False and report["hint"] == "Too dark: more light on the face"
    failed = [c for c in report["checks"] if c["outcome"] == "fail"]
    assert [c["name"] for c in failed] == ["under_exposure"]
    assert failed[0]["measured"] > failed[0]["high"] == 0.1
    assert report["photo"]["width"] == 358


@pytest.mark.parametrize("content", [b"", b"not an image", None])
def test_unreadable_input_exits_2(settings, tmp_path, capsys, content):
    path = tmp_path / "broken.jpg"
    if content is not None:
        path.write_bytes(content)
    assert run(settings, "check", str(path)) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_an_unknown_profile_exits_2(settings, passing_file, capsys):
    assert run(settings, "check", str(passing_file), "--profile", "atlantis") == 2
    assert "atlantis" in capsys.readouterr().err


def test_prepare_writes_the_finished_photo(settings, passing_file, tmp_path):
    out = tmp_path / "card.jpg"
    assert run(settings, "prepare", str(passing_file), "--out", str(out),
               "--profile", "city_236x295") == 0
    header = read_header(out.read_bytes())
    assert (header.width, header.height) == (236, 295)


def test_prepare_writes_nothing_for_a_failing_capture(settings, tmp_path):
    path, out = tmp_path / "small.jpg", tmp_path / "card.jpg"
    path.write_bytes(portraits.jpeg(portraits.too_small()))
    assert run(settings, "prepare", str(path), "--out", str(out)) == 1
    assert not out.exists()


def test_the_configured_profile_is_the_default(settings, passing_file, capsys):
    from dataclasses import replace

    configured = replace(settings, extra={"photo_profile": "city_9_20kb"})
    assert run(configured, "check", str(passing_file)) == 0
    assert capsys.readouterr().out.startswith("profile city_9_20kb")
