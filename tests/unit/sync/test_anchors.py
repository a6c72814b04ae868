"""Audit anchors: the central side keeps the head of each counter's audit chain."""

from sqlalchemy import update

from counter_app.central import database
from counter_app.services import central_access, syncing
from counter_app.store.models import AuditRecord
from counter_app.sync import anchors
from counter_app.sync.push import resolve_identity
from tests.sync_helpers import submit_child


def _verify(ctx):
    engine = database.open_central(central_access.counter_url(ctx))  # the device's login
    try:
        identity = resolve_identity(engine)
        return anchors.verify(ctx.sessions, engine, identity.site_id, identity.device_id)
    finally:
        engine.dispose()


def test_rewriting_anchored_audit_history_is_detected(ctx, admin, tmp_path, central):
    assert _verify(ctx) is None  # nothing anchored yet
    submit_child(ctx, admin, tmp_path)
    syncing.sync_now(ctx)
    assert _verify(ctx) is True
    submit_child(ctx, admin, tmp_path, name="李𠮷", sequence=5)  # later rows: still fine
    assert _verify(ctx) is True
    with ctx.sessions.begin() as session:
        session.execute(update(AuditRecord).where(AuditRecord.action == "submitted")
                        .values(detail="nothing happened here"))
    assert _verify(ctx) is False


def test_an_anchor_is_sent_only_when_the_chain_moved(ctx, admin, tmp_path, central):
    submit_child(ctx, admin, tmp_path)
    syncing.sync_now(ctx)
    engine = database.open_central(central_access.counter_url(ctx))
    assert anchors.anchor(ctx.sessions, engine) is None
    engine.dispose()
