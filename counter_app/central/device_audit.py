"""A counter's audit records on the central side, checked as they arrive (issue 12).

The counter sends its audit rows (ids and states, never personal data) to
``central_audit_push``; the device and site come from its login, never from the batch.
The server folds every new row into the device's SHA-256 chain itself, in seq order (seq
is the counter's local row id), and stores the row with the link:

    link = sha256(previous link + canonical(row)), the first previous link 64 zeros;
    canonical(row) = "<length>:<value>," for seq, at (to the microsecond), operator id,
                     action, entity, entity id, from status, to status, detail

(``canonical`` below and ``central_audit_link`` build the same text). What does not hold
flags the device in central_device_flags and blocks nothing else:

- gap: a seq skipped. Local ids are SQLite rowids of an INTEGER PRIMARY KEY: each new row
  gets the largest id + 1, so a rolled-back insert leaves no hole and only a deleted row
  does. Also a row received before that is missing from a range the counter sends again.
- edited: a row sent again (the counter sends a slice of its older rows with each batch,
  in turn) that differs from the one received, or that cannot be stored at all.
- anchor_rewritten: the counter's own chain head after the batch, or an anchor sent with
  central_audit_anchor, differs from the server's chain at that point.

The function stores the flag and answers normally (a raised error would take the flag
with it); a row that differs is kept as first received. The counter learns its flags
from the answer; central_audit_flags() shows a device its own, a card centre's device and
an administrator every device's. Nobody but these functions writes the two tables.
"""

from __future__ import annotations

import datetime as dt
import json
import hashlib
import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from counter_app.central.reasons import (
    AUDIT_ANCHOR,
    AUDIT_EDITED,
    AUDIT_HEAD,
    AUDIT_LATE,
    AUDIT_MISSING,
    AUDIT_REMOVED,
    AUDIT_UNREADABLE,
    sql_literal,
    sql_text,
)

GENESIS = "0" * 64
REASONS = ("gap", "edited", "anchor_rewritten")
# Records per call: the counter sends 2,000 new ones and 1,000 older ones again.
RECORDS_MAX = 5000
DETAIL_MAX = 4000  # characters: a counter's details are short; a longer one is unreadable
RECENT_FLAGS = 20          # the newest of its flags a device is told with each answer
LOCK_CLASS = 12012         # advisory lock class: one push per device at a time
FIELDS = ("seq", "at", "operator_id", "action", "entity", "entity_id", "from_status",
          "to_status", "detail")


def push_batch(engine, batch: dict) -> dict:
    """Send one batch of audit rows over *engine* (the device's login): the answer, with
    the server's chain head and the device's flags."""
    with engine.begin() as connection:
        return connection.execute(text("SELECT central_audit_push(CAST(:batch AS jsonb))"),
                                  {"batch": json.dumps(batch, ensure_ascii=False)}).scalar_one()


def canonical(seq: int, at: dt.datetime, operator_id: uuid.UUID | str | None, action: str,
              entity: str, entity_id: str, from_status: str, to_status: str,
              detail: str) -> str:
    """The text of one audit row that its chain link hashes (as central_audit_link)."""
    values = (str(seq), at.replace(tzinfo=None).isoformat(timespec="microseconds"),
              str(operator_id or ""), action or "", entity or "", entity_id or "",
              from_status or "", to_status or "", detail or "")
    return "".join(f"{len(value)}:{value}," for value in values)


def link(head: str, canonical_text: str) -> str:
    return hashlib.sha256((head + canonical_text).encode("utf-8")).hexdigest()


# What a record's time and operator id look like; a record that does not match is
# unreadable (flagged) rather than failing the call. (A day the month lacks, 30 February,
# still fails it: no counter can read such a time from its own log to send.)
AT_PATTERN = (r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3])"
              r":[0-5]\d:[0-5]\d(\.\d{1,6})?$")
UUID_PATTERN = r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$"
# canonical() in SQL: each value (as text) as "<length>:<value>,", in FIELDS' order
_TEXTS = ("seq::text", """to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.US')""",
          "coalesce(operator_id::text, '')", "coalesce(action, '')", "coalesce(entity, '')",
          "coalesce(entity_id, '')", "coalesce(from_status, '')", "coalesce(to_status, '')",
          "coalesce(detail, '')")
_VALUES = ", ".join(f"length({value}), ':', {value}, ','" for value in _TEXTS)

FUNCTIONS = r"""
-- The link after *head*: canonical() of counter_app/central/device_audit.py, in SQL.
CREATE OR REPLACE FUNCTION central_audit_link(head text, seq bigint, at timestamp,
  operator_id uuid, action text, entity text, entity_id text, from_status text,
  to_status text, detail text)
RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT encode(sha256(convert_to(concat(head, %VALUES%), 'UTF8')), 'hex') $$;

-- The records of a push as rows; readable: they fit the table's columns. (Plain casts after
-- a pattern, no exception blocks: this runs for thousands of rows a call.)
CREATE OR REPLACE FUNCTION central_audit_rows(records jsonb)
RETURNS TABLE (seq bigint, at timestamp, operator_id uuid, action text, entity text,
               entity_id text, from_status text, to_status text, detail text,
               readable boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
  SELECT r.seq, CASE WHEN r.at_ok THEN r.raw_at::timestamp END,
         CASE WHEN r.operator_ok AND r.raw_operator <> '' THEN r.raw_operator::uuid END,
         r.action, r.entity, r.entity_id, r.from_status, r.to_status, r.detail,
         r.at_ok AND r.operator_ok AND length(r.action) <= 40 AND length(r.entity) <= 40
         AND length(r.entity_id) <= 64 AND length(r.from_status) <= 30
         AND length(r.to_status) <= 30 AND length(r.detail) <= %DETAIL_MAX%
    FROM (SELECT (e ->> 'seq')::bigint AS seq, e ->> 'at' AS raw_at,
                 coalesce(e ->> 'at', '') ~ %AT_PATTERN% AS at_ok,
                 coalesce(e ->> 'operator_id', '') AS raw_operator,
                 coalesce(e ->> 'operator_id', '') ~* %UUID_PATTERN% AS operator_ok,
                 coalesce(e ->> 'action', '') AS action, coalesce(e ->> 'entity', '') AS entity,
                 coalesce(e ->> 'entity_id', '') AS entity_id,
                 coalesce(e ->> 'from_status', '') AS from_status,
                 coalesce(e ->> 'to_status', '') AS to_status,
                 coalesce(e ->> 'detail', '') AS detail
            FROM jsonb_array_elements(records) e) r $$;

-- Sorted seqs as runs ("3-5, 9"), the first ten.
CREATE OR REPLACE FUNCTION central_audit_runs(seqs bigint[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  WITH numbered AS (SELECT v, v - row_number() OVER (ORDER BY v) AS run FROM unnest(seqs) v),
  runs AS (SELECT min(v) AS lo, max(v) AS hi FROM numbered GROUP BY run)
  SELECT concat(string_agg(CASE WHEN lo = hi THEN lo::text ELSE lo || '-' || hi END, ', '
                           ORDER BY lo) FILTER (WHERE n <= 10),
                CASE WHEN max(n) > 10 THEN ', …' END)
    FROM (SELECT lo, hi, row_number() OVER (ORDER BY lo) AS n FROM runs) r $$;

-- Flag the device, once for the same reason and detail.
CREATE OR REPLACE FUNCTION central_audit_flag(me uuid, my_site uuid, why text, about text)
RETURNS void LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS $$
  INSERT INTO central_device_flags (site_id, device_id, flagged_at, reason, detail)
  SELECT my_site, me, clock_timestamp() AT TIME ZONE 'UTC', why, about
   WHERE NOT EXISTS (SELECT 1 FROM central_device_flags f WHERE f.site_id = my_site
                        AND f.device_id = me AND f.reason = why AND f.detail = about) $$;

-- A batch of the caller's audit records: {"ranges": [[from, to], ...], "records": [...],
-- "head": its chain head after the last record}. The ranges say which local ids the
-- records are all of. Answers what was stored, the central head and the device's flags.
CREATE OR REPLACE FUNCTION central_audit_push(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  me uuid := central_current_device();
  my_site uuid := central_current_site();
  at_now timestamp := now() AT TIME ZONE 'UTC';
  records jsonb := batch -> 'records';
  ranges jsonb := batch -> 'ranges';
  last_seq bigint;
  head text;
  expected bigint;
  upto bigint;
  central_head text;
  again integer := 0;
  lowest bigint;
  item record;
  missing text[] := '{}';
  unreadable bigint[] := '{}';
  new_seqs bigint[] := '{}';
  new_links text[] := '{}';
  differing bigint[] := '{}';
  late bigint[] := '{}';
  removed bigint[];
BEGIN
  IF me IS NULL THEN
    RAISE EXCEPTION 'only an enrolled device pushes audit records'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF jsonb_typeof(records) IS DISTINCT FROM 'array'
     OR jsonb_typeof(ranges) IS DISTINCT FROM 'array'
     OR jsonb_array_length(records) NOT BETWEEN 1 AND %RECORDS_MAX%
     OR jsonb_array_length(ranges) NOT BETWEEN 1 AND 4
     OR coalesce(batch ->> 'head', '') !~ '^[0-9a-f]{64}$'
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(ranges) g
                 WHERE jsonb_typeof(g) IS DISTINCT FROM 'array' OR jsonb_array_length(g) <> 2
                    OR coalesce(g ->> 0, '') !~ '^[1-9][0-9]{0,17}$'
                    OR coalesce(g ->> 1, '') !~ '^[1-9][0-9]{0,17}$')
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(records) e
                 WHERE jsonb_typeof(e) IS DISTINCT FROM 'object'
                    OR coalesce(e ->> 'seq', '') !~ '^[1-9][0-9]{0,17}$') THEN
    RAISE EXCEPTION 'an audit push is {"ranges": [[from, to]], "records": [{"seq": n, ...}], '
                    '"head": sha256}, with at most %RECORDS_MAX% records'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF (SELECT count(DISTINCT e ->> 'seq') FROM jsonb_array_elements(records) e)
       <> jsonb_array_length(records)
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(records) e WHERE NOT EXISTS (
                  SELECT 1 FROM jsonb_array_elements(ranges) g
                   WHERE (e ->> 'seq')::bigint
                         BETWEEN (g ->> 0)::bigint AND (g ->> 1)::bigint)) THEN
    RAISE EXCEPTION 'each audit record once, within the ranges sent'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock(%LOCK_CLASS%, hashtext(me::text));

  SELECT r.seq, r.chain_hash INTO last_seq, head FROM central_audit_records r
   WHERE r.site_id = my_site AND r.device_id = me ORDER BY r.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    last_seq := 0;
    head := '%GENESIS%';
  END IF;

  -- Sent again: the same as received, or edited; never received, or received but gone.
  SELECT min((e ->> 'seq')::bigint), max((e ->> 'seq')::bigint) INTO lowest, upto
    FROM jsonb_array_elements(records) e;
  IF lowest <= last_seq THEN
    SELECT coalesce(array_agg(r.seq ORDER BY r.seq) FILTER (WHERE s.seq IS NOT NULL AND (
             NOT r.readable OR (r.at, r.operator_id, r.action, r.entity, r.entity_id,
                                r.from_status, r.to_status, r.detail)
             IS DISTINCT FROM (s.at, s.operator_id, s.action, s.entity, s.entity_id,
                               s.from_status, s.to_status, s.detail))), '{}'),
           coalesce(array_agg(r.seq ORDER BY r.seq) FILTER (WHERE s.seq IS NULL
                                                              AND r.readable), '{}'),
           coalesce(array_agg(r.seq ORDER BY r.seq) FILTER (WHERE s.seq IS NULL
                                                              AND NOT r.readable), '{}'),
           count(s.seq)
      INTO differing, late, unreadable, again
      FROM central_audit_rows(records) r
      LEFT JOIN central_audit_records s
        ON s.site_id = my_site AND s.device_id = me AND s.seq = r.seq
     WHERE r.seq <= last_seq;
  END IF;
  SELECT coalesce(array_agg(DISTINCT s.seq ORDER BY s.seq), '{}') INTO removed
    FROM jsonb_array_elements(ranges) g
    JOIN central_audit_records s ON s.site_id = my_site AND s.device_id = me
     AND s.seq BETWEEN (g ->> 0)::bigint AND least((g ->> 1)::bigint, last_seq)
   WHERE s.seq NOT IN (SELECT (e ->> 'seq')::bigint FROM jsonb_array_elements(records) e);

  -- New: the chain goes on from the last received record; a skipped seq is a gap.
  expected := last_seq + 1;
  FOR item IN SELECT * FROM central_audit_rows(records) r WHERE r.seq > last_seq
               ORDER BY r.seq LOOP
    IF item.seq > expected THEN
      missing := missing || CASE WHEN item.seq - 1 = expected THEN expected::text
                                 ELSE expected || '-' || (item.seq - 1) END;
    END IF;
    expected := item.seq + 1;
    IF NOT item.readable THEN
      unreadable := unreadable || item.seq;
      CONTINUE;
    END IF;
    head := central_audit_link(head, item.seq, item.at, item.operator_id, item.action,
                               item.entity, item.entity_id, item.from_status, item.to_status,
                               item.detail);
    new_seqs := new_seqs || item.seq;
    new_links := new_links || head;
  END LOOP;
  INSERT INTO central_audit_records (site_id, device_id, seq, at, operator_id, action, entity,
                                     entity_id, from_status, to_status, detail, chain_hash,
                                     received_at)
  SELECT my_site, me, r.seq, r.at, r.operator_id, r.action, r.entity, r.entity_id,
         r.from_status, r.to_status, r.detail, l.link, at_now
    FROM central_audit_rows(records) r JOIN unnest(new_seqs, new_links) AS l(seq, link)
      ON l.seq = r.seq;

  -- The counter's own head after its last record against the server's chain there.
  SELECT s.chain_hash INTO central_head FROM central_audit_records s
   WHERE s.site_id = my_site AND s.device_id = me AND s.seq <= upto
   ORDER BY s.seq DESC LIMIT 1;

  IF cardinality(missing) > 0 THEN
    PERFORM central_audit_flag(me, my_site, 'gap', central_reason(%AUDIT_MISSING%,
      jsonb_build_object('records', array_to_string(missing[1:10], ', ')
        || CASE WHEN cardinality(missing) > 10 THEN ', …' ELSE '' END)));
  END IF;
  IF cardinality(removed) > 0 THEN
    PERFORM central_audit_flag(me, my_site, 'gap', central_reason(%AUDIT_REMOVED%,
      jsonb_build_object('records', central_audit_runs(removed))));
  END IF;
  IF cardinality(late) > 0 THEN
    PERFORM central_audit_flag(me, my_site, 'gap', central_reason(%AUDIT_LATE%,
      jsonb_build_object('records', central_audit_runs(late))));
  END IF;
  IF cardinality(differing) > 0 THEN
    PERFORM central_audit_flag(me, my_site, 'edited', central_reason(%AUDIT_EDITED%,
      jsonb_build_object('records', central_audit_runs(differing))));
  END IF;
  IF cardinality(unreadable) > 0 THEN
    PERFORM central_audit_flag(me, my_site, 'edited', central_reason(%AUDIT_UNREADABLE%,
      jsonb_build_object('records', central_audit_runs(unreadable))));
  END IF;
  IF central_head IS DISTINCT FROM batch ->> 'head' THEN
    PERFORM central_audit_flag(me, my_site, 'anchor_rewritten', central_reason(%AUDIT_HEAD%,
      jsonb_build_object('record', upto::text)));
  END IF;
  RETURN jsonb_build_object('stored', cardinality(new_seqs), 'again', again,
                            'head', central_head, 'flags', central_audit_own_flags(me, my_site));
END $fn$;

-- The device's flags as its counter is told them: how many, and the newest few.
CREATE OR REPLACE FUNCTION central_audit_own_flags(me uuid, my_site uuid) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT jsonb_build_object(
    'count', (SELECT count(*) FROM central_device_flags f
               WHERE f.site_id = my_site AND f.device_id = me),
    'recent', coalesce((SELECT jsonb_agg(jsonb_build_object('reason', f.reason,
                                                            'flagged_at', f.flagged_at)
                                         ORDER BY f.flagged_at DESC)
                          FROM (SELECT reason, flagged_at FROM central_device_flags
                                 WHERE site_id = my_site AND device_id = me
                                 ORDER BY flagged_at DESC LIMIT %RECENT_FLAGS%) f), '[]')) $$;

-- The head of the caller's audit chain over its first *record_count* records: appended,
-- never changed; a count lower than the last anchor's is refused (the chain only grows).
-- Once the device has pushed records, a head that differs from the server's chain at
-- that count flags it.
CREATE OR REPLACE FUNCTION central_audit_anchor(record_count bigint, head_hash text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  me uuid := central_current_device();
  my_site uuid := central_current_site();
  central_head text := '%GENESIS%';
BEGIN
  IF me IS NULL THEN
    RAISE EXCEPTION 'only an enrolled device anchors' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF head_hash !~ '^[0-9a-f]{64}$' OR record_count < coalesce((
       SELECT max(a.record_count) FROM central_audit_anchors a
        WHERE a.site_id = my_site AND a.device_id = me), 0) THEN
    RAISE EXCEPTION 'an audit anchor only moves forward' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM central_audit_records r
              WHERE r.site_id = my_site AND r.device_id = me) THEN
    IF record_count > 0 THEN
      SELECT r.chain_hash INTO central_head FROM central_audit_records r
       WHERE r.site_id = my_site AND r.device_id = me ORDER BY r.seq
      OFFSET record_count - 1 LIMIT 1;
    END IF;
    IF central_head IS DISTINCT FROM head_hash THEN
      PERFORM central_audit_flag(me, my_site, 'anchor_rewritten', central_reason(%AUDIT_ANCHOR%,
        jsonb_build_object('count', record_count::text)));
    END IF;
  END IF;
  INSERT INTO central_audit_anchors (site_id, device_id, anchored_at, record_count, head_hash)
  VALUES (my_site, me, clock_timestamp() AT TIME ZONE 'UTC', record_count, head_hash);
END $fn$;

-- Flagged devices: a device sees its own flags, a card centre's device and an
-- administrator every device's.
CREATE OR REPLACE FUNCTION central_audit_flags()
RETURNS TABLE (site_code text, device_id uuid, device_name text, reason text,
               flagged_at timestamp, detail text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.code::text, f.device_id, coalesce(d.name, '')::text, f.reason::text, f.flagged_at,
         f.detail
    FROM central_device_flags f
    JOIN central_sites s ON s.id = f.site_id
    LEFT JOIN central_devices d ON d.id = f.device_id
   WHERE (f.device_id = central_current_device() AND f.site_id = central_current_site())
      OR central_is_card_centre()
      OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user
                                          AND (rolsuper OR rolbypassrls))
   ORDER BY f.flagged_at DESC, s.code $$;
"""

SIGNATURES = ("central_audit_push(jsonb)", "central_audit_anchor(bigint, text)",
              "central_audit_flags()")
INTERNAL_SIGNATURES = (
    "central_audit_link(text, bigint, timestamp, uuid, text, text, text, text, text, text)",
    "central_audit_rows(jsonb)", "central_audit_runs(bigint[])",
    "central_audit_flag(uuid, uuid, text, text)", "central_audit_own_flags(uuid, uuid)")


def functions() -> str:
    """The CREATE OR REPLACE FUNCTION statements, with the constants and reasons filled in."""
    values = {"VALUES": _VALUES, "RECORDS_MAX": str(RECORDS_MAX), "DETAIL_MAX": str(DETAIL_MAX), "GENESIS": GENESIS,
              "AT_PATTERN": sql_literal(AT_PATTERN), "UUID_PATTERN": sql_literal(UUID_PATTERN),
              "LOCK_CLASS": str(LOCK_CLASS), "RECENT_FLAGS": str(RECENT_FLAGS),
              "AUDIT_MISSING": sql_text(AUDIT_MISSING), "AUDIT_REMOVED": sql_text(AUDIT_REMOVED),
              "AUDIT_LATE": sql_text(AUDIT_LATE), "AUDIT_EDITED": sql_text(AUDIT_EDITED),
              "AUDIT_UNREADABLE": sql_text(AUDIT_UNREADABLE),
              "AUDIT_HEAD": sql_text(AUDIT_HEAD), "AUDIT_ANCHOR": sql_text(AUDIT_ANCHOR)}
    sql = FUNCTIONS
    for key, value in values.items():
        sql = sql.replace(f"%{key}%", value)
    return sql


@dataclass(frozen=True)
class DeviceFlag:
    site_code: str
    device_id: uuid.UUID
    device_name: str
    reason: str            # gap, edited, anchor_rewritten
    flagged_at: dt.datetime  # UTC
    detail: str            # a reason template and values (counter_app.domain.errors.reason)


def read_flags(connection: Connection) -> list[DeviceFlag]:
    """The flags the login may see (a device its own; the card centre, an administrator
    every device's), newest first."""
    rows = connection.execute(text("SELECT * FROM central_audit_flags()"))
    return [DeviceFlag(**row) for row in rows.mappings()]
