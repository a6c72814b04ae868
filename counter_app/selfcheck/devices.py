"""The devices of the counter: a printer, the cameras, the ID-card reader.

None of them stops new applications: without a printer the form waits, without a camera
a photo comes from a file or a studio's receipt, without a reader staff type. The checks
look without disturbing: the printer list comes from the window's probe (QPrinterInfo,
passed in), a camera is looked for without being opened where the system lists it
(/dev/videoN on Linux) and opened for a moment elsewhere, a video-file source counts as
present when the file exists.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.selfcheck.items import Check, Item, State

MSG_PRINTER_NOT_CHECKED = QT_TRANSLATE_NOOP("messages", "Not checked here.")
MSG_NO_PRINTER = QT_TRANSLATE_NOOP(
    "messages", "No printer is installed on this computer: forms and vouchers cannot be "
                "printed. Ask the administrator.")
MSG_PRINTERS = QT_TRANSLATE_NOOP(
    "messages", "Printers installed: {count}; the default is {name}.")
MSG_PRINTERS_NO_DEFAULT = QT_TRANSLATE_NOOP(
    "messages", "Printers installed: {count}; none is the default, so staff choose one when "
                "printing.")

MSG_CAMERA_OK = QT_TRANSLATE_NOOP("messages", "The photo camera ({photo}) is connected.")
MSG_CAMERAS_OK = QT_TRANSLATE_NOOP(
    "messages", "The photo camera ({photo}) and the document camera ({document}) are "
                "connected.")
MSG_PHOTO_CAMERA_MISSING = QT_TRANSLATE_NOOP(
    "messages", "The photo camera ({photo}) is not found: check its cable. Meanwhile photos "
                "can be imported from files or come with a studio's receipt.")
MSG_DOCUMENT_CAMERA_MISSING = QT_TRANSLATE_NOOP(
    "messages", "The document camera ({document}) is not found: check its cable. Meanwhile "
                "materials can be scanned from files.")
MSG_CAMERAS_MISSING = QT_TRANSLATE_NOOP(
    "messages", "Neither the photo camera ({photo}) nor the document camera ({document}) is "
                "found: check their cables.")

MSG_NO_READER_CONFIGURED = QT_TRANSLATE_NOOP(
    "messages", "No ID-card reader is configured: staff type the ID details.")
MSG_SIMULATED_READER = QT_TRANSLATE_NOOP(
    "messages", "A simulated ID-card reader is configured (demonstration and training).")
MSG_READER_DRIVER_MISSING = QT_TRANSLATE_NOOP(
    "messages", "The ID-card reader's driver {file} is not found: staff type the ID details "
                "until the administrator installs it.")
MSG_READER_NOT_LOADED = QT_TRANSLATE_NOOP(
    "messages", "The ID-card reader's driver cannot be loaded: staff type the ID details "
                "until the administrator fixes it.")
MSG_READER_UNPLUGGED = QT_TRANSLATE_NOOP(
    "messages", "The ID-card reader does not answer: check its cable. Meanwhile staff type "
                "the ID details.")
MSG_READER_OK = QT_TRANSLATE_NOOP("messages", "The ID-card reader is connected.")

# A camera opened only to see whether it is there (not on Linux) is given this long.
CAMERA_OPEN_TIMEOUT_MS = 1500
DOCUMENT_CAMERA_KEY = "document_camera_device"


# --- printer --------------------------------------------------------------------------

@dataclass(frozen=True)
class PrinterProbe:
    """What the system knows of printers (the window asks QPrinterInfo)."""

    names: tuple[str, ...]
    default: str = ""


def printer_item(probe: PrinterProbe | None) -> Item:
    if probe is None:
        return Item(Check.PRINTER, State.OK, MSG_PRINTER_NOT_CHECKED)
    if not probe.names:
        return Item(Check.PRINTER, State.WARNING, MSG_NO_PRINTER)
    if probe.default and probe.default in probe.names:
        return Item(Check.PRINTER, State.OK, MSG_PRINTERS,
                    {"count": len(probe.names), "name": probe.default})
    return Item(Check.PRINTER, State.OK, MSG_PRINTERS_NO_DEFAULT, {"count": len(probe.names)})


# --- cameras --------------------------------------------------------------------------

@dataclass(frozen=True)
class CameraSource:
    """A configured camera: a device number, or a video file played instead (demo)."""

    device: int | None = None
    path: Path | None = None

    @property
    def label(self) -> str:
        return self.path.name if self.path is not None else str(self.device)


def camera_sources(extra: Mapping) -> tuple[CameraSource, CameraSource | None]:
    """(the photo station's camera, the document camera or None) from the settings'
    camera_device and document_camera_device (a device number or a video file's path;
    checked only when configured: not every counter has one)."""
    photo = CameraSource(device=_device_number(extra.get("camera_device", 0)))
    if DOCUMENT_CAMERA_KEY not in extra:
        return photo, None
    value = str(extra[DOCUMENT_CAMERA_KEY]).strip()
    document = (CameraSource(device=int(value)) if value.isdigit()
                else CameraSource(path=Path(value)))
    return photo, document


def _device_number(value: object) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def device_present(device: int, *, platform: str = sys.platform, devices: Path = Path("/dev"),
                   opener: Callable[[int], bool] | None = None) -> bool:
    """Is camera *device* there? On Linux its device node tells without opening it;
    elsewhere it is opened for at most CAMERA_OPEN_TIMEOUT_MS and let go at once."""
    if platform.startswith("linux"):
        return (devices / f"video{device}").exists()
    return (opener or partial(_opens_briefly, platform=platform))(device)


def _opens_briefly(device: int, *, platform: str = sys.platform) -> bool:
    # OpenCV only where the system has no list of cameras to look at; the photo station's
    # own way of opening (on Windows DirectShow, then Media Foundation)
    from counter_app.photo.sources import open_camera

    capture = open_camera(device, platform=platform, open_timeout_ms=CAMERA_OPEN_TIMEOUT_MS)
    if capture is None:
        return False
    capture.release()
    return True


def source_present(source: CameraSource, present: Callable[[int], bool]) -> bool:
    if source.path is not None:
        return source.path.is_file()
    return present(source.device)


def camera_item(photo: CameraSource, document: CameraSource | None,
                present: Callable[[int], bool] = device_present) -> Item:
    photo_ok = source_present(photo, present)
    params = {"photo": photo.label}
    if document is None:
        return (Item(Check.CAMERA, State.OK, MSG_CAMERA_OK, params) if photo_ok
                else Item(Check.CAMERA, State.WARNING, MSG_PHOTO_CAMERA_MISSING, params))
    document_ok = source_present(document, present)
    params["document"] = document.label
    if photo_ok and document_ok:
        return Item(Check.CAMERA, State.OK, MSG_CAMERAS_OK, params)
    template = (MSG_DOCUMENT_CAMERA_MISSING if photo_ok
                else MSG_PHOTO_CAMERA_MISSING if document_ok else MSG_CAMERAS_MISSING)
    return Item(Check.CAMERA, State.WARNING, template, params)


# --- ID-card reader -------------------------------------------------------------------

def id_reader_item(setting: str, reader: object | None = None) -> Item:
    """The configured reader (settings.id_card_reader: "", "simulated[:file]" or the SDK
    library's path, or its folder's). *reader*: the one the window has open already
    (asked, not reopened); without it the reader is opened, asked and closed."""
    if not setting:
        return Item(Check.ID_READER, State.OK, MSG_NO_READER_CONFIGURED)
    if setting.startswith("simulated"):
        return Item(Check.ID_READER, State.OK, MSG_SIMULATED_READER)
    if reader is None:
        return _opened_and_asked(setting)
    return _asked(reader)


def _opened_and_asked(setting: str) -> Item:
    from counter_app.idcard.cvr import sdk_library_path
    from counter_app.idcard.reader import ReaderError, open_reader

    library = sdk_library_path(setting)
    if not library.is_file():
        return Item(Check.ID_READER, State.WARNING, MSG_READER_DRIVER_MISSING,
                    {"file": library.name})
    try:
        reader = open_reader(str(library))
    except ReaderError:
        return Item(Check.ID_READER, State.WARNING, MSG_READER_NOT_LOADED)
    try:
        return _asked(reader)
    finally:
        reader.close()


def _asked(reader: object) -> Item:
    connected = getattr(reader, "connected", None)
    if connected is not None and not connected():
        return Item(Check.ID_READER, State.WARNING, MSG_READER_UNPLUGGED)
    return Item(Check.ID_READER, State.OK, MSG_READER_OK)
