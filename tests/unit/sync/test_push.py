import pytest

from counter_app.central.database import MSG_UNREACHABLE, SyncError
from counter_app.services import syncing
from counter_app.sync import push
from tests.sync_helpers import applied_count, central_rows, submit_child


def test_submitted_application_reaches_the_central_database(ctx, admin, tmp_path, central):
    app_id = submit_child(ctx, admin, tmp_path)
    assert syncing.sync_status(ctx).pending == 1
    result = syncing.sync_now(ctx)
    assert (result.sent, result.duplicates, result.pending) == (1, 0, 0)
    rows = central_rows(central)
    assert rows[app_id]["payload"]["applicant"]["name"] == "王䶮"
    assert rows[app_id]["payload"]["site_code"] == "SC001"
    assert rows[app_id]["status"] == "submitted"
    status = syncing.sync_status(ctx)
    assert status.pending == 0 and status.last_success is not None and status.last_error is None


def test_running_sync_twice_changes_nothing(ctx, admin, tmp_path, central):
    submit_child(ctx, admin, tmp_path)
    syncing.sync_now(ctx)
    before = central_rows(central)
    again = syncing.sync_now(ctx)
    assert (again.sent, again.duplicates) == (0, 0)
    assert central_rows(central) == before


def test_a_crash_after_the_central_commit_resends_without_a_second_effect(
        ctx, admin, tmp_path, monkeypatch, central):
    for sequence, name in ((3, "王䶮"), (5, "李𠮷")):
        submit_child(ctx, admin, tmp_path, name=name, sequence=sequence)
    real_record_results = push.record_results

    def die_before_acknowledging(*args):
        raise KeyboardInterrupt("process killed after the central commit")

    monkeypatch.setattr(push, "record_results", die_before_acknowledging)
    with pytest.raises(KeyboardInterrupt):
        syncing.sync_now(ctx)
    assert syncing.sync_status(ctx).pending == 2  # not acknowledged locally
    monkeypatch.setattr(push, "record_results", real_record_results)

    result = syncing.sync_now(ctx)
    # two applications and their two photos: all four recognised, none applied again
    assert (result.sent, result.duplicates, result.pending) == (0, 4, 0)
    url = central
    assert len(central_rows(url)) == 2 and applied_count(url) == 2


def test_an_unreachable_central_database_keeps_everything_queued(ctx, admin, tmp_path, central):
    submit_child(ctx, admin, tmp_path)
    with pytest.raises(SyncError) as caught:
        syncing.sync_now(ctx, "postgresql://postgres@127.0.0.1:1/test")
    assert "cannot be reached" in str(caught.value)  # in words; the error class is logged
    assert "Error" not in str(caught.value)
    status = syncing.sync_status(ctx)
    assert status.pending == 1 and "Error" not in str(status.last_error)
    assert syncing.sync_now(ctx).sent == 1  # the enrolment still works afterwards


def test_an_older_versions_stored_error_is_shown_in_words(ctx):
    """Versions before issue 14 stored the unreachable message with the error's class."""
    import json

    push.set_meta(ctx.sessions, {"last_sync_error": json.dumps({
        "template": "The central database cannot be reached; applications stay queued on "
                    "this counter and will be sent later. ({reason})",
        "params": {"reason": "OperationalError"}})})
    shown = syncing.sync_status(ctx).last_error
    assert shown.template == MSG_UNREACHABLE and "Error" not in str(shown)


def test_a_file_that_arrives_damaged_is_sent_again_next_cycle(ctx, admin, tmp_path,
                                                              monkeypatch, central):
    from counter_app.central import blobs

    submit_child(ctx, admin, tmp_path)
    real_send = blobs._send_chunk
    monkeypatch.setattr(blobs, "_send_chunk", lambda e, h, n, data: real_send(
        e, h, n, bytes(reversed(data))))
    first = syncing.sync_now(ctx)
    assert (first.sent, first.files, first.rejected, first.pending) == (1, 0, 0, 1)
    monkeypatch.setattr(blobs, "_send_chunk", real_send)
    second = syncing.sync_now(ctx)
    assert (second.sent, second.files, second.rejected, second.pending) == (0, 1, 0, 0)
