"""Four eyes (issue 17): an examined application waits for a supervisor where the site's
rules want it; approved, staff go on; returned with a reason, staff correct it and examine
it again; a supervisor never approves their own examination; everything audited."""

import dataclasses

import pytest
from sqlalchemy import select

from counter_app.domain.business import RulesError, load_rules
from counter_app.domain.lifecycle import Status
from counter_app.security.roles import Role
from counter_app.services import intake, photo_station, review
from counter_app.services.auth import Forbidden
from counter_app.services.review import ReviewError
from counter_app.services.worklists import WorkKind, counts, items
from counter_app.store.models import Application, ApplicationReview, AuditRecord
from tests.helpers import add_operator, application_at, newborn_day, write_photo
from tests.review_helpers import go_on_to_submission, require_review


@pytest.fixture
def staff(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})


@pytest.fixture
def supervisor(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})


def _audits(ctx, application_id) -> list[tuple[str, str]]:
    with ctx.sessions() as session:
        return [(r.action, r.detail) for r in session.scalars(
            select(AuditRecord).where(AuditRecord.entity_id == str(application_id))
            .order_by(AuditRecord.id))]


def _status(ctx, application_id) -> str:
    with ctx.sessions() as session:
        return session.get(Application, application_id).status


def test_without_the_rule_nothing_waits(ctx, staff, tmp_path):
    app_id = application_at(ctx, staff, Status.PHOTO_OK, tmp_path)
    assert review.state_of(ctx, app_id) is None and _status(ctx, app_id) == "photo_ok"


def test_an_examined_application_waits_and_the_next_steps_are_refused(ctx, staff, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, staff, Status.EXAMINED, tmp_path)
    state = review.state_of(ctx, app_id)
    assert (state.state, state.examined_by, state.rounds) == ("waiting", "clerk", 1)
    with pytest.raises(ReviewError) as refused:
        photo_station.import_photo_file(ctx, staff, app_id, write_photo(tmp_path / "p.jpg"))
    assert refused.value.template == review.MSG_WAITING
    with pytest.raises(ReviewError):
        intake.record_materials(ctx, staff, app_id, set())  # what the supervisor judges
    assert _status(ctx, app_id) == "examined"
    assert counts(ctx)[WorkKind.REVIEW] == 1
    assert ("review_waiting", "round=1") in _audits(ctx, app_id)


def test_approved_it_goes_on_to_submission(ctx, staff, supervisor, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, staff, Status.EXAMINED, tmp_path)
    (case,) = review.waiting(ctx, supervisor)
    assert case.application_id == app_id and case.examined_by == "clerk"
    assert "*" in case.masked_id and all(received for _l, _r, received in case.materials)
    review.approve(ctx, supervisor, app_id)
    assert review.waiting(ctx, supervisor) == [] and counts(ctx)[WorkKind.REVIEW] == 0
    go_on_to_submission(ctx, staff, app_id, tmp_path)
    assert _status(ctx, app_id) == "submitted"
    assert ("review_approved", "round=1") in _audits(ctx, app_id)


def test_returned_it_is_corrected_examined_again_and_waits_again(ctx, staff, supervisor,
                                                                 tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, staff, Status.EXAMINED, tmp_path)
    review.return_to_staff(ctx, supervisor, app_id, "data_mismatch", "电话号码少一位")
    state = review.state_of(ctx, app_id)
    assert (state.state, state.reason_code, state.reason, state.note, state.decided_by) == (
        "returned", "data_mismatch", "登记信息与证件不一致", "电话号码少一位", "boss")
    with pytest.raises(ReviewError) as refused:
        intake.mark_signed(ctx, staff, app_id)
    assert refused.value.template == review.MSG_RETURNED
    business, details = intake.applicant_of(ctx, app_id)  # the applicant may change again
    intake.save_applicant(ctx, staff, business, dataclasses.replace(details, phone="13900139000"),
                          application_id=app_id, today=newborn_day())
    intake.record_materials(ctx, staff, app_id, {
        m.code for m in ctx.rules.materials_for(business, True)})
    step = intake.examine(ctx, staff, app_id, passed=True)
    assert step.status == Status.EXAMINED
    again = review.state_of(ctx, app_id)
    assert (again.state, again.rounds) == ("waiting", 2)
    (case,) = review.waiting(ctx, supervisor)
    assert case.rounds == 2 and case.last_return == "登记信息与证件不一致"
    actions = [action for action, _detail in _audits(ctx, app_id)]
    assert actions.count("review_waiting") == 2 and "examined_again" in actions
    assert ("review_returned", "round=1; reason=data_mismatch") in _audits(ctx, app_id)
    # the note is free text: it stays in the table, never in the audit log
    assert all("电话" not in detail for _action, detail in _audits(ctx, app_id))


def test_a_supervisor_may_not_approve_their_own_examination(ctx, supervisor, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, supervisor, Status.EXAMINED, tmp_path)
    with pytest.raises(ReviewError) as refused:
        review.approve(ctx, supervisor, app_id)
    assert refused.value.template == review.MSG_OWN_EXAMINATION
    assert review.state_of(ctx, app_id).state == "waiting"
    assert ("review_approval_refused", "own examination") in _audits(ctx, app_id)


def test_only_supervisors_review(ctx, staff, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, staff, Status.EXAMINED, tmp_path)
    with pytest.raises(Forbidden):
        review.approve(ctx, staff, app_id)
    with pytest.raises(Forbidden):
        review.waiting(ctx, staff)


def test_a_return_needs_a_reason_of_the_rules(ctx, staff, supervisor, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, staff, Status.EXAMINED, tmp_path)
    with pytest.raises(ReviewError) as refused:
        review.return_to_staff(ctx, supervisor, app_id, "no_such_reason")
    assert refused.value.template == review.MSG_NO_REASON
    with pytest.raises(ReviewError):
        review.return_to_staff(ctx, supervisor, app_id, "other_problem", "x" * 501)
    assert review.state_of(ctx, app_id).state == "waiting"


def test_only_a_waiting_application_is_decided(ctx, staff, supervisor, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, staff, Status.EXAMINED, tmp_path)
    review.approve(ctx, supervisor, app_id)
    with pytest.raises(ReviewError) as refused:
        review.return_to_staff(ctx, supervisor, app_id, "other_problem")
    assert refused.value.template == review.MSG_NOT_WAITING


def test_the_rule_by_site(ctx, staff, tmp_path):
    require_review(ctx, sites=["SC999"])
    other = application_at(ctx, staff, Status.EXAMINED, tmp_path)
    assert review.state_of(ctx, other) is None
    require_review(ctx, sites=["SC001"])
    here = application_at(ctx, staff, Status.EXAMINED, tmp_path, first17="11010520240315005")
    assert review.state_of(ctx, here).state == "waiting"
    (item,) = items(ctx, WorkKind.REVIEW)
    assert item.application_id == here


def test_the_review_table_has_one_row_an_application(ctx, staff, supervisor, tmp_path):
    require_review(ctx)
    app_id = application_at(ctx, staff, Status.EXAMINED, tmp_path)
    review.return_to_staff(ctx, supervisor, app_id, "other_problem")
    intake.examine(ctx, staff, app_id, passed=True)
    with ctx.sessions() as session:
        assert len(session.scalars(select(ApplicationReview)).all()) == 1


@pytest.mark.parametrize(("section", "named"), [
    ('[review]\nrequired = "yes"\n', "review"),
    ('[review]\nsites = "SC001"\n', "sites"),
    ('[review]\nrequired = true\n[review.return_reasons]\n', "review"),
    ('[review]\nwho = 1\n', "who"),
    ('[review.return_reasons]\nBad-Code = "x"\n', "Bad-Code"),
    ('[review.return_reasons]\nempty_words = ""\n', "empty_words"),
])
def test_a_broken_review_section_is_refused_naming_its_line(tmp_path, section, named):
    from counter_app.domain.business import RULES_DIR

    text = (RULES_DIR / "default.toml").read_text(encoding="utf-8")
    start = text.index("[review]")
    end = text.index("\n[", text.index("[review.return_reasons]"))
    broken = text[:start] + section + text[end:]
    path = tmp_path / "rules.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RulesError) as refused:
        load_rules(path)
    line = next(number for number, content in enumerate(broken.splitlines(), start=1)
                if named in content.split("#")[0] and not content.startswith("required ="))
    assert f"line {line}:" in str(refused.value)
