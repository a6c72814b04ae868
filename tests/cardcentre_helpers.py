"""A central database with handling points and applications, for the card centre tests."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, select

from counter_app.central import database
from counter_app.central.admin import ensure_site
from counter_app.central.schema import applications, card_records
from counter_app.central.transitions import Who
from counter_app.domain.cards import CardRules
from counter_app.domain.lifecycle import Actor
from counter_app.services.card_centre import CardCentre

NOW = dt.datetime(2026, 11, 22, 9, 0)   # UTC, as stored
TODAY = dt.date(2026, 11, 22)
OPERATOR = Who(Actor.CARD_CENTRE, "卡中心 李敏", None)


@dataclass
class City:
    engine: Engine
    sites: dict[str, uuid.UUID]         # code -> id

    def add(self, site: str, number: str, *, status: str = "submitted",
            received: dt.datetime = NOW, due: dt.date | None = None, name: str = "王䶮",
            phone: str = "13800138000", guardian: dict | None = None,
            card: dict | None = None) -> tuple[uuid.UUID, uuid.UUID]:
        """One application as the central side holds it; its key (site id, id)."""
        app_id = uuid.uuid4()
        site_id = self.sites[site]
        payload = {"id": str(app_id), "number": number, "site_code": site,
                   "business_type": "newborn", "status": "submitted",
                   "applicant": {"name": name, "phone": phone,
                                 "id_number": "110105202403150038"},
                   "guardian": guardian}
        made = status in MADE  # a made card has its production record
        if made and card is None:
            card = {"card_number": f"T{app_id.hex[:9].upper()}"}
        with self.engine.begin() as connection:
            connection.execute(applications.insert().values(
                site_id=site_id, id=app_id, number=number, business_type="newborn",
                status=status, id_number="110105202403150038", payload=payload,
                received_at=received, updated_at=received,
                production_batch_id=uuid.uuid4() if made else None,
                due_date=due or (received.date() + dt.timedelta(days=30))))
            if card is not None:
                connection.execute(card_records.insert().values(
                    site_id=site_id, application_id=app_id, status=status, updated_at=received,
                    **card))
        return site_id, app_id

    def status(self, key) -> str:
        with self.engine.connect() as connection:
            return connection.scalar(select(applications.c.status).where(
                applications.c.site_id == key[0], applications.c.id == key[1]))

    def card(self, key) -> dict | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(card_records).where(
                card_records.c.site_id == key[0],
                card_records.c.application_id == key[1])).first()
        return dict(row._mapping) if row else None

    def centre(self, **options) -> CardCentre:
        return CardCentre(self.engine, OPERATOR, CardRules(), **options)


# Statuses added with a production record (a batch and a card number), as dispatch needs.
MADE = {"produced"}


def city_at(url: str, codes=(("SC001", "朝阳区社会保障服务中心"),
                             ("SP002", "三里屯街道社区服务站"))) -> City:
    """Two handling points on the central database at *url*, seen by its administrator."""
    engine = database.open_central(url)
    with engine.begin() as connection:
        sites = {code: ensure_site(connection, code, name, "service_centre")
                 for code, name in codes}
    return City(engine, sites)
