"""Lookups a counter may make across sites on the central database, without reading other
sites' rows: SECURITY DEFINER functions that return only what the counter needs (where a
card waits for collection, whose card a number is, an inquiry's statuses). Created by
fencing.apply; the Python functions below are the only way the program asks them.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from counter_app.domain.inquiry import NumberKind
from counter_app.domain.lifecycle import READY


def sql_list(statuses) -> str:
    """A lifecycle set as SQL text ('a', 'b'), sorted so the text is stable."""
    return ", ".join(f"'{status.value}'" for status in sorted(statuses, key=lambda s: s.value))


# What a card waiting at *another* handling point may tell a counter: that site's code and
# name, nothing about the applicant. "wanted" is an application number, the applicant's
# ID number or a guardian's ID number.
WHERE_TO_COLLECT = """
CREATE OR REPLACE FUNCTION central_where_to_collect(wanted text)
RETURNS TABLE (code text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT CAST(s.code AS text), CAST(s.name AS text)
  FROM central_applications a JOIN central_sites s ON s.id = a.site_id
  WHERE a.status IN ({ready})
    AND (a.number = wanted OR a.id_number = wanted
         OR a.payload -> 'guardian' ->> 'id_number' = wanted)
  LIMIT 5 $$;
""".format(ready=sql_list(READY))

# Whether a card number belongs to an ID number: 'match', 'mismatch' or 'unknown' (a card
# made before this system, or by another issuer). Never the holder's number itself.
CARD_HOLDER = """
CREATE OR REPLACE FUNCTION central_card_holder(card text, holder text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN count(*) = 0 THEN 'unknown'
              WHEN bool_or(a.id_number = holder) THEN 'match' ELSE 'mismatch' END
  FROM central_card_records c
  JOIN central_applications a ON a.site_id = c.site_id AND a.id = c.application_id
  WHERE c.card_number = card $$;
"""

# CREATE OR REPLACE FUNCTION statements (PostgreSQL), and "name(argument types)" of each,
# for GRANT EXECUTE to the counters' group role.
FUNCTIONS = WHERE_TO_COLLECT + CARD_HOLDER
SIGNATURES: tuple[str, ...] = ("central_where_to_collect(text)",
                               "central_card_holder(text, text)")

MATCH, MISMATCH, UNKNOWN = "match", "mismatch", "unknown"


def where_to_collect(connection: Connection, wanted: str) -> list[tuple[str, str]]:
    """(code, name) of the handling points where a card for *wanted* waits."""
    wanted = "".join(wanted.split()).upper()
    rows = connection.execute(text("SELECT code, name FROM central_where_to_collect(:w)"),
                              {"w": wanted})
    return [(row[0], row[1]) for row in rows]


def card_holder(connection: Connection, card_number: str, id_number: str) -> str:
    """MATCH, MISMATCH or UNKNOWN: does *card_number* belong to *id_number*?"""
    return connection.execute(text("SELECT central_card_holder(:c, :h)"),
                              {"c": card_number, "h": id_number}).scalar_one()


def central_inquiry(connection: Connection, kind: NumberKind, number: str) -> list[dict]:
    """Rows for applications (entry APPLICATION) and invalid-list entries (INVALID), with
    the columns of INQUIRY_COLUMNS."""
    rows = connection.execute(text("SELECT * FROM central_inquiry(:kind, :number)"),
                              {"kind": kind.value, "number": number}).mappings()
    return [dict(row) for row in rows]


__all__ = ["APPLICATION", "FUNCTIONS", "INQUIRY_COLUMNS", "INVALID", "MATCH", "MISMATCH",
           "SIGNATURES", "UNKNOWN", "card_holder", "central_inquiry", "where_to_collect"]


# --- Inquiry (issue 7, Art. 15/19): a cardholder may inquire at any handling point. -------
# central_inquiry(kind, number): kind is 'id_number' or 'card_number'. One row per
# application found (entry 'application') and per invalid-list entry (entry 'invalid'):
# statuses, dates, levels, site names and application numbers only — never names, phones
# or addresses, and the card number masked (A****5678) like counter_app.domain.inquiry.
# Settling a temporary loss report that has run out is left to the caller (its clock).
INQUIRY_FUNCTIONS = """
CREATE OR REPLACE FUNCTION central_inquiry(number_kind text, inquiry_number text)
RETURNS TABLE (entry text, application_number text, site_name text, business_type text,
               status text, received_at timestamp, due_date date, card_number text,
               bank text, card_status text, card_updated_at timestamp, issued_on date,
               collected_at timestamp, activated_at timestamp, reason text, level text,
               listed_at timestamp, expires_at timestamp, released_at timestamp, state text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH found AS (
    SELECT a.site_id, a.id FROM central_applications a
     WHERE $1 = 'id_number' AND a.id_number = $2
    UNION
    SELECT c.site_id, c.application_id FROM central_card_records c
     WHERE $1 = 'card_number' AND c.card_number = $2)
  SELECT 'application'::text, a.number::text, s.name::text, a.business_type::text,
         a.status::text, a.received_at, a.due_date,
         CASE WHEN c.card_number IS NULL OR c.card_number = '' THEN NULL
              WHEN length(c.card_number) <= 6 THEN repeat('*', length(c.card_number))
              ELSE left(c.card_number, 1) || repeat('*', length(c.card_number) - 5)
                   || right(c.card_number, 4) END,
         c.bank::text, c.status::text, c.updated_at, c.issued_on, c.collected_at,
         c.activated_at, NULL::text, NULL::text, NULL::timestamp, NULL::timestamp,
         NULL::timestamp, NULL::text
    FROM found f
    JOIN central_applications a ON a.site_id = f.site_id AND a.id = f.id
    JOIN central_sites s ON s.id = a.site_id
    LEFT JOIN central_card_records c ON c.site_id = a.site_id AND c.application_id = a.id
  UNION ALL
  SELECT 'invalid'::text, NULL::text, s.name::text, NULL::text, NULL::text,
         NULL::timestamp, NULL::date,
         CASE WHEN length(i.card_number) <= 6 THEN repeat('*', length(i.card_number))
              ELSE left(i.card_number, 1) || repeat('*', length(i.card_number) - 5)
                   || right(i.card_number, 4) END,
         NULL::text, NULL::text, NULL::timestamp, NULL::date, NULL::timestamp,
         NULL::timestamp, i.reason::text, i.level::text, i.listed_at, i.expires_at,
         i.released_at, i.state::text
    FROM central_invalid_list i LEFT JOIN central_sites s ON s.id = i.site_id
   WHERE ($1 = 'id_number' AND i.id_number = $2) OR ($1 = 'card_number' AND i.card_number = $2)
$$;
"""
INQUIRY_COLUMNS = ("entry", "application_number", "site_name", "business_type", "status",
                   "received_at", "due_date", "card_number", "bank", "card_status",
                   "card_updated_at", "issued_on", "collected_at", "activated_at", "reason",
                   "level", "listed_at", "expires_at", "released_at", "state")
APPLICATION, INVALID = "application", "invalid"
FUNCTIONS += INQUIRY_FUNCTIONS
SIGNATURES += ("central_inquiry(text, text)",)
# --- end of inquiry ---------------------------------------------------------------------
