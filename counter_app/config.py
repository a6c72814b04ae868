"""Settings: a TOML file in the config directory, overridden by environment variables.

Paths come from platformdirs, so XDG_DATA_HOME / XDG_CONFIG_HOME move them on Linux;
COUNTER_DATA_DIR / COUNTER_CONFIG_DIR move them anywhere.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

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
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def local_db_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'counter.sqlite3'}"

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


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("COUNTER_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))
    config_dir = Path(env.get("COUNTER_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))
    file_values = _read_toml(config_dir / "settings.toml")
    return Settings(
        data_dir=data_dir,
        config_dir=config_dir,
        central_url=env.get("COUNTER_CENTRAL_URL", file_values.get("central_url", "")),
        language=env.get("COUNTER_LANGUAGE", file_values.get("language", "zh_CN")),
        font_paths=tuple(file_values.get("font_paths", ())),
        device_name=file_values.get("device_name", "counter-1"),
        sync_interval_s=int(file_values.get("sync_interval_s", 60)),
        id_card_reader=env.get("COUNTER_ID_CARD_READER", file_values.get("id_card_reader", "")),
        extra={k: file_values[k] for k in PHOTO_STATION_KEYS + DOCUMENT_CAMERA_KEYS
               + CARD_CENTRE_KEYS
               if k in file_values},
    )


def save_setting(settings: Settings, key: str, value: str) -> None:
    """Write one plain setting back to the TOML file (language, central_url...)."""
    values = _read_toml(settings.config_file)
    values[key] = value
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"{k} = {_toml_value(v)}" for k, v in sorted(values.items())]
    settings.config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _toml_value(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
