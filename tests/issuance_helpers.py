"""Instant issuance for the tests: a site that issues at the window with blanks and a block
of card numbers, counters that sync, a face printer that keeps what it was given."""

from __future__ import annotations

from sqlalchemy import select

from counter_app.central import card_blocks, database
from counter_app.central.schema import card_numbers, card_records, applications, invalid_list
from counter_app.encoders import SimulatedEncoder
from counter_app.issuance.numbers import parse_range
from counter_app.services import issuance, syncing
from counter_app.store.models import Application


class FacePrinter:
    """A stand-in for the card printer: keeps each face it was given (fails when told)."""

    def __init__(self, fail_next: int = 0) -> None:
        self.faces = []
        self.fail_next = fail_next

    def __call__(self, face) -> None:
        if self.fail_next:
            self.fail_next -= 1
            raise OSError("printer jammed")
        self.faces.append(face)


def make_instant(admin_url: str, site_code: str = "SC001", *, blanks: int = 50,
                 numbers: str = "A00000001-A00000100", bank: str = "中国工商银行") -> None:
    """Switch *site_code* to instant issuance and give it blanks and a block (as the
    administrator: the card centre's function)."""
    card_blocks.set_instant(admin_url, site_code, True)
    engine = database.create_central_engine(admin_url)
    try:
        with engine.begin() as connection:
            card_blocks.allocate(connection, site_code, blanks,
                                 parse_range(numbers) if numbers else None, bank, "test")
    finally:
        engine.dispose()


def issue(ctx, operator, application_id, encoder=None, printer=None, **options):
    return issuance.issue_card(ctx, operator, application_id,
                               encoder=encoder or SimulatedEncoder(),
                               print_face=printer or FacePrinter(), **options)


def status_of(ctx, application_id) -> str:
    with ctx.sessions() as session:
        return session.get(Application, application_id).status


def central_card(admin_url: str, application_id) -> dict:
    """The central application's status, its card record and the numbers used for it."""
    engine = database.create_central_engine(admin_url)
    try:
        with engine.connect() as connection:
            app = connection.execute(select(applications.c.status).where(
                applications.c.id == application_id)).scalar()
            card = connection.execute(select(card_records).where(
                card_records.c.application_id == application_id)).mappings().first()
            used = connection.execute(select(card_numbers.c.card_number,
                                             card_numbers.c.outcome).where(
                card_numbers.c.application_id == application_id)
                .order_by(card_numbers.c.card_number)).all()
            listed = connection.execute(select(invalid_list.c.card_number,
                                               invalid_list.c.reason).where(
                invalid_list.c.application_id == application_id)).all()
    finally:
        engine.dispose()
    return {"status": app, "card": dict(card) if card else None,
            "used": [tuple(row) for row in used], "listed": [tuple(row) for row in listed]}


def sync(ctx):
    return syncing.sync_now(ctx)
