"""A counter's files on the central side, as SQL functions the device may call (it may not
write the tables): a blob is registered, filled chunk by chunk, and marked complete only
when the server itself finds the SHA-256 of its chunks equal to its name. (Audit records
and anchors: counter_app.central.device_audit.)
"""

from __future__ import annotations

# A chunk the counter sends is 256 KB (counter_app.central.blobs); a file at most 64 MB
# (a scanned document of many pages).
CHUNK_MAX_BYTES = 1024 * 1024
FILE_MAX_BYTES = 64 * 1024 * 1024

FUNCTIONS = r"""
-- Register a blob of the caller's site; the chunk numbers already there, or NULL when the
-- blob is complete (another application used the same file).
CREATE OR REPLACE FUNCTION central_blob_begin(sha text, size bigint, chunk_size integer)
RETURNS integer[] LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  my_site uuid := central_current_site();
  stored record;
BEGIN
  IF my_site IS NULL THEN
    RAISE EXCEPTION 'only an enrolled device sends files' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF sha !~ '^[0-9a-f]{64}$' OR size NOT BETWEEN 0 AND %FILE_MAX% OR chunk_size NOT BETWEEN 1 AND %CHUNK_MAX% THEN
    RAISE EXCEPTION 'a file is named by its SHA-256, at most %FILE_MAX% bytes in chunks of at most %CHUNK_MAX%'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO central_blobs (site_id, sha256, size, chunk_size, complete, created_at)
  VALUES (my_site, sha, size, chunk_size, false, now() AT TIME ZONE 'UTC')
  ON CONFLICT DO NOTHING;
  SELECT complete, b.chunk_size AS stored_chunk_size INTO stored FROM central_blobs b
   WHERE site_id = my_site AND sha256 = sha FOR UPDATE;
  IF stored.complete THEN
    RETURN NULL;
  END IF;
  IF stored.stored_chunk_size <> chunk_size THEN  -- begun with another chunk size: over again
    DELETE FROM central_blob_chunks WHERE site_id = my_site AND sha256 = sha;
    UPDATE central_blobs b SET chunk_size = central_blob_begin.chunk_size, size = central_blob_begin.size
     WHERE site_id = my_site AND sha256 = sha;
    RETURN '{}';
  END IF;
  UPDATE central_blobs b SET size = central_blob_begin.size WHERE site_id = my_site AND sha256 = sha;
  RETURN ARRAY(SELECT chunk_no FROM central_blob_chunks
                WHERE site_id = my_site AND sha256 = sha ORDER BY chunk_no);
END $fn$;

CREATE OR REPLACE FUNCTION central_blob_chunk(sha text, chunk_no integer, data bytea)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  my_site uuid := central_current_site();
  blob record;
BEGIN
  SELECT size, chunk_size, complete INTO blob FROM central_blobs
   WHERE site_id = my_site AND sha256 = sha;
  IF NOT FOUND OR blob.complete OR chunk_no < 0
     OR chunk_no::bigint * blob.chunk_size >= greatest(blob.size, 1)
     OR length(data) > blob.chunk_size THEN
    RAISE EXCEPTION 'no such chunk of an incomplete file of this site'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO central_blob_chunks (site_id, sha256, chunk_no, data)
  VALUES (my_site, sha, chunk_no, data) ON CONFLICT DO NOTHING;
END $fn$;

-- Complete when the chunks put together hash to the name; otherwise they are dropped (the
-- counter sends the file again) and the answer is false.
CREATE OR REPLACE FUNCTION central_blob_finish(sha text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  my_site uuid := central_current_site();
  whole text;
BEGIN
  SELECT encode(sha256(string_agg(data, ''::bytea ORDER BY chunk_no)), 'hex') INTO whole
    FROM central_blob_chunks WHERE site_id = my_site AND sha256 = sha;
  IF whole IS DISTINCT FROM sha THEN
    DELETE FROM central_blob_chunks WHERE site_id = my_site AND sha256 = sha;
    RETURN false;
  END IF;
  UPDATE central_blobs SET complete = true WHERE site_id = my_site AND sha256 = sha;
  RETURN FOUND;
END $fn$;
"""

SIGNATURES = ("central_blob_begin(text, bigint, integer)",
              "central_blob_chunk(text, integer, bytea)", "central_blob_finish(text)")


def functions() -> str:
    return (FUNCTIONS.replace("%FILE_MAX%", str(FILE_MAX_BYTES))
            .replace("%CHUNK_MAX%", str(CHUNK_MAX_BYTES)))
