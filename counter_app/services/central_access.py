"""Which central database this counter talks to, and with which login.

An enrolled counter uses the login its enrolment code gave it. A counter with no central
address configured uses the built-in central server in its data directory and enrols
itself there on first use (a device login of its own site, fenced by row-level security
exactly like on a city's server). A counter with an address but no enrolment is told so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from counter_app.central import builtin, credentials, database
from counter_app.central.admin import add_device, add_site
from counter_app.central.credentials import Enrolment
from counter_app.central.database import SyncError
from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.services.context import AppContext
from counter_app.services.enrolment import redeem
from counter_app.store.models import Site

MSG_NOT_ENROLLED = QT_TRANSLATE_NOOP(
    "messages", "This counter is not enrolled with the central database yet: ask the "
                "administrator for its enrolment code ('counter-app enrol'). Applications "
                "stay queued on this counter.")
MSG_NO_SITE = QT_TRANSLATE_NOOP(
    "messages", "No handling point has been set up on this counter yet, so there is nothing "
                "to send to the central database.")


def counter_url(ctx: AppContext, override: str | None = None) -> str:
    """An explicit URL, else this counter's enrolment, else the built-in central (enrolling
    there on first use). SyncError when a configured central has not enrolled it."""
    if override:
        return override
    enrolment = credentials.load(ctx.files)
    if enrolment is None and ctx.settings.central_url:
        raise SyncError(MSG_NOT_ENROLLED)
    if enrolment is None:
        enrolment = enrol_builtin(ctx)
    elif enrolment.builtin:
        builtin.ensure_running(ctx.settings.data_dir)
    return enrolment.url


Answer = TypeVar("Answer")


def ask(ctx: AppContext, question: Callable[[Connection], Answer],
        url: str | None = None) -> Answer:
    """*question* asked on this counter's central connection (a look-up of
    counter_app.central.lookup); SyncError when the central database cannot be reached."""
    url = counter_url(ctx, url)
    try:
        with database.engine_for(url).connect() as connection:
            return question(connection)
    except DBAPIError as exc:
        database.forget(url)  # a fresh connection next time
        raise database.unreachable(exc) from exc


def uses_builtin(ctx: AppContext) -> bool:
    """True when this counter's central database is the built-in one (or will be)."""
    enrolment = credentials.load(ctx.files)
    return enrolment.builtin if enrolment else not ctx.settings.central_url


def card_centre_url(ctx: AppContext, override: str | None = None) -> str:
    """The card centre's URL: on the built-in central this computer is its administrator
    (one office doing everything); elsewhere its enrolment, as for a counter."""
    if not override and uses_builtin(ctx):
        return builtin.admin_url(ctx.settings.data_dir)
    return counter_url(ctx, override)


def enrol_builtin(ctx: AppContext) -> Enrolment:
    """Register this counter on the built-in central, as a device of its local site."""
    with ctx.sessions() as session:
        site = session.execute(select(Site.code, Site.name).order_by(Site.code).limit(1)).first()
    if site is None:
        raise SyncError(MSG_NO_SITE)
    url = builtin.admin_url(ctx.settings.data_dir)
    add_site(url, site.code, site.name)
    return redeem(ctx, add_device(url, site.code, ctx.settings.device_name), builtin=True)
