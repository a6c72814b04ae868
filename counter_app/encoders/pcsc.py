"""Personalise a card's chip in a PC/SC card encoder (the encoding station of a desktop
card printer, or a contact reader), through pyscard.

    PcscEncoder(reader="", script=None)     EncoderUnavailable at once when pyscard, the
                                            PC/SC service or the reader is missing
    encoder.personalise(card: CardData)     EncodingFailed / EncoderUnavailable
    chip_records(card) -> list[Record]      what the default script writes (pure)

pyscard is NOT a dependency of Counter: it is imported when a PcscEncoder is made, and a
computer without it gets a message staff understand. (It ships wheels for Windows and
macOS; on Linux it builds from source with swig and libpcsclite, or comes from the
distribution's python3-pyscard.)

The default script selects the social security application (DF name "sx1.sh.社会保障",
the one readers of the card select) and writes the cardholder's records with UPDATE
RECORD, addressed by short file identifier: EF05 records 5-7 (issue date, valid until,
card number; tags 05-07), EF06 records 1-3 (social security number, name in GB 18030,
sex; tags 08-0A), each a tag-length-value of the record's fixed length, as the card's
readers read them. This is the plain, documented part. A
city's blanks are issued with keys: the writes then need secure messaging with the
issuer's security module (PSAM), which is the card vendor's to supply as ``script``
(a function of a ``Channel`` and the CardData). Without it such a card refuses the first
write (6982), reported as EncodingFailed. Not yet tried against a real blank.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.encoders.base import CardData, EncoderUnavailable, EncodingFailed

log = logging.getLogger(__name__)

MSG_NO_PYSCARD = QT_TRANSLATE_NOOP(
    "messages", "The card encoder cannot be used: its PC/SC support (the pyscard package) "
                "is not installed on this computer. Ask the administrator.")
MSG_NO_PCSC = QT_TRANSLATE_NOOP(
    "messages", "The card encoder cannot be used: the smart card service (PC/SC) of this "
                "computer is not running. Ask the administrator.")
MSG_NO_READER = QT_TRANSLATE_NOOP(
    "messages", "No card encoder is connected to this computer. Check its cable and power, "
                "then try again.")
MSG_READER_NOT_FOUND = QT_TRANSLATE_NOOP(
    "messages", "The card encoder \"{reader}\" is not connected (connected: {available}). "
                "Check its cable and power, or the card_encoder setting.")
MSG_NO_CARD = QT_TRANSLATE_NOOP(
    "messages", "There is no card in the card encoder. Insert a blank card, then try again.")
REASON_MUTE = QT_TRANSLATE_NOOP(
    "messages", "The card in the encoder does not answer: the chip is damaged.")
REASON_NOT_A_BLANK = QT_TRANSLATE_NOOP(
    "messages", "The card in the encoder is not a social security card blank, or it is "
                "damaged (status {status}).")
REASON_SECURITY = QT_TRANSLATE_NOOP(
    "messages", "The card refused to be written (status {status}): the encoder's security "
                "module (PSAM) is missing or not authorised, or the card is already "
                "personalised.")
REASON_STATUS = QT_TRANSLATE_NOOP(
    "messages", "The card answered with an error (status {status}) while it was written.")
REASON_CARD_LOST = QT_TRANSLATE_NOOP(
    "messages", "The card was removed or stopped answering while it was written.")
REASON_TOO_LONG = QT_TRANSLATE_NOOP(
    "messages", "The {field} is too long for the chip ({length} bytes, at most {limit}).")

# SELECT by DF name of the social security application, "sx1.sh.社会保障" in GBK.
SSSE_DF_NAME = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")
_SECURITY = {0x6982, 0x6983, 0x6985, 0x6988}
_NOT_FOUND = {0x6A81, 0x6A82, 0x6A86, 0x6D00, 0x6E00}


@dataclass(frozen=True)
class Record:
    sfi: int      # short file identifier: 5 is EF05, 6 is EF06
    number: int   # record number (EF05: the tag; EF06: the tag - 7)
    value: bytes  # the whole record: tag, length, the value padded to its fixed length

    def apdu(self) -> bytes:
        """UPDATE RECORD, the record addressed by number in the file by SFI."""
        return bytes([0x00, 0xDC, self.number, (self.sfi << 3) | 0x04, len(self.value)]) \
            + self.value


def chip_records(card: CardData) -> list[Record]:
    """The records the default script writes; EncodingFailed (nothing written yet) for a
    value the chip cannot hold."""
    records = [_record(5, 5, 0x05, "issue_date", _bcd_date(card.issue_date), 4)]
    if card.valid_until:
        records.append(_record(5, 6, 0x06, "valid_until", _bcd_date(card.valid_until), 4))
    records += [
        _record(5, 7, 0x07, "card_number", card.card_number.encode("ascii"), 9),
        _record(6, 1, 0x08, "social_security_number",
                card.social_security_number.encode("ascii"), 18),
        _record(6, 2, 0x09, "name", card.name.encode("gb18030"), 30),
    ]
    if card.sex:
        records.append(_record(6, 3, 0x0A, "sex", card.sex.encode("ascii"), 1))
    return records


def _record(sfi: int, number: int, tag: int, field: str, value: bytes,
            length: int) -> Record:
    if len(value) > length:
        raise EncodingFailed(REASON_TOO_LONG, field=field, length=len(value), limit=length)
    return Record(sfi, number, bytes([tag, length]) + value.ljust(length, b"\x00"))


def _bcd_date(date: dt.date) -> bytes:
    return bytes.fromhex(date.strftime("%Y%m%d"))


class Channel:
    """The connection to the card for a script: ``send`` returns the response data and
    raises EncodingFailed for any status but 9000 (61xx is fetched with GET RESPONSE)."""

    def __init__(self, connection, lost: tuple[type[Exception], ...]) -> None:
        self._connection, self._lost = connection, lost

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        """The raw exchange: (data, status word)."""
        try:
            data, sw1, sw2 = self._connection.transmit(list(apdu))
            while sw1 == 0x61:  # T=0: the response waits to be fetched
                more, sw1, sw2 = self._connection.transmit([0x00, 0xC0, 0x00, 0x00, sw2])
                data = list(data) + list(more)
        except self._lost as exc:
            raise EncodingFailed(REASON_CARD_LOST) from exc
        return bytes(data), (sw1 << 8) | sw2

    def send(self, apdu: bytes, *, selecting: bool = False) -> bytes:
        data, status = self.transmit(apdu)
        if status == 0x9000:
            return data
        shown = f"{status:04X}"
        if status in _SECURITY:
            raise EncodingFailed(REASON_SECURITY, status=shown)
        if selecting or status in _NOT_FOUND:
            raise EncodingFailed(REASON_NOT_A_BLANK, status=shown)
        raise EncodingFailed(REASON_STATUS, status=shown)


Script = Callable[[Channel, CardData], None]


def write_records(channel: Channel, card: CardData) -> None:
    """The default script (see the module's note)."""
    records = chip_records(card)  # every value checked before the first write
    channel.send(bytes([0x00, 0xA4, 0x04, 0x00, len(SSSE_DF_NAME)]) + SSSE_DF_NAME,
                 selecting=True)
    for record in records:
        channel.send(record.apdu())


class PcscEncoder:
    """The reader whose name holds *reader* (any case), or the only one connected."""

    def __init__(self, reader: str = "", script: Script | None = None) -> None:
        self.reader_name = reader.strip()
        self.script = script or write_records
        self._lock = threading.Lock()  # one card in the encoder at a time
        self._reader()  # EncoderUnavailable now rather than at the first card

    def personalise(self, card: CardData) -> None:
        _readers, lost, no_card = _pyscard()
        with self._lock:
            connection = self._reader().createConnection()
            try:
                connection.connect()
            except no_card as exc:
                raise EncoderUnavailable(MSG_NO_CARD) from exc
            except lost as exc:
                raise EncodingFailed(REASON_MUTE) from exc
            try:
                self.script(Channel(connection, (lost, no_card)), card)
            finally:
                try:
                    connection.disconnect()
                except Exception:  # noqa: BLE001 - the card may be gone already
                    log.debug("card encoder: disconnect failed", exc_info=True)
        log.info("card encoder: chip personalised")

    def _reader(self):
        readers, _lost, _no_card = _pyscard()
        try:
            connected = list(readers())
        except Exception as exc:  # noqa: BLE001 - pyscard's PC/SC errors have no common base
            log.warning("PC/SC unavailable: %s", type(exc).__name__)
            raise EncoderUnavailable(MSG_NO_PCSC) from exc
        if not connected:
            raise EncoderUnavailable(MSG_NO_READER)
        if not self.reader_name:
            return connected[0]
        for reader in connected:
            if self.reader_name.casefold() in str(reader).casefold():
                return reader
        raise EncoderUnavailable(MSG_READER_NOT_FOUND, reader=self.reader_name,
                                 available=", ".join(str(r) for r in connected))


def _pyscard():
    """pyscard's readers() and the exceptions used, imported on first use."""
    try:
        from smartcard.Exceptions import CardConnectionException, NoCardException
        from smartcard.System import readers
    except ImportError as exc:
        raise EncoderUnavailable(MSG_NO_PYSCARD) from exc
    return readers, CardConnectionException, NoCardException
