"""Lookups a counter may make across sites on the central database, without reading other
sites' rows: SECURITY DEFINER functions that return only what the counter needs (e.g.
where a card waits for collection, an inquiry's statuses). Created by fencing.apply."""

from __future__ import annotations

# CREATE OR REPLACE FUNCTION statements (PostgreSQL), and "name(argument types)" of each,
# for GRANT EXECUTE to the counters' group role.
FUNCTIONS = ""
SIGNATURES: tuple[str, ...] = ()
