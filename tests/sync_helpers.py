"""Submitted applications and a look into the central database, for the sync tests."""

from __future__ import annotations

from sqlalchemy import func, select

from counter_app.central import database
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
            rows = connection.execute(select(database.applications)).mappings().all()
            return {str(row["id"]): dict(row) for row in rows}
    finally:
        engine.dispose()


def applied_count(url: str) -> int:
    """Application operations recorded centrally (files not counted)."""
    engine = database.open_central(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(
                select(func.count()).select_from(database.applied_operations)
                .where(database.applied_operations.c.kind == "application_submitted"))
    finally:
        engine.dispose()
