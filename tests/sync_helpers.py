"""Submitted applications and a look into the central database, for the sync tests."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from types import SimpleNamespace

from sqlalchemy import func, insert, select

from counter_app.central import database, schema
from counter_app.domain.business import BusinessType, load_rules
from counter_app.domain.idnumber import make_check_char
from counter_app.domain.lifecycle import Status
from counter_app.services.intake import application_payload
from counter_app.store.models import OutboxEntry
from tests.helpers import GUARDIAN_ID, application_at

MATERIALS = [m.code for m in load_rules().materials_for(BusinessType.NEWBORN, True)]


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


def payloads(count: int, site_code: str, tag: str) -> list[dict]:
    """Submitted newborn applications as counter_app.services.intake sends them."""
    today = dt.date.today()
    result = []
    for index in range(count):
        birth = dt.date(2024, 1, 1) + dt.timedelta(days=index % 600)
        first17 = f"110105{birth:%Y%m%d}{index % 1000:03d}"
        app = SimpleNamespace(
            id=uuid.uuid4(), number=f"{site_code}-{tag}-{today:%Y%m%d}-{index:05d}",
            business_type="newborn", status="submitted", name="王䶮", pinyin="WANG YAN",
            sex="1", birth_date=birth, id_type="resident_id",
            id_number=first17 + make_check_char(first17), phone="13800138000",
            ethnicity="汉族", nationality="CHN", presenter="guardian",
            guardian=SimpleNamespace(name="王建国", relation="父亲", id_number=GUARDIAN_ID,
                                     phone="13800138001"),
            agent_name="", agent_id_number="", agent_phone="", agent_relation="",
            replaces_card=None, fee=None,  # no fee recorded (an older application)
            materials=[SimpleNamespace(code=code, received=True) for code in MATERIALS],
            photos=[SimpleNamespace(sha256=f"{index:064x}", source="camera",
                                    receipt_number="")])
        result.append(application_payload(app, site_code))
    return result


def queue(ctx, items: list[dict], photo_bytes: int = 0) -> None:
    """Outbox rows for *items*, written in one local transaction (as intake would, but
    without running 10,000 intakes); with *photo_bytes*, each also gets a photo of that
    size (random content, stored sealed like a real one) and its file's row."""
    if not items:
        return
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = []
    for p in items:
        rows.append({"op_id": uuid.uuid4(), "kind": "application_submitted",
                     "entity_id": p["id"], "payload": p, "created_at": now, "attempts": 0,
                     "last_error": "", "result": ""})
        if photo_bytes:
            sha, path = ctx.files.write_once("photos", os.urandom(photo_bytes), ".jpg")
            rows.append({"op_id": uuid.uuid4(), "kind": "blob", "entity_id": p["id"],
                         "payload": {"application_id": p["id"], "sha256": sha, "path": path,
                                     "role": "photo"},
                         "created_at": now, "attempts": 0, "last_error": "", "result": ""})
    with ctx.sessions.begin() as session:
        session.execute(insert(OutboxEntry.__table__), rows)
