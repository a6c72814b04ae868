"""The central database's tables (PostgreSQL: a city's server or the built-in one).

Every key of a site's own rows starts with ``site_id`` so the schema can be distributed by
site (Citus) unchanged; shared reference data (sites, invalid list, photo receipts,
pre-applications) is small enough to replicate everywhere.

Tables the counters pull carry ``change_xid``: the id of the transaction that last wrote
the row (xid8, set by a trigger). See counter_app.sync.pull for why a plain sequence would
not do.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

# JSONB on PostgreSQL: the card centre queries inside payloads.
DOCUMENT = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s"})

SITE_KINDS = ("service_centre", "street_point", "bank_outlet", "medical_insurance",
              "photo_station", "card_centre")


# Applications sent and not yet made into a card (lifecycle.OPEN): the promise lists.
OPEN_SQL = "status IN ('submitted', 'in_production', 'production_failed', 'produced')"


def _change_xid() -> Column:
    return Column("change_xid", BigInteger, nullable=False, server_default="0", index=True)


# The installation's own settings (administrators only): e.g. the prefix of the roles
# `central init` made, kept so a copy of the database keeps using them.
settings = Table(
    "central_settings", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

sites = Table(
    "central_sites", metadata,
    Column("id", Uuid, primary_key=True),
    Column("code", String(20), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("role_name", String(63), nullable=False, server_default=""),
    Column("created_at", DateTime, nullable=False),
    # cross-site look-ups each of the site's devices may make in an hour (central_lookups)
    Column("lookup_budget", Integer, nullable=False, server_default="100"),
    # the site makes cards at the window (即时制卡): set by an administrator only
    # (`central set-instant`), read by every device like the rest of the row
    Column("instant_issuance", Boolean, nullable=False, server_default=text("false")),
)

devices = Table(
    "central_devices", metadata,
    Column("id", Uuid, primary_key=True),
    Column("site_id", Uuid, ForeignKey("central_sites.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("role_name", String(63), nullable=False, unique=True),
    # The counter's number within its site: part of its application numbers, so two
    # counters of one site never hand out the same number.
    Column("counter_no", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
    # set when the counter took its enrolment code (central_enrol); until then it can do
    # nothing but enrol
    Column("enrolled_at", DateTime),
    UniqueConstraint("site_id", "counter_no", name="uq_central_devices_site_counter"),
)

# Enrolment codes handed out: signed, single use, expiring (counter_app.central.enrolment).
enrolment_codes = Table(
    "central_enrolment_codes", metadata,
    Column("id", Uuid, primary_key=True),
    Column("device_id", Uuid, ForeignKey("central_devices.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),
)

operators = Table(
    "central_operators", metadata,
    Column("site_id", Uuid, ForeignKey("central_sites.id"), primary_key=True),
    Column("id", Uuid, primary_key=True),
    Column("username", String(50), nullable=False),
    Column("display_name", String(100), nullable=False),
    Column("roles", DOCUMENT, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

applications = Table(
    "central_applications", metadata,
    Column("site_id", Uuid, ForeignKey("central_sites.id"), primary_key=True),
    Column("id", Uuid, primary_key=True),
    Column("number", String(40), nullable=False),
    Column("business_type", String(30), nullable=False),
    Column("status", String(30), nullable=False),
    Column("id_number", String(18), nullable=False),
    Column("payload", DOCUMENT, nullable=False),
    Column("received_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("due_date", Date),                 # the 30-day promise, from receipt
    Column("production_batch_id", Uuid),
    Column("replaces_card", String(30)),      # a replacement's or renewal's old card
    Index("ix_central_applications_site_number", "site_id", "number"),
    Index("ix_central_applications_id_number", "id_number"),
    # the promise lists read only open applications, by due date
    Index("ix_central_applications_open_due", "due_date", "site_id",
          postgresql_where=text(OPEN_SQL)),
)

# Photos and scans, content-addressed. A blob is complete once every chunk is in and the
# SHA-256 of the whole matched; until then a resend uploads only the missing chunks.
blobs = Table(
    "central_blobs", metadata,
    Column("site_id", Uuid, ForeignKey("central_sites.id"), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("chunk_size", Integer, nullable=False),
    Column("complete", Boolean, nullable=False, server_default="0"),
    Column("created_at", DateTime, nullable=False),
)

blob_chunks = Table(
    "central_blob_chunks", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("chunk_no", Integer, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)

# Which application uses which blob, and as what (photo, original capture, scan...).
application_files = Table(
    "central_application_files", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("application_id", Uuid, primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("role", String(30), nullable=False),
)

# Card status belongs to the card centre; counters only read their own.
card_records = Table(
    "central_card_records", metadata,
    Column("site_id", Uuid, ForeignKey("central_sites.id"), primary_key=True),
    Column("application_id", Uuid, primary_key=True),
    Column("card_number", String(30), index=True),
    Column("bank", String(50)),
    Column("status", String(30), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("updated_at", DateTime, nullable=False),
    Column("due_date", Date),
    Column("issued_on", Date),
    Column("collected_at", DateTime),
    Column("collector", String(20)),          # applicant, guardian
    Column("activated_at", DateTime),
    _change_xid(),
)

# Every move of an application's status on the central side: who, where, when, why.
status_history = Table(
    "central_status_history", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("id", Uuid, primary_key=True),
    Column("application_id", Uuid, nullable=False),
    Column("from_status", String(30), nullable=False),
    Column("to_status", String(30), nullable=False),
    Column("actor", String(20), nullable=False),        # counter, card_centre, notifier
    Column("actor_name", String(100), nullable=False),  # operator or device
    Column("actor_site_id", Uuid),
    Column("reason", Text, nullable=False, server_default=""),
    Column("at", DateTime, nullable=False),
    Index("ix_central_status_history_application", "site_id", "application_id"),
)

# Applications the card centre sends to the card factory together.
production_batches = Table(
    "central_production_batches", metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(60), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("size", Integer, nullable=False),
)

# Notices to applicants (SMS text, printable letter): an outbox the sender works through.
notices = Table(
    "central_notices", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("id", Uuid, primary_key=True),
    Column("application_id", Uuid, nullable=False),
    Column("channel", String(10), nullable=False),      # sms, letter
    Column("recipient", String(30), nullable=False, server_default=""),
    Column("body", Text, nullable=False),
    Column("status", String(10), nullable=False),       # pending, sent, failed
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text, nullable=False, server_default=""),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("sent_at", DateTime),
    Index("ix_central_notices_due", "status", "next_attempt_at"),
)

notice_attempts = Table(
    "central_notice_attempts", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("notice_id", Uuid, primary_key=True),
    Column("attempt", Integer, primary_key=True, autoincrement=False),
    Column("at", DateTime, nullable=False),
    Column("sender", String(30), nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("error", Text, nullable=False, server_default=""),
)

# Lost, damaged, expired or cancelled cards (Art. 19): shared by every counter.
invalid_list = Table(
    "central_invalid_list", metadata,
    Column("id", Uuid, primary_key=True),
    Column("card_number", String(30), nullable=False, index=True),
    Column("id_number", String(18), nullable=False, index=True),
    Column("reason", String(30), nullable=False),
    Column("level", String(20), nullable=False),
    Column("listed_at", DateTime, nullable=False),
    Column("expires_at", DateTime),
    Column("released_at", DateTime),
    Column("state", String(20), nullable=False, server_default="active"),
    Column("site_id", Uuid),                  # where it was reported (none: a feed)
    Column("application_id", Uuid),           # the card's application, when known
    # who listed and who released it (counter_app.central.device_cards)
    Column("device_id", Uuid),
    Column("operator", String(50), nullable=False, server_default=""),
    Column("released_by_device", Uuid),
    Column("released_by", String(50), nullable=False, server_default=""),
    _change_xid(),
)

# Photo receipts: a studio's, or one our own photo station issued with its capture.
photo_receipts = Table(
    "central_photo_receipts", metadata,
    Column("number", String(40), primary_key=True),
    Column("issuer_site_id", Uuid, ForeignKey("central_sites.id")),
    Column("issuer", String(100), nullable=False),
    Column("photo_sha256", String(64)),
    Column("photo", LargeBinary),
    Column("created_at", DateTime, nullable=False),
    _change_xid(),
)

# Applications started online; the applicant brings the number to a counter.
preapplications = Table(
    "central_preapplications", metadata,
    Column("number", String(40), primary_key=True),
    Column("payload", DOCUMENT, nullable=False),
    Column("created_at", DateTime, nullable=False),
    _change_xid(),
)

# Operations applied, with their result: a resend of (device, seq) reports the same
# result and has no second effect.
applied_operations = Table(
    "central_applied_operations", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("device_id", Uuid, primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("op_id", Uuid, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("result", String(20), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("applied_at", DateTime, nullable=False),
)

# The head of each counter's audit hash chain as last pushed: the counter cannot later
# rewrite what it had recorded before this point without the anchor disagreeing.
audit_anchors = Table(
    "central_audit_anchors", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("device_id", Uuid, primary_key=True),
    Column("anchored_at", DateTime, primary_key=True),
    Column("record_count", BigInteger, nullable=False),
    Column("head_hash", String(64), nullable=False),
)

# Every cross-site look-up a device made (inquiry, where to collect, a pre-application, a
# photo receipt), refused ones too: the number only as a keyed hash.
lookups = Table(
    "central_lookups", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("id", Uuid, primary_key=True, server_default=text("gen_random_uuid()")),
    Column("device_id", Uuid, nullable=False),
    Column("operator", String(50), nullable=False, server_default=""),
    Column("at", DateTime, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("number_hash", String(64), nullable=False),
    Column("allowed", Boolean, nullable=False),
    # the answer is given only once this row is committed (central_look_up): the
    # spending transaction, and the keyed hash of the whole question it allows
    Column("spent_xid", BigInteger, nullable=False, server_default="0"),
    Column("question_hash", String(64), nullable=False, server_default=""),
    # the budget counts a device's allowed look-ups of the last hour
    Index("ix_central_lookups_device_at", "device_id", "at", postgresql_where=text("allowed")),
)

# The counters' audit records as pushed (they hold no personal data), each with the head
# of the device's hash chain after it: the central side checks the chain on arrival.
audit_records = Table(
    "central_audit_records", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("device_id", Uuid, primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),  # the local row id
    Column("at", DateTime, nullable=False),
    Column("operator_id", Uuid),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("from_status", String(30), nullable=False, server_default=""),
    Column("to_status", String(30), nullable=False, server_default=""),
    Column("detail", Text, nullable=False, server_default=""),
    Column("chain_hash", String(64), nullable=False),
    Column("received_at", DateTime, nullable=False),
)

# Devices whose audit chain did not hold: a gap, an edited record or a rewritten anchor.
device_flags = Table(
    "central_device_flags", metadata,
    Column("site_id", Uuid, primary_key=True),
    Column("device_id", Uuid, primary_key=True),
    Column("id", Uuid, primary_key=True, server_default=text("gen_random_uuid()")),
    Column("flagged_at", DateTime, nullable=False),
    Column("reason", String(30), nullable=False),   # gap, edited, anchor_rewritten
    Column("detail", Text, nullable=False, server_default=""),
)

# Program updates published for the counters (counter_app.central.update_releases): the
# signed manifest exactly as signed (text, not JSONB: JSONB would reorder it), its
# signature, and the package in chunks, which a counter fetches by offset through a
# function. Administrators write them; nothing here is personal, nothing is a site's.
update_releases = Table(
    "central_update_releases", metadata,
    Column("id", Uuid, primary_key=True),
    Column("version", String(40), nullable=False),
    Column("min_version", String(40), nullable=False),
    Column("platform", String(40), nullable=False),
    Column("manifest", Text, nullable=False),
    Column("signature", Text, nullable=False),
    Column("package_name", String(200), nullable=False),
    Column("package_size", BigInteger, nullable=False),
    Column("package_sha256", String(64), nullable=False),
    Column("chunk_size", Integer, nullable=False),
    Column("published_at", DateTime, nullable=False),
    Column("published_by", String(100), nullable=False),
    Column("withdrawn_at", DateTime),
    # one release of a version per platform in force; a withdrawn one may be replaced
    Index("ix_central_update_releases_in_force", "version", "platform", unique=True,
          postgresql_where=text("withdrawn_at IS NULL")),
)

update_chunks = Table(
    "central_update_chunks", metadata,
    Column("release_id", Uuid, ForeignKey("central_update_releases.id"), primary_key=True),
    Column("chunk_no", Integer, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
)

# Instant issuance (counter_app.central.device_instant, card_blocks). The card centre gives a
# site blocks of card numbers (prefix + a zero-padded running number; blocks of all sites
# never overlap) and blank cards; each counter of the site reserves a run of a block while
# online (reservations never overlap) and uses the numbers of its own runs only, each
# once: two counters of one site, both offline, never take the same number.
card_blocks = Table(
    "central_card_blocks", metadata,
    Column("site_id", Uuid, ForeignKey("central_sites.id"), primary_key=True),
    Column("id", Uuid, primary_key=True),
    Column("prefix", String(12), nullable=False),
    Column("first_no", BigInteger, nullable=False),
    Column("last_no", BigInteger, nullable=False),
    Column("width", Integer, nullable=False),
    Column("bank", String(50), nullable=False, server_default=""),
    Column("allocated_at", DateTime, nullable=False),
    Column("allocated_by", String(100), nullable=False),
)

blank_deliveries = Table(
    "central_blank_deliveries", metadata,
    Column("site_id", Uuid, ForeignKey("central_sites.id"), primary_key=True),
    Column("id", Uuid, primary_key=True),
    Column("blanks", Integer, nullable=False),
    Column("delivered_at", DateTime, nullable=False),
    Column("delivered_by", String(100), nullable=False),
)

card_reservations = Table(
    "central_card_reservations", metadata,
    Column("site_id", Uuid, ForeignKey("central_sites.id"), primary_key=True),
    Column("id", Uuid, primary_key=True),
    Column("block_id", Uuid, nullable=False),
    Column("device_id", Uuid, nullable=False),
    Column("first_no", BigInteger, nullable=False),
    Column("last_no", BigInteger, nullable=False),
    Column("reserved_at", DateTime, nullable=False),
    Index("ix_central_card_reservations_block", "site_id", "block_id", "last_no"),
    Index("ix_central_card_reservations_device", "site_id", "device_id"),
)

# Every card number a counter used, once: in production (a blank in the printer), issued
# (handed over) or spoiled (a failed print or chip; the number is on the invalid list).
card_numbers = Table(
    "central_card_numbers", metadata,
    Column("site_id", Uuid, ForeignKey("central_sites.id"), primary_key=True),
    Column("card_number", String(30), primary_key=True),
    Column("reservation_id", Uuid, nullable=False),
    Column("device_id", Uuid, nullable=False),
    Column("application_id", Uuid, nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("used_at", DateTime, nullable=False),
    Column("settled_at", DateTime),
    Index("ix_central_card_numbers_reservation", "site_id", "reservation_id"),
)

# Carrying the outbox by hand (issue 17, counter_app.central.carried): the central side's
# carry keys (public halves only: the private key stays with the administrator), each
# device's signing keys (registered while online, through a function), and every carried
# file imported, by its export id, so the same file is never imported twice.
carry_keys = Table(
    "central_carry_keys", metadata,
    Column("key_id", String(16), primary_key=True),
    Column("box_public", String(64), nullable=False),
    Column("sign_public", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("retired_at", DateTime),
)

device_carry_keys = Table(
    "central_device_carry_keys", metadata,
    Column("device_id", Uuid, ForeignKey("central_devices.id"), primary_key=True),
    Column("key_id", String(16), primary_key=True),
    Column("public_key", String(64), nullable=False),
    Column("registered_at", DateTime, nullable=False),
)

carried_imports = Table(
    "central_carried_imports", metadata,
    # a device's own export ids: another's signed file cannot take one of them first
    Column("device_id", Uuid, ForeignKey("central_devices.id"), primary_key=True),
    Column("export_id", String(32), primary_key=True),
    Column("site_id", Uuid, ForeignKey("central_sites.id"), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("operations", Integer, nullable=False),
    Column("applied", Integer, nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("imported_by", String(100), nullable=False),
)

# Feeds the counters pull (counter_app.sync.pull names the columns they need).
PULLED = {"card_records": card_records, "invalid_list": invalid_list}
# Tables holding one site's rows: row-level security fences them by site_id.
SITE_OWNED = (applications, blobs, blob_chunks, application_files, card_records,
              applied_operations, audit_anchors, operators, status_history, notices,
              notice_attempts, lookups, audit_records, device_flags, card_blocks,
              blank_deliveries, card_reservations, card_numbers)
# City-wide data: sites and the invalid list shared (the latter's personal columns not),
# pre-applications and photo receipts looked up one at a time.
SHARED = (sites, invalid_list, photo_receipts, preapplications)
# The administrators' own: devices read them only through functions, unfenced by site.
ADMINISTERED = (update_releases, update_chunks, carry_keys, device_carry_keys,
                carried_imports)
