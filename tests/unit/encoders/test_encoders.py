"""Chip personalisation: the simulated encoder, the factory, and the PC/SC encoder against
a stand-in for pyscard (missing, no service, no reader, no card, a card that answers)."""

from __future__ import annotations

import datetime as dt
import sys
import time
import types

import pytest

from counter_app.encoders import (CardData, Encoder, EncoderUnavailable, EncodingFailed,
                                  PcscEncoder, SimulatedEncoder, open_encoder)
from counter_app.encoders import pcsc
from counter_app.encoders.base import REASON_SIMULATED

CARD = CardData(card_number="A12345678", social_security_number="110105202001010015",
                name="王䶮𠮷", issue_date=dt.date(2026, 11, 22), bank="中国工商银行",
                valid_until=dt.date(2036, 11, 22), sex="1")


# --- card data ---------------------------------------------------------------------------

@pytest.mark.parametrize("change", [
    {"card_number": "A-1"}, {"social_security_number": "11010520200101001"[:10]},
    {"name": "  "}, {"issue_date": "2026-11-22"}, {"valid_until": dt.date(2026, 1, 1)},
    {"sex": "M"},
])
def test_card_data_refuses_values_not_of_their_kind(change):
    values = {**CARD.__dict__, **change}
    with pytest.raises(ValueError):
        CardData(**values)


def test_card_data_never_shows_a_name_or_number_in_logs():
    shown = repr(CARD)
    assert "王" not in shown and "A12345678" not in shown and "110105" not in shown


# --- the simulated encoder -------------------------------------------------------------

def test_the_simulated_encoder_writes_and_can_be_told_to_fail():
    encoder = SimulatedEncoder(fail_next=2)
    assert isinstance(encoder, Encoder)
    for _ in range(2):
        with pytest.raises(EncodingFailed) as raised:
            encoder.personalise(CARD)
        assert raised.value.reason == REASON_SIMULATED
    encoder.personalise(CARD)
    assert encoder.personalised == [CARD] and encoder.fail_next == 0
    encoder.fail_next = 1  # the demo's "fail the next card"
    with pytest.raises(EncodingFailed):
        encoder.personalise(CARD)
    encoder.personalise(CARD)
    assert len(encoder.personalised) == 2


def test_the_simulated_encoder_takes_its_time():
    encoder = SimulatedEncoder(delay_s=0.05)
    started = time.monotonic()
    encoder.personalise(CARD)
    assert time.monotonic() - started >= 0.05


def test_the_simulated_encoder_refuses_what_a_chip_cannot_hold():
    too_long = CardData(**{**CARD.__dict__, "name": "阿" * 16})  # 32 bytes in GB 18030
    with pytest.raises(EncodingFailed) as raised:
        SimulatedEncoder().personalise(too_long)
    assert raised.value.params == {"field": "name", "length": 32, "limit": 30}


# --- the factory -------------------------------------------------------------------------

@pytest.mark.parametrize("setting, fail_next, delay_s", [
    ("simulated", 0, 0.0),
    ("simulated:fail=1", 1, 0.0),
    (" Simulated : fail=3, delay=0.25 ", 3, 0.25),
    ("simulated:delay=2", 0, 2.0),
])
def test_open_encoder_makes_a_simulated_encoder(setting, fail_next, delay_s):
    encoder = open_encoder(setting)
    assert isinstance(encoder, SimulatedEncoder)
    assert (encoder.fail_next, encoder.delay_s) == (fail_next, delay_s)


@pytest.mark.parametrize("setting", ["usb", "simulated:fail", "simulated:fail=x",
                                     "simulated:fail=-1", "simulated:boom=1",
                                     "simulated:fail=1,fail=2"])
def test_open_encoder_refuses_a_setting_it_does_not_understand(setting):
    with pytest.raises(EncoderUnavailable) as raised:
        open_encoder(setting)
    assert "is not understood" in str(raised.value)


def test_open_encoder_without_a_setting_says_none_is_configured():
    with pytest.raises(EncoderUnavailable, match="No card encoder is configured"):
        open_encoder("")


# --- PC/SC -------------------------------------------------------------------------------

def test_without_pyscard_the_pcsc_encoder_is_unavailable_with_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "smartcard", None)  # import smartcard -> ImportError
    for make in (lambda: open_encoder("pcsc"), lambda: PcscEncoder("OMNIKEY")):
        with pytest.raises(EncoderUnavailable) as raised:
            make()
        assert "pyscard package) is not installed" in str(raised.value)


class FakeCard:
    """A card that answers each APDU from a script of status words (9000 otherwise)."""

    def __init__(self, answers: dict[int, tuple[int, int]] | None = None,
                 lose_at: int | None = None) -> None:
        self.sent: list[bytes] = []
        self.answers, self.lose_at = answers or {}, lose_at


class FakeConnection:
    def __init__(self, reader: FakeReader) -> None:
        self.reader = reader

    def connect(self):
        if self.reader.card is None:
            raise FakeNoCard("no card")
        if self.reader.card == "mute":
            raise FakeLost("unresponsive")

    def transmit(self, apdu):
        card = self.reader.card
        card.sent.append(bytes(apdu))
        if card.lose_at is not None and len(card.sent) > card.lose_at:
            raise FakeLost("removed")
        if apdu[:2] == [0x00, 0xA4]:
            return [], 0x61, 0x1E  # T=0: "30 bytes wait to be fetched"
        if apdu[:2] == [0x00, 0xC0]:
            return [0x6F] * apdu[4], 0x90, 0x00
        return [], *card.answers.get(len(card.sent), (0x90, 0x00))

    def disconnect(self):
        self.reader.disconnected += 1


class FakeReader:
    def __init__(self, name: str, card=None) -> None:
        self.name, self.card, self.disconnected = name, card, 0

    def __str__(self) -> str:
        return self.name

    def createConnection(self):  # noqa: N802 - pyscard's name
        return FakeConnection(self)


class FakeLost(Exception):
    pass


class FakeNoCard(Exception):
    pass


@pytest.fixture
def pyscard(monkeypatch):
    """A stand-in for pyscard's modules; .readers is what readers() returns (or raises)."""
    state = types.SimpleNamespace(readers=[])

    def readers():
        if isinstance(state.readers, Exception):
            raise state.readers
        return state.readers

    system = types.ModuleType("smartcard.System")
    system.readers = readers
    exceptions = types.ModuleType("smartcard.Exceptions")
    exceptions.CardConnectionException, exceptions.NoCardException = FakeLost, FakeNoCard
    package = types.ModuleType("smartcard")
    package.System, package.Exceptions = system, exceptions
    monkeypatch.setitem(sys.modules, "smartcard", package)
    monkeypatch.setitem(sys.modules, "smartcard.System", system)
    monkeypatch.setitem(sys.modules, "smartcard.Exceptions", exceptions)
    return state


def test_no_pcsc_service_and_no_reader_are_said_plainly(pyscard):
    pyscard.readers = RuntimeError("EstablishContextException: service not running")
    with pytest.raises(EncoderUnavailable, match=r"smart card service \(PC/SC\)"):
        open_encoder("pcsc")
    pyscard.readers = []
    with pytest.raises(EncoderUnavailable, match="No card encoder is connected"):
        open_encoder("pcsc")


def test_a_named_reader_is_found_by_part_of_its_name_or_the_others_listed(pyscard):
    pyscard.readers = [FakeReader("Generic USB Reader 00 00"),
                       FakeReader("Evolis Primacy Contact Encoder 01 00")]
    assert isinstance(open_encoder("pcsc:evolis primacy"), PcscEncoder)
    with pytest.raises(EncoderUnavailable) as raised:
        open_encoder("pcsc:Zebra ZC300")
    assert raised.value.params["available"] == ("Generic USB Reader 00 00, "
                                                "Evolis Primacy Contact Encoder 01 00")


def test_no_card_in_the_encoder_writes_nothing_and_spoils_nothing(pyscard):
    pyscard.readers = [FakeReader("Encoder", card=None)]
    encoder = open_encoder("pcsc")
    with pytest.raises(EncoderUnavailable, match="no card in the card encoder"):
        encoder.personalise(CARD)
    pyscard.readers[0].card = "mute"
    with pytest.raises(EncodingFailed, match="does not answer"):
        encoder.personalise(CARD)


def test_the_default_script_selects_the_application_and_writes_the_records(pyscard):
    card = FakeCard()
    reader = FakeReader("Encoder", card)
    pyscard.readers = [reader]
    open_encoder("pcsc").personalise(CARD)
    select, get_response, *updates = card.sent
    assert select == bytes.fromhex("00A404000F7378312E73682EC9E7BBE1B1A3D5CF")
    assert get_response == bytes.fromhex("00C000001E")
    assert [u[:4].hex().upper() for u in updates] == [
        "00DC052C", "00DC062C", "00DC072C", "00DC0134", "00DC0234", "00DC0334"]
    assert updates[0][5:] == bytes.fromhex("050420261122")  # issue date, BCD
    assert updates[2][5:] == b"\x07\x09A12345678"
    assert updates[3][5:] == b"\x08\x12110105202001010015"
    name = "王䶮𠮷".encode("gb18030")
    assert updates[4][4:] == bytes([32, 0x09, 30]) + name + bytes(30 - len(name))
    assert reader.disconnected == 1


@pytest.mark.parametrize("answers, lose_at, reason", [
    ({3: (0x69, 0x82)}, None, pcsc.REASON_SECURITY),
    ({4: (0x6A, 0x82)}, None, pcsc.REASON_NOT_A_BLANK),
    ({5: (0x65, 0x81)}, None, pcsc.REASON_STATUS),
    ({}, 4, pcsc.REASON_CARD_LOST),
], ids=["security", "not-found", "memory", "removed"])
def test_a_card_that_refuses_is_spoiled_with_the_reason(pyscard, answers, lose_at, reason):
    reader = FakeReader("Encoder", FakeCard(answers, lose_at))
    pyscard.readers = [reader]
    with pytest.raises(EncodingFailed) as raised:
        open_encoder("pcsc").personalise(CARD)
    assert raised.value.reason == reason
    assert reader.disconnected == 1


def test_a_blank_without_the_application_is_not_a_blank(pyscard):
    class Foreign(FakeConnection):
        def transmit(self, apdu):
            self.reader.card.sent.append(bytes(apdu))
            return [], 0x6A, 0x82

    reader = FakeReader("Encoder", FakeCard())
    reader.createConnection = lambda: Foreign(reader)
    pyscard.readers = [reader]
    with pytest.raises(EncodingFailed) as raised:
        open_encoder("pcsc").personalise(CARD)
    assert raised.value.reason == pcsc.REASON_NOT_A_BLANK
    assert raised.value.params == {"status": "6A82"}
    assert len(reader.card.sent) == 1  # nothing written after a failed selection


def test_a_vendor_script_takes_the_place_of_the_default(pyscard):
    reader = FakeReader("Encoder", FakeCard())
    pyscard.readers = [reader]
    seen = []
    PcscEncoder(script=lambda channel, card: seen.append(
        channel.send(bytes.fromhex("0084000008")))).personalise(CARD)
    assert seen == [b""] and reader.card.sent == [bytes.fromhex("0084000008")]
