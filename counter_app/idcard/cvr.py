"""Driver for readers that ship the widespread "termb" SDK (CVR_* functions), via ctypes.

The SDK is the vendor's shared library (termb.dll on Windows, libtermb.so on Linux); the
setting names it, or the vendor's folder that holds it. Strings come back GBK-encoded;
dates as YYYYMMDD.

On Windows the library must be a 64-bit build (the program is): a 32-bit termb.dll, which
some vendors still ship alone, does not load into a 64-bit process. Given its full path,
Windows looks for the DLLs it needs in its own folder first (Python's ctypes loads it so).
"""

from __future__ import annotations

import ctypes
import logging
import sys
import threading
from pathlib import Path

from counter_app.idcard.reader import (MSG_NO_CARD, MSG_NO_READER, MSG_READ_FAILED,
                                       IdCardData, ReaderError)

log = logging.getLogger(__name__)
FIELDS = {"name": "GetPeopleName", "id_number": "GetPeopleIDCode", "sex": "GetPeopleSex",
          "ethnicity": "GetPeopleNation", "birth_date": "GetPeopleBirthday",
          "address": "GetPeopleAddress", "valid_from": "GetStartDate",
          "valid_until": "GetEndDate"}
PORTS = (1001, 1002, 1, 2)  # USB ports first, then serial COM1/COM2


SDK_FILE_NAMES = {"win32": "termb.dll"}
LINUX_SDK_FILE_NAME = "libtermb.so"


def sdk_file_name(platform: str = sys.platform) -> str:
    """The SDK library's file name on *platform*, as the vendors ship it."""
    return SDK_FILE_NAMES.get(platform, LINUX_SDK_FILE_NAME)


def sdk_library_path(setting: str, platform: str = sys.platform) -> Path:
    """The library the setting names: the file itself, or in the vendor's folder the
    file of sdk_file_name() (the folder the vendor's installer made, written once in the
    settings of every counter of a city, whatever their system)."""
    path = Path(setting)
    return path / sdk_file_name(platform) if path.is_dir() else path


def sdk_loader_name(platform: str = sys.platform) -> str:
    """The ctypes loader for the SDK: WinDLL on Windows, whose vendor headers declare the
    CVR_* functions __stdcall (on 32-bit Windows CDLL would unbalance the stack; on
    64-bit there is one convention and the two are alike), CDLL elsewhere."""
    return "WinDLL" if platform == "win32" else "CDLL"


class CvrSdkReader:
    def __init__(self, library: Path, *, platform: str = sys.platform) -> None:
        try:
            loader = getattr(ctypes, sdk_loader_name(platform))
            self._sdk = loader(str(library))
            for name in ("CVR_InitComm", "CVR_Authenticate", "CVR_Read_Content",
                         "CVR_CloseComm", *FIELDS.values()):
                getattr(self._sdk, name)
        except (OSError, AttributeError) as exc:
            log.warning("ID-card SDK not usable: %s", type(exc).__name__)
            raise ReaderError(MSG_NO_READER) from exc
        self._lock = threading.Lock()  # the SDK is not thread-safe
        self._open = False

    def read(self) -> IdCardData:
        with self._lock:
            self._connect()
            if self._sdk.CVR_Authenticate() != 1:
                raise ReaderError(MSG_NO_CARD)
            if self._sdk.CVR_Read_Content(1) != 1:
                raise ReaderError(MSG_READ_FAILED)
            values = {field: self._text(function) for field, function in FIELDS.items()}
        values["sex"] = "M" if values["sex"].startswith("男") else "F"
        for key in ("birth_date", "valid_from", "valid_until"):
            values[key] = _iso_date(values[key])
        return IdCardData(**values)

    def connected(self) -> bool:
        """True when the reader answers on one of its ports (no card needed): the
        self-check's question. The port stays open for the next read, as after a read."""
        with self._lock:
            try:
                self._connect()
            except ReaderError:
                return False
            return True

    def close(self) -> None:
        with self._lock:
            if self._open:
                self._sdk.CVR_CloseComm()
                self._open = False

    def _connect(self) -> None:
        if self._open:
            return
        for port in PORTS:
            if self._sdk.CVR_InitComm(port) == 1:
                self._open = True
                return
        raise ReaderError(MSG_NO_READER)

    def _text(self, function: str) -> str:
        buffer = ctypes.create_string_buffer(256)
        length = ctypes.c_int(len(buffer))
        if getattr(self._sdk, function)(buffer, ctypes.byref(length)) != 1:
            raise ReaderError(MSG_READ_FAILED)
        return buffer.raw[: max(0, min(length.value, len(buffer)))].split(b"\0")[0] \
            .decode("gbk", errors="replace").strip()


def _iso_date(text: str) -> str:
    digits = "".join(c for c in text if c.isdigit())
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}" if len(digits) == 8 else text
