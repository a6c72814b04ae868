"""Personalising the chip of a social security card at the counter (instant issuance).
No Qt; no database.

    open_encoder(setting) -> Encoder
        "simulated"                   SimulatedEncoder (tests, the demo)
        "simulated:fail=N,delay=S"    ... that fails the next N cards, takes S seconds each
        "pcsc"                        PcscEncoder on the only (or first) PC/SC reader
        "pcsc:READER NAME"            ... on the reader whose name holds READER NAME
    class Encoder(Protocol): personalise(card: CardData) -> None
    CardData(card_number, social_security_number, name, issue_date, bank="",
             valid_until=None, sex="")
    EncodingFailed(reason)   the blank is spoiled: put its number on the invalid list and
                             retry with the next number and a new blank
    EncoderUnavailable       nothing written (no pyscard, no reader, no card, a setting
                             not understood): fix it and retry with the same blank

A PcscEncoder needs pyscard, which is not a dependency: without it open_encoder("pcsc")
raises EncoderUnavailable with a message for staff.
"""

from __future__ import annotations

from counter_app.domain.errors import QT_TRANSLATE_NOOP
from counter_app.encoders.base import CardData, Encoder, EncoderUnavailable, EncodingFailed
from counter_app.encoders.pcsc import PcscEncoder
from counter_app.encoders.simulated import SimulatedEncoder

MSG_NOT_CONFIGURED = QT_TRANSLATE_NOOP(
    "messages", "No card encoder is configured for this counter (the card_encoder setting).")
MSG_BAD_SETTING = QT_TRANSLATE_NOOP(
    "messages", "The card encoder setting \"{setting}\" is not understood: use simulated, "
                "simulated:fail=N, pcsc or pcsc:READER NAME.")

__all__ = [
    "CardData",
    "Encoder",
    "EncoderUnavailable",
    "EncodingFailed",
    "PcscEncoder",
    "SimulatedEncoder",
    "open_encoder",
]


def open_encoder(setting: str) -> Encoder:
    """The encoder the setting names; EncoderUnavailable when there is none or it cannot
    be used now."""
    kind, _, argument = (setting or "").strip().partition(":")
    kind = kind.strip().lower()
    if not kind:
        raise EncoderUnavailable(MSG_NOT_CONFIGURED)
    if kind == "pcsc":
        return PcscEncoder(argument.strip())
    if kind == "simulated":
        return SimulatedEncoder(**_simulated_options(argument, setting))
    raise EncoderUnavailable(MSG_BAD_SETTING, setting=setting.strip())


def _simulated_options(argument: str, setting: str) -> dict:
    options: dict = {}
    for part in filter(None, (p.strip() for p in argument.split(","))):
        key, sep, value = (t.strip() for t in part.partition("="))
        try:
            if not sep or key not in ("fail", "delay") or key in options:
                raise ValueError(key)
            number = int(value) if key == "fail" else float(value)
            if not 0 <= number < 1e6:
                raise ValueError(value)
        except ValueError:
            raise EncoderUnavailable(MSG_BAD_SETTING, setting=setting.strip()) from None
        options[key] = number
    return {"fail_next": options.get("fail", 0), "delay_s": options.get("delay", 0.0)}
