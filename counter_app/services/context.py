"""What every service needs: settings, the local store, the city's rules, this device."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy.orm import Session, sessionmaker

from counter_app.config import Settings
from counter_app.domain.business import BusinessRules, load_rules
from counter_app.security.private_files import close_to_others
from counter_app.store.db import open_local_store
from counter_app.store.models import Meta


@dataclass
class AppContext:
    settings: Settings
    sessions: sessionmaker[Session]

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
    return AppContext(settings, open_local_store(settings.local_db_url))
