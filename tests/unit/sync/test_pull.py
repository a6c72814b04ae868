"""Pull by a cursor that cannot skip a row committed late, on PostgreSQL and SQLite."""

import datetime as dt
import time
import uuid

import psycopg
import pytest
from sqlalchemy import select

from counter_app.central.admin import publish_preapplication
from counter_app.services import syncing
from counter_app.store.models import CardRecord, InvalidEntry
from tests.helpers import database_text


LISTED_HOLDER = "110105201903150038"


def _list_card(conn, card_number: str) -> None:
    conn.execute("INSERT INTO central_invalid_list (id, card_number, id_number, reason, level,"
                 " listed_at) VALUES (%s, %s, %s, 'lost', 'city', now())",
                 (uuid.uuid4(), card_number, LISTED_HOLDER))


def _sync_until(ctx, url, done, feed="invalid_list") -> int:
    """Sync until done(pulled so far) holds: the cursor rightly waits for ANY transaction
    still open on the server (other databases' too), so on a busy server a row can take
    a few cycles to come down. How many rows of *feed* came down in all."""
    pulled = 0
    for _ in range(100):
        pulled += syncing.sync_now(ctx).pulled[feed]
        if done(pulled):
            return pulled
        time.sleep(0.05)
    return pulled


def _local_cards(ctx) -> set[str]:
    with ctx.sessions() as session:
        return set(session.scalars(select(InvalidEntry.card_number)))


@pytest.mark.postgres
def test_a_row_committed_late_is_not_skipped(ctx, site_id, central):
    syncing.sync_now(ctx)  # the cursor starts past everything already there
    early = psycopg.connect(central)  # begins first, so it holds the smaller transaction id
    _list_card(early, "EARLY-COMMITS-LATE")
    with psycopg.connect(central) as late:
        _list_card(late, "LATE-COMMITS-EARLY")
        late.commit()

    # A cursor on "highest id seen" would now pass the early row for good; ours waits.
    syncing.sync_now(ctx)
    assert "EARLY-COMMITS-LATE" not in _local_cards(ctx)
    early.commit()
    early.close()
    _sync_until(ctx, central, lambda _: {"EARLY-COMMITS-LATE"} <= _local_cards(ctx))
    assert {"EARLY-COMMITS-LATE", "LATE-COMMITS-EARLY"} <= _local_cards(ctx)


@pytest.mark.postgres
def test_a_card_record_committed_late_is_not_skipped(ctx, admin, tmp_path, central):
    """The same for the site's own card records, which come through central_card_feed
    (the device may not select the table): the function reads in the pull's snapshot."""
    from tests.sync_helpers import submit_child

    early_id, late_id = (submit_child(ctx, admin, tmp_path, sequence=n) for n in (3, 7))
    syncing.sync_now(ctx)
    _sync_until(ctx, central, lambda _: _local_statuses(ctx) == {
        early_id: "submitted", late_id: "submitted"}, feed="card_records")
    set_status = ("UPDATE central_card_records SET status = 'in_production' "
                  "WHERE application_id = %s")
    early = psycopg.connect(central)  # begins first, so it holds the smaller transaction id
    early.execute(set_status, (early_id,))
    with psycopg.connect(central) as late:
        late.execute(set_status, (late_id,))
        late.commit()

    syncing.sync_now(ctx)
    assert _local_statuses(ctx)[early_id] == "submitted"
    early.commit()
    early.close()
    _sync_until(ctx, central, lambda _: _local_statuses(ctx)[early_id] == "in_production",
                feed="card_records")
    assert _local_statuses(ctx) == {early_id: "in_production", late_id: "in_production"}


def _local_statuses(ctx) -> dict[str, str]:
    with ctx.sessions() as session:
        return {str(card.application_id): card.status
                for card in session.scalars(select(CardRecord))}


@pytest.mark.postgres
def test_a_changed_row_comes_down_again_and_nothing_else_does(ctx, site_id, central):
    with psycopg.connect(central) as conn:
        _list_card(conn, "RELEASED-LATER")
    _sync_until(ctx, central, lambda _: "RELEASED-LATER" in _local_cards(ctx))
    assert syncing.sync_now(ctx).pulled["invalid_list"] == 0  # nothing new
    with psycopg.connect(central) as conn:
        conn.execute("UPDATE central_invalid_list SET released_at = now() "
                     "WHERE card_number = 'RELEASED-LATER'")
    assert _sync_until(ctx, central, lambda pulled: pulled >= 1) == 1
    with ctx.sessions() as session:
        entry = session.scalars(select(InvalidEntry).where(
            InvalidEntry.card_number == "RELEASED-LATER")).one()
        assert entry.released_at is not None


def test_no_city_wide_personal_data_comes_down(ctx, site_id, central):
    """The invalid list comes down without whose card it is; pre-applications and photo
    receipts do not come down at all (they are looked up one at a time)."""
    publish_preapplication(central, "WS123456", {"business_type": "newborn", "applicant": {
        "name": "王小明", "id_number": "110105201605045070"}})
    with psycopg.connect(central) as conn:
        _list_card(conn, "LISTED-ELSEWHERE")
    _sync_until(ctx, central, lambda _: "LISTED-ELSEWHERE" in _local_cards(ctx))
    assert set(syncing.sync_now(ctx).pulled) == {"card_records", "invalid_list"}
    stored = database_text(ctx)  # everything the database holds, opened with its key
    assert "LISTED-ELSEWHERE" in stored  # the entry itself is here ...
    for personal in (LISTED_HOLDER, "110105201605045070", "王小明", "WS123456"):
        assert personal not in stored  # ... nobody's ID number, name or number


def test_card_status_belongs_to_the_central_side(ctx, admin, tmp_path, central):
    """The card centre's word overwrites the counter's copy; other sites' cards stay away."""
    from sqlalchemy import insert, update

    from counter_app.central import database
    from counter_app.central.schema import card_records, sites
    from tests.sync_helpers import submit_child

    app_id = uuid.UUID(submit_child(ctx, admin, tmp_path))
    syncing.sync_now(ctx)
    engine = database.open_central(central)
    with engine.begin() as conn:
        own = conn.execute(select(sites.c.id).where(sites.c.code == "SC001")).scalar_one()
        other = uuid.uuid4()
        conn.execute(insert(sites).values(id=other, code="SX99", name="x", kind="street_point",
                                          created_at=dt.datetime(2026, 1, 1)))
        conn.execute(update(card_records).where(card_records.c.application_id == app_id)
                     .values(status="in_production"))
        conn.execute(insert(card_records).values(
            site_id=other, application_id=uuid.uuid4(), status="in_production",
            updated_at=dt.datetime(2026, 11, 1)))
    syncing.sync_now(ctx)
    with engine.begin() as conn:
        conn.execute(update(card_records).where(card_records.c.application_id == app_id)
                     .values(status="produced", card_number="A12345678"))
    engine.dispose()
    syncing.sync_now(ctx)
    with ctx.sessions() as session:
        cards = session.scalars(select(CardRecord)).all()
    assert [(c.application_id, c.status, c.card_number) for c in cards] == [
        (app_id, "produced", "A12345678")]


def test_an_arriving_application_starts_the_promise_and_the_counter_follows_its_card(
        ctx, admin, tmp_path, central):
    """The central side makes the card record (due date) on arrival; the card centre's
    moves come back down and move the counter's own application along."""
    from sqlalchemy import update

    from counter_app.central import database
    from counter_app.central.schema import applications, card_records, status_history
    from counter_app.domain.lifecycle import Status
    from counter_app.store.models import Application
    from tests.sync_helpers import submit_child

    app_id = uuid.UUID(submit_child(ctx, admin, tmp_path))
    syncing.sync_now(ctx)
    with ctx.sessions() as session:
        card = session.get(CardRecord, app_id)
        assert card.status == "submitted"
        assert card.due_date == dt.date.today() + dt.timedelta(days=30)
    engine = database.open_central(central)
    with engine.begin() as conn:
        assert conn.execute(select(status_history.c.to_status, status_history.c.actor)).all(
        ) == [("submitted", "counter")]
        conn.execute(update(applications).values(status="in_production"))
        conn.execute(update(card_records).values(status="in_production"))
    syncing.sync_now(ctx)  # a resend of nothing; the card record comes down
    engine.dispose()
    with ctx.sessions() as session:
        assert session.get(Application, app_id).status == Status.IN_PRODUCTION
