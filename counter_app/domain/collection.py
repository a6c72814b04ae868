"""Who may take a finished card home (DOMAIN.md, step 5; seed 002).

The card is handed over at the original handling point to the applicant, who shows their
original ID; a child's card (under the city's minor age on the day of collection) to a
guardian on record, who shows their own ID. Anyone else is refused, with the reason in
words. Pure rules: the service passes the numbers in.
"""

from __future__ import annotations

import enum

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_NO_COLLECTOR_ID = QT_TRANSLATE_NOOP(
    "messages", "Please enter the ID number of the person collecting the card, as on the ID "
                "they show.")
MSG_NOT_APPLICANT_OR_GUARDIAN = QT_TRANSLATE_NOOP(
    "messages", "The card cannot be handed over: the ID shown is neither the applicant's nor "
                "that of a guardian on record for this application.")
MSG_NOT_APPLICANT = QT_TRANSLATE_NOOP(
    "messages", "The card cannot be handed over: the ID shown is not the applicant's, and the "
                "application has no guardian on record.")
MSG_NOT_THE_APPLICANT = QT_TRANSLATE_NOOP(
    "messages", "The card cannot be handed over: the ID shown is not the applicant's.")
MSG_NOT_A_GUARDIAN = QT_TRANSLATE_NOOP(
    "messages", "The card cannot be handed over: the ID shown is not that of a guardian on "
                "record for this application.")
MSG_CHILD_NEEDS_GUARDIAN = QT_TRANSLATE_NOOP(
    "messages", "The applicant is under {age}: the card is handed to a guardian on record, "
                "who shows their own ID.")


class Collector(enum.StrEnum):
    APPLICANT = "applicant"
    GUARDIAN = "guardian"


class CollectionRefused(CounterError):
    code = "collection"


def normalise_id(number: str) -> str:
    """An ID number as compared: no spaces, X upper-case."""
    return "".join((number or "").split()).upper()


def identify_collector(collector_id: str, applicant_id: str, guardian_ids: tuple[str, ...],
                       applicant_age: int, minor_age: int,
                       expected: Collector | None = None) -> Collector:
    """Who the person at the window is for this application, or CollectionRefused.
    *expected*: who staff said collects; the ID shown must then be that person's."""
    shown = normalise_id(collector_id)
    if not shown:
        raise CollectionRefused(MSG_NO_COLLECTOR_ID)
    guardians = {normalise_id(g) for g in guardian_ids if normalise_id(g)}
    if expected is Collector.GUARDIAN and shown not in guardians:
        raise CollectionRefused(MSG_NOT_A_GUARDIAN)
    if expected is Collector.APPLICANT and shown != normalise_id(applicant_id):
        raise CollectionRefused(MSG_NOT_THE_APPLICANT)
    if shown in guardians:
        return Collector.GUARDIAN
    if shown == normalise_id(applicant_id):
        if applicant_age < minor_age:
            raise CollectionRefused(MSG_CHILD_NEEDS_GUARDIAN, age=minor_age)
        return Collector.APPLICANT
    if guardians:
        raise CollectionRefused(MSG_NOT_APPLICANT_OR_GUARDIAN)
    raise CollectionRefused(MSG_NOT_APPLICANT)
