"""Carrying the outbox by hand (issue 17), on the real PostgreSQL server: a counter
exports 1,000 applications with their photos (40 KB each, a card photo's size) and the
administrator imports the file centrally, in one run:

- export (read the outbox and the sealed photos, encrypt, sign, write): at most 20 s;
- central import (check, decrypt, apply as the device, write the receipt): at most 20 s;
- the receipt imported at the counter: recorded.
"""

from __future__ import annotations

import time

import psycopg
import pytest

from counter_app.services import carrying, syncing
from tests.benchmarks.budget import record, within_budget
from tests.sync_helpers import payloads, queue

pytestmark = pytest.mark.postgres

APPLICATIONS = 1000
PHOTO_BYTES = 40 * 1024


def test_export_and_import_of_a_thousand_applications_with_photos(ctx, admin, central,
                                                                  tmp_path):
    key = tmp_path / "carry.key"
    carrying.make_carry_key(central, key)
    syncing.sync_now(ctx)  # learns the key, registers its own
    queue(ctx, payloads(APPLICATIONS, "SC001", "X"), photo_bytes=PHOTO_BYTES)

    started = time.perf_counter()
    summary = carrying.export_outbox(ctx, admin, tmp_path / "x.carry")
    exported = time.perf_counter() - started
    started = time.perf_counter()
    outcome = carrying.central_import(central, tmp_path / "x.carry", key,
                                      tmp_path / "x.receipt")
    imported = time.perf_counter() - started
    started = time.perf_counter()
    marked = carrying.import_receipt(ctx, admin, tmp_path / "x.receipt")
    receipt = time.perf_counter() - started

    assert (summary.applications, summary.files) == (APPLICATIONS, APPLICATIONS)
    assert (outcome.applied, outcome.rejected, marked.marked_sent) == (
        2 * APPLICATIONS, 0, 2 * APPLICATIONS)
    with psycopg.connect(central) as conn:
        assert conn.execute("SELECT count(*) FROM central_application_files").fetchone()[0] \
            == APPLICATIONS
    record(summary.size / 2**20, "carried file, 1,000 applications with photos", unit="MB")
    within_budget(exported, 20, "export of 1,000 applications with photos", unit="s")
    within_budget(imported, 20, "central import of that file", unit="s")
    record(receipt, "its receipt imported at the counter", unit="s")
