"""Sync ▸ Export unsent to carry… and Import a receipt… in the main window, against the
real PostgreSQL server: the file is written off the GUI thread and the window says what
went into it; a refused receipt is said in words and marks nothing; the genuine one marks
everything sent and the pending count goes to zero."""

from __future__ import annotations

import pytest

from counter_app.qt import dialogs
from counter_app.qt.main_window import MainWindow
from counter_app.services import carrying, syncing
from counter_app.sync.push import pending_count
from tests.sync_helpers import payloads, queue

pytestmark = pytest.mark.postgres


def test_export_and_receipt_from_the_sync_menu(qtbot, ctx, admin, central, tmp_path,
                                               monkeypatch):
    carrying.make_carry_key(central, tmp_path / "carry.key")
    syncing.sync_now(ctx)
    queue(ctx, payloads(3, "SC001", "W"), photo_bytes=1000)
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    said, errors = [], []
    monkeypatch.setattr(dialogs, "show_info", lambda _parent, text: said.append(text))
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, text: errors.append(text))
    out = tmp_path / "stick" / "outbox"
    out.parent.mkdir()
    monkeypatch.setattr(dialogs, "choose_carry_file",
                        lambda _parent, suggested: out.with_suffix(".carry"))

    window.ui.action_export_outbox.trigger()
    qtbot.waitUntil(lambda: bool(said or errors), timeout=20000)
    assert not errors and "3" in said[0] and "outbox.carry" in said[0]
    assert out.with_suffix(".carry").stat().st_size > 3000

    receipt = tmp_path / "outbox.receipt"
    carrying.central_import(central, out.with_suffix(".carry"), tmp_path / "carry.key",
                            receipt)
    (tmp_path / "cut.receipt").write_bytes(receipt.read_bytes()[:-10])
    for path, waited in ((tmp_path / "cut.receipt", errors), (receipt, said)):
        monkeypatch.setattr(dialogs, "choose_receipt_file", lambda _parent, p=path: p)
        count = len(waited)
        window.ui.action_import_receipt.trigger()
        qtbot.waitUntil(lambda w=waited, c=count: len(w) > c, timeout=20000)
        if path.name == "cut.receipt":
            assert "cut.receipt" in errors[-1] and pending_count(ctx.sessions) == 3
    assert "6" in said[-1] and pending_count(ctx.sessions) == 0
    window.runner.wait_for_done(10000)
