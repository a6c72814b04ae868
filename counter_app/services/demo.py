"""Demo data: a site, an operator, N submitted applications and today's queue with
applications at every counter step, all made through the services."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from counter_app import assets
from counter_app.domain.business import BusinessType
from counter_app.domain.idnumber import make_check_char
from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.security.roles import Role
from counter_app.services import auth, intake, photo_station, printing, queue
from counter_app.services.context import AppContext

DEMO_SITE = ("SC001", "示范区社会保障卡服务中心")
DEMO_USER, DEMO_PASSWORD = "demo", "demo1234"
# A card photo that passes the checks (see resources/demo/README.md).
DEMO_PHOTO = assets.real_path(assets.resources() / "demo" / "photo.jpg")
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ["䶮", "𠮷", "子涵", "一诺", "浩然", "欣怡", "梓轩", "雨桐", "宇航", "诗琪"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    created: bool


def seed_demo(ctx: AppContext) -> DemoLogin:
    """Create the demo operator (and site) unless an operator already exists: at the site
    this counter is enrolled at, else the demo site."""
    from counter_app.central import credentials

    enrolment = credentials.load(ctx.files)
    site = (enrolment.site_code, enrolment.site_code) if enrolment else DEMO_SITE
    site_id = auth.ensure_site(ctx, *site)
    if not auth.needs_first_administrator(ctx):
        return DemoLogin(DEMO_USER, DEMO_PASSWORD, created=False)
    auth.create_operator(ctx, site_id=site_id, username=DEMO_USER, display_name="示范操作员",
                         password=DEMO_PASSWORD,
                         roles={Role.WINDOW_STAFF, Role.SUPERVISOR, Role.ADMINISTRATOR},
                         must_change_password=False)  # demo data: the printed one stays
    return DemoLogin(DEMO_USER, DEMO_PASSWORD, created=True)


DEMO_PREAPPLICATION = "WS000001"
DEMO_PREAPPLICATION_GUARDIAN = "11010519491231002X"  # demo data: found with this ID number


def seed_demo_preapplication(ctx: AppContext) -> str:
    """An application "started online", in the built-in central database (looked up with
    F3 and the child's ID number); '' on a city's central (the online service's)."""
    from counter_app.central import builtin
    from counter_app.central.admin import publish_preapplication
    from counter_app.services import central_access

    if not central_access.uses_builtin(ctx):
        return ""
    url = builtin.admin_url(ctx.settings.data_dir)
    first17 = "11010520190618002"
    publish_preapplication(url, DEMO_PREAPPLICATION, {
        "business_type": BusinessType.LATER.value,
        "applicant": {"name": "李𠮷", "id_number": first17 + make_check_char(first17),
                      "phone": "13800138000", "household_address": "北京市朝阳区建国路88号"},
        "guardian": {"name": "李建国", "relation": "父亲", "id_number": DEMO_PREAPPLICATION_GUARDIAN,
                     "phone": "13800138001"}})
    return DEMO_PREAPPLICATION


def add_demo_applications(ctx: AppContext, count: int, seed: int = 1) -> list[str]:
    """Take *count* children's applications through the whole counter flow (submitted)."""
    rng = random.Random(seed)
    operator = auth.login(ctx, DEMO_USER, DEMO_PASSWORD)
    return [_one_application(ctx, operator, rng, DEMO_PHOTO) for _ in range(count)]


# The counter's steps in order: the demo queue has applications stopped at each of them.
QUEUE_STEPS = (Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK, Status.FORM_PRINTED,
               Status.SIGNED, Status.SUBMITTED)


def seed_demo_queue(ctx: AppContext, count: int, today: dt.date | None = None
                    ) -> Counter[Status]:
    """Today's queue with *count* applications stopped at the counter's steps in turn
    (draft, examined, photo_ok, form_printed, signed, submitted, draft, ...), unless the
    demo operator's queue of today holds applications already (run again the same day:
    nothing added); how many were added at each step."""
    operator = auth.login(ctx, DEMO_USER, DEMO_PASSWORD)
    today = today or dt.date.today()
    if count <= 0 or queue.todays_queue(ctx, operator, today):
        return Counter()
    rng = random.Random(today.toordinal())  # other children each day
    made = Counter()
    for i in range(count):
        until = QUEUE_STEPS[i % len(QUEUE_STEPS)]
        _one_application(ctx, operator, rng, DEMO_PHOTO, until=until)
        made[until] += 1
    return made


def _one_application(ctx: AppContext, operator: auth.CurrentOperator, rng: random.Random,
                     photo: Path, until: Status = Status.SUBMITTED) -> str:
    """A new application taken through the counter's steps up to *until*; its number. Every
    other child is a newborn (born within the last 80 days: the newborn type's window is
    90 days in the default rules), the others older children's later applications."""
    if rng.random() < 0.5:
        business = BusinessType.NEWBORN
        id_number = demo_child_id(rng, born=dt.date.today() - dt.timedelta(
            days=rng.randrange(10, 80)))
    else:
        business, id_number = BusinessType.LATER, demo_child_id(rng)
    details = ApplicantDetails(
        name=rng.choice(SURNAMES) + rng.choice(GIVEN), id_number=id_number,
        phone=f"138{rng.randrange(10**8):08d}",
        guardian=GuardianDetails(name=rng.choice(SURNAMES) + "建国", relation="父亲",
                                 id_number="11010519491231002X", phone="13800138001"))
    step = intake.save_applicant(ctx, operator, business, details)
    if until == Status.DRAFT:
        return step.number
    brought = {m.code for m in ctx.rules.materials_for(business, True) if m.required or m.group}
    intake.record_materials(ctx, operator, step.id, brought)
    intake.examine(ctx, operator, step.id, passed=True)
    if until == Status.EXAMINED:
        return step.number
    photo_station.import_photo_file(ctx, operator, step.id, photo)
    if until == Status.PHOTO_OK:
        return step.number
    form = printing.render_form(ctx, operator, step.id)
    intake.record_form_printed(ctx, operator, step.id, form)
    if until == Status.FORM_PRINTED:
        return step.number
    intake.mark_signed(ctx, operator, step.id)
    if until == Status.SIGNED:
        return step.number
    return intake.submit(ctx, operator, step.id).number


def demo_child_id(rng: random.Random, born: dt.date | None = None) -> str:
    """A valid ID number of a child born on *born*, else in 2015 to 2024."""
    born = born or dt.date(rng.randrange(2015, 2025), rng.randrange(1, 13), rng.randrange(1, 29))
    first17 = f"110105{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + make_check_char(first17)
