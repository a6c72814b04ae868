"""What administrators see of the counters' cross-site look-ups (`central lookups`) and how
they set a site's hourly budget (`central lookup-budget`). Administrator's URL only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from counter_app.central import database
from counter_app.central.admin import MSG_UNKNOWN_SITE, AdminError
from counter_app.central.schema import devices, lookups, sites


@dataclass(frozen=True)
class LookupLine:
    at: dt.datetime          # UTC
    site_code: str
    device: str              # the device's name
    operator: str
    kind: str
    number_hash: str         # keyed: not reversible without the central key
    allowed: bool


def list_lookups(url: str, site_code: str | None = None, hours: int = 24,
                 limit: int = 1000) -> list[LookupLine]:
    """The look-ups of the last *hours*, newest first, of one site or all."""
    since = database.utcnow() - dt.timedelta(hours=hours)
    statement = (select(lookups.c.at, sites.c.code, devices.c.name, lookups.c.operator,
                        lookups.c.kind, lookups.c.number_hash, lookups.c.allowed)
                 .join(sites, sites.c.id == lookups.c.site_id)
                 .join(devices, devices.c.id == lookups.c.device_id)
                 .where(lookups.c.at >= since).order_by(lookups.c.at.desc()).limit(limit))
    if site_code:
        statement = statement.where(sites.c.code == site_code)
    engine = database.open_central(url)
    try:
        with engine.connect() as connection:
            return [LookupLine(*row) for row in connection.execute(statement)]
    finally:
        engine.dispose()


def set_budget(url: str, site_code: str, per_hour: int) -> None:
    """Each of the site's devices may then make *per_hour* look-ups an hour."""
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            changed = connection.execute(update(sites).where(sites.c.code == site_code)
                                         .values(lookup_budget=per_hour)).rowcount
    finally:
        engine.dispose()
    if not changed:
        raise AdminError(MSG_UNKNOWN_SITE, code=site_code)
