"""Who is at the window, on the printed registration form: the presenter's label from the
rules, and an agent's details in full (the form is the legal record; nothing masked)."""

from __future__ import annotations

from dataclasses import replace

from counter_app.domain.business import BusinessType, Presenter
from counter_app.domain.people import AgentDetails, ApplicantDetails
from counter_app.services import printing
from counter_app.services.intake import load_application, save_applicant
from tests.helpers import GUARDIAN_ID, child_id, opened
from tests.unit.documents.support import needs_poppler, run

ADULT_ID = child_id("11010519800101001")  # born 1980
AGENT = AgentDetails(name="赵𠮷代", id_number=GUARDIAN_ID, phone="13900139000", relation="邻居")


def adult(**changes) -> ApplicantDetails:
    return replace(ApplicantDetails(name="钱多多", id_number=ADULT_ID, phone="13800138001"),
                   **changes)


def form_text(ctx, admin, details: ApplicantDetails) -> str:
    step = save_applicant(ctx, admin, BusinessType.LATER, details)
    return run("pdftotext", "-layout", str(opened(ctx, printing.render_form(ctx, admin, step.id))), "-")


@needs_poppler
def test_an_agent_is_on_the_form_in_full(ctx, admin):
    by_agent = form_text(ctx, admin, adult(presenter=Presenter.AGENT, agent=AGENT))
    in_person = form_text(ctx, admin, adult())

    for value in (AGENT.name, AGENT.id_number, AGENT.phone, AGENT.relation):
        assert value in by_agent and value not in in_person
    # "代办人" is printed as a label on every form; as who is at the window only here
    assert by_agent.count("代办人") == in_person.count("代办人") + 1
    assert "申请人本人" in in_person and "申请人本人" not in by_agent


def test_form_data_names_the_presenter_and_only_an_agent_gets_a_block(ctx, admin):
    agent_step = save_applicant(ctx, admin, BusinessType.LATER,
                                adult(presenter=Presenter.AGENT, agent=AGENT))
    own_step = save_applicant(ctx, admin, BusinessType.LATER, adult(name="孙本人"))
    with ctx.sessions() as session:
        by_agent = printing.form_data(ctx, load_application(session, agent_step.id), None, None)
        in_person = printing.form_data(ctx, load_application(session, own_step.id), None, None)
    assert by_agent.presenter_label == "代办人"
    assert (by_agent.agent.name, by_agent.agent.id_number) == (AGENT.name, GUARDIAN_ID)
    assert by_agent.agent.id_type == "居民身份证" and by_agent.agent.relation == "邻居"
    assert in_person.presenter_label == "申请人本人" and in_person.agent is None


def test_the_form_names_the_nationality_in_chinese(ctx, admin):
    step = save_applicant(ctx, admin, BusinessType.LATER, adult(name="孙本人"))
    with ctx.sessions() as session:
        data = printing.form_data(ctx, load_application(session, step.id), None, None)
    assert data.nationality == "中国（CHN）"  # stored as CHN, printed as staff read it
