import pytest

from counter_app.domain.lifecycle import (FINAL, TRANSITIONS, IllegalTransition, Status,
                                          check_transition)

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


def test_withdrawal_only_before_sending_and_final_states_are_final():
    assert Status.WITHDRAWN in TRANSITIONS[Status.SIGNED]
    assert Status.WITHDRAWN not in TRANSITIONS[Status.SUBMITTED]
    assert FINAL == {Status.ACTIVATED, Status.REJECTED, Status.WITHDRAWN}
