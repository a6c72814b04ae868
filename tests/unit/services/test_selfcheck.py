"""The self-check service (services/selfcheck.py): every check on a real counter, and the
gate on new applications: refused with the reason, allowed after a supervisor's sign-off
(audited) for the day or until the condition clears, never by an ordinary clerk."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import pytest
from sqlalchemy import select

from counter_app.central import credentials
from counter_app.domain.business import BusinessType, SelfCheckRules
from counter_app.domain.errors import ValidationError
from counter_app.security.roles import Role
from counter_app.selfcheck import Check, State, clock, devices, disk
from counter_app.services import auth, intake, selfcheck
from counter_app.services.auth import Forbidden, LoginFailed
from counter_app.store.models import AuditRecord, Meta, OutboxEntry
from tests.helpers import PASSWORD, add_operator, child_details, newborn_day

MB = 1024 * 1024
TEN_MINUTES = 600.0


@pytest.fixture(autouse=True)
def nothing_kept():
    yield
    selfcheck.forget()


@pytest.fixture
def clerk(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})


@pytest.fixture
def supervisor(ctx, admin, site_id):
    return add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})


def new_application(ctx, operator, first17="11010520240315003"):
    return intake.save_applicant(ctx, operator, BusinessType.NEWBORN,
                                 child_details(first17=first17), today=newborn_day(first17))


def disk_nearly_full(ctx):
    """The rules' minimum set above the real free space of the tests' disk (a real disk
    cannot be filled for a test)."""
    free_mb = disk.free_bytes(ctx.settings.data_dir) // MB
    ctx.__dict__["rules"] = dataclasses.replace(ctx.rules, self_check=SelfCheckRules(
        min_free_mb=free_mb + 1000, free_warning_mb=free_mb + 2000))
    selfcheck.forget(ctx)  # the free space the gate kept was judged by the old rules


def disk_roomy(ctx):
    ctx.__dict__["rules"] = dataclasses.replace(ctx.rules, self_check=SelfCheckRules())
    selfcheck.forget(ctx)


def audit(ctx, *actions):
    with ctx.sessions() as session:
        return session.execute(select(AuditRecord.action, AuditRecord.entity_id,
                                      AuditRecord.operator_id, AuditRecord.detail)
                               .where(AuditRecord.action.in_(actions))
                               .order_by(AuditRecord.id)).all()


# --- every check --------------------------------------------------------------------------

def test_every_check_of_a_fresh_counter_in_order(ctx, admin):
    report = selfcheck.run_checks(
        ctx, printers=lambda: devices.PrinterProbe(("Office",), "Office"),
        published_version="0.1.0", camera_present=lambda device: device == 0)
    assert [item.check for item in report.items] == list(Check)
    states = {item.check: item.state for item in report.items}
    assert states == {Check.DISK: State.OK, Check.CLOCK: State.WARNING,
                      Check.LAST_SYNC: State.OK, Check.UNSENT: State.OK,
                      Check.PRINTER: State.OK, Check.CAMERA: State.OK,
                      Check.ID_READER: State.OK, Check.VERSION: State.OK}
    # the tests' counters name a central they are not enrolled with: not compared
    assert report.item(Check.CLOCK).template == clock.MSG_CLOCK_NOT_ENROLLED
    assert not report.blocking and report.attention == 1
    assert selfcheck.last_report(ctx) is report
    assert all(item.took_ms >= 0 for item in report.items)


def test_an_unreachable_central_is_said_and_stops_nothing(ctx, admin, site_id):
    credentials.save(ctx.files, credentials.Enrolment(
        url="postgresql://device@127.0.0.1:1/none", device_id="d", site_code="SC001",
        site_id=str(site_id)))
    report = selfcheck.run_checks(ctx)
    item = report.item(Check.CLOCK)
    assert item.state is State.WARNING and item.template == clock.MSG_CLOCK_UNREACHABLE
    new_application(ctx, admin)  # not a blocker by itself


def test_the_built_in_central_is_this_computers_clock(ctx, admin):
    ctx.settings.__dict__["central_url"] = ""  # no central configured: the built-in one
    item = selfcheck.run_checks(ctx).item(Check.CLOCK)
    assert item.state is State.OK and item.template == clock.MSG_CLOCK_SAME_COMPUTER
    assert not (ctx.settings.data_dir / "central-pg").exists()  # nothing was started


def test_the_unsent_application_and_the_last_sync_come_from_the_outbox(ctx, admin):
    long_ago = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=2)
    with ctx.sessions.begin() as session:
        session.add(OutboxEntry(kind="application_submitted", entity_id="a1", payload={},
                                created_at=long_ago))
        session.add(OutboxEntry(kind="blob", entity_id="a1", payload={},
                                created_at=long_ago - dt.timedelta(days=1)))
    report = selfcheck.run_checks(ctx)
    unsent = report.item(Check.UNSENT)
    assert unsent.state is State.WARNING and unsent.params["count"] == 1
    last_sync = report.item(Check.LAST_SYNC)
    assert last_sync.state is State.WARNING and last_sync.params == {"count": 1}


# --- the clock, against the real PostgreSQL -----------------------------------------------

@pytest.mark.postgres
def test_a_clock_ten_minutes_ahead_stops_new_applications_until_a_supervisor_allows_them(
        ctx, central, admin, clerk, supervisor, monkeypatch):
    draft = new_application(ctx, clerk, "11010520240315011")
    monkeypatch.setattr(selfcheck, "local_clock", lambda: time.time() + TEN_MINUTES)
    report = selfcheck.run_checks(ctx)
    item = report.item(Check.CLOCK)
    assert item.state is State.BLOCKING and item.params == {"minutes": 10}
    assert report.stopping == (item,)

    with pytest.raises(selfcheck.NewApplicationsStopped) as refused:
        new_application(ctx, clerk)
    assert refused.value.check is Check.CLOCK
    assert refused.value.template == selfcheck.MSG_STOPPED_CLOCK
    assert "about 10 minutes off the central server's" in str(refused.value)
    # an application already begun is finished: only new ones stop
    intake.save_applicant(ctx, clerk, BusinessType.NEWBORN, child_details(
        first17="11010520240315011"), application_id=draft.id,
        today=newborn_day("11010520240315011"))

    with pytest.raises(Forbidden):
        selfcheck.allow_new_applications(ctx, clerk, "the queue is long")
    assert selfcheck.allow_new_applications(ctx, supervisor, "打电话 13800138000 报修") \
        == (Check.CLOCK,)
    new_application(ctx, clerk)

    ((action, entity, who, detail),) = audit(ctx, "self_check_allowed")
    assert (action, entity, who) == ("self_check_allowed", "clock", supervisor.id)
    assert '"minutes": 10' in detail and "13800138000" not in detail and "报修" in detail
    assert selfcheck.last_report(ctx).item(Check.CLOCK).allowed_by == "boss"

    # the clock set right: the next check ends the allowance (audited); off again later
    # the same day, a supervisor must allow it again
    monkeypatch.setattr(selfcheck, "local_clock", time.time)
    assert selfcheck.run_checks(ctx).item(Check.CLOCK).state is State.OK
    assert [row.action for row in audit(ctx, "self_check_allowance_ended")] == [
        "self_check_allowance_ended"]
    monkeypatch.setattr(selfcheck, "local_clock", lambda: time.time() - TEN_MINUTES)
    selfcheck.run_checks(ctx)
    with pytest.raises(selfcheck.NewApplicationsStopped):
        new_application(ctx, clerk, "11010520240315029")


@pytest.mark.postgres
def test_a_clock_set_right_opens_the_gate_before_the_next_check(ctx, central, admin,
                                                                monkeypatch):
    shift = {"seconds": TEN_MINUTES}
    monkeypatch.setattr(selfcheck, "local_clock", lambda: time.time() + shift["seconds"])
    selfcheck.run_checks(ctx)
    assert selfcheck.stopped(ctx) is not None
    shift["seconds"] = 0.0  # staff set the clock: the reading no longer holds
    assert selfcheck.stopped(ctx) is None


# --- the disk -----------------------------------------------------------------------------

def test_a_full_disk_stops_new_applications_with_its_reason(ctx, admin, clerk):
    disk_nearly_full(ctx)
    item = selfcheck.run_checks(ctx).item(Check.DISK)
    assert item.state is State.BLOCKING
    with pytest.raises(selfcheck.NewApplicationsStopped) as refused:
        new_application(ctx, clerk)
    assert refused.value.check is Check.DISK
    assert refused.value.params["minimum"] == ctx.rules.self_check.min_free_mb
    assert "MB are free on the disk of the data folder" in str(refused.value)
    disk_roomy(ctx)
    new_application(ctx, clerk)


def test_the_gate_needs_no_check_run_first_for_the_disk(ctx, clerk):
    disk_nearly_full(ctx)  # nothing measured yet in this process: the gate measures
    with pytest.raises(selfcheck.NewApplicationsStopped):
        new_application(ctx, clerk)


def test_a_supervisor_signs_off_with_a_password_at_a_clerks_window(ctx, clerk, supervisor):
    disk_nearly_full(ctx)
    who = selfcheck.allow_with_password(ctx, clerk, "boss", PASSWORD, "urgent newborn")
    assert who.id == supervisor.id
    new_application(ctx, clerk)
    ((_action, entity, operator_id, detail),) = audit(ctx, "self_check_allowed")
    assert (entity, operator_id) == ("disk", supervisor.id)
    assert f"until the end of {dt.date.today().isoformat()}" in detail


def test_a_clerk_cannot_sign_off_and_the_attempt_is_audited(ctx, admin, clerk, site_id):
    disk_nearly_full(ctx)
    other = add_operator(ctx, admin, site_id, "clerk2", {Role.WINDOW_STAFF})
    with pytest.raises(Forbidden) as refused:
        selfcheck.allow_with_password(ctx, clerk, "clerk2", PASSWORD, "please")
    assert refused.value.template == selfcheck.MSG_SUPERVISOR_ONLY
    ((_action, entity, operator_id, _detail),) = audit(ctx, "self_check_allow_refused")
    assert (entity, operator_id) == ("disk", other.id)
    with pytest.raises(LoginFailed):
        selfcheck.allow_with_password(ctx, clerk, "boss-does-not-exist", "x", "please")
    with pytest.raises(selfcheck.NewApplicationsStopped):
        new_application(ctx, clerk)
    assert not audit(ctx, "self_check_allowed")


def test_a_supervisor_of_another_site_cannot_sign_off(ctx, admin, clerk):
    other_site = auth.ensure_site(ctx, "SC002", "另一个网点")
    add_operator(ctx, admin, other_site, "far_boss", {Role.SUPERVISOR})
    disk_nearly_full(ctx)
    with pytest.raises(Forbidden):
        selfcheck.allow_with_password(ctx, clerk, "far_boss", PASSWORD, "help")


def test_the_allowance_lasts_for_the_day(ctx, clerk, supervisor, monkeypatch):
    disk_nearly_full(ctx)
    selfcheck.allow_new_applications(ctx, supervisor, "deadline")
    new_application(ctx, clerk)
    monkeypatch.setattr(selfcheck, "local_clock", lambda: time.time() + 86400)  # tomorrow
    with pytest.raises(selfcheck.NewApplicationsStopped):
        new_application(ctx, clerk, "11010520240315011")


def test_an_allowance_needs_a_reason_and_something_to_allow(ctx, supervisor):
    with pytest.raises(selfcheck.SelfCheckError) as nothing:
        selfcheck.allow_new_applications(ctx, supervisor, "just in case")
    assert nothing.value.template == selfcheck.MSG_NOTHING_TO_ALLOW
    disk_nearly_full(ctx)
    with pytest.raises(ValidationError):
        selfcheck.allow_new_applications(ctx, supervisor, "  ")
    with ctx.sessions() as session:
        assert session.get(Meta, selfcheck.META_PREFIX + "disk") is None


# --- what it costs ------------------------------------------------------------------------

def test_the_gate_costs_next_to_nothing_and_the_checks_little(ctx, admin):
    selfcheck.run_checks(ctx)
    started = time.perf_counter()
    for _ in range(1000):
        selfcheck.check_new_application(ctx)
    per_call_ms = (time.perf_counter() - started)  # 1000 calls: seconds = ms per call
    assert per_call_ms < 0.5, per_call_ms
    report = selfcheck.run_checks(ctx, printers=devices.PrinterProbe(()))
    assert report.took_ms < 1000, {i.check: i.took_ms for i in report.items}


def test_the_version_is_compared_with_the_one_the_last_sync_saw_published(ctx):
    import json

    from counter_app.services import updates
    folder = updates.update_folder(ctx.settings)
    folder.state_file.parent.mkdir(parents=True, exist_ok=True)
    folder.state_file.write_text(json.dumps({"published": {"version": "99.0.0"}}))
    report = selfcheck.run_checks(ctx, printers=devices.PrinterProbe(("Office",), "Office"))
    item = next(i for i in report.items if i.check is Check.VERSION)
    assert item.state is State.WARNING and item.params["published"] == "99.0.0"
