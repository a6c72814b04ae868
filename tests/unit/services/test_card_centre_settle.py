"""The card centre's periodic job settles temporary loss reports whose days ran out."""

import datetime as dt
import uuid

from sqlalchemy import select

from counter_app.central.schema import invalid_list
from counter_app.services.card_centre import open_card_centre

LISTED = dt.datetime(2026, 11, 1, 9, 0)


def test_a_temporary_loss_report_runs_out_by_the_citys_rule(fresh_central):
    centre = open_card_centre(fresh_central, "卡中心")
    try:
        with centre.engine.begin() as connection:
            for kind, expires in (("temporary_loss", LISTED + dt.timedelta(days=7)),
                                  ("formal_loss", None)):
                connection.execute(invalid_list.insert().values(
                    id=uuid.uuid4(), card_number=f"C-{kind}", id_number="110105201903150038",
                    reason=kind, level="city", listed_at=LISTED, expires_at=expires))
        assert centre.settle_loss_reports(LISTED + dt.timedelta(days=6)) == 0
        assert centre.settle_loss_reports(LISTED + dt.timedelta(days=7)) == 1
        with centre.engine.connect() as connection:
            rows = dict(connection.execute(
                select(invalid_list.c.reason, invalid_list.c.state)).all())
        assert rows == {"temporary_loss": "released", "formal_loss": "active"}
    finally:
        centre.close()
