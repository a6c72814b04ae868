import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from counter_app.domain.business import MSG_PAST_WINDOW, BusinessType
from counter_app.domain.errors import ValidationError
from counter_app.domain.lifecycle import IllegalTransition, Status
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.photo.importer import PhotoError
from counter_app.security.roles import Role
from counter_app.services import auth, intake, photo_station, printing, queue
from counter_app.store.models import Application, AuditRecord, OutboxEntry
from tests.helpers import (GUARDIAN_ID, add_operator, child_id, newborn_day, newborn_id,
                           write_photo)

CHILD = ApplicantDetails(
    name="王䶮", id_number=child_id(), phone="13800138000",
    guardian=GuardianDetails("王建国", "父亲", GUARDIAN_ID, "13800138001"))
NEWBORN_REQUIRED = {"household_register", "birth_certificate", "guardian_id_card",
                    "insurance_enrolment"}


@pytest.fixture
def photo_file(tmp_path):
    return write_photo(tmp_path / "photo.jpg")


def audit_actions(ctx, application_id):
    with ctx.sessions() as session:
        return [a.action for a in session.scalars(
            select(AuditRecord).where(AuditRecord.entity_id == str(application_id))
            .order_by(AuditRecord.id))]


def take_to_examined(ctx, operator):
    step = intake.save_applicant(ctx, operator, BusinessType.NEWBORN, CHILD, today=newborn_day())
    intake.record_materials(ctx, operator, step.id, NEWBORN_REQUIRED)
    return intake.examine(ctx, operator, step.id, passed=True)


def test_the_whole_flow_reaches_submitted_with_an_audit_record_per_step(ctx, admin, photo_file):
    step = take_to_examined(ctx, admin)
    photo_station.import_photo_file(ctx, admin, step.id, photo_file)
    form = printing.render_form(ctx, admin, step.id)
    assert form.is_relative_to(ctx.settings.protected_dir) and ctx.files.read(form)[:4] == b"%PDF"
    assert str(step.id) in form.name
    intake.record_form_printed(ctx, admin, step.id, form)
    intake.mark_signed(ctx, admin, step.id)
    final = intake.submit(ctx, admin, step.id)

    assert final.status is Status.SUBMITTED and final.number.startswith("SC001-")
    assert audit_actions(ctx, step.id) == [
        "application_created", "materials_recorded", "examined", "photo_attached",
        "form_printed", "signed", "submitted"]
    with ctx.sessions() as session:
        app = session.get(Application, step.id)
        assert app.name == "王䶮" and app.guardian.name == "王建国" and app.sex == "M"
        outbox, photo = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)).all()
    assert outbox.payload["applicant"]["name"] == "王䶮" and outbox.sent_at is None
    assert photo.kind == "blob" and photo.payload["role"] == "photo"
    assert photo.payload["sha256"] == outbox.payload["photo_sha256"]
    assert [row.status for row in queue.todays_queue(ctx, admin)] == [Status.SUBMITTED]


def test_examination_refuses_while_required_materials_are_missing(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    intake.record_materials(ctx, admin, step.id, {"household_register"})
    with pytest.raises(intake.IntakeError) as caught:
        intake.examine(ctx, admin, step.id, passed=True)
    assert "出生医学证明" in caught.value.params["materials"]
    assert queue.application_detail(ctx, step.id).status is Status.DRAFT


def test_rejection_needs_a_reason_and_is_final(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    with pytest.raises(intake.IntakeError):
        intake.examine(ctx, admin, step.id, passed=False, reasons=[])
    rejected = intake.examine(ctx, admin, step.id, passed=False, reasons=["缺出生医学证明"])
    assert rejected.status is Status.REJECTED
    with pytest.raises(IllegalTransition):
        intake.mark_signed(ctx, admin, step.id)


def test_a_failed_step_changes_nothing_and_audits_nothing(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    before = audit_actions(ctx, step.id)
    with pytest.raises(IllegalTransition):
        intake.submit(ctx, admin, step.id)  # not signed yet
    assert audit_actions(ctx, step.id) == before
    with ctx.sessions() as session:
        assert session.scalars(select(OutboxEntry)).all() == []


def test_an_unreadable_photo_is_refused_and_the_application_keeps_its_state(ctx, admin, tmp_path):
    step = take_to_examined(ctx, admin)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 not really a jpeg")
    with pytest.raises(PhotoError):
        photo_station.import_photo_file(ctx, admin, step.id, broken)
    assert queue.application_detail(ctx, step.id).status is Status.EXAMINED


def test_invalid_applicant_creates_nothing(ctx, admin):
    with pytest.raises(ValidationError):
        intake.save_applicant(ctx, admin, BusinessType.NEWBORN,
                              ApplicantDetails("王䶮", "110105202403150030", "13800138000"))
    assert queue.todays_queue(ctx, admin) == []


def test_editing_the_draft_keeps_ticked_materials(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    intake.record_materials(ctx, admin, step.id, {"household_register"})
    intake.save_applicant(ctx, admin, BusinessType.LATER, CHILD, application_id=step.id)
    lines = {m.code: m.received for m in queue.application_detail(ctx, step.id).materials}
    assert lines["household_register"] is True and "insurance_enrolment" not in lines


def test_photo_station_cannot_take_in_applications(ctx, admin, site_id):
    photographer = add_operator(ctx, admin, site_id, "photo", {Role.PHOTO_STATION})
    with pytest.raises(auth.Forbidden):
        intake.save_applicant(ctx, photographer, BusinessType.NEWBORN, CHILD,
                              today=newborn_day())


def test_a_reopened_draft_gives_back_what_was_typed(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    business, details = intake.applicant_of(ctx, step.id)
    assert business is BusinessType.NEWBORN
    assert details.name == "王䶮" and details.id_number == CHILD.id_number
    assert details.guardian.name == "王建国" and details.guardian.relation == "父亲"


def test_an_agent_is_recorded_and_must_bring_a_proof_of_authority(ctx, admin):
    from dataclasses import replace

    from counter_app.domain.business import Presenter
    from counter_app.domain.people import AgentDetails
    agent = AgentDetails("赵代办", GUARDIAN_ID, "13900139000", "邻居")
    details = replace(CHILD, presenter=Presenter.AGENT, agent=agent, same_register=False)
    step = intake.save_applicant(ctx, admin, BusinessType.LATER, details)
    detail = queue.application_detail(ctx, step.id)
    assert {"agent_id_card", "power_of_attorney", "birth_certificate"} <= {
        m.code for m in detail.materials}
    required = {m.code for m in detail.materials if m.required}
    intake.record_materials(ctx, admin, step.id, required)
    with pytest.raises(intake.IntakeError) as caught:
        intake.examine(ctx, admin, step.id, passed=True)
    assert caught.value.params["materials"] == "授权委托书 / 关系证明"
    intake.record_materials(ctx, admin, step.id, required | {"power_of_attorney"})
    assert intake.examine(ctx, admin, step.id, passed=True).status is Status.EXAMINED
    _, again = intake.applicant_of(ctx, step.id)
    assert again.agent == agent and again.presenter is Presenter.AGENT
    assert not again.same_register


def test_rejection_with_reason_codes_from_the_rules(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    with pytest.raises(intake.IntakeError):
        intake.examine(ctx, admin, step.id, passed=False, codes=["no_such_code"])
    intake.examine(ctx, admin, step.id, passed=False, codes=["missing_material"],
                   reasons=["缺出生医学证明"])
    with ctx.sessions() as session:
        app = session.get(Application, step.id)
        assert (app.rejection_codes, app.rejection_reasons) == ("missing_material", "缺出生医学证明")


# --- business types' ages (rules [business.*] max_age_days, instead) -----------------------

def _born(born: dt.date, sequence: str = "003") -> str:
    return child_id(f"110105{born:%Y%m%d}{sequence}")


def _applicant(id_number: str, adult: bool = False) -> ApplicantDetails:
    if adult:
        return ApplicantDetails("张三", id_number, "13800138000")
    return ApplicantDetails("王䶮", id_number, "13800138000",
                            guardian=GuardianDetails("王建国", "父亲", GUARDIAN_ID, "13800138001"))


@pytest.mark.parametrize("born, adult", [(dt.date(2018, 12, 1), False),   # 8 years old
                                         (dt.date(1950, 6, 1), True)])    # 76 years old
def test_the_newborn_type_refuses_an_older_applicant_and_names_the_type_instead(
        ctx, admin, born, adult):
    today = dt.date(2026, 12, 7)
    with pytest.raises(ValidationError) as caught:
        intake.save_applicant(ctx, admin, BusinessType.NEWBORN, _applicant(_born(born), adult),
                              today=today)
    refused = caught.value
    assert refused.field == "business_type" and refused.template == MSG_PAST_WINDOW
    assert refused.params == {"business": "新生儿参保申领", "days": 90,
                              "instead": ctx.rules.labels[BusinessType.LATER]}
    assert str(refused) == ("新生儿参保申领 is only for children within 90 days after birth: "
                            "this applicant should apply for 补办申领（服务网点/银行网点）.")
    assert queue.todays_queue(ctx, admin) == []
    # the type named instead takes them
    step = intake.save_applicant(ctx, admin, BusinessType.LATER, _applicant(_born(born), adult),
                                 today=today)
    assert step.status is Status.DRAFT


def test_a_newborn_within_the_window_is_taken_to_the_last_day(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, _applicant(newborn_id()))
    assert step.status is Status.DRAFT  # 30 days old today, without a date given
    today = dt.date(2026, 12, 7)
    last_day = _born(today - dt.timedelta(days=90), "005")
    assert intake.save_applicant(ctx, admin, BusinessType.NEWBORN, _applicant(last_day),
                                 today=today).status is Status.DRAFT
    with pytest.raises(ValidationError, match="within 90 days"):
        intake.save_applicant(ctx, admin, BusinessType.NEWBORN,
                              _applicant(_born(today - dt.timedelta(days=91), "007")),
                              today=today)


def test_a_draft_changed_to_the_newborn_type_past_the_window_is_refused(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.LATER, CHILD)  # born 2024-03-15
    with pytest.raises(ValidationError) as caught:
        intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, application_id=step.id)
    assert caught.value.field == "business_type"
    assert intake.applicant_of(ctx, step.id)[0] is BusinessType.LATER


def test_a_draft_begun_as_a_newborn_is_finished_after_the_window(ctx, admin):
    step = intake.save_applicant(ctx, admin, BusinessType.NEWBORN, CHILD, today=newborn_day())
    again = intake.save_applicant(ctx, admin, BusinessType.NEWBORN,
                                  dataclasses.replace(CHILD, phone="13900139000"),
                                  application_id=step.id)  # today: long past the window
    assert again.id == step.id and again.status is Status.DRAFT
