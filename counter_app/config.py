"""Settings: a TOML file in the config directory, overridden by environment variables.

Paths come from platformdirs, so XDG_DATA_HOME / XDG_CONFIG_HOME move them on Linux;
COUNTER_DATA_DIR / COUNTER_CONFIG_DIR move them anywhere.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import platformdirs

from counter_app.domain.errors import (MSG_FILE_INVALID, MSG_FILE_UNREADABLE, ConfigFileError,
                                       broken_file)

APP_NAME = "counter-app"
# Photo station settings read by services/photo_station.py (profile name, camera choice).
PHOTO_STATION_KEYS = ("photo_profile", "camera_device", "camera_width", "camera_height")
# The document camera over the materials (qt/document_camera.py): a device number, or the
# path of a video file played instead (demo, tests).
DOCUMENT_CAMERA_KEYS = ("document_camera_device", "document_camera_width",
                        "document_camera_height")
# The card centre's notice sender (services/card_centre.py): the SMS gateway's URL; empty
# writes the SMS texts to a file in the protected data folder.
CARD_CENTRE_KEYS = ("notice_gateway_url",)
# Instant issuance (qt/instant_actions.py): the card printer's name ("" asks once and
# remembers) and the chip encoder ("simulated", "pcsc" or "pcsc:READER"; counter_app/encoders).
INSTANT_ISSUANCE_KEYS = ("card_printer", "card_encoder")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    config_dir: Path
    central_url: str = ""           # empty: the built-in central server in data_dir
    language: str = "zh_CN"
    font_paths: tuple[str, ...] = ()
    device_name: str = "counter-1"
    sync_interval_s: int = 60
    id_card_reader: str = ""        # "", "simulated[:cards.json]" or the SDK library's path
    key_file: str = ""              # the data key's file; "" the OS credential store (keys.py)
    idle_lock_minutes: int = 10     # the window locks after this many idle minutes (1-240)
    # The installed program's folder, which updates replace (e.g. /opt/counter-app); ""
    # the frozen bundle's own folder, and no updates installed from a source checkout
    program_dir: str = ""
    # Where a counter whose program folder belongs to root hands updates to the system's
    # update service; "" its standard place (counter_app.updates.system.SPOOL)
    update_spool: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def local_db_url(self) -> str:
        return f"sqlite:///{self.local_db_path}"

    @property
    def local_db_path(self) -> Path:
        return self.data_dir / "counter.sqlite3"

    @property
    def protected_dir(self) -> Path:
        """Photos, forms and scans: personal data lives only under here."""
        return self.data_dir / "protected"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "settings.toml"


def load_settings(env: dict[str, str] | None = None, *, read_file: bool = True) -> Settings:
    """The settings; ConfigFileError (file and line) when settings.toml cannot be used.
    read_file=False: the environment's alone (to show that error in the window)."""
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("COUNTER_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))
    config_dir = Path(env.get("COUNTER_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))
    path = config_dir / "settings.toml"
    file_values = _read_toml(path) if read_file else {}
    value = partial(_typed, file_values, path)
    return Settings(
        data_dir=data_dir,
        config_dir=config_dir,
        central_url=env.get("COUNTER_CENTRAL_URL", value("central_url", str, "")),
        language=env.get("COUNTER_LANGUAGE", value("language", str, "zh_CN")),
        font_paths=tuple(value("font_paths", list, [])),
        device_name=value("device_name", str, "counter-1"),
        sync_interval_s=value("sync_interval_s", int, 60),
        id_card_reader=env.get("COUNTER_ID_CARD_READER", value("id_card_reader", str, "")),
        key_file=env.get("COUNTER_KEY_FILE", value("key_file", str, "")),
        program_dir=env.get("COUNTER_PROGRAM_DIR", value("program_dir", str, "")),
        update_spool=env.get("COUNTER_UPDATE_SPOOL", value("update_spool", str, "")),
        idle_lock_minutes=_within(value("idle_lock_minutes", int, 10), IDLE_LOCK_RANGE, path,
                                  "idle_lock_minutes"),
        extra={k: file_values[k] for k in PHOTO_STATION_KEYS + DOCUMENT_CAMERA_KEYS
               + CARD_CENTRE_KEYS + INSTANT_ISSUANCE_KEYS
               if k in file_values},
    )


def save_setting(settings: Settings, key: str, value: str | int | bool | list[str]) -> None:
    """Write one setting back to settings.toml (language, central_url...): the file is
    read, changed and written whole with tomlkit, so staff's comments, order and other
    keys stay and the value keeps its TOML type; atomically, readable by this user alone."""
    import tomlkit  # only when writing: reading uses the faster tomllib
    from tomlkit.exceptions import ParseError

    path = settings.config_file
    try:
        document = tomlkit.parse(_read_text(path))
    except ParseError as exc:
        raise broken_file(str(path), exc) from exc
    document[key] = list(value) if isinstance(value, tuple) else value
    settings.config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    _write_private(path, tomlkit.dumps(document))


def _write_private(path: Path, text: str) -> None:
    """Replace *path* by a file made 0600 from the start, never half written."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)  # mkstemp makes it so; said here for other platforms
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_text(path: Path) -> str:
    """The file's text, "" when there is none; ConfigFileError when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError as exc:
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path), problem="not UTF-8 text") from exc
    except OSError as exc:
        raise ConfigFileError(MSG_FILE_UNREADABLE, file=str(path),
                              problem=exc.strerror or type(exc).__name__) from exc


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise broken_file(str(path), exc) from exc


# The handling point's idle lock: the window asks for a password after this many minutes
# without a key press or a mouse movement (settings.toml of the site's counters).
IDLE_LOCK_RANGE = (1, 240)


def _within(value: int, bounds: tuple[int, int], path: Path, key: str) -> int:
    low, high = bounds
    if not low <= value <= high:
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path),
                              problem=f"{key} must be a whole number from {low} to {high}")
    return value


_KINDS = {str: "text", int: "a whole number", list: "a list of texts"}


def _typed(values: dict, path: Path, key: str, kind: type, default: object) -> object:
    """values[key] if it is of *kind* (a positive number, a list of texts), else
    ConfigFileError naming the key."""
    value = values.get(key, default)
    good = isinstance(value, kind) and not isinstance(value, bool)
    if kind is int:
        good = good and value > 0
    if kind is list:
        good = good and all(isinstance(item, str) for item in value)
    if not good:
        raise ConfigFileError(MSG_FILE_INVALID, file=str(path),
                              problem=f"{key} must be {_KINDS[kind]}")
    return value
