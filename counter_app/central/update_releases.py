"""Program updates on the central database: administrators publish them, counters read
them through three functions (docs/SECURITY.md, "Program updates").

A release is the signed manifest (the text exactly as signed), its signature, and the
package stored in chunks of CHUNK_SIZE. Devices hold no privilege on either table: they
call ``central_update_list()`` (the releases in force), ``central_update_manifest(id)``
(one release's manifest and signature, the package's size and SHA-256) and
``central_update_part(id, offset)`` (the package's bytes from *offset* to the end of its
chunk: a download resumes from any byte). The functions are SECURITY DEFINER of the engine
and answer only an enrolled device. Nobody but an administrator writes a release: a
stolen counter cannot publish one, and a counter accepts only what the update signing
key signed anyway (counter_app.updates).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import DBAPIError

from counter_app.central import database
from counter_app.central.schema import update_chunks, update_releases
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

CHUNK_SIZE = 1024 * 1024
INSUFFICIENT_PRIVILEGE = "42501"

MSG_ALREADY_PUBLISHED = QT_TRANSLATE_NOOP(
    "messages", "Version {version} for {platform} is published already; withdraw it first "
                "to publish another package under that version.")
MSG_NO_RELEASE = QT_TRANSLATE_NOOP(
    "messages", "No release of version {version} is in force.")
MSG_NOT_ADMINISTRATOR = QT_TRANSLATE_NOOP(
    "messages", "This login may not publish or withdraw updates: only the central "
                "database's administrator may.")

FUNCTIONS = """
-- The releases in force, newest first: a counter picks the one for its platform that it
-- may take. Nothing for a login that is not an enrolled device.
CREATE OR REPLACE FUNCTION central_update_list()
RETURNS TABLE (id uuid, version varchar, min_version varchar, platform varchar,
               published_at timestamp)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT r.id, r.version, r.min_version, r.platform, r.published_at
    FROM central_update_releases r
   WHERE r.withdrawn_at IS NULL AND (SELECT central_current_device()) IS NOT NULL
   ORDER BY r.published_at DESC, r.id
   LIMIT 100
$fn$;

-- One release's signed manifest, its signature, and what the whole package must be.
CREATE OR REPLACE FUNCTION central_update_manifest(wanted uuid)
RETURNS TABLE (manifest text, signature text, package_size bigint, package_sha256 varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT r.manifest, r.signature, r.package_size, r.package_sha256
    FROM central_update_releases r
   WHERE r.id = wanted AND r.withdrawn_at IS NULL
     AND (SELECT central_current_device()) IS NOT NULL
$fn$;

-- The package's bytes from start_at to the end of the chunk it falls in (NULL past the
-- end): the counter appends them to its part file and asks again from its new length.
CREATE OR REPLACE FUNCTION central_update_part(wanted uuid, start_at bigint)
RETURNS bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT substring(c.data FROM (start_at - c.chunk_no::bigint * r.chunk_size + 1)::integer)
    FROM central_update_releases r
    JOIN central_update_chunks c ON c.release_id = r.id
   WHERE r.id = wanted AND r.withdrawn_at IS NULL
     AND (SELECT central_current_device()) IS NOT NULL
     AND start_at >= 0 AND start_at < r.package_size
     AND c.chunk_no = (start_at / r.chunk_size)::integer
$fn$;
"""

SIGNATURES = ("central_update_list()", "central_update_manifest(uuid)",
              "central_update_part(uuid, bigint)")


class ReleaseError(CounterError):
    code = "central_admin"


@dataclass(frozen=True)
class PublishedRelease:
    """A release in force as a counter sees it in the list."""
    id: uuid.UUID
    version: str
    min_version: str
    platform: str
    published_at: dt.datetime


@dataclass(frozen=True)
class ReleaseManifest:
    manifest: bytes      # exactly as signed
    signature: str       # counter_app.updates.signing.Signature as JSON
    package_size: int
    package_sha256: str


@dataclass(frozen=True)
class ReleaseRow:
    """A release as the administrator lists them."""
    id: uuid.UUID
    version: str
    min_version: str
    platform: str
    package_name: str
    package_size: int
    published_at: dt.datetime
    published_by: str
    withdrawn_at: dt.datetime | None


# --- the counter's side (its own login) ---------------------------------------------------

def published(engine: Engine) -> list[PublishedRelease]:
    with engine.begin() as connection:
        return [PublishedRelease(*row) for row in connection.execute(text(
            "SELECT id, version, min_version, platform, published_at "
            "FROM central_update_list()"))]


def release_manifest(engine: Engine, release_id: uuid.UUID) -> ReleaseManifest | None:
    with engine.begin() as connection:
        row = connection.execute(text(
            "SELECT manifest, signature, package_size, package_sha256 "
            "FROM central_update_manifest(:id)"), {"id": release_id}).first()
    if row is None:
        return None
    return ReleaseManifest(row.manifest.encode("utf-8"), row.signature, row.package_size,
                           row.package_sha256)


def read_part(engine: Engine, release_id: uuid.UUID, offset: int) -> bytes:
    """The package's bytes from *offset* to the end of its chunk (b"" past the end or for a
    release withdrawn meanwhile); one short transaction each."""
    with engine.begin() as connection:
        data = connection.execute(text("SELECT central_update_part(:id, :offset)"),
                                  {"id": release_id, "offset": offset}).scalar()
    return bytes(data or b"")


# --- the administrator's side -------------------------------------------------------------

def publish(url: str, *, version: str, min_version: str, platform: str, manifest: bytes,
            signature: str, package: Path, package_name: str) -> uuid.UUID:
    """Store a release (its package read from *package* in chunks) in one transaction:
    the counters see all of it or none. The caller has verified the package."""
    release_id = uuid.uuid4()
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            in_force = connection.execute(select(update_releases.c.id).where(
                update_releases.c.version == version, update_releases.c.platform == platform,
                update_releases.c.withdrawn_at.is_(None))).first()
            if in_force:
                raise ReleaseError(MSG_ALREADY_PUBLISHED, version=version, platform=platform)
            connection.execute(update_releases.insert().values(
                id=release_id, version=version, min_version=min_version, platform=platform,
                manifest=manifest.decode("utf-8"), signature=signature,
                package_name=package_name, package_size=0, package_sha256="",
                chunk_size=CHUNK_SIZE, published_at=database.utcnow(),
                published_by=connection.execute(text("SELECT current_user")).scalar_one()))
            size, digest = 0, hashlib.sha256()
            with open(package, "rb") as handle:
                for number, block in enumerate(iter(lambda: handle.read(CHUNK_SIZE), b"")):
                    connection.execute(update_chunks.insert().values(
                        release_id=release_id, chunk_no=number, data=block))
                    size += len(block)
                    digest.update(block)
            connection.execute(update(update_releases).where(
                update_releases.c.id == release_id).values(
                package_size=size, package_sha256=digest.hexdigest()))
    except DBAPIError as exc:
        raise _refused_or(exc) from exc
    finally:
        engine.dispose()
    return release_id


def withdraw(url: str, version: str, platform: str | None = None) -> int:
    """Withdraw the releases of *version* in force (of one *platform*, or all): counters
    no longer see them, and one staged but not installed is dropped at the next sync."""
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            statement = update(update_releases).where(
                update_releases.c.version == version, update_releases.c.withdrawn_at.is_(None))
            if platform:
                statement = statement.where(update_releases.c.platform == platform)
            count = len(connection.execute(statement.values(withdrawn_at=database.utcnow())
                                           .returning(update_releases.c.id)).all())
    except DBAPIError as exc:
        raise _refused_or(exc) from exc
    finally:
        engine.dispose()
    if not count:
        raise ReleaseError(MSG_NO_RELEASE, version=version)
    return count


def list_releases(url: str) -> list[ReleaseRow]:
    engine = database.open_central(url)
    try:
        with engine.begin() as connection:
            rows = connection.execute(select(
                update_releases.c.id, update_releases.c.version, update_releases.c.min_version,
                update_releases.c.platform, update_releases.c.package_name,
                update_releases.c.package_size, update_releases.c.published_at,
                update_releases.c.published_by, update_releases.c.withdrawn_at,
            ).order_by(update_releases.c.published_at.desc())).all()
    except DBAPIError as exc:
        raise _refused_or(exc) from exc
    finally:
        engine.dispose()
    return [ReleaseRow(*row) for row in rows]


def _refused_or(exc: DBAPIError) -> Exception:
    """A device's (or any non-administrator's) login refused: words; anything else as is."""
    if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        return ReleaseError(MSG_NOT_ADMINISTRATOR)
    return exc
