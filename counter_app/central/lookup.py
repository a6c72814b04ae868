"""Look-ups a counter may make across sites on the central database, without reading
other sites' rows: statuses for an inquiry, where a card waits for collection, a
pre-application the applicant brings, a photo receipt scanned at the window.

Two steps, each committed by the caller: ``central_look_up_ticket(kind, wanted, extra,
operator)`` counts the question against the device's hourly budget (the site's
``lookup_budget``, default 100) and records it centrally (device, operator, time, kind
and the number as a keyed hash, never in clear), refused ones too; ``central_look_up(
ticket, kind, wanted, extra)`` answers only the question of a committed ticket of the
caller's, at most a minute old. So rolling the record back leaves no answer behind.
Created by fencing.apply; the Python functions below are the only way the program asks.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets

from sqlalchemy import text
from sqlalchemy.engine import Connection

from counter_app.domain.clock import local_text
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.domain.inquiry import NumberKind
from counter_app.domain.lifecycle import READY

MSG_BUDGET = QT_TRANSLATE_NOOP(
    "messages", "This counter has made its {budget} look-ups in the central database for this "
                "hour; try again after {time}, or ask the card centre to raise the site's "
                "budget.")
KINDS = ("inquiry", "where_to_collect", "preapplication", "photo_receipt")
KEY_SETTING = "lookup_hash_key"
PROOFS_MAX = 100           # holder proofs asked in one call
PROOF_AGE = "10 minutes"   # a proof ticket is good for the push that follows it
# What central_as_uuid takes for a UUID (as counter_app.central.device_push).
UUID_FORM = r"^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$"
RETIRED = ("central_card_holder(text, text)",  # answered whose card a number is: an oracle
           "central_look_up(text, text, text, text)",  # answered before its record committed
           "central_spend_lookup(text, text, text)",
           "central_list_replaced(uuid, uuid, text, text, timestamp)")  # without proof


class LookupRefused(CounterError):
    code = "lookup_budget"


def sql_list(statuses) -> str:
    """A lifecycle set as SQL text ('a', 'b'), sorted so the text is stable."""
    return ", ".join(f"'{status.value}'" for status in sorted(statuses, key=lambda s: s.value))


# HMAC-SHA-256 from the built-in sha256() (no extension on the built-in server).
HMAC = r"""
CREATE OR REPLACE FUNCTION central_hmac(key bytea, message bytea) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  block bytea;
  inner_key bytea;
  outer_key bytea;
BEGIN
  IF length(key) > 64 THEN
    key := sha256(key);
  END IF;
  block := key || decode(repeat('00', 64 - length(key)), 'hex');
  inner_key := block;
  outer_key := block;
  FOR i IN 0..63 LOOP
    inner_key := set_byte(inner_key, i, get_byte(block, i) # 54);
    outer_key := set_byte(outer_key, i, get_byte(block, i) # 92);
  END LOOP;
  RETURN encode(sha256(outer_key || sha256(inner_key || message)), 'hex');
END $fn$;

-- The number as the record of look-ups keeps it: keyed, so a list of candidate numbers
-- cannot be hashed and matched without the key (central_settings: administrators only).
CREATE OR REPLACE FUNCTION central_keyed_hash(number text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT central_hmac(convert_to(s.value, 'UTF8'), convert_to(number, 'UTF8'))
    FROM central_settings s WHERE s.key = '%KEY%' $$;
""".replace("%KEY%", KEY_SETTING)

# A question a device may ask (raises otherwise), and its keyed hash (binds a ticket to it).
QUESTION_CHECK = r"""
  IF kind IS NULL OR kind NOT IN (%KINDS%) OR coalesce(length(wanted), 0) NOT BETWEEN 1 AND 40
     OR length(extra) > 40
     OR (kind = 'inquiry' AND extra IS DISTINCT FROM 'id_number' AND extra IS DISTINCT FROM 'card_number')
     OR (kind = 'preapplication' AND coalesce(extra, '') = '') THEN
    RAISE EXCEPTION 'no such look-up' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- each part with its length: no other split of the same characters asks the same
  question := central_keyed_hash(concat_ws(':', length(kind), kind, length(wanted), wanted,
                                            length(coalesce(extra, '')), coalesce(extra, '')));
""".replace("%KINDS%", ", ".join(f"'{kind}'" for kind in KINDS))

# Count a question against the caller's hourly budget and record it, allowed or refused:
# {"ticket": id} or the refusal. The caller must commit before the ticket is worth
# anything (central_look_up, central_proof_ok): a record rolled back would otherwise leave
# an answer with no trace. Card-centre devices read every row anyway: recorded, not
# limited. Each statement must see what other sessions committed: READ COMMITTED only.
SPEND = r"""
CREATE OR REPLACE FUNCTION central_spend(kind text, wanted text, question text,
                                         operator text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $fn$
DECLARE
  me uuid := central_current_device();
  my_site uuid := central_current_site();
  now_utc timestamp := clock_timestamp() AT TIME ZONE 'UTC';
  budget integer;
  used integer;
  oldest timestamp;
  allowed boolean;
  ticket uuid;
BEGIN
  IF me IS NULL THEN
    RAISE EXCEPTION 'only an enrolled device looks up' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'look-ups are counted in READ COMMITTED transactions'
      USING ERRCODE = 'invalid_transaction_state';
  END IF;
  -- one device's look-ups one at a time: two sessions cannot both take the last one
  PERFORM pg_advisory_xact_lock(hashtext('central_lookups'), hashtext(me::text));
  SELECT s.lookup_budget INTO budget FROM central_sites s WHERE s.id = my_site;
  SELECT count(*), min(l.at) INTO used, oldest FROM central_lookups l
   WHERE l.device_id = me AND l.allowed AND l.at > now_utc - interval '1 hour';
  allowed := used < budget OR central_is_card_centre();
  INSERT INTO central_lookups (site_id, device_id, operator, at, kind, number_hash, allowed,
                               spent_xid, question_hash)
  VALUES (my_site, me, left(regexp_replace(coalesce(operator, ''), '[[:cntrl:][:space:]]+',
                                           '_', 'g'), 50),
          now_utc, kind, central_keyed_hash(wanted), allowed,
          pg_current_xact_id()::text::bigint, question)
  RETURNING id INTO ticket;
  IF allowed THEN
    RETURN jsonb_build_object('ticket', ticket);
  END IF;
  RETURN jsonb_build_object('refused', 'LOOKUP_BUDGET', 'budget', budget,
                            'retry_at', oldest + interval '1 hour');
END $fn$;

-- Is *ticket* a committed, allowed ticket of the caller's for *question*, young enough?
CREATE OR REPLACE FUNCTION central_ticket_ok(ticket text, question text, asked text,
                                             max_age interval)
RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(ticket ~* '%UUID_FORM%', false) AND EXISTS (
    SELECT 1 FROM central_lookups l
     WHERE l.site_id = central_current_site() AND l.id = ticket::uuid
       AND l.device_id = central_current_device() AND l.allowed AND l.kind = asked
       AND l.question_hash = question
       AND l.at > (clock_timestamp() AT TIME ZONE 'UTC') - max_age
       AND pg_xact_status(l.spent_xid::text::xid8) = 'committed') $$;

-- Step one of a look-up: the ticket for a question (see central_spend).
CREATE OR REPLACE FUNCTION central_look_up_ticket(kind text, wanted text, extra text,
                                                  operator text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  question text;
BEGIN
%QUESTION_CHECK%
  RETURN central_spend(kind, wanted, question, operator);
END $fn$;

-- The holder's proof a card report, an un-report or a replacement carries (the holder's
-- or guardian's ID number for a card) is asked as a look-up first, one per card and ID
-- number, so that trying ID numbers against a card costs the budget and leaves a record
-- even when the push itself is rolled back. *proofs*: [{"card_number", "id_number"}].
CREATE OR REPLACE FUNCTION central_proof_tickets(proofs jsonb, operator text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  proof jsonb;
  card text;
  holder text;
  answers jsonb := '[]';
BEGIN
  IF jsonb_typeof(proofs) IS DISTINCT FROM 'array' OR jsonb_array_length(proofs) > %PROOFS_MAX% THEN
    RAISE EXCEPTION 'at most %PROOFS_MAX% proofs a call' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR proof IN SELECT value FROM jsonb_array_elements(proofs) LOOP
    card := central_proof_card(proof ->> 'card_number');
    holder := central_proof_holder(proof ->> 'id_number');
    IF length(card) NOT BETWEEN 1 AND 30 OR length(holder) NOT BETWEEN 1 AND 18 THEN
      -- no proof to ask for: the push refuses the operation as malformed
      answers := answers || jsonb_build_array(jsonb_build_object('invalid', true));
    ELSE
      answers := answers || jsonb_build_array(central_spend(
        'holder_proof', card, central_proof_question(card, holder), operator));
    END IF;
  END LOOP;
  RETURN answers;
END $fn$;

-- A card number and an ID number as the proof compares them (central_card_operation).
CREATE OR REPLACE FUNCTION central_proof_card(value text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT upper(regexp_replace(coalesce(value, ''), '[\s-]', '', 'g')) $$;

CREATE OR REPLACE FUNCTION central_proof_holder(value text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT upper(regexp_replace(coalesce(value, ''), '\s', '', 'g')) $$;

CREATE OR REPLACE FUNCTION central_proof_question(card text, holder text) RETURNS text
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT central_keyed_hash('holder_proof' || chr(31) || card || chr(31) || holder) $$;

-- Did the caller ask for this proof (committed, within the last PROOF_AGE)?
CREATE OR REPLACE FUNCTION central_proof_ok(ticket text, card text, holder text)
RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT central_ticket_ok(ticket, central_proof_question(central_proof_card(card),
                                                         central_proof_holder(holder)),
                           'holder_proof', interval '%PROOF_AGE%') $$;
""".replace("%QUESTION_CHECK%", QUESTION_CHECK).replace("%UUID_FORM%", UUID_FORM).replace(
    "%PROOFS_MAX%", str(PROOFS_MAX)).replace("%PROOF_AGE%", PROOF_AGE)


# What a card waiting at a handling point may tell a counter: that site's code and name,
# nothing about the applicant. "wanted" is an application number, the applicant's ID
# number or a guardian's ID number.
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

# Step two: the answer, as JSON, to the question of a committed ticket of the caller's at
# most a minute old. A pre-application needs the applicant's or the guardian's ID number
# as well as its number; a photo receipt's photo comes as base64.
LOOK_UP = r"""
CREATE OR REPLACE FUNCTION central_look_up(ticket uuid, kind text, wanted text, extra text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  question text;
BEGIN
%QUESTION_CHECK%
  IF NOT central_ticket_ok(ticket::text, question, kind, interval '1 minute') THEN
    RAISE EXCEPTION 'no committed ticket of this device for this question'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF kind = 'inquiry' THEN
    RETURN jsonb_build_object('rows', coalesce(
      (SELECT jsonb_agg(to_jsonb(r)) FROM central_inquiry(extra, wanted) r), '[]'::jsonb));
  ELSIF kind = 'where_to_collect' THEN
    RETURN jsonb_build_object('rows', coalesce(
      (SELECT jsonb_agg(to_jsonb(r)) FROM central_where_to_collect(wanted) r), '[]'::jsonb));
  ELSIF kind = 'preapplication' THEN
    RETURN jsonb_build_object('payload', (
      SELECT p.payload FROM central_preapplications p
       WHERE p.number = wanted
         AND extra IN (p.payload -> 'applicant' ->> 'id_number',
                       p.payload -> 'guardian' ->> 'id_number')));
  END IF;
  RETURN jsonb_build_object('receipt', (
    SELECT jsonb_build_object('issuer', r.issuer, 'photo_sha256', r.photo_sha256,
                              'photo', encode(r.photo, 'base64'), 'created_at', r.created_at)
      FROM central_photo_receipts r WHERE r.number = wanted));
END $fn$;
""".replace("%QUESTION_CHECK%", QUESTION_CHECK)


def ensure_key(connection: Connection) -> None:
    """The key of the look-up record's hashes, made once at `central init`."""
    connection.execute(text(
        "INSERT INTO central_settings (key, value) VALUES (:k, :v) ON CONFLICT DO NOTHING"),
        {"k": KEY_SETTING, "v": secrets.token_hex(32)})


def look_up(connection: Connection, kind: str, wanted: str, extra: str = "",
            operator: str = "") -> dict:
    """The central answer (a dict), LookupRefused past the device's budget. Two steps,
    each committed: the ticket (the look-up counted and recorded), then the answer."""
    question = {"k": kind, "w": wanted, "e": extra}
    ticket = connection.execute(text("SELECT central_look_up_ticket(:k, :w, :e, :o)"),
                                {**question, "o": operator}).scalar_one()
    connection.commit()
    if ticket.get("refused"):
        retry_at = dt.datetime.fromisoformat(ticket["retry_at"])
        raise LookupRefused(MSG_BUDGET, budget=ticket["budget"],
                            time=local_text(retry_at, "%H:%M"))
    answer = connection.execute(text("SELECT central_look_up(:t, :k, :w, :e)"),
                                {**question, "t": ticket["ticket"]}).scalar_one()
    connection.commit()
    return answer


def where_to_collect(connection: Connection, wanted: str, operator: str = ""
                     ) -> list[tuple[str, str]]:
    """(code, name) of the handling points where a card for *wanted* waits."""
    wanted = "".join(wanted.split()).upper()
    rows = look_up(connection, "where_to_collect", wanted, operator=operator)["rows"]
    return [(row["code"], row["name"]) for row in rows]


def central_inquiry(connection: Connection, kind: NumberKind, number: str,
                    operator: str = "") -> list[dict]:
    """Rows for applications (entry APPLICATION) and invalid-list entries (INVALID), with
    the columns of INQUIRY_COLUMNS (times and dates as Python values)."""
    rows = look_up(connection, "inquiry", number, kind.value, operator)["rows"]
    return [_typed(row) for row in rows]


def preapplication(connection: Connection, number: str, id_number: str,
                   operator: str = "") -> dict | None:
    """The pre-application's payload when *number* exists and *id_number* is its
    applicant's or guardian's; else None (which of the two is not told)."""
    return look_up(connection, "preapplication", number, id_number, operator)["payload"]


def photo_receipt(connection: Connection, number: str, operator: str = "") -> dict | None:
    """The receipt (issuer, photo_sha256, photo bytes or None, created_at) or None."""
    receipt = look_up(connection, "photo_receipt", number, operator=operator)["receipt"]
    if receipt is None:
        return None
    photo = receipt["photo"]
    return {**receipt, "photo": base64.b64decode(photo) if photo else None,
            "created_at": dt.datetime.fromisoformat(receipt["created_at"])}


def _typed(row: dict) -> dict:
    typed = dict(row)
    for column in _TIMES:
        if typed.get(column):
            typed[column] = dt.datetime.fromisoformat(typed[column])
    for column in _DATES:
        if typed.get(column):
            typed[column] = dt.date.fromisoformat(typed[column])
    return typed


__all__ = ["APPLICATION", "FUNCTIONS", "INQUIRY_COLUMNS", "INVALID", "KINDS", "LookupRefused",
           "SIGNATURES", "central_inquiry", "ensure_key", "look_up", "photo_receipt",
           "preapplication", "where_to_collect"]


# --- Inquiry (issue 7, Art. 15/19): a cardholder may inquire at any handling point. -------
# central_inquiry(kind, number), called by central_look_up: kind is 'id_number' or 'card_number'. One row per
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
_TIMES = ("received_at", "card_updated_at", "collected_at", "activated_at", "listed_at",
          "expires_at", "released_at")
_DATES = ("due_date", "issued_on")

# CREATE OR REPLACE FUNCTION statements (PostgreSQL); what a device may EXECUTE, and the
# functions only the look-up itself calls.
FUNCTIONS = HMAC + SPEND + WHERE_TO_COLLECT + INQUIRY_FUNCTIONS + LOOK_UP
SIGNATURES: tuple[str, ...] = ("central_look_up_ticket(text, text, text, text)",
                               "central_look_up(uuid, text, text, text)",
                               "central_proof_tickets(jsonb, text)")
INTERNAL_SIGNATURES = ("central_hmac(bytea, bytea)", "central_keyed_hash(text)",
                       "central_spend(text, text, text, text)",
                       "central_ticket_ok(text, text, text, interval)",
                       "central_proof_card(text)", "central_proof_holder(text)",
                       "central_proof_question(text, text)",
                       "central_proof_ok(text, text, text)",
                       "central_where_to_collect(text)", "central_inquiry(text, text)")
# --- end of inquiry ---------------------------------------------------------------------
