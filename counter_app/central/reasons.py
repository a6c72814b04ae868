"""Why the central side refused a counter's operation: the templates, in one place.

A refusal travels as its English template and values (counter_app.domain.errors.reason),
built by the SQL functions (counter_app.central.device_push, device_cards) and the
counter's own pre-checks; the window translates the template (context "sync_reasons",
counter_app.qt.sync_reasons). Never personal data in the values.
"""

from __future__ import annotations

from counter_app.central.operations import MALFORMED, UNKNOWN_KIND
from counter_app.domain.errors import QT_TRANSLATE_NOOP

WRONG_SITE = QT_TRANSLATE_NOOP(
    "sync_reasons", "operation for site {site}, but this counter belongs to {own}")
SEQ_REUSED = QT_TRANSLATE_NOOP(
    "sync_reasons", "sequence {seq} was already used by a different operation")
TAKEN_OVER = QT_TRANSLATE_NOOP(
    "sync_reasons", "the card centre has already taken this application over")
FILE_INCOMPLETE = QT_TRANSLATE_NOOP("sync_reasons", "the file did not arrive complete")
REFUSED = QT_TRANSLATE_NOOP("sync_reasons", "refused by the central database ({error})")
RECEIPT_TAKEN = QT_TRANSLATE_NOOP(
    "sync_reasons", "this photo receipt number is already in the registry for another photo")
RECEIPT_NOT_OURS = QT_TRANSLATE_NOOP(
    "sync_reasons", "this photo receipt number is not in this site's number range")
RECEIPT_NOT_THIS_STATION = QT_TRANSLATE_NOOP(
    "sync_reasons", "this photo receipt number is not this photo station's: after the day it "
                    "must carry the station's counter number {mark} (enrol the station again "
                    "if it has none)")
RECEIPT_DAY = QT_TRANSLATE_NOOP(
    "sync_reasons", "this photo receipt number's day {day} is before the photo station was "
                    "enrolled or after tomorrow")
PHOTO_TOO_LARGE = QT_TRANSLATE_NOOP(
    "sync_reasons", "the receipt's photo is larger than {kb} KB")

APPLICATION_UNKNOWN = QT_TRANSLATE_NOOP(
    "sync_reasons", "this site has no such application on the central database")
CARD_NOT_READY = QT_TRANSLATE_NOOP(
    "sync_reasons", "the card cannot be recorded as {target} while its status is {current}")
ALREADY_LISTED = QT_TRANSLATE_NOOP(
    "sync_reasons", "this card is already on the invalid list ({entry})")
NOT_HOLDER = QT_TRANSLATE_NOOP(
    "sync_reasons", "the card number belongs to another ID number")
CARD_UNKNOWN = QT_TRANSLATE_NOOP(
    "sync_reasons", "the central database knows no card with this number; the card centre "
                    "lists it")
FORMAL_IS_FINAL = QT_TRANSLATE_NOOP(
    "sync_reasons", "a formal loss report cannot be undone")
NOTHING_TO_UNREPORT = QT_TRANSLATE_NOOP(
    "sync_reasons", "this card has no temporary loss report in force to undo")
PROOF_NOT_ASKED = QT_TRANSLATE_NOOP(
    "sync_reasons", "the holder's ID number was not checked with the central database before "
                    "the report was sent; record it again")
ENTRY_TAKEN = QT_TRANSLATE_NOOP(
    "sync_reasons", "an invalid-list entry with this id already exists")

# Instant issuance (counter_app.central.device_instant).
NOT_INSTANT = QT_TRANSLATE_NOOP(
    "sync_reasons", "this site does not make cards at the window (instant issuance is off)")
NUMBER_NOT_RESERVED = QT_TRANSLATE_NOOP(
    "sync_reasons", "the card number is not one of the numbers reserved for this counter")
NUMBER_USED = QT_TRANSLATE_NOOP("sync_reasons", "the card number has been used already")
NUMBER_NOT_IN_PRODUCTION = QT_TRANSLATE_NOOP(
    "sync_reasons", "the card number is not the one being made for this application")

FILE_MISSING = QT_TRANSLATE_NOOP("sync_reasons", "the file is missing on this counter")
FILE_DAMAGED = QT_TRANSLATE_NOOP(
    "sync_reasons", "the file on this counter is damaged (checksum differs)")
UPLOAD_DAMAGED = QT_TRANSLATE_NOOP(
    "sync_reasons", "the file arrived damaged; it will be sent again")

# Why the central side flagged a counter's audit log (counter_app.central.device_audit).
AUDIT_MISSING = QT_TRANSLATE_NOOP("sync_reasons", "audit records {records} are missing")
AUDIT_REMOVED = QT_TRANSLATE_NOOP(
    "sync_reasons", "audit records {records} were removed after the central side received them")
AUDIT_LATE = QT_TRANSLATE_NOOP(
    "sync_reasons", "audit records {records} arrived after later ones")
AUDIT_EDITED = QT_TRANSLATE_NOOP(
    "sync_reasons", "audit records {records} differ from those the central side received")
AUDIT_UNREADABLE = QT_TRANSLATE_NOOP(
    "sync_reasons", "audit records {records} cannot be stored")
AUDIT_HEAD = QT_TRANSLATE_NOOP(
    "sync_reasons", "the counter's audit chain at record {record} differs from the central "
                    "side's")
AUDIT_ANCHOR = QT_TRANSLATE_NOOP(
    "sync_reasons", "an audit anchor over {count} records differs from the central side's "
                    "chain")

TEMPLATES = frozenset((
    MALFORMED, UNKNOWN_KIND, WRONG_SITE, SEQ_REUSED, TAKEN_OVER, FILE_INCOMPLETE, REFUSED,
    RECEIPT_TAKEN, RECEIPT_NOT_OURS, RECEIPT_NOT_THIS_STATION, RECEIPT_DAY, PHOTO_TOO_LARGE,
    APPLICATION_UNKNOWN, CARD_NOT_READY, ALREADY_LISTED, NOT_HOLDER, CARD_UNKNOWN,
    FORMAL_IS_FINAL, NOTHING_TO_UNREPORT, ENTRY_TAKEN, PROOF_NOT_ASKED, FILE_MISSING, FILE_DAMAGED,
    UPLOAD_DAMAGED, AUDIT_MISSING, AUDIT_REMOVED, AUDIT_LATE, AUDIT_EDITED, AUDIT_UNREADABLE,
    AUDIT_HEAD, AUDIT_ANCHOR, NOT_INSTANT, NUMBER_NOT_RESERVED, NUMBER_USED,
    NUMBER_NOT_IN_PRODUCTION))


def sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_text(template: str, *, reason: bool = False) -> str:
    """*template* as an SQL string literal, or (reason=True) as the SQL expression of the
    whole reason without values."""
    literal = sql_literal(template)
    return f"central_reason({literal})" if reason else literal
