"""Audit records, written in the caller's transaction so they commit with the change."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from counter_app.store.models import AuditRecord


def record(session: Session, *, action: str, entity: str, entity_id: uuid.UUID | str,
           operator_id: uuid.UUID | None, site_id: uuid.UUID | None,
           from_status: str = "", to_status: str = "", detail: str = "") -> None:
    """Add an audit row to *session*. *detail* must not hold personal data."""
    session.add(AuditRecord(
        action=action, entity=entity, entity_id=str(entity_id), operator_id=operator_id,
        site_id=site_id, from_status=from_status, to_status=to_status, detail=detail))
