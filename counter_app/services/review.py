"""Four eyes (issue 17): where the site's rules want it, an examined application waits for a
supervisor, who approves it (staff go on: photo, form, signature, submission) or returns it
with a reason code and a note (staff correct it and examine it again, and it waits again).

The review is kept beside the lifecycle (table application_reviews), which the central
side shares: a waiting or returned application stays "examined". A supervisor never
approves an examination of their own. Every decision, and every refused approval, is
audited with codes only (a note is free text: it stays in the table, not in the log).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.business import BusinessType
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.idnumber import mask
from counter_app.domain.lifecycle import Status
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.closed_days import ensure_day_open
from counter_app.services.auth import CurrentOperator
from counter_app.services.context import AppContext
from counter_app.store.models import (Application, ApplicationReview, Attachment, Operator,
                                      utcnow)

WAITING, APPROVED, RETURNED = "waiting", "approved", "returned"
NOTE_LIMIT = 500  # characters of a return note

MSG_WAITING = QT_TRANSLATE_NOOP(
    "messages", "The application waits for a supervisor's review: the photo, the form, the "
                "signature and the submission follow the approval.")
MSG_RETURNED = QT_TRANSLATE_NOOP(
    "messages", "The supervisor returned the application: correct it and examine it again.")
MSG_OWN_EXAMINATION = QT_TRANSLATE_NOOP(
    "messages", "You examined this application yourself: another supervisor has to approve it.")
MSG_NOT_WAITING = QT_TRANSLATE_NOOP(
    "messages", "This application is not waiting for a review (any more).")
MSG_NO_REASON = QT_TRANSLATE_NOOP(
    "messages", "Please choose the reason for returning the application.")
MSG_NOTE_TOO_LONG = QT_TRANSLATE_NOOP(
    "messages", "The note is too long: at most {limit} characters.")


class ReviewError(CounterError):
    code = "review"


@dataclass(frozen=True)
class ReviewState:
    """Where an application's review stands, as staff read it."""

    state: str                 # waiting, approved, returned
    examined_by: str           # display name
    examined_at: dt.datetime   # naive UTC
    rounds: int
    decided_by: str            # "" while waiting
    decided_at: dt.datetime | None
    reason_code: str           # a returned one's ("" otherwise)
    reason: str                # its words (the rules')
    note: str


@dataclass(frozen=True)
class ReviewCase:
    """One waiting application with what a supervisor judges it by."""

    application_id: uuid.UUID
    number: str
    name: str                  # for the window only, never logged
    masked_id: str
    business_label: str
    is_minor: bool
    materials: tuple[tuple[str, bool, bool], ...]  # (label, required, received)
    photo_path: Path | None    # the latest photo, if one came before the examination
    scans: tuple[Path, ...]    # scanned materials
    examined_by: str
    examined_at: dt.datetime
    rounds: int
    last_return: str           # the previous round's reason, words ("" on the first round)


# --- for the other services, inside their transaction -------------------------------------

def required_here(ctx: AppContext, operator: CurrentOperator) -> bool:
    return ctx.rules.review.required_at(operator.site_code)


def after_examination(session: Session, ctx: AppContext, operator: CurrentOperator,
                      app: Application) -> None:
    """Where the operator's site wants a review, the examined application waits (a new
    round after a return)."""
    if not required_here(ctx, operator):
        return
    row = session.get(ApplicationReview, app.id)
    if row is None:
        row = ApplicationReview(application_id=app.id, rounds=0)
        session.add(row)
    row.state, row.examined_by, row.examined_at = WAITING, operator.id, utcnow()
    row.rounds += 1
    row.decided_by, row.decided_at = None, None
    audit.record(session, action="review_waiting", entity="application", entity_id=app.id,
                 operator_id=operator.id, site_id=operator.site_id,
                 detail=f"round={row.rounds}")


def check_may_continue(session: Session, app: Application) -> None:
    """ReviewError while the application waits for its review or was returned: nothing
    after the examination happens before the approval (an application examined before
    the site wanted reviews has no row and goes on)."""
    row = session.get(ApplicationReview, app.id)
    if row is None or row.state == APPROVED:
        return
    raise ReviewError(MSG_WAITING if row.state == WAITING else MSG_RETURNED)


def check_not_waiting(session: Session, app: Application) -> None:
    """ReviewError while the application waits: what the supervisor judges stays as is."""
    row = session.get(ApplicationReview, app.id)
    if row is not None and row.state == WAITING:
        raise ReviewError(MSG_WAITING)


def is_returned(session: Session, application_id: uuid.UUID) -> bool:
    """Returned to staff: its applicant and materials may change, and it is examined again."""
    row = session.get(ApplicationReview, application_id)
    return row is not None and row.state == RETURNED


# --- for the window -----------------------------------------------------------------------

def state_of(ctx: AppContext, application_id: uuid.UUID) -> ReviewState | None:
    """The application's review, or None when it had none."""
    with ctx.sessions() as session:
        row = session.get(ApplicationReview, application_id)
        if row is None:
            return None
        names = _names(session, {row.examined_by, row.decided_by})
        return ReviewState(row.state, names.get(row.examined_by, ""), row.examined_at,
                           row.rounds, names.get(row.decided_by, ""), row.decided_at,
                           row.reason_code, _reason(ctx, row), row.note)


def waiting(ctx: AppContext, operator: CurrentOperator) -> list[ReviewCase]:
    """The applications of the supervisor's site waiting for a review, oldest first."""
    operator.require(Permission.OVERRIDE)
    with ctx.sessions() as session:
        rows = session.execute(
            select(Application, ApplicationReview)
            .join(ApplicationReview, ApplicationReview.application_id == Application.id)
            .where(ApplicationReview.state == WAITING,
                   Application.status == Status.EXAMINED.value,
                   Application.site_id == operator.site_id)
            .order_by(ApplicationReview.examined_at, Application.number)).all()
        names = _names(session, {review.examined_by for _app, review in rows})
        return [_case(ctx, session, app, review, names) for app, review in rows]


def approve(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID) -> None:
    """Approve a waiting application; refused (and audited) for one's own examination."""
    operator.require(Permission.OVERRIDE)
    with ctx.sessions.begin() as session:
        row = _waiting_row(session, operator, application_id)
        own = row.examined_by == operator.id
        if not own:
            _decide(session, operator, row, APPROVED, "review_approved", "")
    if own:  # the refusal is audited on its own: the approval's transaction ended unchanged
        with ctx.sessions.begin() as session:
            audit.record(session, action="review_approval_refused", entity="application",
                         entity_id=application_id, operator_id=operator.id,
                         site_id=operator.site_id, detail="own examination")
        raise ReviewError(MSG_OWN_EXAMINATION)


def return_to_staff(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                    reason_code: str, note: str = "") -> None:
    """Return a waiting application to staff with a reason code of the rules and a note."""
    operator.require(Permission.OVERRIDE)
    if reason_code not in ctx.rules.review.return_reasons:
        raise ReviewError(MSG_NO_REASON)
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ReviewError(MSG_NOTE_TOO_LONG, limit=NOTE_LIMIT)
    with ctx.sessions.begin() as session:
        row = _waiting_row(session, operator, application_id)
        row.note = note
        _decide(session, operator, row, RETURNED, "review_returned", reason_code)


# --- helpers ------------------------------------------------------------------------------

def _waiting_row(session: Session, operator: CurrentOperator,
                 application_id: uuid.UUID) -> ApplicationReview:
    row = session.get(ApplicationReview, application_id)
    app = session.get(Application, application_id)
    if (row is None or app is None or row.state != WAITING or app.site_id != operator.site_id
            or app.status != Status.EXAMINED):
        raise ReviewError(MSG_NOT_WAITING)
    ensure_day_open(session, app)  # a closed day's review is decided only once reopened
    return row


def _decide(session: Session, operator: CurrentOperator, row: ApplicationReview, state: str,
            action: str, reason_code: str) -> None:
    row.state, row.reason_code = state, reason_code
    row.decided_by, row.decided_at = operator.id, utcnow()
    detail = f"round={row.rounds}" + (f"; reason={reason_code}" if reason_code else "")
    audit.record(session, action=action, entity="application", entity_id=row.application_id,
                 operator_id=operator.id, site_id=operator.site_id,
                 from_status=Status.EXAMINED, to_status=Status.EXAMINED, detail=detail)


def _names(session: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(Operator.id, Operator.display_name)
                                .where(Operator.id.in_(wanted))).all())


def _reason(ctx: AppContext, row: ApplicationReview) -> str:
    return ctx.rules.review.reason_label(row.reason_code) if row.reason_code else ""


def _case(ctx: AppContext, session: Session, app: Application, review: ApplicationReview,
          names: dict[uuid.UUID, str]) -> ReviewCase:
    protected = ctx.settings.protected_dir
    photo = app.photos[-1] if app.photos else None
    scans = session.scalars(select(Attachment.path).where(
        Attachment.application_id == app.id, Attachment.kind == "material_scan")
        .order_by(Attachment.created_at)).all()
    return ReviewCase(
        application_id=app.id, number=app.number, name=app.name,
        masked_id=mask(app.id_number),
        business_label=ctx.rules.labels[BusinessType(app.business_type)],
        is_minor=app.guardian is not None,
        materials=tuple((m.label, m.required, m.received) for m in app.materials),
        photo_path=protected / photo.path if photo and photo.path else None,
        scans=tuple(protected / path for path in scans),
        examined_by=names.get(review.examined_by, ""), examined_at=review.examined_at,
        rounds=review.rounds, last_return=_reason(ctx, review) if review.rounds > 1 else "")
