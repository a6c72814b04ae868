"""Instant issuance on the central side, as SQL functions of the engine role.

A site the administrator switched to instant issuance (``central_sites.instant_issuance``,
`counter-app central set-instant`) makes cards at its counters. The card centre gives the
site blocks of card numbers and blank cards (``central_card_allocate``: the card centre's
devices and administrators only; blocks of all sites never overlap). A counter of the site,
while online, reserves a run of its site's blocks for itself (``central_card_reserve``:
runs never overlap, taken in order under a per-site lock), keeps it on the counter and
takes its numbers one by one, offline too. So two counters of one site, both offline,
never take the same number; and the central side refuses any number that is not in the
pushing counter's own runs, or that was used before (``central_card_numbers``, keyed by
site and number).

The counter's moves arrive through ``central_push`` (counter_app.central.device_push) as
``card_instant_started`` (a number taken: in production), ``card_instant_produced`` and
``card_instant_failed`` (the blank spoiled: its number goes on the invalid list), then the
usual ``card_collected`` / ``card_activated``; each is checked here against the lifecycle's
INSTANT_MOVES (counter_app.domain.lifecycle) and refused at a site that does not issue
instantly. A counter reads its runs and its site's stock through two functions that take
the site from its login; it selects from none of these tables (docs/SECURITY.md).
"""

from __future__ import annotations

from counter_app.central.operations import MALFORMED
from counter_app.central.reasons import (
    APPLICATION_UNKNOWN,
    CARD_NOT_READY,
    NOT_INSTANT,
    NUMBER_NOT_IN_PRODUCTION,
    NUMBER_NOT_RESERVED,
    NUMBER_USED,
    sql_literal,
    sql_text,
)
from counter_app.domain.lifecycle import INSTANT_MOVES
from counter_app.issuance.numbers import BLOCK_MAX, PREFIX_MAX, WIDTH_MAX

KINDS = ("card_instant_started", "card_instant_produced", "card_instant_failed")
# Numbers one counter may hold reserved and unused at once: a device cannot take its
# siblings' whole block.
RESERVED_MAX = 1000
# Blanks one delivery may bring.
DELIVERY_MAX = 100_000
OUTCOMES = ("in_production", "issued", "spoiled")

FUNCTIONS = r"""
-- Whether *site* makes cards at the window.
CREATE OR REPLACE FUNCTION central_site_instant(site uuid) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT instant_issuance FROM central_sites WHERE id = site), false) $$;

-- May the counter of an instant-issuance site move a card from *current* to *target*?
CREATE OR REPLACE FUNCTION central_instant_may(current text, target text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT (current, target) IN (%INSTANT_MOVES%) $$;

-- The running number of *card* in a block of *prefix* and *width* digits, else NULL.
CREATE OR REPLACE FUNCTION central_running_number(card text, prefix text, width integer)
RETURNS bigint LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT CASE WHEN left(card, length(prefix)) = prefix
                   AND length(card) = length(prefix) + width
                   AND substr(card, length(prefix) + 1) ~ '^[0-9]{1,18}$'
              THEN substr(card, length(prefix) + 1)::bigint END $$;

-- Was application *app*'s card at *site* made at its counter (an issued number of its own)?
CREATE OR REPLACE FUNCTION central_instant_card(site uuid, app uuid) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT central_site_instant(site) AND EXISTS (
    SELECT 1 FROM central_card_records c JOIN central_card_numbers n
        ON n.site_id = c.site_id AND n.card_number = c.card_number
     WHERE c.site_id = site AND c.application_id = app AND n.application_id = app
       AND n.outcome = 'issued') $$;

-- The problem with an instant operation's payload ('' when none), before anything is read.
CREATE OR REPLACE FUNCTION central_instant_check(kind text, payload jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = public, pg_temp AS $fn$
DECLARE
  problem text := central_missing(payload, ARRAY['application_id', 'card_number', 'at']);
BEGIN
  IF problem = '' AND central_as_uuid(payload ->> 'application_id') IS NULL THEN
    problem := 'application_id';
  END IF;
  IF problem = '' AND central_as_time(payload ->> 'at') IS NULL THEN problem := 'at'; END IF;
  IF problem = '' AND length(central_compact(payload ->> 'card_number')) NOT BETWEEN 6 AND 30
  THEN
    problem := 'card_number';
  END IF;
  IF problem = '' AND kind = 'card_instant_failed' AND payload ? 'entry_id'
     AND central_as_uuid(payload ->> 'entry_id') IS NULL THEN
    problem := 'entry_id';
  END IF;
  RETURN problem;
END $fn$;

-- Apply one checked instant operation of device *me* of *my_site*; why not, or ''.
CREATE OR REPLACE FUNCTION central_instant_operation(me uuid, my_site uuid, my_code text,
                                                     kind text, payload jsonb,
                                                     at_now timestamp)
RETURNS text LANGUAGE plpgsql SET search_path = public, pg_temp AS $fn$
DECLARE
  app uuid := central_as_uuid(payload ->> 'application_id');
  card text := central_compact(payload ->> 'card_number');
  at_time timestamp := central_plausible_time(payload ->> 'at', at_now);
  operator_name text := left(coalesce(payload ->> 'operator', ''), 50);
  why text := left(coalesce(payload ->> 'reason', ''), 1000);
  target text := CASE kind WHEN 'card_instant_started' THEN 'in_production'
                           WHEN 'card_instant_produced' THEN 'produced'
                           ELSE 'production_failed' END;
  current text;
  holder text;
  on_card text;
  run uuid;
  bank_name text;
  issued date;
BEGIN
  IF NOT central_site_instant(my_site) THEN
    RETURN %NOT_INSTANT%;
  END IF;
  IF at_time IS NULL THEN
    RETURN central_reason(%MALFORMED%, jsonb_build_object('detail', 'at'));
  END IF;
  SELECT status, id_number INTO current, holder FROM central_applications
   WHERE site_id = my_site AND id = app FOR UPDATE;
  IF current IS NULL THEN
    RETURN %APPLICATION_UNKNOWN%;
  END IF;
  IF NOT central_instant_may(current, target) THEN
    RETURN central_reason(%CARD_NOT_READY%,
                          jsonb_build_object('target', target, 'current', current));
  END IF;
  IF kind = 'card_instant_started' THEN
    -- one of the numbers this very counter reserved, never used before
    SELECT r.id, b.bank INTO run, bank_name
      FROM central_card_reservations r
      JOIN central_card_blocks b ON b.site_id = r.site_id AND b.id = r.block_id
     WHERE r.site_id = my_site AND r.device_id = me
       AND central_running_number(card, b.prefix, b.width) BETWEEN r.first_no AND r.last_no;
    IF run IS NULL THEN
      RETURN %NUMBER_NOT_RESERVED%;
    END IF;
    INSERT INTO central_card_numbers (site_id, card_number, reservation_id, device_id,
                                      application_id, outcome, used_at)
    VALUES (my_site, card, run, me, app, 'in_production', at_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RETURN %NUMBER_USED%;
    END IF;
    UPDATE central_card_records SET card_number = card, bank = nullif(bank_name, ''),
           status = target, reason = '', issued_on = NULL, updated_at = at_now
     WHERE site_id = my_site AND application_id = app;
  ELSE
    SELECT c.card_number INTO on_card FROM central_card_records c
     WHERE c.site_id = my_site AND c.application_id = app;
    UPDATE central_card_numbers SET outcome = CASE kind WHEN 'card_instant_produced'
                                                        THEN 'issued' ELSE 'spoiled' END,
           settled_at = at_time, reason = why
     WHERE site_id = my_site AND card_number = card AND application_id = app
       AND device_id = me AND outcome = 'in_production';
    IF NOT FOUND OR on_card IS DISTINCT FROM card THEN
      RETURN %NUMBER_NOT_IN_PRODUCTION%;
    END IF;
    IF kind = 'card_instant_produced' THEN
      -- the counter's local day of issue (printed on the card), within a day of its time
      issued := central_as_time((payload ->> 'issued_on') || 'T00:00')::date;
      IF issued IS NULL OR issued NOT BETWEEN at_time::date - 1 AND at_time::date + 1 THEN
        issued := at_time::date;
      END IF;
      UPDATE central_card_records SET status = target, reason = '',
             issued_on = issued, updated_at = at_now
       WHERE site_id = my_site AND application_id = app;
    ELSE
      UPDATE central_card_records SET status = target, reason = why, updated_at = at_now
       WHERE site_id = my_site AND application_id = app;
      -- the spoiled blank's number is never valid: on the invalid list as a damaged card
      INSERT INTO central_invalid_list (id, card_number, id_number, reason, level,
                                        listed_at, state, site_id, application_id,
                                        device_id, operator)
      VALUES (coalesce(central_as_uuid(payload ->> 'entry_id'), gen_random_uuid()), card,
              holder, 'damage', central_card_rule('level_damage'), at_time, 'active',
              my_site, app, me, operator_name)
      ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  UPDATE central_applications SET status = target, updated_at = at_now
   WHERE site_id = my_site AND id = app;
  INSERT INTO central_status_history (site_id, id, application_id, from_status, to_status,
                                      actor, actor_name, actor_site_id, reason, at)
  VALUES (my_site, gen_random_uuid(), app, current, target, 'counter',
          left(coalesce(nullif(operator_name, ''), 'counter') || ' @ ' || my_code, 100),
          my_site, CASE WHEN kind = 'card_instant_failed' THEN why ELSE '' END, at_now);
  RETURN '';
END $fn$;

-- A counter reserves up to *wanted* more numbers of its site's blocks, in order; how many
-- it got (0 at a site that does not issue instantly, or holding RESERVED_MAX unused).
CREATE OR REPLACE FUNCTION central_card_reserve(wanted integer) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  me uuid;
  my_site uuid;
  at_now timestamp := now() AT TIME ZONE 'UTC';
  still integer;
  got integer := 0;
  start_at bigint;
  take bigint;
  block record;
BEGIN
  SELECT d.id, d.site_id INTO me, my_site FROM central_devices d
   WHERE d.role_name = session_user AND d.revoked_at IS NULL AND d.enrolled_at IS NOT NULL;
  IF me IS NULL THEN
    RAISE EXCEPTION 'only an enrolled device reserves card numbers'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT central_site_instant(my_site) OR wanted IS NULL OR wanted < 1 THEN
    RETURN 0;
  END IF;
  -- one reservation of a site at a time: runs never overlap
  PERFORM pg_advisory_xact_lock(hashtext('central_card_reserve'), hashtext(my_site::text));
  SELECT %RESERVED_MAX% - (coalesce(sum(r.last_no - r.first_no + 1), 0)
                           - (SELECT count(*) FROM central_card_numbers n
                               WHERE n.site_id = my_site AND n.device_id = me))
    INTO still FROM central_card_reservations r
   WHERE r.site_id = my_site AND r.device_id = me;
  still := least(wanted, still);
  FOR block IN SELECT b.id, b.first_no, b.last_no FROM central_card_blocks b
                WHERE b.site_id = my_site ORDER BY b.allocated_at, b.first_no LOOP
    EXIT WHEN still <= 0;
    SELECT coalesce(max(r.last_no) + 1, block.first_no) INTO start_at
      FROM central_card_reservations r WHERE r.site_id = my_site AND r.block_id = block.id;
    take := least(still, block.last_no - start_at + 1);
    IF take > 0 THEN
      INSERT INTO central_card_reservations (site_id, id, block_id, device_id, first_no,
                                             last_no, reserved_at)
      VALUES (my_site, gen_random_uuid(), block.id, me, start_at, start_at + take - 1,
              at_now);
      still := still - take;
      got := got + take;
    END IF;
  END LOOP;
  RETURN got;
END $fn$;

-- The caller's runs of card numbers, each with the highest running number it has used
-- (a counter that lost its copy never takes one of those again).
CREATE OR REPLACE FUNCTION central_card_reservations()
RETURNS TABLE (id uuid, prefix varchar, first_no bigint, last_no bigint, width integer,
               bank varchar, reserved_at timestamp, used_up_to bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT r.id, b.prefix, r.first_no, r.last_no, b.width, b.bank, r.reserved_at,
         (SELECT max(central_running_number(n.card_number, b.prefix, b.width))
            FROM central_card_numbers n
           WHERE n.site_id = r.site_id AND n.reservation_id = r.id)
    FROM central_card_reservations r
    JOIN central_card_blocks b ON b.site_id = r.site_id AND b.id = r.block_id
   WHERE r.site_id = (SELECT central_current_site())
     AND r.device_id = (SELECT central_current_device())
   ORDER BY r.reserved_at, r.first_no
$fn$;

-- The caller's site's stock of blank cards and card numbers (NULL for a login that is not
-- an enrolled device): blanks received, numbers issued, spoiled and in production (the
-- site's and the caller's own), numbers not yet reserved, and its blocks.
CREATE OR REPLACE FUNCTION central_card_stock() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  WITH caller AS (SELECT central_current_site() AS site, central_current_device() AS device),
  used AS (SELECT n.outcome, n.device_id FROM central_card_numbers n, caller
            WHERE n.site_id = caller.site)
  SELECT CASE WHEN caller.site IS NULL THEN NULL ELSE jsonb_build_object(
    'instant', central_site_instant(caller.site),
    'received', (SELECT coalesce(sum(d.blanks), 0) FROM central_blank_deliveries d
                  WHERE d.site_id = caller.site),
    'issued', (SELECT count(*) FROM used WHERE outcome = 'issued'),
    'spoiled', (SELECT count(*) FROM used WHERE outcome = 'spoiled'),
    'pending', (SELECT count(*) FROM used WHERE outcome = 'in_production'),
    'mine', jsonb_build_object(
              'issued', (SELECT count(*) FROM used
                          WHERE device_id = caller.device AND outcome = 'issued'),
              'spoiled', (SELECT count(*) FROM used
                           WHERE device_id = caller.device AND outcome = 'spoiled'),
              'pending', (SELECT count(*) FROM used
                           WHERE device_id = caller.device AND outcome = 'in_production')),
    'unreserved', (SELECT coalesce(sum(b.last_no - coalesce(
                      (SELECT max(r.last_no) FROM central_card_reservations r
                        WHERE r.site_id = b.site_id AND r.block_id = b.id), b.first_no - 1)), 0)
                     FROM central_card_blocks b WHERE b.site_id = caller.site),
    'blocks', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                  'prefix', b.prefix, 'first', b.first_no, 'last', b.last_no,
                  'width', b.width, 'bank', b.bank) ORDER BY b.allocated_at, b.first_no),
                  '[]')
                 FROM central_card_blocks b WHERE b.site_id = caller.site)) END
    FROM caller
$fn$;

-- The card centre gives site *site_code* *blanks* blank cards and, when *prefix* is not
-- NULL, the block prefix + first … prefix + last (running numbers of *width* digits), for
-- the card centre's devices and administrators only. A block that shares a number with any
-- site's block, or with a card already made, is refused. The answer: the new block's and
-- delivery's ids, or the refusal ('refused', a reason template and its values).
CREATE OR REPLACE FUNCTION central_card_allocate(site_code text, blanks integer, prefix text,
                                                 first_no bigint, last_no bigint,
                                                 width integer, bank text, by_name text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $fn$
DECLARE
  at_now timestamp := now() AT TIME ZONE 'UTC';
  site uuid;
  other text;
  block_id uuid;
  delivery_id uuid;
BEGIN
  IF NOT ((SELECT central_is_card_centre()) OR EXISTS (
      SELECT 1 FROM pg_roles WHERE rolname = session_user AND (rolsuper OR rolbypassrls)))
  THEN
    RAISE EXCEPTION 'only the card centre gives sites card numbers and blanks'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT s.id INTO site FROM central_sites s WHERE s.code = site_code;
  IF site IS NULL THEN
    RETURN jsonb_build_object('refused', 'unknown_site');
  END IF;
  IF blanks IS NULL OR blanks < 0 OR blanks > %DELIVERY_MAX% THEN
    RETURN jsonb_build_object('refused', 'blanks');
  END IF;
  IF prefix IS NOT NULL THEN
    IF prefix !~ '^([A-Z0-9]*[A-Z])?$' OR length(prefix) > %PREFIX_MAX%
       OR width IS NULL OR width NOT BETWEEN 1 AND %WIDTH_MAX%
       OR length(prefix) + width NOT BETWEEN 6 AND 30
       OR first_no IS NULL OR last_no IS NULL OR first_no < 0 OR first_no > last_no
       OR last_no >= 10::numeric ^ width OR last_no - first_no >= %BLOCK_MAX% THEN
      RETURN jsonb_build_object('refused', 'numbers');
    END IF;
    -- blocks never overlap, whatever their site: one allocation at a time
    PERFORM pg_advisory_xact_lock(hashtext('central_card_blocks'));
    SELECT s.code INTO other FROM central_card_blocks b JOIN central_sites s ON s.id = b.site_id
     WHERE b.prefix = central_card_allocate.prefix AND b.width = central_card_allocate.width
       AND b.first_no <= central_card_allocate.last_no
       AND central_card_allocate.first_no <= b.last_no
     LIMIT 1;
    IF other IS NOT NULL THEN
      RETURN jsonb_build_object('refused', 'overlap', 'site', other);
    END IF;
    IF EXISTS (SELECT 1 FROM central_card_records c
                WHERE c.card_number LIKE central_card_allocate.prefix || '%'
                  AND central_running_number(c.card_number, central_card_allocate.prefix,
                                             central_card_allocate.width)
                      BETWEEN central_card_allocate.first_no AND central_card_allocate.last_no)
    THEN
      RETURN jsonb_build_object('refused', 'made');
    END IF;
    block_id := gen_random_uuid();
    INSERT INTO central_card_blocks (site_id, id, prefix, first_no, last_no, width, bank,
                                     allocated_at, allocated_by)
    VALUES (site, block_id, prefix, first_no, last_no, width, left(coalesce(bank, ''), 50),
            at_now, left(coalesce(by_name, ''), 100));
  END IF;
  IF blanks > 0 THEN
    delivery_id := gen_random_uuid();
    INSERT INTO central_blank_deliveries (site_id, id, blanks, delivered_at, delivered_by)
    VALUES (site, delivery_id, blanks, at_now, left(coalesce(by_name, ''), 100));
  END IF;
  RETURN jsonb_build_object('block', block_id, 'delivery', delivery_id);
END $fn$;
"""

# What a counter may call.
SIGNATURES = ("central_card_reserve(integer)", "central_card_reservations()",
              "central_card_stock()")
# What only the card centre's devices (and administrators) may call.
CARD_CENTRE_SIGNATURES = (
    "central_card_allocate(text, integer, text, bigint, bigint, integer, text, text)",)
# What only the engine's own functions call.
INTERNAL_SIGNATURES = ("central_site_instant(uuid)", "central_instant_may(text, text)",
                       "central_running_number(text, text, integer)",
                       "central_instant_card(uuid, uuid)",
                       "central_instant_check(text, jsonb)",
                       "central_instant_operation(uuid, uuid, text, text, jsonb, timestamp)")


def _instant_moves() -> str:
    return ", ".join(f"({sql_literal(a.value)}, {sql_literal(b.value)})"
                     for a, b in sorted(INSTANT_MOVES))


def functions() -> str:
    values = {
        "INSTANT_MOVES": _instant_moves(), "RESERVED_MAX": str(RESERVED_MAX),
        "DELIVERY_MAX": str(DELIVERY_MAX), "BLOCK_MAX": str(BLOCK_MAX),
        "PREFIX_MAX": str(PREFIX_MAX), "WIDTH_MAX": str(WIDTH_MAX),
        "MALFORMED": sql_text(MALFORMED), "CARD_NOT_READY": sql_text(CARD_NOT_READY),
        "APPLICATION_UNKNOWN": sql_text(APPLICATION_UNKNOWN, reason=True),
        "NOT_INSTANT": sql_text(NOT_INSTANT, reason=True),
        "NUMBER_NOT_RESERVED": sql_text(NUMBER_NOT_RESERVED, reason=True),
        "NUMBER_USED": sql_text(NUMBER_USED, reason=True),
        "NUMBER_NOT_IN_PRODUCTION": sql_text(NUMBER_NOT_IN_PRODUCTION, reason=True),
    }
    text = FUNCTIONS
    for key, value in values.items():
        text = text.replace(f"%{key}%", value)
    return text
