import pytest

from counter_app.domain.lifecycle import (FINAL, TRANSITIONS, Actor, IllegalTransition,
                                          Status, actor_of, check_transition)

HAPPY_PATH = [Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK, Status.FORM_PRINTED,
              Status.SIGNED, Status.SUBMITTED, Status.IN_PRODUCTION, Status.PRODUCED,
              Status.AT_SITE, Status.NOTIFIED, Status.COLLECTED, Status.ACTIVATED]


def test_the_whole_lifecycle_is_allowed_in_order():
    for current, target in zip(HAPPY_PATH, HAPPY_PATH[1:]):
        assert check_transition(current, target) is target


@pytest.mark.parametrize("current", list(Status))
def test_every_transition_not_listed_is_refused(current):
    for target in set(Status) - TRANSITIONS[current]:
        with pytest.raises(IllegalTransition) as caught:
            check_transition(current, target)
        assert caught.value.params == {"current": current.value, "target": target.value}


def test_skipping_the_signature_is_refused():
    with pytest.raises(IllegalTransition):
        check_transition(Status.FORM_PRINTED, Status.SUBMITTED)


def test_withdrawal_at_the_counter_only_before_sending_and_final_states_are_final():
    assert actor_of(Status.SIGNED, Status.WITHDRAWN) is Actor.COUNTER
    with pytest.raises(IllegalTransition, match="card_centre"):
        check_transition(Status.SUBMITTED, Status.WITHDRAWN, Actor.COUNTER)
    assert check_transition(Status.SUBMITTED, Status.WITHDRAWN, Actor.CARD_CENTRE)
    assert FINAL == {Status.ACTIVATED, Status.REJECTED, Status.WITHDRAWN}


OWNERS = [(Status.SIGNED, Status.SUBMITTED, Actor.COUNTER),
          (Status.SUBMITTED, Status.IN_PRODUCTION, Actor.CARD_CENTRE),
          (Status.IN_PRODUCTION, Status.PRODUCTION_FAILED, Actor.CARD_CENTRE),
          (Status.PRODUCTION_FAILED, Status.IN_PRODUCTION, Actor.CARD_CENTRE),
          (Status.PRODUCED, Status.AT_SITE, Actor.CARD_CENTRE),
          (Status.AT_SITE, Status.NOTIFIED, Actor.NOTIFIER),
          (Status.AT_SITE, Status.COLLECTED, Actor.COUNTER),
          (Status.COLLECTED, Status.ACTIVATED, Actor.COUNTER)]


@pytest.mark.parametrize(("current", "target", "owner"), OWNERS)
def test_each_move_belongs_to_one_side_and_the_other_is_refused(current, target, owner):
    assert check_transition(current, target, owner) is target
    for other in set(Actor) - {owner}:
        with pytest.raises(IllegalTransition) as caught:
            check_transition(current, target, other)
        assert caught.value.params["actor"] == owner.value
