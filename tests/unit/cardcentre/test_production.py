"""Production batches and cards marked by hand: every card centre move from every state,
allowed or refused, through the service the console and the command line use."""

import csv
import io

import pytest
from sqlalchemy import select

from counter_app.cardcentre import production
from counter_app.cardcentre.sending import OutgoingNotice, notify_application
from counter_app.central.schema import applications, production_batches
from counter_app.central.transitions import history
from counter_app.domain.lifecycle import IllegalTransition, Status
from tests.cardcentre_helpers import NOW, city_at


@pytest.fixture
def city(tmp_path, fresh_central):
    city = city_at(fresh_central)
    yield city
    city.engine.dispose()


def test_a_batch_takes_new_and_failed_applications_into_production(city):
    first = city.add("SC001", "SC001-20261101-0001")
    second = city.add("SP002", "SP002-20261102-0001")
    remade = city.add("SC001", "SC001-20261020-0004", status="production_failed")
    batch = city.centre().make_batch([first, second, remade], NOW)
    assert (batch.name, batch.size, batch.left_out) == ("20261122-01", 3, ())
    assert batch.numbers == ("SC001-20261020-0004", "SC001-20261101-0001",
                             "SP002-20261102-0001")
    assert {city.status(k) for k in (first, second, remade)} == {"in_production"}
    with city.engine.connect() as connection:
        row = connection.execute(select(production_batches)).one()
        assert (row.name, row.size, row.created_by) == ("20261122-01", 3, "卡中心 李敏")
        assert set(connection.scalars(select(applications.c.production_batch_id))) == {
            batch.id}
        [step] = history(connection, *first)
    assert (step["from_status"], step["to_status"], step["actor"], step["reason"]) == (
        "submitted", "in_production", "card_centre", "batch 20261122-01")
    assert city.card(first)["status"] == "in_production"  # the card record the counter pulls
    assert city.centre().make_batch([city.add("SC001", "SC001-X")], NOW).name == "20261122-02"


def test_applications_moved_meanwhile_are_left_out_of_the_batch_and_named(city):
    new = city.add("SC001", "SC001-1")
    withdrawn = city.add("SC001", "SC001-2", status="withdrawn")
    batch = city.centre().make_batch([new, withdrawn, new], NOW)  # a key twice counts once
    assert batch.size == 1 and batch.numbers == ("SC001-1",)
    [left] = batch.left_out
    assert (left.move.application_id, left.from_status) == (withdrawn[1], "withdrawn")
    assert city.status(withdrawn) == "withdrawn"


def test_no_batch_is_made_when_none_can_go_into_production(city):
    made = city.add("SC001", "SC001-1", status="produced")
    with pytest.raises(production.ProductionError, match="None of the chosen"):
        city.centre().make_batch([made], NOW)
    with pytest.raises(production.ProductionError, match="Choose"):
        city.centre().make_batch([], NOW)
    with city.engine.connect() as connection:
        assert connection.scalars(select(production_batches.c.id)).all() == []
    assert city.status(made) == "produced"


def test_the_result_template_lists_the_batch_numbers_and_nothing_personal(city):
    batch = city.centre().make_batch([city.add("SC001", "SC001-1", name="张𠮷")], NOW)
    text = production.result_template(batch.numbers)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [list(production.RESULT_HEADER), ["SC001-1", "", "", "", ""]]
    assert "张" not in text


def test_a_card_marked_produced_and_another_failed_by_hand(city):
    good = city.add("SC001", "SC001-1", status="in_production")
    bad = city.add("SC001", "SC001-2", status="in_production")
    centre = city.centre()
    centre.mark_produced(" SC001-1 ", "A12345678", "中国工商银行", NOW)
    centre.mark_failed("SC001-2", "照片不合格", NOW)
    assert (city.status(good), city.status(bad)) == ("produced", "production_failed")
    card = city.card(good)
    assert (card["card_number"], card["bank"], card["issued_on"]) == (
        "A12345678", "中国工商银行", NOW.date())
    assert city.card(bad)["reason"] == "照片不合格"


def test_hand_marking_refuses_bad_input_in_words(city):
    city.add("SC001", "SC001-1", status="in_production")
    city.add("SC001", "SC001-9", status="produced", card={"card_number": "B00000001"})
    centre = city.centre()
    with pytest.raises(production.ProductionError, match="No application has the number"):
        centre.mark_produced("SC001-404", "A12345678", "", NOW)
    with pytest.raises(production.ProductionError, match="6 to 30 letters"):
        centre.mark_produced("SC001-1", "A-1", "", NOW)
    with pytest.raises(production.ProductionError, match="already belongs to application "
                                                         "SC001-9"):
        centre.mark_produced("SC001-1", "B00000001", "", NOW)
    with pytest.raises(production.ProductionError, match="Say why"):
        centre.mark_failed("SC001-1", "  ", NOW)
    with pytest.raises(IllegalTransition) as caught:   # translated with the status names
        centre.mark_produced("SC001-9", "C00000001", "", NOW)
    assert caught.value.params == {"current": "produced", "target": "produced"}


def test_dispatch_sends_only_cards_with_a_production_record(city):
    """A status of 'produced' set without a batch or a card number is no card."""
    made = city.add("SC001", "SC001-1", status="produced")
    forged = city.add("SC001", "SC001-2", status="in_production")
    with city.engine.begin() as connection:  # as a forged write would leave it
        connection.execute(applications.update().where(applications.c.id == forged[1])
                           .values(status="produced"))
    result = city.centre().dispatch([made, forged], NOW)
    assert result.sent == 1
    [left] = result.left_out
    assert left.move.application_id == forged[1] and "production record" in left.error
    assert (city.status(made), city.status(forged)) == ("at_site", "produced")


# Every state an application can be in centrally, and what each card centre step does
# with it: the step's target when allowed, refused (and nothing changed) otherwise.
CENTRAL_STATES = [s for s in Status if s not in (Status.DRAFT, Status.EXAMINED,
                                                 Status.PHOTO_OK, Status.FORM_PRINTED,
                                                 Status.SIGNED)]
STEPS = {
    "batch": ({Status.SUBMITTED, Status.PRODUCTION_FAILED}, Status.IN_PRODUCTION),
    "produced": ({Status.IN_PRODUCTION}, Status.PRODUCED),
    "failed": ({Status.IN_PRODUCTION}, Status.PRODUCTION_FAILED),
    "dispatch": ({Status.PRODUCED}, Status.AT_SITE),
    "notified": ({Status.AT_SITE}, Status.NOTIFIED),
}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("state", CENTRAL_STATES, ids=str)
def test_each_card_centre_step_from_each_state(city, step, state):
    key = city.add("SC001", "SC001-1", status=state.value)
    allowed, target = STEPS[step]
    centre = city.centre()
    try:
        if step == "batch":
            centre.make_batch([key], NOW)
        elif step == "produced":
            centre.mark_produced("SC001-1", "A12345678", "中国银行", NOW)
        elif step == "failed":
            centre.mark_failed("SC001-1", "芯片损坏", NOW)
        elif step == "dispatch":
            result = centre.dispatch([key], NOW)
            if not result.sent:
                raise production.ProductionError(production.MSG_EMPTY_BATCH)
        else:
            with city.engine.begin() as connection:
                notice = OutgoingNotice(key[0], key[0], key[1], "SC001-1", "sms", "", "", 0)
                if not notify_application(connection, notice, "file", NOW):
                    raise production.ProductionError(production.MSG_EMPTY_BATCH)
    except (production.ProductionError, IllegalTransition):
        assert state not in allowed
        assert city.status(key) == state.value
        with city.engine.connect() as connection:
            assert history(connection, *key) == []
        return
    assert state in allowed
    assert city.status(key) == target.value
    with city.engine.connect() as connection:
        [step_made] = history(connection, *key)
    assert (step_made["from_status"], step_made["to_status"]) == (state.value, target.value)
    assert step_made["actor"] == ("notifier" if step == "notified" else "card_centre")
