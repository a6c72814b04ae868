"""The e-card at the window (issue 16), through the services: a card this counter holds,
an inquiry's answer, and the guide rendered for printing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
import subprocess
import uuid

import pytest

from counter_app.domain.cards import InvalidKind
from counter_app.domain.ecard import EcardReason
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services.auth import Forbidden
from counter_app.services import card_reports, collection, ecard, inquiry

from counter_app.store.models import CardRecord, InvalidEntry, utcnow
from tests.card_helpers import ADULT_ID, NOW, adult_card, child_card, pull_card
from tests.helpers import add_operator, child_id

CARD = "B23456789"


def card_of(ctx, admin, status: Status, number: str = CARD):
    """adult_card, its record pulled after the application last changed here (as a sync
    brings it), so the inquiry takes the card's status."""
    app_id = adult_card(ctx, admin, status, number)
    with ctx.sessions.begin() as session:
        session.get(CardRecord, app_id).updated_at = utcnow() + dt.timedelta(seconds=1)
    return app_id


def test_an_activated_card_allows_the_ecard_until_it_is_reported_lost(ctx, admin):
    adult_card(ctx, admin, Status.ACTIVATED, CARD)
    assert ecard.for_card(ctx, admin, CARD, now=NOW).claimable
    card_reports.report(ctx, admin, CARD, ADULT_ID, InvalidKind.TEMPORARY_LOSS, now=NOW)
    lost = ecard.for_card(ctx, admin, CARD, now=NOW + dt.timedelta(hours=1))
    assert (lost.reason, lost.kind) == (EcardReason.SUSPENDED, "temporary_loss")
    # the temporary report runs out (released in the default city): the e-card with it
    assert ecard.for_card(ctx, admin, CARD, now=NOW + dt.timedelta(days=7)).claimable
    card_reports.report(ctx, admin, CARD, ADULT_ID, InvalidKind.FORMAL_LOSS,
                        now=NOW + dt.timedelta(days=8))
    formal = ecard.for_card(ctx, admin, CARD, now=NOW + dt.timedelta(days=8, hours=1))
    assert (formal.reason, formal.kind) == (EcardReason.SUSPENDED, "formal_loss")


def test_a_cancelled_card_cancels_the_ecard(ctx, admin):
    adult_card(ctx, admin, Status.ACTIVATED, CARD)
    card_reports.report(ctx, admin, CARD, ADULT_ID, InvalidKind.CANCELLATION, now=NOW)
    assert ecard.for_card(ctx, admin, CARD, now=NOW).reason is EcardReason.CANCELLED


def test_a_card_collected_and_then_activated_at_the_window(ctx, admin):
    app_id = adult_card(ctx, admin, Status.AT_SITE, CARD)
    waiting = ecard.for_application(ctx, admin, app_id)
    assert waiting.reason is EcardReason.CARD_PENDING
    assert waiting.message.params == {"status": "at_site"}
    collection.collect(ctx, admin, app_id, ADULT_ID)
    assert ecard.for_application(ctx, admin, app_id).reason is EcardReason.NOT_ACTIVATED
    collection.activate(ctx, admin, app_id)
    assert ecard.for_application(ctx, admin, app_id).claimable


def test_the_collection_dialogs_cards_each_get_their_answer(ctx, admin, tmp_path):
    app_id = child_card(ctx, admin, tmp_path, Status.AT_SITE, "A12345678")
    cards = collection.find_for_collection(ctx, admin, child_id())
    answers = ecard.for_cards(ctx, admin, cards)
    assert list(answers) == [app_id]
    assert answers[app_id].reason is EcardReason.CARD_PENDING


def test_a_card_taken_in_elsewhere_is_judged_by_the_invalid_list(ctx, admin):
    with ctx.sessions.begin() as session:  # pulled from the central list
        session.add(InvalidEntry(id=uuid.uuid4(), card_number="C99887766", reason="formal_loss",
                                 level="national", listed_at=NOW, state="active"))
    answer = ecard.for_card(ctx, admin, "C99887766", now=NOW)
    assert answer.reason is EcardReason.SUSPENDED
    assert ecard.for_card(ctx, admin, "C11112222", now=NOW).reason is EcardReason.NO_CARD


def _asked(ctx, admin, number: str, now=NOW):
    return inquiry.look_up(ctx, number, operator=admin, offline=True, now=now)


def test_an_inquiry_for_an_activated_card_says_claimable(ctx, admin):
    card_of(ctx, admin, Status.ACTIVATED, CARD)
    assert ecard.for_inquiry(ctx, _asked(ctx, admin, ADULT_ID)).claimable
    assert ecard.for_inquiry(ctx, _asked(ctx, admin, CARD)).claimable


def test_an_inquiry_for_a_reported_card_says_suspended(ctx, admin):
    card_of(ctx, admin, Status.ACTIVATED, CARD)
    card_reports.report(ctx, admin, CARD, ADULT_ID, InvalidKind.TEMPORARY_LOSS, now=NOW)
    answer = ecard.for_inquiry(ctx, _asked(ctx, admin, ADULT_ID, NOW + dt.timedelta(hours=1)))
    assert answer.reason is EcardReason.SUSPENDED
    later = ecard.for_inquiry(ctx, _asked(ctx, admin, ADULT_ID, NOW + dt.timedelta(days=8)))
    assert later.claimable  # the entry settled with the inquiry's clock


def test_a_child_without_a_card_is_told_to_apply_first(ctx, admin):
    answer = ecard.for_inquiry(ctx, _asked(ctx, admin, child_id()))
    assert answer.reason is EcardReason.NO_CARD


def test_a_replacement_card_decides_once_the_old_one_is_lost(ctx, admin):
    card_of(ctx, admin, Status.ACTIVATED, CARD)
    card_reports.report(ctx, admin, CARD, ADULT_ID, InvalidKind.FORMAL_LOSS, now=NOW)
    new_card = card_of(ctx, admin, Status.IN_PRODUCTION, "B99990000")
    pending = ecard.for_inquiry(ctx, _asked(ctx, admin, ADULT_ID))
    assert pending.reason is EcardReason.CARD_PENDING  # the newest application's reason
    pull_card(ctx, new_card, Status.ACTIVATED, "B99990000")
    with ctx.sessions.begin() as session:
        session.get(CardRecord, new_card).updated_at = utcnow() + dt.timedelta(seconds=2)
    assert ecard.for_inquiry(ctx, _asked(ctx, admin, ADULT_ID)).claimable


def test_the_guide_is_rendered_without_personal_data_with_the_handling_point(ctx, admin):
    path = ecard.render_guide(ctx, admin, today=dt.date(2026, 12, 1))
    assert path.parent == ctx.settings.data_dir / "documents" / "ecard"
    assert not path.is_relative_to(ctx.settings.protected_dir)
    text = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    assert admin.site_name in text and "2026-12-01" in text and "亲情服务" in text


def test_photo_station_staff_print_no_guide(ctx, admin, site_id):
    photographer = add_operator(ctx, admin, site_id, "photo", {Role.PHOTO_STATION})
    with pytest.raises(Forbidden):
        ecard.render_guide(ctx, photographer)
    with pytest.raises(Forbidden):
        ecard.for_card(ctx, photographer, CARD)


def test_a_central_answer_matches_entries_to_cards_by_their_masked_numbers(ctx):
    from counter_app.domain.inquiry import NumberKind
    from counter_app.services.inquiry import (ApplicationFinding, CardFinding,
                                              InquiryResult, InvalidFinding)

    def app(number, card, status, received):
        return ApplicationFinding(number, "西城街道便民服务点", "later", status, received, None,
                                  None, CardFinding(card, "中国银行", status))

    lost = InvalidFinding("B****6789", "formal_loss", "national", "active", NOW, None, None)
    old = app("SB01-20160101-0001", "B****6789", "activated", dt.date(2016, 1, 1))
    new = app("SB01-20261120-0003", "B****0000", "at_site", dt.date(2026, 11, 20))
    result = InquiryResult(uuid.uuid4(), NumberKind.ID_NUMBER, "110105********0016",
                           "central", NOW, (old, new), (lost,))
    answer = ecard.for_inquiry(ctx, result)
    assert answer.reason is EcardReason.CARD_PENDING  # the replacement waits to be collected
    assert answer.message.params == {"status": "at_site"}
    only_old = replace(result, applications=(old,))
    assert ecard.for_inquiry(ctx, only_old).reason is EcardReason.SUSPENDED
    by_card = replace(result, kind=NumberKind.CARD_NUMBER, applications=())
    assert ecard.for_inquiry(ctx, by_card).reason is EcardReason.SUSPENDED  # the list alone
