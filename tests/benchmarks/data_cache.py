"""The million-row data sets, kept between runs (issue 11: "build the fixtures once per run,
or cache them between runs"): a run copies them instead of generating them again, which
takes a few seconds instead of half a minute.

The cache is keyed by the code that makes the data (the generator, the schemas and their
migrations, the central side's functions): any change there builds it again, and the
copies of older keys are removed.
- Central data sets: a database `cb_<kind>_<key>` on the test server, set up like
  `central init` (its roles are named after it) and marked complete by a comment; a run
  works on a copy (CREATE DATABASE ... TEMPLATE), its own device roles dropped with it.
- The counter's store: a folder under ~/.cache/counter-tests (XDG_CACHE_HOME), moved into
  place whole once built.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from functools import cache
from pathlib import Path

from tests import pg_helpers

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("tests/benchmarks/million_rows.py", "tests/benchmarks/data_cache.py",
           "counter_app/central", "counter_app/store", "counter_app/security")
COMPLETE = "counter benchmark data, complete"


@cache
def key() -> str:
    digest = hashlib.sha256()
    for source in SOURCES:
        path = ROOT / source
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:10]


# --- central (PostgreSQL) --------------------------------------------------------------------

def central_name(kind: str) -> str:
    return f"cb_{kind}_{key()}"


def central_is_cached(kind: str) -> bool:
    """Whether the cache database of *kind* is complete; removes stale and broken ones."""
    name = central_name(kind)
    rows = pg_helpers._admin(
        "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
        "WHERE datname LIKE %s", f"cb\\_{kind}\\_%")
    complete = False
    for datname, comment in rows:
        if datname == name and comment == COMPLETE:
            complete = True
        else:
            _drop_cache(datname)
    return complete


def start_cache(kind: str) -> str:
    """A new, empty cache database of *kind* set up like `central init`; its admin URL."""
    from counter_app.central.admin import init_central

    name = central_name(kind)
    pg_helpers._admin(f'CREATE DATABASE "{name}"')
    url = pg_helpers._url_of(name)
    init_central(url)
    return url


def finish_cache(kind: str) -> None:
    """Mark the cache database complete (after its load: no connection left to it)."""
    from counter_app.central import database

    database.forget()  # pooled connections would keep the template busy
    pg_helpers._admin(f"COMMENT ON DATABASE \"{central_name(kind)}\" IS '{COMPLETE}'")


def central_copy(kind: str) -> str:
    """This run's copy of the cache database of *kind*; its admin URL (plain SQL only: it
    runs beside the other loads, and Alembic is not thread-safe)."""
    copy = f"counter_test_{uuid.uuid4().hex[:10]}"
    pg_helpers._admin(f'CREATE DATABASE "{copy}" TEMPLATE "{central_name(kind)}" '
                      "STRATEGY FILE_COPY")
    pg_helpers._made.add(copy)
    return pg_helpers._url_of(copy)


def drop_copy(url: str) -> None:
    """Drop a copy and the device roles made in it (named after the cache, not the copy)."""
    import psycopg

    with psycopg.connect(url) as conn:
        roles = [role for (role,) in conn.execute("SELECT role_name FROM central_devices")]
    pg_helpers.drop_database(url)
    for role in roles:
        pg_helpers._admin(f'DROP ROLE IF EXISTS "{role}"')


def _drop_cache(name: str) -> None:
    pg_helpers._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg_helpers._drop_roles(name)


# --- the counter's store (SQLite) -------------------------------------------------------------

def local_dir(kind: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "counter-tests" / f"{kind}-{key()}"


def local_is_cached(kind: str) -> bool:
    """Whether the store of *kind* is cached; removes the copies of other keys."""
    wanted = local_dir(kind)
    for stale in wanted.parent.glob(f"{kind}-*"):
        if stale != wanted:
            shutil.rmtree(stale, ignore_errors=True)
    return wanted.is_dir()


def keep_local(kind: str, data_dir: Path) -> None:
    """Keep a built data folder in the cache (moved into place whole: never half)."""
    wanted = local_dir(kind)
    partial = wanted.with_name(wanted.name + f".partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copytree(data_dir, partial)
    try:
        partial.rename(wanted)
    except OSError:  # another run kept it meanwhile
        shutil.rmtree(partial, ignore_errors=True)


def local_copy(kind: str, data_dir: Path) -> None:
    shutil.copytree(local_dir(kind), data_dir)
