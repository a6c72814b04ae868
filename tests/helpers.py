"""Test data and small helpers shared by the test modules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from counter_app.domain.business import BusinessType
from counter_app.domain.idnumber import make_check_char
from counter_app.domain.lifecycle import Status
from counter_app.domain.people import ApplicantDetails, GuardianDetails
from counter_app.security.roles import Role
from counter_app.services.demo import DEMO_PHOTO
from counter_app.services import auth, intake, photo_station, printing

PASSWORD = "correct horse"
GUARDIAN_ID = "11010519491231002X"


def child_id(first17: str = "11010520240315003") -> str:
    return first17 + make_check_char(first17)


def newborn_day(first17: str = "11010520240315003") -> dt.date:
    """A day the child of *first17* was a newborn (30 days old, within the default rules'
    newborn window): the day to save a newborn application of the fixed test children."""
    return dt.datetime.strptime(first17[6:14], "%Y%m%d").date() + dt.timedelta(days=30)


def newborn_id(days_old: int = 30, sequence: str = "003") -> str:
    """The ID number of a child born *days_old* days ago (a newborn today)."""
    born = dt.date.today() - dt.timedelta(days=days_old)
    return child_id(f"110105{born:%Y%m%d}{sequence}")


def add_operator(ctx, admin, site_id, username: str, roles: set[Role]) -> auth.CurrentOperator:
    auth.create_operator(ctx, site_id=site_id, username=username, display_name=username,
                         password=PASSWORD, roles=roles, actor=admin,
                         must_change_password=False)  # one who changed it long ago
    return auth.login(ctx, username, PASSWORD)


def write_photo(path: Path) -> Path:
    """A card photo that passes every check (the demo's, a real face on white)."""
    path.write_bytes(DEMO_PHOTO.read_bytes())
    return path


def child_details(name: str = "王䶮", first17: str = "11010520240315003") -> ApplicantDetails:
    return ApplicantDetails(
        name=name, id_number=child_id(first17), phone="13800138001",
        guardian=GuardianDetails(name="王建国", relation="父亲", id_number=GUARDIAN_ID,
                                 phone="13800138001"))


def application_at(ctx, operator, status: Status, tmp_path: Path, name: str = "王䶮",
                   first17: str = "11010520240315003"):
    """Take a child's application through the services up to *status*; returns its id."""
    step = intake.save_applicant(ctx, operator, BusinessType.NEWBORN,
                                 child_details(name, first17), today=newborn_day(first17))
    if status == Status.REJECTED:
        intake.examine(ctx, operator, step.id, passed=False, codes=["missing_material"],
                       reasons=["缺少出生医学证明原件", "监护人居民身份证已过有效期"])
        return step.id
    return advance(ctx, operator, step.id, BusinessType.NEWBORN, step.status, status, tmp_path)


def advance(ctx, operator, application_id, business: BusinessType, current: Status,
            status: Status, tmp_path: Path):
    """Take a child's application of *business* from *current* through the counter's steps
    up to *status* (materials, examined, photo, form printed, signed, submitted); returns
    its id."""
    steps = [
        lambda: intake.record_materials(ctx, operator, application_id, {
            m.code for m in ctx.rules.materials_for(business, True)}),
        lambda: intake.examine(ctx, operator, application_id, passed=True),
        lambda: photo_station.import_photo_file(ctx, operator, application_id,
                                                write_photo(tmp_path / f"{application_id}.jpg")),
        lambda: intake.record_form_printed(ctx, operator, application_id,
                                           printing.render_form(ctx, operator, application_id)),
        lambda: intake.mark_signed(ctx, operator, application_id),
        lambda: intake.submit(ctx, operator, application_id),
    ]
    for next_step in steps:
        if current == status:
            break
        current = next_step().status
    return application_id


def opened(ctx, path) -> Path:
    """A file the counter keeps sealed in its protected directory, opened with its data
    key into a file of the test's own (for poppler and zbar, as staff's printer gets it).
    Checks on the way that a file of the protected directory is sealed on disk."""
    from counter_app.security.sealing import is_sealed
    from counter_app.services.documents import document_bytes

    path = Path(path)
    if path.is_relative_to(ctx.settings.protected_dir):
        assert is_sealed(path.read_bytes()), f"{path.name} is kept in clear"
    out = ctx.settings.data_dir.parent / "opened" / path.name
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(document_bytes(ctx, path))
    return out


def database_text(ctx) -> str:
    """Every value of every table of the counter's database (opened with its key), as
    text: what a copy would give someone holding the key."""
    from sqlalchemy import text

    with ctx.sessions() as session:
        tables = session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
        return "\n".join(repr(tuple(row)) for table in tables
                         for row in session.execute(text(f'SELECT * FROM "{table}"')))
