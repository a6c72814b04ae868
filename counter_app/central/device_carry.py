"""What a device does online so that it can carry its outbox by hand later (issue 17):
learn the central side's carry key, and register the key it signs its files with.

Both are functions run as the engine; the device reads no carry table itself. A device
registers at most KEYS_MAX keys (a counter makes one, and another only when its data
folder is made afresh), so a login cannot fill the table.
"""

from __future__ import annotations

KEYS_MAX = 5

FUNCTIONS = f"""
-- The carry key in force (the newest not retired): what a counter encrypts its files to
-- and checks receipts with. Nothing for a login that is not an enrolled device.
CREATE OR REPLACE FUNCTION central_carry_key()
RETURNS TABLE (key_id varchar, box_public varchar, sign_public varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT k.key_id, k.box_public, k.sign_public FROM central_carry_keys k
   WHERE k.retired_at IS NULL AND (SELECT central_current_device()) IS NOT NULL
   ORDER BY k.created_at DESC, k.key_id LIMIT 1
$fn$;

-- The calling device's signing key (base64 of 32 raw Ed25519 bytes), named by the first
-- 16 hex digits of its SHA-256: true once it is registered (again: no change).
CREATE OR REPLACE FUNCTION central_register_carry_key(wanted_id text, public_key text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  me uuid := central_current_device();
  raw bytea;
BEGIN
  IF me IS NULL THEN
    RAISE EXCEPTION 'only an enrolled device registers a key'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  raw := central_as_bytes(public_key);
  IF raw IS NULL OR length(raw) <> 32 OR length(public_key) > 64
     OR wanted_id IS DISTINCT FROM left(encode(sha256(raw), 'hex'), 16) THEN
    RAISE EXCEPTION 'a carry key is 32 bytes in base64, named by its hash'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM central_device_carry_keys
              WHERE device_id = me AND key_id = wanted_id) THEN
    RETURN true;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('central_device_carry_keys'), hashtext(me::text));
  IF (SELECT count(*) FROM central_device_carry_keys WHERE device_id = me) >= {KEYS_MAX} THEN
    RAISE EXCEPTION 'this device has registered its most carry keys'
      USING ERRCODE = 'program_limit_exceeded';
  END IF;
  INSERT INTO central_device_carry_keys (device_id, key_id, public_key, registered_at)
  VALUES (me, wanted_id, public_key, now() AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING;
  RETURN true;
END $fn$;
"""

SIGNATURES = ("central_carry_key()", "central_register_carry_key(text, text)")
