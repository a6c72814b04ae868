"""Fees (issue 16): the fee of an application, recorded when it is saved, and its payment.

The fee is the rules' `[fees]` (domain/fees.py) for the application's business type and
the applicant's age on the day it is saved: intake.save_applicant and the batch intake
record it in their own transaction. While the application is a draft and unpaid, saving
it again works it out again; after that it stays as recorded, whatever the rules say
later. A fee of 0 needs no payment. A payment (method from the rules' list) is recorded
with who took it and when, audited. The outbox payload of the application carries the
fee (intake.application_payload), the pick-up voucher prints it, the end-of-day report
totals the day's payments per operator and method (services/reports.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from counter_app.domain.business import BusinessRules, BusinessType
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.fees import Fee, format_amount, waiver_age
from counter_app.domain.lifecycle import Status
from counter_app.forms import document_layouts as L
from counter_app.security import audit
from counter_app.security.roles import Permission
from counter_app.services.auth import CurrentOperator
from counter_app.services.closed_days import ensure_day_open
from counter_app.services.context import AppContext
from counter_app.store.models import Application, ApplicationFee, Operator, utcnow

MSG_NOT_FOUND = QT_TRANSLATE_NOOP("messages", "The application cannot be found.")
MSG_UNKNOWN_METHOD = QT_TRANSLATE_NOOP(
    "messages", "Payment method {method} is not one of this city's.")
MSG_NOTHING_DUE = QT_TRANSLATE_NOOP("messages", "No fee is due for this application.")
MSG_ALREADY_PAID = QT_TRANSLATE_NOOP("messages", "The fee of this application has been paid.")
MSG_CLOSED = QT_TRANSLATE_NOOP(
    "messages", "The application was rejected or withdrawn: no fee is taken for it.")
MSG_PAID_TYPE_FIXED = QT_TRANSLATE_NOOP(
    "messages", "The fee of this application has been paid: its business type can no longer "
                "be changed.")

CLOSED = frozenset({Status.REJECTED, Status.WITHDRAWN})


class FeeError(CounterError):
    code = "fee"


@dataclass(frozen=True)
class FeeDue:
    """An application's fee as recorded (or, for one saved before fees were recorded,
    the rules' of today: *recorded* False), and its payment."""

    application_id: uuid.UUID
    number: str
    business_type: str
    currency: str
    standard_fen: int           # the business type's amount
    amount_fen: int             # due, after a waiver
    waiver: str                 # "" or e.g. "under_age:16"
    recorded: bool
    paid_at: dt.datetime | None = None   # UTC
    method: str = ""
    paid_by: str = ""           # the operator's display name

    @property
    def payable(self) -> bool:
        return self.amount_fen > 0

    @property
    def paid(self) -> bool:
        return self.paid_at is not None

    @property
    def outstanding(self) -> bool:
        return self.payable and not self.paid


def record_due(rules: BusinessRules, app: Application, age: int) -> None:
    """Work out and record the fee of *app* (its business type, an applicant of *age*
    whole years) in the caller's transaction. A paid fee is kept (FeeError when the
    business type would change under it)."""
    row = app.fee
    if row is not None and row.paid_at is not None:
        if row.business_type != app.business_type:
            raise FeeError(MSG_PAID_TYPE_FIXED)
        return
    columns = fee_columns(rules.fees.fee_for(app.business_type, age), app.business_type)
    if row is None:
        app.fee = row = ApplicationFee()
    for column, value in columns.items():
        setattr(row, column, value)


def fee_columns(fee: Fee, business_type: str, now: dt.datetime | None = None) -> dict:
    """An application_fees row's columns for *fee* (no payment), less the application."""
    return {"business_type": str(business_type), "currency": fee.currency,
            "standard_fen": fee.standard_fen, "amount_fen": fee.amount_fen,
            "waiver": fee.waiver, "recorded_at": now or utcnow(), "paid_at": None,
            "method": "", "paid_by": None}


def fee_due(ctx: AppContext, application_id: uuid.UUID, today: dt.date | None = None
            ) -> FeeDue:
    """The fee of the application and whether, how, when and by whom it was paid."""
    with ctx.sessions() as session:
        return due_of(session, ctx.rules, _application(session, application_id), today)


def due_of(session: Session, rules: BusinessRules, app: Application,
           today: dt.date | None = None) -> FeeDue:
    """fee_due for an application loaded in *session* (a document being printed)."""
    row, recorded = app.fee, True
    if row is None:  # saved before fees were recorded (local migration 0011)
        row = ApplicationFee(**fee_columns(_fee_of(rules, app, today), app.business_type))
        recorded = False
    clerk = session.get(Operator, row.paid_by) if row.paid_by else None
    return _due(app, row, recorded, clerk.display_name if clerk else "")


def record_payment(ctx: AppContext, operator: CurrentOperator, application_id: uuid.UUID,
                   method: str, today: dt.date | None = None) -> FeeDue:
    """Record that the fee was paid now by *method* (a code of the rules' [fees.methods]),
    taken by *operator*; audited in the same transaction."""
    operator.require(Permission.INTAKE)
    if method not in ctx.rules.fees.methods:
        raise FeeError(MSG_UNKNOWN_METHOD, method=method)
    with ctx.sessions.begin() as session:
        app = _application(session, application_id)
        ensure_day_open(session, app)
        if app.status in CLOSED:
            raise FeeError(MSG_CLOSED)
        row = app.fee
        if row is None:  # saved before fees were recorded: today's rules, recorded now
            app.fee = row = ApplicationFee(**fee_columns(_fee_of(ctx.rules, app, today),
                                                         app.business_type))
        if row.amount_fen <= 0:
            raise FeeError(MSG_NOTHING_DUE)
        if row.paid_at is not None:
            raise FeeError(MSG_ALREADY_PAID)
        row.paid_at, row.method, row.paid_by = utcnow(), method, operator.id
        audit.record(session, action="fee_paid", entity="application", entity_id=app.id,
                     operator_id=operator.id, site_id=operator.site_id,
                     detail=f"amount_fen={row.amount_fen} currency={row.currency} "
                            f"method={method}")
        session.flush()
        return _due(app, row, True, operator.display_name)


def fee_payload(app: Application) -> dict | None:
    """The fee as the outbox sends it with the application (None: none recorded)."""
    row = app.fee
    if row is None:
        return None
    return {"currency": row.currency, "standard_fen": row.standard_fen,
            "amount_fen": row.amount_fen, "waiver": row.waiver or None,
            "paid": row.paid_at is not None,
            "paid_at": row.paid_at.isoformat() if row.paid_at else None,
            "method": row.method or None,
            "paid_by": str(row.paid_by) if row.paid_by else None}


def fee_text(due: FeeDue | None, rules: BusinessRules) -> tuple[str, str]:
    """What the voucher prints: the fee ("¥20.00", "免费", "¥0.00（未满16周岁免收，原¥20.00）")
    and whether it was paid ("已缴费（现金）", "未缴费", "无需缴费"); ("", "") for none."""
    if due is None:
        return "", ""
    if not due.payable:
        age = waiver_age(due.waiver)
        amount = (L.VOUCHER_FEE_WAIVED.format(
            amount=format_amount(0, due.currency), age=age,
            standard=format_amount(due.standard_fen, due.currency))
            if due.standard_fen and age is not None else L.VOUCHER_FEE_FREE)
        return amount, L.VOUCHER_FEE_NONE_DUE
    amount = format_amount(due.amount_fen, due.currency)
    if due.paid:
        return amount, L.VOUCHER_FEE_PAID.format(method=rules.fees.method_label(due.method))
    return amount, L.VOUCHER_FEE_UNPAID


def _fee_of(rules: BusinessRules, app: Application, today: dt.date | None) -> Fee:
    today = today or dt.date.today()
    born = app.birth_date
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return rules.fees.fee_for(BusinessType(app.business_type), age)


def _due(app: Application, row: ApplicationFee, recorded: bool, paid_by: str) -> FeeDue:
    return FeeDue(app.id, app.number, row.business_type, row.currency, row.standard_fen,
                  row.amount_fen, row.waiver, recorded, row.paid_at, row.method,
                  paid_by if row.paid_at else "")


def _application(session, application_id: uuid.UUID) -> Application:
    app = session.get(Application, application_id)
    if app is None:
        raise FeeError(MSG_NOT_FOUND)
    return app
