"""What is printed on one card (plain values, no database types), and a sample card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CardFaceData:
    name: str
    social_security_number: str  # the ID number
    card_number: str
    issue_date: dt.date
    bank: str = ""
    photo: bytes | None = None   # the card photo, a JPEG as stored (other formats through PIL)

    def field(self, name: str) -> str | dt.date:
        return getattr(self, name)


def sample_card_face(*, photo: bytes | None = None) -> CardFaceData:
    """A fictitious cardholder with a rare-character name (Ext A 䶮, Ext B 𠮷), for
    `counter-app` samples, the demo and tests; the sample photo unless *photo* is given."""
    if photo is None:
        from counter_app.forms.sample import sample_photo_jpeg
        photo = sample_photo_jpeg()
    return CardFaceData(name="王䶮𠮷", social_security_number="110105202001010015",
                        card_number="A12345678", issue_date=dt.date(2026, 11, 22),
                        bank="中国工商银行", photo=photo)
