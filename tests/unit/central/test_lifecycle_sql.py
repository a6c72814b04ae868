"""The lifecycle's sets written as SQL (an index predicate, a lookup, the card-status
guard) say the same as counter_app/domain/lifecycle.py."""

import re

from counter_app.central import lookup, schema
from counter_app.central.migrations.versions import c0002_card_centre as c0002
from counter_app.domain.lifecycle import OPEN, READY, TRANSITIONS, Actor, Status, actor_of


def quoted(sql: str) -> set[str]:
    return set(re.findall(r"'([a-z_]+)'", sql))


def test_the_open_index_predicate_is_the_open_set():
    assert quoted(schema.OPEN_SQL) == {status.value for status in OPEN}
    # the migration made the index with this very text (the planner matches it as text)
    assert schema.OPEN_SQL in open(c0002.__file__, encoding="utf-8").read()


def test_where_to_collect_looks_for_the_ready_set():
    body = lookup.WHERE_TO_COLLECT
    listed = re.search(r"a\.status IN \(([^)]*)\)", body).group(1)
    assert quoted(listed) == {status.value for status in READY}


def test_the_card_status_guard_lets_counters_make_exactly_their_moves_after_submission():
    pairs = set(re.findall(r"\('([a-z_]+)', '([a-z_]+)'\)", c0002.GUARD))
    after_submission = set(Status) - {Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK,
                                      Status.FORM_PRINTED, Status.SIGNED}
    counters_moves = {(source.value, target.value)
                      for source, targets in TRANSITIONS.items() for target in targets
                      if source in after_submission
                      and actor_of(source, target) is Actor.COUNTER}
    assert pairs == counters_moves
