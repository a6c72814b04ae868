"""The one door through which a counter's push enters the central tables: ``central_push``.

A SECURITY DEFINER function owned by the engine role (it cannot log in; see
counter_app.central.fencing): the device calls it with a batch of operations and gets one
result per operation. The device holds no write privilege on any table, so the checks
here are the fence: the caller's device and site come from its login, never from the
payload; an application arrives only as "submitted" and only for the caller's site; a
photo receipt only in the caller's number range and within the size of a card photo. The
card moves and invalid-list reports are in counter_app.central.device_cards.

Each operation is first recorded under its (device, seq) with its result, so a resend
has no second effect and gets the same answer. The batch goes in with a few set-based
statements; should the database refuse the applications' step (a constraint), it is
redone one application at a time, each in its own subtransaction, and only the bad one
is refused. The reasons are the templates of counter_app.central.reasons (the window
translates them), with their parameters.
"""

from __future__ import annotations

import re

from counter_app.central import operations
from counter_app.central.reasons import (
    FILE_INCOMPLETE,
    PHOTO_TOO_LARGE,
    RECEIPT_DAY,
    RECEIPT_NOT_OURS,
    RECEIPT_NOT_THIS_STATION,
    RECEIPT_TAKEN,
    REFUSED,
    SEQ_REUSED,
    TAKEN_OVER,
    WRONG_SITE,
    sql_text,
)

# The largest photo a receipt may carry: a card photo (358 x 441, JPEG) is 20-60 KB.
RECEIPT_PHOTO_MAX_BYTES = 200 * 1024
# Operations per call (the counter sends 1000).
BATCH_MAX = 5000
# An operation's payload at most (an application is 1-2 KB; a receipt's photo has its own
# limit): a device cannot store anything it likes centrally.
PAYLOAD_MAX_BYTES = 64 * 1024
KINDS = ("application_submitted", "blob", "photo_receipt_issued", "card_collected",
         "card_activated", "card_reported", "card_unreported",
         # instant issuance (counter_app.central.device_instant)
         "card_instant_started", "card_instant_produced", "card_instant_failed")


def receipt_site_part(site_code: str) -> str:
    """A site's code as its photo receipt numbers hold it (central_receipt_refusal the
    same): capitals and digits only, at most 20; "SITE" when none is left."""
    return re.sub(r"[^0-9A-Z]", "", site_code.upper())[:20] or "SITE"


# What central_as_uuid takes for a UUID (PostgreSQL's own input forms).
UUID_FORM = r"^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$"

HELPERS = r"""
CREATE OR REPLACE FUNCTION central_reason(template text, params jsonb DEFAULT '{}')
RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT jsonb_build_object('template', template, 'params', params)::text $$;

CREATE OR REPLACE FUNCTION central_as_uuid(value text) RETURNS uuid
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT CASE WHEN value ~* '%UUID_FORM%' THEN value::uuid END $$;

-- An ISO time from a counter as the naive UTC the tables hold; NULL when it is none.
CREATE OR REPLACE FUNCTION central_as_time(value text) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
  IF value IS NULL OR value !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}' THEN
    RETURN NULL;
  END IF;
  IF value ~ '([+-]\d{2}(:?\d{2})?|Z)$' THEN
    RETURN value::timestamptz AT TIME ZONE 'UTC';
  END IF;
  RETURN value::timestamp;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION central_as_bytes(value text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
  RETURN decode(value, 'base64');
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

-- The keys of *keys* that *payload* lacks (absent, null or empty), as "missing a, b".
CREATE OR REPLACE FUNCTION central_missing(payload jsonb, keys text[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT CASE WHEN count(*) = 0 THEN '' ELSE 'missing ' || string_agg(k, ', ' ORDER BY n) END
  FROM unnest(keys) WITH ORDINALITY AS wanted(k, n)
  WHERE coalesce(payload ->> k, '') IN ('', 'false') OR payload -> k IN ('{}', '[]') $$;

-- The receipt numbers a photo station of ours hands out (counter_app.services.photo_receipts):
-- its site's code (capitals and digits: receipt_site_part), the day, the station's counter
-- number (zero-padded to six digits) and the day's sequence (four digits). '' when *number*
-- is one that station (*counter_no*) issues between *first_day* and *last_day*; else why
-- not. (Each site's part is its own: admin.ensure_site refuses a code with another's.)
DROP FUNCTION IF EXISTS central_receipt_in_range(text, text);  -- before counter numbers
CREATE OR REPLACE FUNCTION central_receipt_refusal(number text, site_code text,
                                                   counter_no integer, first_day date,
                                                   last_day date)
RETURNS text LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_catalog AS $$
DECLARE
  part text := coalesce(nullif(left(regexp_replace(upper(site_code), '[^0-9A-Z]', '', 'g'),
                                    20), ''), 'SITE');
  mark text := lpad(counter_no::text, greatest(6, length(counter_no::text)), '0');
  day_text text := substr(number, length(part) + 1, 8);
  day date;
BEGIN
  IF number IS NULL OR left(number, length(part)) <> part OR day_text !~ '^\d{8}$' THEN
    RETURN central_reason(%RECEIPT_NOT_OURS%);
  END IF;
  BEGIN
    day := to_date(day_text, 'YYYYMMDD');
  EXCEPTION WHEN others THEN
    day := NULL;
  END;
  IF day IS NULL OR to_char(day, 'YYYYMMDD') <> day_text THEN
    RETURN central_reason(%RECEIPT_NOT_OURS%);  -- no such day
  END IF;
  IF counter_no IS NULL OR substr(number, length(part) + 9) !~ ('^' || mark || '\d{4}$') THEN
    RETURN central_reason(%RECEIPT_NOT_THIS_STATION%,
                          jsonb_build_object('mark', coalesce(mark, '?')));
  END IF;
  IF day < first_day OR day > last_day THEN
    RETURN central_reason(%RECEIPT_DAY%, jsonb_build_object('day', day_text));
  END IF;
  RETURN '';
END $$;
"""

HELPER_SIGNATURES = ("central_reason(text, jsonb)", "central_as_uuid(text)",
                     "central_as_time(text)", "central_as_bytes(text)",
                     "central_missing(jsonb, text[])",
                     "central_receipt_refusal(text, text, integer, date, date)")

PUSH = r"""
CREATE OR REPLACE FUNCTION central_push(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  me uuid; my_site uuid; my_code text;
  at_now timestamp := now() AT TIME ZONE 'UTC';
  written uuid[];
  item record;
  answer jsonb;
BEGIN
  SELECT d.id, d.site_id, s.code INTO me, my_site, my_code
    FROM central_devices d JOIN central_sites s ON s.id = d.site_id
   WHERE d.role_name = session_user AND d.revoked_at IS NULL AND d.enrolled_at IS NOT NULL;
  IF me IS NULL THEN
    RAISE EXCEPTION 'only an enrolled device pushes' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF jsonb_typeof(batch) IS DISTINCT FROM 'array' OR jsonb_array_length(batch) > %BATCH_MAX%
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(batch) e
                 WHERE jsonb_typeof(e -> 'seq') IS DISTINCT FROM 'number'
                    OR central_as_uuid(e ->> 'op_id') IS NULL) THEN
    RAISE EXCEPTION 'a push is an array of at most %BATCH_MAX% operations, each with seq and op_id'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- one push per transaction: a second would take the first one's (device, seq) records
  -- for its own; and the table is made here and now, never one found in the session
  IF to_regclass('pg_temp.central_push_ops') IS NOT NULL THEN
    RAISE EXCEPTION 'one push per transaction' USING ERRCODE = 'invalid_transaction_state';
  END IF;
  CREATE TEMP TABLE central_push_ops (
    seq bigint PRIMARY KEY, op_id uuid NOT NULL, kind text NOT NULL, payload jsonb NOT NULL,
    app_id uuid,  -- an application's id, read once
    is_new boolean NOT NULL DEFAULT true, result text NOT NULL DEFAULT 'applied',
    reason text NOT NULL DEFAULT '') ON COMMIT DROP;
  -- central_as_uuid written out (a call per row and column costs more than the rest)
  INSERT INTO central_push_ops (seq, op_id, kind, payload, app_id)
  SELECT seq, op_id, kind, payload,
         CASE WHEN kind = 'application_submitted' AND payload ->> 'id' ~* '%UUID_FORM%'
              THEN (payload ->> 'id')::uuid END
    FROM (SELECT (e ->> 'seq')::bigint AS seq, central_as_uuid(e ->> 'op_id') AS op_id,
                 left(coalesce(e ->> 'kind', ''), 40) AS kind,
                 CASE WHEN jsonb_typeof(e -> 'payload') <> 'object' THEN '{}'
                      WHEN e ? 'proof_ticket'  -- the holder's proof asked for (a look-up)
                      THEN (e -> 'payload') || jsonb_build_object('proof_ticket',
                                                                  e ->> 'proof_ticket')
                      ELSE e -> 'payload' END AS payload
            FROM jsonb_array_elements(batch) e) ops
  ON CONFLICT (seq) DO NOTHING;

  -- Checks before anything is written: a refusal here is recorded as the result. An
  -- application that plainly passes every check of central_push_check (the same tests,
  -- written out so they cost no call) is not checked again one by one.
  UPDATE central_push_ops SET result = 'rejected', reason = refusal
    FROM (SELECT seq AS checked_seq, central_push_check(kind, payload, my_code) AS refusal
            FROM central_push_ops
           WHERE NOT (kind = 'application_submitted' AND app_id IS NOT NULL
                      AND payload ->> 'site_code' = my_code
                      AND payload ->> 'status' = 'submitted'
                      AND jsonb_typeof(payload -> 'applicant') = 'object'
                      AND payload -> 'applicant' <> '{}'
                      AND coalesce(payload ->> 'number', '') NOT IN ('', 'false')
                      AND payload -> 'number' NOT IN ('{}', '[]')
                      AND coalesce(payload ->> 'business_type', '') NOT IN ('', 'false')
                      AND payload -> 'business_type' NOT IN ('{}', '[]')
                      AND my_code NOT IN ('', 'false')
                      AND octet_length(payload::text) <= %PAYLOAD_MAX%)) checked
   WHERE seq = checked_seq AND refusal <> '';

  INSERT INTO central_applied_operations (site_id, device_id, seq, op_id, kind, result,
                                          reason, applied_at)
  SELECT my_site, me, seq, op_id, kind, result, reason, at_now FROM central_push_ops
  ON CONFLICT DO NOTHING;
  -- recorded by an earlier transaction (its time is not this one's): a resend
  UPDATE central_push_ops o SET is_new = false
    FROM central_applied_operations a
   WHERE a.site_id = my_site AND a.device_id = me AND a.seq = o.seq
     AND a.applied_at <> at_now;

  -- Resends: the answer recorded the first time.
  UPDATE central_push_ops o SET
    result = CASE WHEN a.op_id <> o.op_id OR a.result = 'rejected' THEN 'rejected'
                  ELSE 'duplicate' END,
    reason = CASE WHEN a.op_id <> o.op_id
                  THEN central_reason(%SEQ_REUSED%, jsonb_build_object('seq', o.seq::text))
                  WHEN a.result = 'rejected' THEN a.reason ELSE '' END
    FROM central_applied_operations a
   WHERE NOT o.is_new AND a.site_id = my_site AND a.device_id = me AND a.seq = o.seq;

  BEGIN
    written := central_push_applications(my_site, at_now, NULL);
  EXCEPTION WHEN others THEN
    written := '{}';
    FOR item IN SELECT seq FROM central_push_ops
                 WHERE is_new AND result = 'applied' AND kind = 'application_submitted'
                 ORDER BY seq LOOP
      BEGIN
        written := written || central_push_applications(my_site, at_now, item.seq);
      EXCEPTION WHEN others THEN
        UPDATE central_push_ops SET result = 'rejected',
               reason = central_reason(%REFUSED%, jsonb_build_object('error', SQLSTATE))
         WHERE seq = item.seq;
      END;
    END LOOP;
  END;
  UPDATE central_push_ops SET result = 'rejected', reason = %TAKEN_OVER%
   WHERE is_new AND result = 'applied' AND kind = 'application_submitted'
     AND app_id NOT IN (SELECT unnest(written));  -- hashed
  PERFORM central_push_arrivals(me, my_site, at_now, written);

  UPDATE central_push_ops o SET result = 'rejected', reason = %FILE_INCOMPLETE%
   WHERE o.is_new AND o.result = 'applied' AND o.kind = 'blob' AND NOT EXISTS (
     SELECT 1 FROM central_blobs b WHERE b.site_id = my_site
        AND b.sha256 = o.payload ->> 'sha256' AND b.complete);
  INSERT INTO central_application_files (site_id, application_id, sha256, role)
  SELECT my_site, central_as_uuid(payload ->> 'application_id'), payload ->> 'sha256',
         left(coalesce(nullif(payload ->> 'role', ''), 'file'), 30)
    FROM central_push_ops WHERE is_new AND result = 'applied' AND kind = 'blob'
  ON CONFLICT DO NOTHING;

  FOR item IN SELECT seq, kind, payload FROM central_push_ops
               WHERE is_new AND result = 'applied'
                 AND kind NOT IN ('application_submitted', 'blob') ORDER BY seq LOOP
    DECLARE refusal text;
    BEGIN
      IF item.kind = 'photo_receipt_issued' THEN
        refusal := central_push_receipt(my_site, my_code, item.payload, at_now);
      ELSIF item.kind IN ('card_instant_started', 'card_instant_produced',
                          'card_instant_failed') THEN
        refusal := central_instant_operation(me, my_site, my_code, item.kind, item.payload,
                                             at_now);
      ELSE
        refusal := central_card_operation(me, my_site, my_code, item.kind, item.payload,
                                          at_now);
      END IF;
      IF refusal <> '' THEN
        UPDATE central_push_ops SET result = 'rejected', reason = refusal
         WHERE seq = item.seq;
      END IF;
    EXCEPTION WHEN others THEN
      UPDATE central_push_ops SET result = 'rejected',
             reason = central_reason(%REFUSED%, jsonb_build_object('error', SQLSTATE))
       WHERE seq = item.seq;
    END;
  END LOOP;

  -- Refusals found while applying are stored too: a resend gets the same answer.
  UPDATE central_applied_operations a SET result = 'rejected', reason = o.reason
    FROM central_push_ops o
   WHERE o.is_new AND o.result = 'rejected' AND a.reason = ''
     AND a.site_id = my_site AND a.device_id = me AND a.seq = o.seq;

  SELECT coalesce(jsonb_agg(jsonb_build_object('seq', seq, 'result', result,
                                               'reason', reason) ORDER BY seq), '[]')
    INTO answer FROM central_push_ops;
  RETURN answer;
END $fn$;

-- The reason to refuse an operation before anything is written, or ''.
CREATE OR REPLACE FUNCTION central_push_check(kind text, payload jsonb, my_code text)
RETURNS text LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $fn$
DECLARE
  problem text := '';
  photo bytea;
  station_no integer;
  enrolled_on date;
  today date;
BEGIN
  IF kind <> 'photo_receipt_issued' AND octet_length(payload::text) > %PAYLOAD_MAX% THEN
    RETURN central_reason(%MALFORMED%, jsonb_build_object('detail', 'larger than %PAYLOAD_MAX% bytes'));
  END IF;
  IF kind = 'application_submitted' THEN
    problem := central_missing(payload, ARRAY['id', 'number', 'site_code', 'business_type',
                                              'status', 'applicant']);
    IF problem = '' AND payload ->> 'site_code' <> my_code THEN
      RETURN central_reason(%WRONG_SITE%, jsonb_build_object(
        'site', left(payload ->> 'site_code', 20), 'own', my_code));
    END IF;
    IF problem = '' AND central_as_uuid(payload ->> 'id') IS NULL THEN problem := 'id'; END IF;
    IF problem = '' AND jsonb_typeof(payload -> 'applicant') <> 'object' THEN
      problem := 'applicant';
    END IF;
    -- an application arrives as sent; every later status is the card centre's to give
    IF problem = '' AND payload ->> 'status' <> 'submitted' THEN problem := 'status'; END IF;
  ELSIF kind = 'blob' THEN
    IF coalesce(payload ->> 'sha256', '') !~ '^[0-9a-f]{64}$'
       OR central_as_uuid(payload ->> 'application_id') IS NULL THEN
      problem := 'sha256, application_id';
    ELSIF coalesce(payload ->> 'upload_error', '') <> '' THEN
      RETURN left(payload ->> 'upload_error', 500);  -- the counter's own words on its file
    END IF;
  ELSIF kind = 'photo_receipt_issued' THEN
    problem := central_missing(payload, ARRAY['number', 'photo_base64']);
    IF problem <> '' THEN
      problem := 'number, photo_base64';
    ELSIF length(payload ->> 'photo_base64') > %PHOTO_MAX_BASE64% THEN
      RETURN central_reason(%PHOTO_TOO_LARGE%, jsonb_build_object('kb', '%PHOTO_MAX_KB%'));
    ELSE
      photo := central_as_bytes(payload ->> 'photo_base64');
      IF photo IS NULL THEN
        problem := 'photo_base64';
      ELSIF length(photo) > %PHOTO_MAX_BYTES% THEN
        RETURN central_reason(%PHOTO_TOO_LARGE%, jsonb_build_object('kb', '%PHOTO_MAX_KB%'));
      ELSIF encode(sha256(photo), 'hex') IS DISTINCT FROM payload ->> 'photo_sha256' THEN
        problem := 'photo_sha256';
      ELSIF length(payload ->> 'number') > 40 THEN
        RETURN central_reason(%RECEIPT_NOT_OURS%);
      ELSE
        -- the caller's own station's numbers only (its counter number), and no day ahead
        -- of tomorrow; days since its enrolment stay open (a receipt queued in an outage)
        SELECT d.counter_no, (d.enrolled_at)::date INTO station_no, enrolled_on
          FROM central_devices d WHERE d.id = central_current_device();
        today := (now() AT TIME ZONE 'UTC')::date;
        RETURN central_receipt_refusal(payload ->> 'number', my_code, station_no,
                                       least(enrolled_on, today) - 1, today + 1);
      END IF;
    END IF;
  ELSIF kind IN ('card_collected', 'card_activated', 'card_reported', 'card_unreported') THEN
    problem := central_card_check(kind, payload);
  ELSIF kind IN ('card_instant_started', 'card_instant_produced', 'card_instant_failed') THEN
    problem := central_instant_check(kind, payload);
  ELSE
    RETURN central_reason(%UNKNOWN_KIND%, jsonb_build_object('kind', kind));
  END IF;
  IF problem <> '' THEN
    RETURN central_reason(%MALFORMED%, jsonb_build_object('detail', problem));
  END IF;
  RETURN '';
END $fn$;

-- Write the checked new applications (only *one_seq*'s when given); their ids.
CREATE OR REPLACE FUNCTION central_push_applications(my_site uuid, at_now timestamp,
                                                     one_seq bigint)
RETURNS uuid[] LANGUAGE plpgsql SET search_path = public, pg_temp AS $fn$
DECLARE
  written uuid[];
BEGIN
  WITH latest AS (  -- one row per application and statement: the last sent
    SELECT DISTINCT ON (app_id) app_id AS id, payload
      FROM central_push_ops
     WHERE is_new AND result = 'applied' AND kind = 'application_submitted'
       AND (one_seq IS NULL OR seq = one_seq)
     ORDER BY app_id, seq DESC),
  upserted AS (
    INSERT INTO central_applications AS a (site_id, id, number, business_type, status,
                                           id_number, payload, received_at, updated_at,
                                           due_date, replaces_card)
    SELECT my_site, l.id, left(l.payload ->> 'number', 40),
           left(l.payload ->> 'business_type', 30), 'submitted',
           left(upper(regexp_replace(coalesce(l.payload -> 'applicant' ->> 'id_number', ''),
                                     '\s', '', 'g')), 18),
           l.payload, at_now, at_now, at_now::date + central_card_rule('promise_days')::int,
           nullif(left(upper(regexp_replace(coalesce(l.payload ->> 'replaces_card', ''),
                                            '[\s-]', '', 'g')), 30), '')
      FROM latest l
    ON CONFLICT (site_id, id) DO UPDATE SET
      number = excluded.number, business_type = excluded.business_type,
      id_number = excluded.id_number, payload = excluded.payload,
      updated_at = excluded.updated_at, replaces_card = excluded.replaces_card
      WHERE a.status = 'submitted'
    RETURNING a.id)
  SELECT coalesce(array_agg(id), '{}') INTO written FROM upserted;
  RETURN written;
END $fn$;

-- The first arrival of each application: its card record (the 30-day promise the
-- counters pull), the first line of its history, and a replaced card on the invalid list.
CREATE OR REPLACE FUNCTION central_push_arrivals(me uuid, my_site uuid, at_now timestamp,
                                                 written uuid[])
RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $fn$
DECLARE
  item record;
BEGIN
  WITH fresh AS (
    INSERT INTO central_card_records (site_id, application_id, status, reason, updated_at,
                                      due_date)
    SELECT a.site_id, a.id, 'submitted', '', at_now, a.due_date
      FROM central_applications a WHERE a.site_id = my_site AND a.id = ANY (written)
    ON CONFLICT DO NOTHING RETURNING application_id)
  INSERT INTO central_status_history (site_id, id, application_id, from_status, to_status,
                                      actor, actor_name, actor_site_id, reason, at)
  SELECT my_site, gen_random_uuid(), f.application_id, 'signed', 'submitted', 'counter',
         'device ' || me, my_site, '', at_now
    FROM fresh f;
  FOR item IN SELECT a.id, a.replaces_card, a.id_number, a.payload ->> 'proof_ticket' AS ticket
                FROM central_applications a
               WHERE a.site_id = my_site AND a.id = ANY (written)
                 AND a.replaces_card IS NOT NULL LOOP
    PERFORM central_list_replaced(me, my_site, item.replaces_card, item.id_number,
                                  item.ticket, at_now);
  END LOOP;
END $fn$;

-- A photo receipt our own station issued joins the registry; a number taken by another
-- photo is refused (receipt numbers are for life).
CREATE OR REPLACE FUNCTION central_push_receipt(my_site uuid, my_code text, payload jsonb,
                                                at_now timestamp)
RETURNS text LANGUAGE plpgsql SET search_path = public, pg_temp AS $fn$
DECLARE
  stored text;
BEGIN
  INSERT INTO central_photo_receipts (number, issuer_site_id, issuer, photo_sha256, photo,
                                      created_at)
  VALUES (payload ->> 'number', my_site,
          left(coalesce(nullif(payload ->> 'issuer', ''), my_code), 100),
          payload ->> 'photo_sha256', decode(payload ->> 'photo_base64', 'base64'), at_now)
  ON CONFLICT DO NOTHING;
  SELECT photo_sha256 INTO stored FROM central_photo_receipts
   WHERE number = payload ->> 'number';
  RETURN CASE WHEN stored = payload ->> 'photo_sha256' THEN '' ELSE %RECEIPT_TAKEN% END;
END $fn$;
"""

SIGNATURES = ("central_push(jsonb)",)
INTERNAL_SIGNATURES = ("central_push_check(text, jsonb, text)",
                       "central_push_applications(uuid, timestamp, bigint)",
                       "central_push_arrivals(uuid, uuid, timestamp, uuid[])",
                       "central_push_receipt(uuid, text, jsonb, timestamp)")


def functions() -> str:
    """The CREATE OR REPLACE FUNCTION statements, with the reasons filled in."""
    values = {
        "BATCH_MAX": str(BATCH_MAX),
        "UUID_FORM": UUID_FORM,
        "PAYLOAD_MAX": str(PAYLOAD_MAX_BYTES),
        "PHOTO_MAX_BASE64": str(-(-RECEIPT_PHOTO_MAX_BYTES // 3) * 4),
        "PHOTO_MAX_KB": str(RECEIPT_PHOTO_MAX_BYTES // 1024),
        "PHOTO_MAX_BYTES": str(RECEIPT_PHOTO_MAX_BYTES),
        "SEQ_REUSED": sql_text(SEQ_REUSED), "REFUSED": sql_text(REFUSED),
        "TAKEN_OVER": sql_text(TAKEN_OVER, reason=True),
        "FILE_INCOMPLETE": sql_text(FILE_INCOMPLETE, reason=True),
        "RECEIPT_TAKEN": sql_text(RECEIPT_TAKEN, reason=True),
        "WRONG_SITE": sql_text(WRONG_SITE), "PHOTO_TOO_LARGE": sql_text(PHOTO_TOO_LARGE),
        "RECEIPT_NOT_OURS": sql_text(RECEIPT_NOT_OURS),
        "RECEIPT_NOT_THIS_STATION": sql_text(RECEIPT_NOT_THIS_STATION),
        "RECEIPT_DAY": sql_text(RECEIPT_DAY),
        "UNKNOWN_KIND": sql_text(operations.UNKNOWN_KIND),
        "MALFORMED": sql_text(operations.MALFORMED),
    }
    text = HELPERS + PUSH
    for key, value in values.items():
        text = text.replace(f"%{key}%", value)
    return text
