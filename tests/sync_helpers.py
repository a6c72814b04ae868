"""Submitted applications and a look into the central database, for the sync tests."""

from __future__ import annotations

from sqlalchemy import func, select

from counter_app.central import database, schema
from counter_app.domain.lifecycle import Status
from tests.helpers import application_at


def submit_child(ctx, operator, tmp_path, name="王䶮", sequence=3) -> str:
    """Take one child's application through the whole flow; return its UUID as text."""
    return str(application_at(ctx, operator, Status.SUBMITTED, tmp_path, name,
                              f"11010520240315{sequence:03d}"))


def central_rows(url: str) -> dict[str, dict]:
    engine = database.open_central(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(schema.applications)).mappings().all()
            return {str(row["id"]): dict(row) for row in rows}
    finally:
        engine.dispose()


def applied_count(url: str) -> int:
    """Application operations recorded centrally (files not counted)."""
    engine = database.open_central(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(
                select(func.count()).select_from(schema.applied_operations)
                .where(schema.applied_operations.c.kind == "application_submitted"))
    finally:
        engine.dispose()


def register(engine, device_id, site_code: str):
    """Register a site (if new) and a device on an administrator's engine, as enrolment
    does; the Identity a push by that device carries. For tests that apply operations
    directly, without a device login."""
    import uuid

    from counter_app.central.admin import ensure_site, next_counter_no
    from counter_app.central.operations import Identity

    with engine.begin() as connection:
        site_id = ensure_site(connection, site_code)
        if connection.execute(select(schema.devices.c.id).where(
                schema.devices.c.id == device_id)).first() is None:
            connection.execute(schema.devices.insert().values(
                id=device_id, site_id=site_id, name=f"device {device_id.hex[:8]}",
                role_name=f"test_device_{uuid.uuid4().hex[:12]}",
                counter_no=next_counter_no(connection, site_id),
                created_at=database.utcnow()))
    return Identity(device_id, site_id, site_code)


def device_engine(admin_url: str, site_code: str, kind: str = "service_centre"):
    """A new device of site *site_code* (made if new) on the central database of
    *admin_url*: (an engine logged in as that device, its enrolment). Dispose of the
    engine when done."""
    from counter_app.central import admin

    admin.add_site(admin_url, site_code, f"site {site_code}", kind)  # kept when it exists
    enrolment = enrolled_device(admin_url, site_code)
    return database.create_central_engine(enrolment.url), enrolment


def enrolled_device(admin_url: str, site_code: str, name: str = ""):
    """A new device of the existing site *site_code*, its code redeemed as `counter-app
    enrol` does (no counter's files): its credentials (central.credentials.Enrolment)."""
    from counter_app.central import admin, enrolment

    return enrolment.redeem(admin.add_device(admin_url, site_code,
                                             name or f"counter of {site_code}"))


def push(engine, ops: list, *, proofs: bool = True) -> list:
    """One push of *ops* over *engine* (a device's login), committed; the results. With
    *proofs*, the holder's proofs are asked for first, as the counter's sync does."""
    from counter_app.central.apply import apply_batch, with_proofs

    if proofs:
        ops, refused = with_proofs(engine, ops)
        assert not refused, "the look-up budget refused a holder's proof"
    with engine.begin() as connection:
        return apply_batch(connection, ops)


def refuse_number(admin_url: str, number: str) -> None:
    """Make the central database itself refuse an application numbered *number* (a check
    constraint): for the tests of what a push does when a statement fails."""
    from sqlalchemy import text

    engine = database.create_central_engine(admin_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "ALTER TABLE central_applications ADD CONSTRAINT test_refused_number "
                f"CHECK (number <> '{number}')"))
    finally:
        engine.dispose()


def enrol_unreachable(ctx, url: str = "postgresql://counter@127.0.0.1:1/central") -> None:
    """Enrol *ctx* on a central database that cannot be reached (a server that is down)."""
    import uuid

    from counter_app.central import credentials

    credentials.save(ctx.files, credentials.Enrolment(
        url=url, device_id=str(uuid.uuid4()), site_code="SC001", site_id=str(uuid.uuid4())))
