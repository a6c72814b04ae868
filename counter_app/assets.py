"""Where the files that ship with Counter are: ``ui/`` (Qt Designer forms) and
``resources/`` (rules, photo profiles, receipt formats, notices, form texts, fonts,
translations, the demo photo).

Both folders stay at the repository root. A wheel carries them as package data inside
the package (``counter_app/ui``, ``counter_app/resources``: pyproject.toml maps them
there), so an installed Counter finds them through importlib.resources; a source
checkout (tests, an editable install) has them beside the package instead. Callers get a
Traversable either way and never walk paths themselves. ``real_path`` gives a file on
disk to the libraries that need one (Qt's translator, ReportLab fonts, OpenCV).

Imports nothing else of ours, so domain/ may use it.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path


def ui() -> Traversable:
    """The Qt Designer forms (*.ui)."""
    return _folder("ui")


def resources() -> Traversable:
    """Rules, photo profiles, receipt formats, notices, form texts, fonts, translations,
    demo photo: one sub-folder each."""
    return _folder("resources")


@functools.cache
def _folder(name: str) -> Traversable:
    shipped = files(__package__) / name
    if shipped.is_dir():
        return shipped
    checkout = Path(__file__).resolve().parent.parent / name  # the repository root
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Counter's {name}/ folder is missing: neither package data "
                            f"({shipped}) nor a source checkout ({checkout}); reinstall")


_extracted = contextlib.ExitStack()  # temporary copies, removed when the process ends
atexit.register(_extracted.close)


def real_path(resource: Traversable) -> Path:
    """A file on disk with *resource*'s content, valid while the process runs: the file
    itself when the package is installed as files (the usual case), else a temporary copy
    (a zipped package)."""
    if isinstance(resource, Path):
        return resource
    return _extracted.enter_context(as_file(resource))
