"""What is open while the counter works (issue 17): the six counts and their lists."""

import datetime as dt
import uuid

from sqlalchemy import update

from counter_app.central.operations import REJECTED
from counter_app.domain.day_close import ITEM_KINDS
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import intake, review, syncing
from counter_app.services.worklists import WorkKind, counts, items
from counter_app.store.models import Application, OutboxEntry, utcnow
from tests.helpers import add_operator, application_at
from tests.review_helpers import require_review

TODAY = dt.date.today()
SECOND = "11010520240315005"  # another child of the same day
THIRD = "11010520240315007"


def _created(ctx, application_id, when: dt.datetime) -> None:
    with ctx.sessions.begin() as session:
        session.execute(update(Application).where(Application.id == application_id)
                        .values(created_at=when))


def _refuse(ctx, application_id, reason: str) -> None:
    """The central side refused the application's operations (as a push records it)."""
    with ctx.sessions.begin() as session:
        session.execute(update(OutboxEntry).where(OutboxEntry.entity_id == str(application_id))
                        .values(sent_at=utcnow(), result=REJECTED, last_error=reason))


def test_nothing_open_counts_zero(ctx, admin):
    assert counts(ctx) == dict.fromkeys(WorkKind, 0)
    assert all(items(ctx, kind) == [] for kind in WorkKind)


def test_each_kind_counts_what_is_open(ctx, admin, tmp_path):
    printed = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    old = application_at(ctx, admin, Status.EXAMINED, tmp_path, first17=SECOND)
    _created(ctx, old, utcnow() - dt.timedelta(days=2))
    sent = application_at(ctx, admin, Status.SUBMITTED, tmp_path, first17=THIRD)
    assert counts(ctx) == {WorkKind.REVIEW: 0, WorkKind.UNSENT: 1, WorkKind.REFUSED: 0,
                           WorkKind.UNSIGNED: 1, WorkKind.OLD_DRAFTS: 1,
                           WorkKind.RETURNED: 0}
    (unsigned,) = items(ctx, WorkKind.UNSIGNED)
    assert (unsigned.key, unsigned.application_id, unsigned.status) == (
        str(printed), printed, "form_printed")
    assert unsigned.masked_id.startswith("110105") and "*" in unsigned.masked_id
    assert [i.application_id for i in items(ctx, WorkKind.OLD_DRAFTS)] == [old]
    (unsent,) = items(ctx, WorkKind.UNSENT)  # its photo and form count with it, once
    assert unsent.application_id == sent and unsent.number.startswith("SC001-")
    assert counts(ctx)[WorkKind.UNSENT] == syncing.sync_status(ctx).pending


def test_refused_shows_the_reason_until_dismissed(ctx, admin, tmp_path):
    sent = application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    _refuse(ctx, sent, "not allowed")
    assert counts(ctx)[WorkKind.REFUSED] == 1 and counts(ctx)[WorkKind.UNSENT] == 0
    (refused,) = items(ctx, WorkKind.REFUSED)
    assert (refused.application_id, refused.detail) == (sent, "not allowed")
    syncing.dismiss_rejections(ctx, [r.seq for r in syncing.rejections(ctx)])
    assert counts(ctx)[WorkKind.REFUSED] == 0 and items(ctx, WorkKind.REFUSED) == []


def test_a_refused_operation_of_no_application_is_listed_by_its_seq(ctx, admin):
    with ctx.sessions.begin() as session:
        session.add(OutboxEntry(kind="photo_receipt_issued", entity_id="R-0001", payload={},
                                sent_at=utcnow(), result=REJECTED, last_error="why"))
    (refused,) = items(ctx, WorkKind.REFUSED)
    assert refused.key.startswith("seq:") and refused.application_id is None
    assert (refused.number, refused.masked_id, refused.detail) == ("", "", "why")


def test_a_day_lists_only_that_days_applications(ctx, admin, tmp_path):
    yesterday = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    _created(ctx, yesterday, utcnow() - dt.timedelta(days=1))
    today = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path, first17=SECOND)
    day_before = TODAY - dt.timedelta(days=1)
    assert [i.application_id for i in items(ctx, WorkKind.UNSIGNED, day=TODAY)] == [today]
    assert [i.application_id for i in items(ctx, WorkKind.UNSIGNED, day=day_before)] == [
        yesterday]
    assert len(items(ctx, WorkKind.UNSIGNED)) == 2


def test_old_drafts_are_those_before_today(ctx, admin, tmp_path):
    draft = application_at(ctx, admin, Status.DRAFT, tmp_path)
    assert counts(ctx)[WorkKind.OLD_DRAFTS] == 0
    tomorrow = TODAY + dt.timedelta(days=1)
    assert counts(ctx, today=tomorrow)[WorkKind.OLD_DRAFTS] == 1
    # the day close of today asks as if tomorrow had come
    (old,) = items(ctx, WorkKind.OLD_DRAFTS, day=TODAY, today=tomorrow)
    assert (old.application_id, old.status) == (draft, "draft")
    assert items(ctx, WorkKind.OLD_DRAFTS, day=TODAY) == []


def test_keys_are_stable(ctx, admin, tmp_path):
    application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    first, again = items(ctx, WorkKind.UNSIGNED), items(ctx, WorkKind.UNSIGNED)
    assert first == again and uuid.UUID(first[0].key) == first[0].application_id


def test_the_rules_name_the_same_kinds():
    assert tuple(WorkKind) == ITEM_KINDS  # [day_close.reasons] kinds = [...]


def test_returned_applications_count_apart_from_those_waiting(ctx, admin, site_id, tmp_path):
    require_review(ctx)
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    boss = add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    waiting = application_at(ctx, clerk, Status.EXAMINED, tmp_path)
    returned = application_at(ctx, clerk, Status.EXAMINED, tmp_path, first17=SECOND)
    review.return_to_staff(ctx, boss, returned, "data_mismatch", "电话号码少一位")
    found = counts(ctx)
    assert (found[WorkKind.REVIEW], found[WorkKind.RETURNED]) == (1, 1)
    assert [i.application_id for i in items(ctx, WorkKind.REVIEW)] == [waiting]
    (item,) = items(ctx, WorkKind.RETURNED, day=TODAY)
    assert (item.application_id, item.status, item.detail, item.note) == (
        returned, "examined", "登记信息与证件不一致", "电话号码少一位")
    assert "*" in item.masked_id
    # corrected and examined again: it waits again, no longer returned
    intake.examine(ctx, clerk, returned, passed=True)
    assert counts(ctx)[WorkKind.RETURNED] == 0 and counts(ctx)[WorkKind.REVIEW] == 2
