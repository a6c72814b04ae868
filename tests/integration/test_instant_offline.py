"""Instant issuance with the network down (issue 16): two counters of one site reserve card
numbers while online, then each makes three cards (one of them after a spoiled blank)
while the central database cannot be reached. When it is back, every move goes up once,
in order, and no number was taken by both counters."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from counter_app.central import admin as central_admin
from counter_app.central import card_blocks, credentials, database
from counter_app.central.schema import applications, card_numbers
from counter_app.config import Settings
from counter_app.domain.lifecycle import Status
from counter_app.encoders import SimulatedEncoder
from counter_app.issuance.stock import Stock
from counter_app.security.keys import KEY_ID_FILE
from counter_app.security.roles import Role
from counter_app.services import auth, issuance, syncing
from counter_app.services.context import open_context
from counter_app.services.enrolment import enrol
from counter_app.store.models import OutboxEntry
from tests.conftest import NOT_CONFIGURED
from tests.helpers import PASSWORD, application_at
from tests.issuance_helpers import FacePrinter, make_instant

pytestmark = pytest.mark.postgres


def _second_counter(tmp_path, template, admin_url: str):
    """Another counter of site SC001 on a data directory of its own, enrolled."""
    settings = Settings(data_dir=tmp_path / "second" / "data",
                        config_dir=tmp_path / "second" / "config", central_url=NOT_CONFIGURED,
                        key_file=str(template.parent.parent / "data.key"))
    settings.data_dir.mkdir(parents=True)
    shutil.copyfile(template, settings.data_dir / "counter.sqlite3")
    shutil.copyfile(template.parent / KEY_ID_FILE, settings.data_dir / KEY_ID_FILE)
    ctx = open_context(settings)
    site_id = auth.ensure_site(ctx, "SC001", "示范社保服务中心")
    auth.create_operator(ctx, site_id=site_id, username="clerk2", display_name="clerk2",
                         password=PASSWORD, roles={Role.WINDOW_STAFF},
                         must_change_password=False)
    enrol(ctx, central_admin.add_device(admin_url, "SC001", "counter-2").code())
    return ctx, auth.login(ctx, "clerk2", PASSWORD)


class Network:
    """The central database out of reach of both counters (their stored address pointed
    at a closed port), and back."""

    def __init__(self, *contexts) -> None:
        self.contexts = contexts
        self.saved = [credentials.load(ctx.files) for ctx in contexts]

    def down(self) -> None:
        for ctx, enrolment in zip(self.contexts, self.saved):
            closed = make_url(enrolment.url).set(host="127.0.0.1", port=1)
            credentials.save(ctx.files, dataclasses.replace(
                enrolment, url=closed.render_as_string(hide_password=False)))

    def up(self) -> None:
        for ctx, enrolment in zip(self.contexts, self.saved):
            credentials.save(ctx.files, enrolment)


def _pending(ctx) -> list[str]:
    with ctx.sessions() as session:
        return list(session.scalars(select(OutboxEntry.kind).where(
            OutboxEntry.sent_at.is_(None)).order_by(OutboxEntry.seq)))


def test_three_cards_each_on_two_counters_offline_go_up_later_with_no_number_twice(
        ctx, admin, central, tmp_path, migrated_local_database):
    make_instant(central, blanks=20, numbers="A00000001-A00000100")
    second, clerk = _second_counter(tmp_path, migrated_local_database, central)
    counters = [(ctx, admin, "01"), (second, clerk, "02")]
    for counter, _operator, _ in counters:  # online: each reserves its own run of numbers
        syncing.sync_now(counter)
    runs = [{r.numbers.text for r in issuance.counter_stock(c, o).runs} for c, o, _ in counters]
    assert runs == [{"A00000001-A00000020"}, {"A00000021-A00000040"}]

    network = Network(ctx, second)
    network.down()
    made: dict[str, list[str]] = {}
    app_ids = []
    for index, (counter, operator, mark) in enumerate(counters):
        encoder = SimulatedEncoder(fail_next=1 if index == 0 else 0)  # one blank spoiled
        made[mark] = []
        for n in range(3):
            app_id = application_at(counter, operator, Status.SIGNED, tmp_path,
                                    first17=f"110105202403{index + 1}{n}0{n}3")
            result = issuance.issue_card(counter, operator, app_id, encoder=encoder,
                                         print_face=FacePrinter())
            if not result.ok:  # the retry, offline too: the next number
                made[mark].append(result.card_number)
                result = issuance.issue_card(counter, operator, app_id, encoder=encoder,
                                             print_face=FacePrinter())
            assert result.ok and result.status == Status.COLLECTED
            made[mark].append(result.card_number)
            app_ids.append(app_id)
        with pytest.raises(syncing.SyncError):
            syncing.sync_now(counter)
        assert "card_instant_started" in _pending(counter)
    assert made == {"01": ["A00000001", "A00000002", "A00000003", "A00000004"],
                    "02": ["A00000021", "A00000022", "A00000023"]}
    # offline, each counter counts its own moves against the last stock it was told
    with ctx.sessions() as session:
        assert issuance.local_stock(session) == Stock(20, 3, 1, 0)
    with second.sessions() as session:
        assert issuance.local_stock(session) == Stock(20, 3, 0, 0)

    network.up()
    for counter, _operator, _ in counters:
        result = syncing.sync_now(counter)
        assert (result.rejected, result.pending) == (0, 0)
        assert _pending(counter) == []
    for counter, _operator, _ in counters:  # a second sync: nothing more, nothing twice
        assert syncing.sync_now(counter).sent == 0

    engine = database.create_central_engine(central)
    try:
        with engine.connect() as connection:
            used = connection.execute(select(card_numbers.c.card_number,
                                             card_numbers.c.outcome)).all()
            statuses = connection.execute(select(applications.c.status).where(
                applications.c.id.in_(app_ids))).scalars().all()
            [stock] = card_blocks.site_stocks(connection)
    finally:
        engine.dispose()
    assert sorted(used) == sorted([(n, "issued") for n in made["01"][1:] + made["02"]]
                                  + [("A00000001", "spoiled")])
    assert len({number for number, _ in used}) == len(used) == 7
    assert statuses == ["collected"] * 6
    assert stock.stock == Stock(received=20, issued=6, spoiled=1, pending=0)
    for counter, operator, _ in counters:  # both counters now know the whole site's stock
        assert issuance.counter_stock(counter, operator).site == stock.stock
        assert issuance.counter_stock(counter, operator).unsent == 0
