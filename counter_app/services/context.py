"""What every service needs: settings, the local store, the city's rules, this device."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy.orm import Session, sessionmaker

from counter_app.config import Settings
from counter_app.domain.business import BusinessRules, load_rules
from counter_app.security.keys import DataKey, open_data_key, wrong_key
from counter_app.security.private_files import close_to_others
from counter_app.security.sealing import Sealer
from counter_app.store.db import is_plain_database, open_local_store, opens_with
from counter_app.security.protected_files import ProtectedFiles
from counter_app.store.models import Meta


@dataclass
class AppContext:
    settings: Settings
    sessions: sessionmaker[Session]
    files: ProtectedFiles  # photos, scans, forms, credentials: sealed with the data key

    @cached_property
    def rules(self) -> BusinessRules:
        return load_rules()

    @cached_property
    def device_id(self) -> uuid.UUID:
        """This counter's identity for sync, made once and kept in the local store."""
        with self.sessions.begin() as session:
            meta = session.get(Meta, "device_id")
            if meta is None:
                meta = Meta(key="device_id", value=str(uuid.uuid4()))
                session.add(meta)
            return uuid.UUID(meta.value)


def open_context(settings: Settings) -> AppContext:
    # every file from now on 0600, and the directories of an older install closed
    close_to_others(settings.data_dir, settings.config_dir)
    settings.protected_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = open_key(settings)
    files = ProtectedFiles(settings.protected_dir, Sealer(key.derive("protected files")))
    files.seal_older_files()
    return AppContext(settings, open_local_store(settings.local_db_url,
                                                 key.derive("database")), files)


def open_key(settings: Settings) -> DataKey:
    """The data key; KeyUnavailable when the data has one that is missing or wrong."""
    database = settings.local_db_path
    encrypted = (database.exists() and database.stat().st_size > 0
                 and not is_plain_database(database))
    key = open_data_key(settings.data_dir, settings.config_dir, settings.key_file,
                        data_exists=encrypted)
    if encrypted and not opens_with(database, key.derive("database")):
        raise wrong_key(key)
    return key
