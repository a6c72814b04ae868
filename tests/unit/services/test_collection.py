"""Collection at the original handling point and activation at the window: every move the
counter makes, every one it refuses, and who may take the card home."""

import datetime as dt

import pytest
from sqlalchemy import select

from counter_app.central.database import MSG_UNREACHABLE, SyncError
from counter_app.domain import collection as rules
from counter_app.domain.collection import CollectionRefused, Collector
from counter_app.domain.lifecycle import READY, IllegalTransition, Status
from counter_app.forms.qr import qr_payload
from counter_app.services import collection
from counter_app.services.collection import CollectionError
from counter_app.store.models import Application, AuditRecord, CardRecord, OutboxEntry
from tests.card_helpers import ADULT_ID, NOW, STRANGER_ID, adult_card, child_card, pull_card
from tests.helpers import GUARDIAN_ID, child_id
from tests.unit.documents.support import needs_poppler
from tests.unit.forms.test_documents import assert_fonts_embedded_and_subset, text_of
from tests.helpers import opened


def NOWHERE(_ctx, _wanted):  # noqa: N802 - the central side knows of no such card
    return []


def _number(ctx, app_id) -> str:
    with ctx.sessions() as session:
        return session.get(Application, app_id).number


def _card(ctx, app_id) -> CardRecord:
    with ctx.sessions() as session:
        return session.get(CardRecord, app_id)


def _outbox(ctx, kind) -> list[OutboxEntry]:
    with ctx.sessions() as session:
        return list(session.scalars(select(OutboxEntry).where(OutboxEntry.kind == kind)))


def _audits(ctx, action) -> list[AuditRecord]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


# --- finding the card ---------------------------------------------------------------------

def test_the_voucher_qr_the_number_and_both_id_numbers_find_a_childs_waiting_card(
        ctx, admin, tmp_path):
    app_id = child_card(ctx, admin, tmp_path)
    number = _number(ctx, app_id)
    for text in (qr_payload(number), number, f" {number.lower()} ", child_id(), GUARDIAN_ID):
        [card] = collection.find_for_collection(ctx, admin, text, lookup=NOWHERE)
        assert (card.application_id, card.card_number, card.status) == (
            app_id, "A12345678", "at_site")
        assert card.is_minor and card.guardian_name == "王建国"
        assert "*" in card.id_number_masked


@pytest.mark.parametrize("status, message", [
    (None, collection.MSG_NO_CARD_YET), (Status.IN_PRODUCTION, collection.MSG_NO_CARD_YET),
    (Status.PRODUCED, collection.MSG_NO_CARD_YET),
    (Status.PRODUCTION_FAILED, collection.MSG_NO_CARD_YET)])
def test_a_card_not_yet_here_cannot_be_collected(ctx, admin, tmp_path, status, message):
    app_id = child_card(ctx, admin, tmp_path, status or Status.SUBMITTED)
    if status is None:
        with ctx.sessions.begin() as session:
            session.delete(session.get(CardRecord, app_id))
    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx, admin, _number(ctx, app_id), lookup=NOWHERE)
    assert caught.value.template == message
    with pytest.raises(CollectionError):
        collection.collect(ctx, admin, app_id, GUARDIAN_ID)
    assert _outbox(ctx, "card_collected") == []


def test_a_card_collected_before_says_when(ctx, admin, tmp_path):
    app_id = child_card(ctx, admin, tmp_path)
    collection.collect(ctx, admin, app_id, GUARDIAN_ID, now=NOW)
    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx, admin, GUARDIAN_ID, lookup=NOWHERE)
    assert caught.value.template == collection.MSG_ALREADY_COLLECTED
    assert caught.value.params["date"] == "2026-12-01"


def test_a_card_waiting_at_another_handling_point_is_refused_with_its_name(ctx, admin):
    asked = []

    def elsewhere(_ctx, wanted):
        asked.append(wanted)
        return [("SB01", "示范街道便民服务点")]

    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx, admin, qr_payload("SB01-20261122-0001"),
                                       lookup=elsewhere)
    assert caught.value.template == collection.MSG_OTHER_SITE
    assert caught.value.params == {"site": "示范街道便民服务点", "code": "SB01"}
    assert "示范街道便民服务点" in str(caught.value)
    assert asked == ["SB01-20261122-0001"]  # the number from the voucher's QR code


def test_offline_the_other_handling_point_cannot_be_checked(ctx, admin):
    def offline(_ctx, _wanted):
        raise SyncError(MSG_UNREACHABLE)

    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx, admin, ADULT_ID, lookup=offline)
    assert caught.value.template == collection.MSG_CANNOT_CHECK


def test_unknown_everywhere_or_here_but_not_pulled_yet(ctx, admin):
    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx, admin, ADULT_ID, lookup=NOWHERE)
    assert caught.value.template == collection.MSG_NOT_FOUND_ANYWHERE
    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx, admin, ADULT_ID,
                                       lookup=lambda _c, _w: [("SC001", "here")])
    assert caught.value.template == collection.MSG_SYNC_FIRST
    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx, admin, "  ", lookup=NOWHERE)
    assert caught.value.template == collection.MSG_ENTER_NUMBER


# --- who takes it home ----------------------------------------------------------------------

def test_a_guardian_on_record_collects_a_childs_card(ctx, admin, tmp_path):
    app_id = child_card(ctx, admin, tmp_path)
    done = collection.collect(ctx, admin, app_id, GUARDIAN_ID.lower(), now=NOW)
    assert (done.collector, done.at) == (Collector.GUARDIAN, NOW)
    card = _card(ctx, app_id)
    assert (card.status, card.collected_at, card.collector) == ("collected", NOW, "guardian")
    [entry] = _outbox(ctx, "card_collected")
    assert entry.entity_id == str(app_id)
    assert entry.payload == {"application_id": str(app_id), "at": NOW.isoformat(),
                             "collector": "guardian", "operator": "admin"}
    [record] = _audits(ctx, "card_collected")
    assert (record.from_status, record.to_status, record.detail) == (
        "at_site", "collected", "collector=guardian")
    assert GUARDIAN_ID not in record.detail


def test_the_child_itself_or_a_stranger_is_refused_with_the_reason(ctx, admin, tmp_path):
    app_id = child_card(ctx, admin, tmp_path)
    for shown, message in ((child_id(), rules.MSG_CHILD_NEEDS_GUARDIAN),
                           (STRANGER_ID, rules.MSG_NOT_APPLICANT_OR_GUARDIAN),
                           ("", rules.MSG_NO_COLLECTOR_ID)):
        with pytest.raises(CollectionRefused) as caught:
            collection.collect(ctx, admin, app_id, shown, now=NOW)
        assert caught.value.template == message
    assert _card(ctx, app_id).status == "at_site"
    assert _outbox(ctx, "card_collected") == [] and _audits(ctx, "card_collected") == []


def test_an_adult_collects_in_person_and_nobody_else_does(ctx, admin):
    app_id = adult_card(ctx, admin, Status.NOTIFIED)
    with pytest.raises(CollectionRefused) as caught:
        collection.collect(ctx, admin, app_id, STRANGER_ID, now=NOW)
    assert caught.value.template == rules.MSG_NOT_APPLICANT
    assert collection.collect(ctx, admin, app_id, ADULT_ID, now=NOW).collector == "applicant"
    assert _card(ctx, app_id).status == "collected"


def test_the_id_shown_must_be_the_chosen_collectors(ctx, admin, tmp_path):
    app_id = child_card(ctx, admin, tmp_path)
    with pytest.raises(CollectionRefused) as caught:
        collection.collect(ctx, admin, app_id, child_id(), now=NOW, expected=Collector.GUARDIAN)
    assert caught.value.template == rules.MSG_NOT_A_GUARDIAN
    adult = adult_card(ctx, admin)
    with pytest.raises(CollectionRefused) as caught:
        collection.collect(ctx, admin, adult, GUARDIAN_ID, now=NOW, expected=Collector.APPLICANT)
    assert caught.value.template == rules.MSG_NOT_THE_APPLICANT
    assert collection.collect(ctx, admin, app_id, GUARDIAN_ID, now=NOW,
                              expected=Collector.GUARDIAN).collector == Collector.GUARDIAN


def test_a_child_who_has_since_grown_up_collects_in_person():
    assert rules.identify_collector(ADULT_ID, ADULT_ID, (GUARDIAN_ID,), 16, 16) == "applicant"
    with pytest.raises(CollectionRefused):
        rules.identify_collector(ADULT_ID, ADULT_ID, (GUARDIAN_ID,), 15, 16)


def test_another_sites_application_is_not_handed_over_here(ctx, admin, tmp_path):
    from counter_app.security.roles import Role
    from counter_app.services import auth
    from tests.helpers import add_operator

    other_site = auth.ensure_site(ctx, "SB01", "示范街道便民服务点")
    clerk = add_operator(ctx, admin, other_site, "clerk_b", {Role.WINDOW_STAFF})
    app_id = child_card(ctx, admin, tmp_path)
    with pytest.raises(CollectionError) as caught:
        collection.find_for_collection(ctx, clerk, GUARDIAN_ID, lookup=NOWHERE)
    assert caught.value.params == {"site": "示范社保服务中心", "code": "SC001"}
    with pytest.raises(CollectionError) as caught:
        collection.collect(ctx, clerk, app_id, GUARDIAN_ID)
    assert caught.value.template == collection.MSG_NOT_THIS_SITE


# --- every counter move, every refused one ---------------------------------------------------

@pytest.mark.parametrize("status", sorted(READY))
def test_collection_from_each_ready_state_then_activation(ctx, admin, tmp_path, status):
    app_id = child_card(ctx, admin, tmp_path, status)
    collection.collect(ctx, admin, app_id, GUARDIAN_ID, now=NOW)
    later = NOW + dt.timedelta(days=3)
    [found] = collection.find_for_activation(ctx, admin, _number(ctx, app_id))
    assert found.status == "collected"
    assert collection.activate(ctx, admin, app_id, now=later) == Status.ACTIVATED
    card = _card(ctx, app_id)
    assert (card.status, card.activated_at) == ("activated", later)
    with ctx.sessions() as session:
        assert session.get(Application, app_id).status == "activated"
    [entry] = _outbox(ctx, "card_activated")
    assert entry.payload == {"application_id": str(app_id), "at": later.isoformat(),
                             "operator": "admin"}
    [record] = _audits(ctx, "card_activated")
    assert (record.from_status, record.to_status) == ("collected", "activated")


NOT_READY = sorted(set(Status) - READY - {Status.DRAFT})


@pytest.mark.parametrize("status", NOT_READY)
def test_collection_is_refused_from_every_other_state(ctx, admin, tmp_path, status):
    app_id = child_card(ctx, admin, tmp_path, status)
    with pytest.raises(CollectionError):
        collection.collect(ctx, admin, app_id, GUARDIAN_ID, now=NOW)
    assert _card(ctx, app_id).status == status.value
    assert _outbox(ctx, "card_collected") == []


@pytest.mark.parametrize("status", sorted(set(Status) - {Status.COLLECTED, Status.DRAFT}))
def test_activation_is_refused_unless_collected(ctx, admin, tmp_path, status):
    app_id = child_card(ctx, admin, tmp_path, status)
    with pytest.raises(CollectionError) as caught:
        collection.activate(ctx, admin, app_id, now=NOW)
    assert caught.value.template == collection.MSG_NOT_COLLECTED
    with pytest.raises(CollectionError):
        collection.find_for_activation(ctx, admin, GUARDIAN_ID)
    assert _card(ctx, app_id).status == status.value
    assert _outbox(ctx, "card_activated") == []


def test_the_lifecycle_itself_refuses_what_the_counter_may_not_do():
    from counter_app.domain.lifecycle import Actor, check_transition

    for current in READY:
        assert check_transition(current, Status.COLLECTED, Actor.COUNTER) == Status.COLLECTED
    assert check_transition(Status.COLLECTED, Status.ACTIVATED, Actor.COUNTER)
    with pytest.raises(IllegalTransition):
        check_transition(Status.AT_SITE, Status.ACTIVATED, Actor.COUNTER)
    with pytest.raises(IllegalTransition):
        check_transition(Status.PRODUCED, Status.AT_SITE, Actor.COUNTER)  # the card centre's


# --- the receipt ------------------------------------------------------------------------------

@needs_poppler
def test_the_collection_receipt_says_who_took_which_card_when(ctx, admin, tmp_path):
    app_id = child_card(ctx, admin, tmp_path)
    with pytest.raises(CollectionError):  # not before the card is handed over
        collection.collection_receipt(ctx, admin, app_id)
    collection.collect(ctx, admin, app_id, GUARDIAN_ID, now=NOW)
    pdf = collection.collection_receipt(ctx, admin, app_id)
    assert pdf.is_relative_to(ctx.settings.protected_dir) and str(app_id) in pdf.name
    text = text_of(opened(ctx, pdf))
    flat = text.replace(" ", "")
    for expected in ("社会保障卡领取回执", "领卡人留存联", "受理网点存根联", _number(ctx, app_id),
                     "王䶮", "王建国（父亲）", "监护人", "A12***678", "中国工商银行",
                     "示范社保服务中心", "领卡人签名"):
        assert expected in flat, expected
    assert child_id() not in flat and GUARDIAN_ID not in flat  # masked on paper
    assert "110105********002X" in flat
    assert_fonts_embedded_and_subset(opened(ctx, pdf))
    assert _audits(ctx, "collection_receipt_printed")


@needs_poppler
def test_the_receipts_qr_code_reads_back_as_the_application_number(ctx, admin, tmp_path):
    import cv2

    from counter_app.forms.qr import parse_qr_payload
    from tests.unit.documents.support import page_image

    app_id = adult_card(ctx, admin)
    collection.collect(ctx, admin, app_id, ADULT_ID, now=NOW)
    page = page_image(opened(ctx, collection.collection_receipt(ctx, admin, app_id)))
    top = page[: page.shape[0] // 2]
    text, _points, _ = cv2.QRCodeDetector().detectAndDecode(top)
    assert parse_qr_payload(text) == _number(ctx, app_id)


def test_pulled_again_the_card_centres_word_wins(ctx, admin, tmp_path):
    """A pull overwrites the local card record: the central side owns the card status."""
    app_id = child_card(ctx, admin, tmp_path)
    collection.collect(ctx, admin, app_id, GUARDIAN_ID, now=NOW)
    pull_card(ctx, app_id, Status.AT_SITE)  # e.g. the central side refused the collection
    assert _card(ctx, app_id).status == "at_site"
