"""Photo receipts through the services: a studio's receipt found in the registry pulled
from the central database and its photo attached after the checks, an unknown one
recorded for the card centre, and receipts issued by a photo station of ours that the
window attaches exactly like a studio's."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

import psycopg
import pytest
from sqlalchemy import select

from counter_app.central import database
from counter_app.central.lookup import LookupRefused
from counter_app.central.schema import photo_receipts as central_receipts
from counter_app.config import Settings
from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import Status
from counter_app.photo.decoding import PhotoError
from counter_app.photo.receipts import STATION, STUDIO, check_receipt
from counter_app.security import audit
from counter_app.security.roles import Role
from counter_app.services import auth, intake, photo_receipts, photo_station, printing, syncing
from counter_app.services.auth import Forbidden
from counter_app.services.context import open_context
from counter_app.services.intake import IntakeError
from counter_app.store.models import Application, AuditRecord, OutboxEntry, Photo, PhotoReceipt
from tests.helpers import PASSWORD, add_operator, application_at
from tests.unit.photo import portraits

STUDIO_NUMBER = "ZP2024031500016"  # ZP, 12 digits, ISO 7064 MOD 11-2


@pytest.fixture
def examined(ctx, admin, tmp_path):
    return application_at(ctx, admin, Status.EXAMINED, tmp_path)


@pytest.fixture
def window_staff(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "window", {Role.WINDOW_STAFF})


@pytest.fixture
def supervisor(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "super", {Role.SUPERVISOR})


def publish_studio_receipt(url: str, number: str, photo: bytes | None,
                           created_at: dt.datetime | None = None) -> None:
    """What the studios' feed does: a receipt (with its photo) in the central registry."""
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            connection.execute(central_receipts.insert().values(
                number=number, issuer_site_id=None, issuer="阳光照相馆",
                photo_sha256=hashlib.sha256(photo).hexdigest() if photo else None,
                photo=photo, created_at=created_at or database.utcnow()))
    finally:
        engine.dispose()


def studio_receipt(ctx, photo: bytes | None, number: str = STUDIO_NUMBER, **when) -> None:
    """Publish centrally: the window looks it up when the number is scanned. (*ctx* is
    enrolled by the `central` fixture.)"""
    publish_studio_receipt(ctx.__dict__["central_admin_url"], number, photo, **when)


def photos_of(ctx, application_id) -> list[Photo]:
    with ctx.sessions() as session:
        return list(session.scalars(select(Photo).where(Photo.application_id == application_id)
                                    .order_by(Photo.created_at)))


def actions_of(ctx, entity_id) -> list[AuditRecord]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AuditRecord).where(
            AuditRecord.entity_id == str(entity_id)).order_by(AuditRecord.id)))


def payload_of(ctx, application_id) -> dict:
    with ctx.sessions() as session:
        return intake.application_payload(session.get(Application, application_id),
                                          "SC001")


# --- at the window --------------------------------------------------------------------

def test_a_studio_receipt_in_the_registry_brings_its_photo_checked_and_finished(
        ctx, window_staff, examined, central):
    studio_photo = portraits.jpeg(portraits.passing())  # a studio sends what it took
    studio_receipt(ctx, studio_photo)

    attached = photo_receipts.attach_receipt(ctx, window_staff, examined, "zp-2024 0315 0001-6")

    assert attached.found and attached.number == STUDIO_NUMBER
    assert attached.issuer == "阳光照相馆" and attached.step.status is Status.PHOTO_OK
    [photo] = photos_of(ctx, examined)
    assert (photo.source, photo.receipt_number, photo.width, photo.height) == (
        "receipt", STUDIO_NUMBER, 358, 441)
    finished = ctx.settings.protected_dir / photo.path
    assert 14 * 1024 <= len(ctx.files.read(finished)) <= 20 * 1024  # cut to this city's profile
    assert hashlib.sha256(ctx.files.read(finished)).hexdigest() == photo.sha256
    assert photo_station.current_photo(ctx, examined).path == finished
    [record] = [a for a in actions_of(ctx, examined) if a.action == "photo_receipt_attached"]
    assert (record.from_status, record.to_status) == ("examined", "photo_ok")
    assert record.detail.endswith("; receipt=studio; lookup=found")
    assert payload_of(ctx, examined)["photo"] == {
        "source": "receipt", "sha256": photo.sha256,
        "receipt": {"number": STUDIO_NUMBER, "status": "attached"}}


def test_receipts_never_expire(ctx, admin, examined, central):
    studio_receipt(ctx, portraits.jpeg(portraits.passing()),
                   created_at=dt.datetime(2009, 6, 1))
    attached = photo_receipts.attach_receipt(ctx, admin, examined, STUDIO_NUMBER)
    assert attached.found and attached.step.status is Status.PHOTO_OK


def test_a_number_not_in_the_registry_is_recorded_for_the_card_centre(
        ctx, admin, window_staff, examined):
    application_id = examined
    attached = photo_receipts.attach_receipt(ctx, window_staff, application_id,
                                             "zp 2024 0315 0001 6")

    assert not attached.found and attached.step.status is Status.PHOTO_OK
    [photo] = photos_of(ctx, application_id)
    assert (photo.source, photo.receipt_number, photo.sha256, photo.path) == (
        "receipt", STUDIO_NUMBER, "", "")
    record = photo_station.current_photo(ctx, application_id)
    assert record.path is None and record.receipt_number == STUDIO_NUMBER
    [audit_row] = [a for a in actions_of(ctx, application_id)
                   if a.action == "photo_receipt_recorded"]
    assert audit_row.detail == "receipt=studio; lookup=pending"

    # ...and it travels with the application to the card centre, marked pending.
    intake.record_form_printed(ctx, admin, application_id,
                               printing.render_form(ctx, admin, application_id))
    intake.mark_signed(ctx, admin, application_id)
    intake.submit(ctx, admin, application_id)
    with ctx.sessions() as session:
        [sent] = session.scalars(select(OutboxEntry).where(
            OutboxEntry.kind == "application_submitted")).all()
    assert sent.payload["photo_sha256"] is None
    assert sent.payload["photo"] == {"source": "receipt", "sha256": None,
                                     "receipt": {"number": STUDIO_NUMBER,
                                                 "status": "pending"}}


def test_a_pending_receipt_entered_again_after_the_registry_has_it_is_attached(
        ctx, window_staff, examined, central):
    first = photo_receipts.attach_receipt(ctx, window_staff, examined, STUDIO_NUMBER)
    assert not first.found
    studio_receipt(ctx, portraits.jpeg(portraits.passing()))
    again = photo_receipts.attach_receipt(ctx, window_staff, examined, STUDIO_NUMBER)
    assert again.found
    assert payload_of(ctx, examined)["photo"]["receipt"]["status"] == "attached"


def test_a_registry_entry_without_a_photo_stays_pending(ctx, window_staff, examined, central):
    studio_receipt(ctx, None)
    lookup = photo_receipts.look_up(ctx, STUDIO_NUMBER)
    assert not lookup.found and lookup.issuer == "阳光照相馆"
    assert not photo_receipts.attach_receipt(ctx, window_staff, examined, STUDIO_NUMBER).found


def test_unanswered_or_damaged_the_receipt_is_pending_and_says_why(
        ctx, window_staff, examined, central):
    photo = portraits.jpeg(portraits.passing())
    publish_studio_receipt(central, STUDIO_NUMBER, photo)
    with psycopg.connect(central) as conn:  # the registry's photo no longer its hash
        conn.execute("UPDATE central_photo_receipts SET photo = %s", (photo[:-10],))
    damaged = photo_receipts.look_up(ctx, STUDIO_NUMBER, "window")
    assert not damaged.found and damaged.note.template == photo_receipts.MSG_DAMAGED_PHOTO
    with psycopg.connect(central) as conn:
        conn.execute("UPDATE central_sites SET lookup_budget = 1")
    refused = photo_receipts.look_up(ctx, STUDIO_NUMBER, "window")
    assert not refused.found and isinstance(refused.note, LookupRefused)
    attached = photo_receipts.attach_receipt(ctx, window_staff, examined, STUDIO_NUMBER)
    assert not attached.found  # recorded for the card centre: the queue goes on
    with ctx.sessions() as session:
        assert session.get(PhotoReceipt, STUDIO_NUMBER) is None  # nothing kept of it


def test_a_studio_photo_that_fails_a_check_needs_a_supervisor_and_a_reason(
        ctx, window_staff, supervisor, examined, central):
    studio_receipt(ctx, portraits.jpeg(portraits.tilted()))
    lookup = photo_receipts.look_up(ctx, STUDIO_NUMBER)
    assert lookup.found and lookup.kind == STUDIO
    assert [c.name for c in lookup.assessment.failed] == ["roll"]  # what the window shows

    with pytest.raises(Forbidden) as caught:
        photo_receipts.attach_receipt(ctx, window_staff, examined, STUDIO_NUMBER)
    assert caught.value.template == photo_station.MSG_NEEDS_OVERRIDE
    with pytest.raises(ValidationError) as caught:
        photo_receipts.attach_receipt(ctx, supervisor, examined, STUDIO_NUMBER, " ")
    assert caught.value.field == "override_reason"
    assert photos_of(ctx, examined) == []  # nothing changed

    photo_receipts.attach_receipt(ctx, supervisor, examined, STUDIO_NUMBER, "老人颈椎不便")
    assert photos_of(ctx, examined)[-1].receipt_number == STUDIO_NUMBER
    [override] = [a for a in actions_of(ctx, examined) if a.action == "photo_check_overridden"]
    assert override.detail == "profile=ga461; failed=roll; reason=老人颈椎不便"


def test_a_registry_photo_without_a_face_cannot_be_accepted(ctx, admin, examined, central):
    studio_receipt(ctx, portraits.jpeg(portraits.no_face()))
    with pytest.raises(PhotoError):
        photo_receipts.attach_receipt(ctx, admin, examined, STUDIO_NUMBER, "whatever")


@pytest.mark.parametrize("typed, words", [
    ("", "Please type"), ("12-34", "too short"), ("照相馆123456", "too short"),
    ("ZP2024031500017", "check digit"),  # the studio's number with its last digit mistyped
    ("ZP20240315001", "too short"),      # the old 8-20 letters and digits: no longer enough
    ("XP2024031500016", "known prefix")])
def test_a_number_in_no_known_format_is_refused_in_words(ctx, window_staff, examined, typed,
                                                          words):
    with pytest.raises(ValidationError) as caught:
        photo_receipts.attach_receipt(ctx, window_staff, examined, typed)
    assert caught.value.field == "receipt_number" and words in str(caught.value)
    assert photos_of(ctx, examined) == []


def test_roles_and_the_photo_step(ctx, admin, site_id, examined, tmp_path):
    card_centre = add_operator(ctx, admin, site_id, "centre", {Role.CARD_CENTRE})
    with pytest.raises(Forbidden):
        photo_receipts.attach_receipt(ctx, card_centre, examined, STUDIO_NUMBER)
    signed = application_at(ctx, admin, Status.SIGNED, tmp_path, "李𠮷", "11010520240315005")
    with pytest.raises(IntakeError):
        photo_receipts.attach_receipt(ctx, admin, signed, STUDIO_NUMBER)


# --- at a photo station of ours ---------------------------------------------------------

@pytest.fixture
def photographer(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "photo", {Role.PHOTO_STATION})


def test_a_finished_capture_issues_a_receipt_kept_and_queued_together(ctx, photographer):
    original = portraits.jpeg(portraits.passing())
    issued = photo_receipts.issue_receipt(ctx, photographer, original,
                                          today=dt.date(2026, 11, 22))

    mark = ctx.device_id.hex[:6].upper()
    assert issued.number == f"SC00120261122{mark}0001"
    assert check_receipt(issued.number).kind == STATION
    assert issued.issuer == "示范社保服务中心"
    jpeg = ctx.files.read(issued.photo_path)
    assert hashlib.sha256(jpeg).hexdigest() == issued.photo_sha256
    receipts = ctx.settings.protected_dir / "receipts"
    assert issued.photo_path == receipts / f"{issued.photo_sha256}.jpg"
    assert 14 * 1024 <= len(jpeg) <= 20 * 1024  # finished to the profile
    with ctx.sessions() as session:
        receipt = session.get(PhotoReceipt, issued.number)
        [entry] = session.scalars(select(OutboxEntry)).all()
    assert (receipt.issuer, receipt.photo_sha256) == (issued.issuer, issued.photo_sha256)
    assert (entry.kind, entry.entity_id) == ("photo_receipt_issued", issued.number)
    assert base64.b64decode(entry.payload["photo_base64"]) == jpeg
    assert entry.payload["photo_sha256"] == issued.photo_sha256
    [record] = actions_of(ctx, issued.number)
    assert record.action == "photo_receipt_issued" and record.operator_id == photographer.id
    assert f"original={hashlib.sha256(original).hexdigest()}" in record.detail

    second = photo_receipts.issue_receipt(ctx, photographer, original,
                                          today=dt.date(2026, 11, 22))
    assert second.number == f"SC00120261122{mark}0002"
    tomorrow = photo_receipts.issue_receipt(ctx, photographer, original,
                                            today=dt.date(2026, 11, 23))
    assert tomorrow.number.endswith("0001")


def test_nothing_is_kept_when_the_transaction_fails(ctx, photographer, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        photo_receipts.issue_receipt(ctx, photographer, portraits.jpeg(portraits.passing()))
    with ctx.sessions() as session:
        assert session.scalars(select(PhotoReceipt)).all() == []
        assert session.scalars(select(OutboxEntry)).all() == []


def test_two_stations_of_one_site_never_share_a_number(tmp_path, ctx, photographer):
    other = open_context(Settings(data_dir=tmp_path / "station2", config_dir=tmp_path / "c2"))
    site = auth.ensure_site(other, "SC001", "示范社保服务中心")
    auth.create_operator(other, site_id=site, username="photo2", display_name="photo2",
                         password=PASSWORD, roles={Role.PHOTO_STATION})
    photographer2 = auth.login(other, "photo2", PASSWORD)
    day, capture = dt.date(2026, 11, 22), portraits.jpeg(portraits.passing())

    numbers = {photo_receipts.issue_receipt(station, operator, capture, today=day).number
               for station, operator in ((ctx, photographer), (other, photographer2))
               for _ in range(2)}
    assert len(numbers) == 4
    assert {re.sub(r"\d{4}$", "", n) for n in numbers} == {
        f"SC00120261122{ctx.device_id.hex[:6].upper()}",
        f"SC00120261122{other.device_id.hex[:6].upper()}"}


def test_a_failing_capture_issues_no_receipt_without_an_override(ctx, photographer,
                                                                 supervisor):
    tilted = portraits.jpeg(portraits.tilted())
    with pytest.raises(Forbidden):
        photo_receipts.issue_receipt(ctx, photographer, tilted)
    issued = photo_receipts.issue_receipt(ctx, supervisor, tilted, "颈部支具")
    overrides = [a for a in actions_of(ctx, issued.number)
                 if a.action == "photo_check_overridden"]
    assert [a.detail for a in overrides] == ["profile=ga461; failed=roll; reason=颈部支具"]


def test_the_slip_of_an_issued_receipt(ctx, photographer):
    issued = photo_receipts.issue_receipt(ctx, photographer, portraits.jpeg(portraits.passing()))
    slip = photo_receipts.receipt_slip(ctx, photographer, issued.number)
    assert slip.is_relative_to(ctx.settings.protected_dir) and ctx.files.read(slip)[:4] == b"%PDF"
    assert [a.action for a in actions_of(ctx, issued.number)] == [
        "photo_receipt_issued", "photo_receipt_printed"]
    with pytest.raises(photo_receipts.ReceiptError):
        photo_receipts.receipt_slip(ctx, photographer, "SC00120261122AAAAAA0001")


def test_a_station_receipt_reaches_another_window_through_the_central_registry(
        tmp_path, ctx, photographer, central):
    """The whole loop: the station issues and syncs; a window elsewhere (its own data
    directory, the same central database) syncs, looks the number up and attaches it."""
    issued = photo_receipts.issue_receipt(ctx, photographer, portraits.jpeg(portraits.passing()))
    pushed = syncing.sync_now(ctx)
    assert (pushed.sent, pushed.rejected) == (1, 0)

    from counter_app.central.admin import add_device, add_site
    from counter_app.services.enrolment import enrol

    window = open_context(Settings(data_dir=tmp_path / "window", config_dir=tmp_path / "wc",
                                   central_url=central))
    add_site(central, "SC002", "朝阳区社会保障服务中心")
    enrol(window, add_device(central, "SC002", "window-1").code())
    site = auth.ensure_site(window, "SC002", "朝阳区社会保障服务中心")
    auth.create_operator(window, site_id=site, username="clerk", display_name="clerk",
                         password=PASSWORD, roles={Role.WINDOW_STAFF})
    clerk = auth.login(window, "clerk", PASSWORD)
    application_id = application_at(window, clerk, Status.EXAMINED, tmp_path)
    lookup = photo_receipts.look_up(window, issued.number, "clerk")  # asked centrally
    assert lookup.found and lookup.kind == STATION and lookup.issuer == issued.issuer
    assert hashlib.sha256(lookup.photo).hexdigest() == issued.photo_sha256
    attached = photo_receipts.attach_receipt(window, clerk, application_id,
                                             "-".join(re.findall(".{1,5}", issued.number)))
    assert attached.found and attached.step.status is Status.PHOTO_OK
    [photo] = photos_of(window, application_id)
    assert (photo.source, photo.receipt_number) == ("receipt", issued.number)


def test_enrolled_stations_mark_their_receipts_with_their_counter_number(ctx, photographer):
    """Counter numbers are handed out centrally, one per device of a site: no clash
    between two enrolled stations, whatever their device ids."""
    from counter_app.store.models import Meta

    with ctx.sessions.begin() as session:
        session.merge(Meta(key="counter_no", value="2"))
    issued = photo_receipts.issue_receipt(ctx, photographer,
                                          portraits.jpeg(portraits.passing()),
                                          today=dt.date(2026, 11, 22))
    assert issued.number == "SC00120261122000002" + "0001"
