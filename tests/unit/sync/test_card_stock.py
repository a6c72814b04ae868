"""Instant issuance's part of a sync (counter_app.sync.card_stock): the site setting and the
stock come down, runs of card numbers are reserved when few are left, a run reserved but
lost in a crash is recovered, a counter restored from an old backup never takes a number
again, and a central database not yet migrated leaves the sync working."""

import psycopg
import pytest
from sqlalchemy import delete, select

from counter_app.central import credentials
from counter_app.domain.lifecycle import Status
from counter_app.services import issuance
from counter_app.store.models import CardNumberRange, IssuedCardNumber
from counter_app.sync import card_stock
from tests.helpers import application_at
from tests.issuance_helpers import issue, make_instant, sync

pytestmark = pytest.mark.postgres


def _runs(ctx) -> list[tuple[int, int, int]]:
    with ctx.sessions() as session:
        return [(r.first_no, r.last_no, r.next_no) for r in session.scalars(
            select(CardNumberRange).order_by(CardNumberRange.first_no))]


def test_runs_are_reserved_when_few_are_left_and_a_lost_one_is_recovered(ctx, central):
    make_instant(central)
    sync(ctx)
    assert _runs(ctx) == [(1, 20, 1)]
    sync(ctx)  # 20 left, not below 10: nothing more
    assert _runs(ctx) == [(1, 20, 1)]
    url = credentials.load(ctx.files).url
    with psycopg.connect(url, autocommit=True) as conn:  # reserved; the answer lost
        assert conn.execute("SELECT central_card_reserve(5)").fetchone()[0] == 5
    sync(ctx)
    assert _runs(ctx) == [(1, 20, 1), (21, 25, 21)]
    with ctx.sessions.begin() as session:  # 21 of 25 taken: 4 left, below 10
        for run in session.scalars(select(CardNumberRange)):
            run.next_no = 17 if run.first_no == 1 else 26
    result = card_stock.refresh(ctx.sessions, _engine(ctx), reserve_count=20,
                                reserve_below=10)
    assert (result.instant, result.reserved, result.unused) == (True, 16, 20)
    assert _runs(ctx)[-1] == (26, 41, 26)


def _engine(ctx):
    from counter_app.central import database

    return database.engine_for(credentials.load(ctx.files).url)


def test_a_counter_restored_from_an_old_backup_never_takes_a_used_number(ctx, admin, central,
                                                                        tmp_path):
    make_instant(central)
    sync(ctx)
    first = application_at(ctx, admin, Status.SIGNED, tmp_path)
    assert issue(ctx, admin, first).card_number == "A00000001"
    sync(ctx)
    with ctx.sessions.begin() as session:  # as the backup had it: nothing taken yet
        session.execute(delete(IssuedCardNumber))
        for run in session.scalars(select(CardNumberRange)):
            run.next_no = run.first_no
    sync(ctx)
    second = application_at(ctx, admin, Status.SIGNED, tmp_path, first17="11010520240315011")
    assert issue(ctx, admin, second).card_number == "A00000002"
    assert sync(ctx).rejected == 0


def test_a_central_database_without_instant_issuance_leaves_the_sync_working(ctx, central):
    with psycopg.connect(central, autocommit=True) as conn:
        conn.execute("DROP FUNCTION central_card_stock()")
    assert sync(ctx).pending == 0
    assert not issuance.instant_here(ctx)
