"""Reading a second-generation resident ID card.

One small interface, `IdCardReader.read() -> IdCardData`, with two drivers: the vendor SDK
(`cvr.py`, loaded through ctypes when its library is configured and present) and a
simulated reader for tests and the demo. With no reader, staff type: nothing depends on it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError

MSG_NO_CARD = QT_TRANSLATE_NOOP(
    "messages", "No ID card on the reader: place the card on the reader and try again.")
MSG_NO_READER = QT_TRANSLATE_NOOP(
    "messages", "The ID-card reader is not connected or its driver cannot be loaded; "
                "please type the details.")
MSG_READ_FAILED = QT_TRANSLATE_NOOP(
    "messages", "The ID card could not be read; move the card a little and try again.")


class ReaderError(CounterError):
    code = "id_card_reader"


@dataclass(frozen=True)
class IdCardData:
    name: str
    id_number: str
    sex: str            # "M" or "F"
    ethnicity: str      # as printed, e.g. "汉" (the form adds "族")
    birth_date: str     # YYYY-MM-DD
    address: str
    valid_from: str     # YYYY-MM-DD
    valid_until: str    # YYYY-MM-DD or "长期"


class IdCardReader(Protocol):
    def read(self) -> IdCardData: ...

    def close(self) -> None: ...


class SimulatedReader:
    """Cards put on the reader one after another (a list, or a JSON file of cards)."""

    def __init__(self, cards: list[IdCardData]) -> None:
        self._cards = list(cards)

    @classmethod
    def from_file(cls, path: Path) -> SimulatedReader:
        return cls([IdCardData(**card) for card in json.loads(path.read_text("utf-8"))])

    def put(self, card: IdCardData) -> None:
        self._cards.append(card)

    def read(self) -> IdCardData:
        if not self._cards:
            raise ReaderError(MSG_NO_CARD)
        return self._cards.pop(0)

    def close(self) -> None:
        self._cards.clear()


def save_cards(path: Path, cards: list[IdCardData]) -> None:
    path.write_text(json.dumps([asdict(c) for c in cards], ensure_ascii=False), "utf-8")


def open_reader(setting: str) -> IdCardReader | None:
    """The configured reader: "" none, "simulated[:cards.json]", or the SDK library's path
    (or its folder's)."""
    if not setting:
        return None
    if setting.startswith("simulated"):
        _, _, cards_file = setting.partition(":")
        return SimulatedReader.from_file(Path(cards_file)) if cards_file else SimulatedReader(
            list(DEMO_CARDS))
    from counter_app.idcard.cvr import CvrSdkReader, sdk_library_path
    return CvrSdkReader(sdk_library_path(setting))


DEMO_CARDS = (
    IdCardData("王建国", "11010519491231002X", "F", "汉", "1949-12-31",
               "北京市朝阳区建国路88号院3号楼2单元501室", "2015-06-01", "长期"),
)
