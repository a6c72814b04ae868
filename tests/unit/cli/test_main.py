import json

import pytest

from counter_app.cli import main


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COUNTER_CONFIG_DIR", str(tmp_path / "config"))


def test_id_check_tells_what_the_number_says(capsys):
    assert main(["id", "check", "11010519491231002X", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts == {"valid": True, "number": "11010519491231002X", "birth_date": "1949-12-31",
                     "sex": "F", "region": "朝阳区"}


def test_id_check_names_the_mistake_and_fails(capsys):
    assert main(["id", "check", "11010519491331002X"]) == 1
    assert "birth date" in capsys.readouterr().out


def test_demo_seeds_once_and_prints_the_login(capsys):
    assert main(["demo", "--applications", "2"]) == 0
    out = capsys.readouterr().out
    assert "user demo" in out and "password demo1234" in out and "2 demo applications" in out
    assert main(["sync", "once"]) == 0
    assert "sent 2" in capsys.readouterr().out
    assert main(["demo"]) == 0  # safe to run twice
    assert "exist already" in capsys.readouterr().out


def test_demo_queue_has_applications_at_every_step_once_a_day(capsys):
    from counter_app.config import load_settings
    from counter_app.domain.lifecycle import Status
    from counter_app.services import auth, queue
    from counter_app.services.context import open_context
    from counter_app.services.demo import DEMO_PASSWORD, DEMO_USER

    assert main(["demo", "--queue", "8"]) == 0
    assert ("Today's queue: 8 demo applications (2 Being entered, 2 Examined, 1 Photo taken, "
            "1 Form printed, 1 Signed, 1 Submitted)") in capsys.readouterr().out
    ctx = open_context(load_settings())
    rows = queue.todays_queue(ctx, auth.login(ctx, DEMO_USER, DEMO_PASSWORD))
    assert sorted(r.status for r in rows) == sorted(
        [Status.DRAFT, Status.DRAFT, Status.EXAMINED, Status.EXAMINED, Status.PHOTO_OK,
         Status.FORM_PRINTED, Status.SIGNED, Status.SUBMITTED])
    assert main(["demo", "--queue", "8"]) == 0  # run.sh again the same day: nothing added
    assert "no demo applications added" in capsys.readouterr().out
    assert len(queue.todays_queue(ctx, auth.login(ctx, DEMO_USER, DEMO_PASSWORD))) == 8
    assert main(["sync", "once"]) == 0
    assert "sent 1" in capsys.readouterr().out  # only the submitted one


def test_sync_with_a_refusing_central_database_says_so_and_keeps_the_queue(capsys):
    main(["demo", "--applications", "1"])
    capsys.readouterr()
    assert main(["sync", "once", "--central", "postgresql://postgres@127.0.0.1:1/x"]) == 1
    assert "cannot be reached" in capsys.readouterr().err
    assert main(["sync", "once"]) == 0
    assert "sent 1" in capsys.readouterr().out


def test_db_upgrade_and_help(capsys):
    assert main(["db", "upgrade"]) == 0
    from counter_app.store.migrate import HEAD
    assert f"revision {HEAD}" in capsys.readouterr().out
    with pytest.raises(SystemExit) as caught:
        main(["sync", "once", "--help"])
    assert caught.value.code == 0 and "--central" in capsys.readouterr().out


def test_form_sample_renders_the_rare_characters(tmp_path, capsys):
    import subprocess
    out = tmp_path / "sample.pdf"
    assert main(["form", "sample", "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "王䶮𠮷" in text
