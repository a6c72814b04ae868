"""What a counter pulls of its own site's rows, as SQL functions it may call: it holds no
SELECT on any site-owned table (docs/SECURITY.md, "What a counter reads").

Why not row-level security alone: a device allowed to SELECT a fenced table can run
``SET enable_seqscan = off; EXPLAIN ANALYZE SELECT ... WHERE id_number >= 'x'``. The
comparison is leakproof, so the planner puts it into the index scan, before the policy's
filter, and "Rows Removed by Filter" counts the other sites' rows that match: a binary
search reads every ID or card number of the city in seconds, unbudgeted and unrecorded.
Security-barrier views do not help (the same comparisons are leakproof). So the counter's
feed of its card records comes through a function of the engine role, which takes the
caller's site from its login (``central_current_site()``), never from an argument.

The cursor (counter_app.sync.pull) is unchanged: ``lower <= change_xid < upper`` in the
caller's REPEATABLE READ snapshot. The functions are STABLE SQL functions, so they read
in that same snapshot; the rows are the caller's site's and nothing else.
"""

from __future__ import annotations

# The card records' columns a counter keeps (counter_app.sync.pull), in the functions'
# output order, with the types the functions return.
CARD_FEED = (("application_id", "uuid"), ("card_number", "varchar"), ("bank", "varchar"),
             ("status", "varchar"), ("reason", "text"), ("updated_at", "timestamp"),
             ("due_date", "date"), ("issued_on", "date"), ("collected_at", "timestamp"),
             ("collector", "varchar"), ("activated_at", "timestamp"))
CARD_FEED_COLUMNS = tuple(name for name, _type in CARD_FEED)

_OWN_RANGE = """c.site_id = (SELECT central_current_site())
     AND c.change_xid >= lower_xid AND c.change_xid < upper_xid"""

FUNCTIONS = f"""
-- The caller's site's card records written by transactions in [lower_xid, upper_xid);
-- none for a login that is not an enrolled device.
CREATE OR REPLACE FUNCTION central_card_feed(lower_xid xid8, upper_xid xid8)
RETURNS TABLE ({', '.join(f'{name} {kind}' for name, kind in CARD_FEED)})
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT {', '.join(f'c.{name}' for name in CARD_FEED_COLUMNS)}
    FROM central_card_records c
   WHERE {_OWN_RANGE}
$fn$;

-- Whether the feed above has a row (the pull's probe: one round trip for every feed).
CREATE OR REPLACE FUNCTION central_card_feed_waiting(lower_xid xid8, upper_xid xid8)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT EXISTS (SELECT 1 FROM central_card_records c
                  WHERE {_OWN_RANGE})
$fn$;
"""

SIGNATURES = ("central_card_feed(xid8, xid8)", "central_card_feed_waiting(xid8, xid8)")
