"""Issue 13's "Show": a copy of the counter's data directory after a demo run — the
database, its WAL and protected/ — holds no child's ID number, name or phone, no photo
and no form; and the key that would open it is not in it."""

from __future__ import annotations

import base64
import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from counter_app.documents.scan import decode_image
from counter_app.security.keys import KEY_ID_FILE, KeyUnavailable
from counter_app.security.sealing import is_sealed
from counter_app.services import auth, scanning, signed_copies
from counter_app.services.context import open_context
from counter_app.services.demo import DEMO_PASSWORD, DEMO_USER, _one_application, seed_demo
from counter_app.store.models import Application, Guardian
from tests.helpers import opened
from tests.unit.documents.support import as_scan, needs_poppler, page_image

JPEG, PNG, PDF = b"\xff\xd8\xff", b"\x89PNG", b"%PDF"


def _demo_run(ctx, count: int) -> list[str]:
    """The demo's applications, then a material scan and a signed copy for the first."""
    seed_demo(ctx)
    operator = auth.login(ctx, DEMO_USER, DEMO_PASSWORD)
    rng = random.Random(13)
    numbers = [_one_application(ctx, operator, rng, ctx.settings.data_dir.parent / "photo.jpg")
               for _ in range(count)]
    with ctx.sessions() as session:
        first = session.scalar(select(Application).where(Application.number == numbers[0]))
    form = opened(ctx, ctx.files.path(first.form_path))
    scanning.accept_scan(ctx, operator, first.id, "birth_certificate",
                         decode_image(as_scan(page_image(form))))
    return numbers


def _personal_values(ctx) -> set[str]:
    with ctx.sessions() as session:
        values = set()
        for app in session.scalars(select(Application)):
            values |= {app.id_number, app.name, app.phone}
        for guardian in session.scalars(select(Guardian)):
            values |= {guardian.id_number, guardian.name, guardian.phone}
    return {value for value in values if value}


@needs_poppler
def test_a_copy_of_the_data_directory_shows_nobody(ctx, tmp_path):
    shutil.copyfile(Path(__file__).parents[2] / "resources" / "demo" / "photo.jpg",
                    tmp_path / "photo.jpg")
    _demo_run(ctx, 4)
    personal = _personal_values(ctx)
    assert len(personal) >= 8  # the demo's children and parents
    # Copied while the counter is open: the newest rows may still be in the WAL alone.
    with ctx.sessions() as session:
        session.execute(text("SELECT count(*) FROM applications")).scalar()
        copy = tmp_path / "copy"
        shutil.copytree(ctx.settings.data_dir, copy)
    files = [path for path in copy.rglob("*") if path.is_file()]
    names = {path.name for path in files}
    assert {"counter.sqlite3", "counter.sqlite3-wal"} <= names
    protected = [path for path in files if "protected" in path.parts]
    kinds = {path.parent.name for path in protected}
    assert {"photos", "forms", "scans"} <= kinds, kinds
    for path in files:
        content = path.read_bytes()
        for value in personal:
            assert value.encode("utf-8") not in content, (path.name, "personal data")
        for magic in (JPEG, PNG, PDF, b"SQLite format 3"):
            assert magic not in content, (path.name, magic)
    assert all(is_sealed(path.read_bytes()) for path in protected
               if not path.name.startswith("."))
    # ... and nothing in it opens it: the key lives outside the data directory.
    key = Path(ctx.settings.key_file).read_text().strip()
    secret = base64.b64decode(key)
    assert all(key.encode() not in p.read_bytes() and secret not in p.read_bytes()
               for p in files)
    assert (copy / KEY_ID_FILE).exists()  # which key, not the key


def test_the_copy_opens_with_the_key_and_with_nothing_else(ctx, settings, tmp_path):
    shutil.copyfile(Path(__file__).parents[2] / "resources" / "demo" / "photo.jpg",
                    tmp_path / "photo.jpg")
    seed_demo(ctx)
    operator = auth.login(ctx, DEMO_USER, DEMO_PASSWORD)
    number = _one_application(ctx, operator, random.Random(5), tmp_path / "photo.jpg")
    ctx.sessions.kw["bind"].dispose()
    moved = type(settings)(data_dir=tmp_path / "moved", config_dir=tmp_path / "elsewhere",
                           key_file=settings.key_file)
    shutil.copytree(settings.data_dir, moved.data_dir)
    with open_context(moved).sessions() as session:  # the right key: all there
        assert session.scalar(select(Application.number)) == number
    stranger = type(settings)(data_dir=moved.data_dir, config_dir=tmp_path / "stranger")
    with pytest.raises(KeyUnavailable, match="key"):
        open_context(stranger)  # no key there: refused, and no new key made over the data
    assert not any((tmp_path / "stranger").rglob("*.key"))


def test_signed_copies_are_kept_sealed(ctx, admin, tmp_path):
    from counter_app.domain.lifecycle import Status
    from tests.helpers import application_at

    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    form = opened(ctx, ctx.settings.protected_dir / "forms" / f"{app_id}.pdf")
    scan = tmp_path / "signed.jpg"
    scan.write_bytes(as_scan(page_image(form), angle=2.0))
    signed_copies.attach_signed_copy(ctx, admin, app_id, scan)
    [kept] = signed_copies.signed_copies(ctx, admin, app_id)
    assert is_sealed(kept.read_bytes()) and ctx.files.read(kept) == scan.read_bytes()
