"""Which of a folder's city files is a city's: forms, card faces and the e-card guide each
keep one TOML file per city in resources/, the city named inside it (`city = "…"`), and
`default.toml` for a city that has none of its own."""

from __future__ import annotations

import tomllib
from importlib.resources.abc import Traversable
from pathlib import Path

DEFAULT_FILE = "default.toml"


def city_file(city: str, directory: Traversable | Path) -> Traversable | Path:
    """The file in *directory* whose `city` is *city*, else its default.toml. A file that
    cannot be read is passed over here: it is reported when it is the one chosen."""
    tomls = sorted((entry for entry in directory.iterdir() if entry.name.endswith(".toml")),
                   key=lambda entry: entry.name)
    for path in tomls:
        try:
            if city and tomllib.loads(path.read_text(encoding="utf-8")).get("city") == city:
                return path
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
    return directory / DEFAULT_FILE
