"""The social security card's face, printed at the counter (instant issuance). No Qt.

    load_card_layout(city="") -> CardLayout   resources/card_faces/<the city's>.toml
    render_card_face(data: CardFaceData, layout, fonts=None, *, guides=False) -> bytes
        a PDF, one page per side the city prints, each page exactly CR80 (85.6 × 54.0 mm)
    card_fonts(layout, configured=()) -> FontSet
    sample_card_face() -> CardFaceData        a fictitious cardholder (demo, tests)

Errors: CardLayoutError (a ConfigFileError: the file and the line) for a layout that
cannot be used, CardFaceError (a CounterError) for a card that cannot be printed right
(a text too long for its box, a character no font has, a damaged photo). Printing the
PDF on a card printer is counter_app/qt/card_printing.py.
"""

from counter_app.cardface.data import CardFaceData, sample_card_face
from counter_app.cardface.layout import (
    CR80_MM, CardLayout, CardLayoutError, load_card_layout, parse_card_layout)
from counter_app.cardface.render import CardFaceError, card_fonts, render_card_face

__all__ = [
    "CR80_MM",
    "CardFaceData",
    "CardFaceError",
    "CardLayout",
    "CardLayoutError",
    "card_fonts",
    "load_card_layout",
    "parse_card_layout",
    "render_card_face",
    "sample_card_face",
]
