"""Find Chinese TrueType fonts, register them with ReportLab, pick a font per character.

No single font covers every character a name may use: WenQuanYi covers the BMP and
CJK Ext A, Ext B characters such as 𠮷 need HanaMinB or SimSun-ExtB. So text is
split into runs, each drawn in the first font that has all of its glyphs.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.forms import rl_unicode_fix

log = logging.getLogger(__name__)

BUNDLED_FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
COVERAGE_PROBE = "申请登记表"  # a font must draw these to serve as the primary font

_LINUX_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    # B before A: A holds only a few Ext B characters; take them all from B, in one style.
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
)
_WINDOWS_FONTS = ("simsun.ttc", "simhei.ttf", "msyh.ttc", "simsunb.ttf", "SimsunExtG.ttf")


MSG_FONTS_MISSING = QT_TRANSLATE_NOOP(
    "messages", "No Chinese TrueType font (.ttf/.ttc) was found, so forms cannot be printed. "
                "Searched: {searched}. Fix: install fonts-wqy-zenhei (Linux) or configure "
                "the path of a Chinese TrueType font such as simsun.ttc.")


class FontsMissingError(CounterError):
    """No usable Chinese font was found; printing forms is impossible."""

    code = "fonts_missing"

    def __init__(self, searched: list[Path]):
        self.searched = searched
        listed = ", ".join(str(p) for p in searched) or "-"
        super().__init__(MSG_FONTS_MISSING, searched=listed)


@dataclass(frozen=True)
class FontSet:
    """Registered ReportLab font names: the primary one first, then the fallbacks."""

    primary: str
    fallbacks: tuple[str, ...] = ()
    paths: dict[str, Path] = field(default_factory=dict, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.primary, *self.fallbacks)

    def font_for(self, char: str) -> str | None:
        """First font with a glyph for ``char``, or None when no font has one."""
        code = ord(char)
        for name in self.names:
            if code in _glyph_map(name):
                return name
        return None

    def split_runs(self, text: str) -> list[tuple[str, str]]:
        """Split ``text`` into (font name, run) pairs; unknown characters use the primary."""
        runs: list[tuple[str, str]] = []
        for char in text:
            font = self.font_for(char) or self.primary
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def missing_characters(self, text: str) -> set[str]:
        """Characters no font can draw (they would print as empty boxes)."""
        return {char for char in set(text) if self.font_for(char) is None}


def _glyph_map(font_name: str) -> dict[int, int]:
    return pdfmetrics.getFont(font_name).face.charToGlyph


_lock = threading.Lock()
_registered: dict[Path, str] = {}  # font file -> registered name; registration is per process
_fontsets: dict[tuple, FontSet] = {}


def find_fonts(
    configured: list[str] | None = None,
    *,
    search_bundled: bool = True,
    search_system: bool = True,
) -> FontSet:
    """Register every usable font found, in search order; cached per process."""
    key = (tuple(configured or ()), search_bundled, search_system)
    with _lock:
        if key not in _fontsets:
            candidates = _candidate_paths(configured or [], search_bundled, search_system)
            _fontsets[key] = _build_fontset(candidates)
        return _fontsets[key]


def split_runs(text: str, fonts: FontSet | None = None) -> list[tuple[str, str]]:
    return (fonts or find_fonts()).split_runs(text)


def missing_characters(text: str, fonts: FontSet | None = None) -> set[str]:
    return (fonts or find_fonts()).missing_characters(text)


def _candidate_paths(configured: list[str], bundled: bool, system: bool) -> list[Path]:
    paths = [Path(p) for p in configured]
    if bundled and BUNDLED_FONT_DIR.is_dir():
        paths += sorted(p for p in BUNDLED_FONT_DIR.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))
    if system:
        paths += _system_font_paths()
    return paths


def _system_font_paths() -> list[Path]:
    if sys.platform.startswith("win"):
        font_dir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        return [font_dir / name for name in _WINDOWS_FONTS]
    return [Path(p) for p in _LINUX_FONTS]


def _build_fontset(candidates: list[Path]) -> FontSet:
    loaded = [(name, path) for path in candidates if (name := _register(path))]
    primary = next((n for n, _ in loaded if _covers(n, COVERAGE_PROBE)), None)
    if primary is None:
        raise FontsMissingError(candidates)
    fallbacks = tuple(dict.fromkeys(n for n, _ in loaded if n != primary))
    log.info("form fonts: primary %s, %d fallbacks", primary, len(fallbacks))
    return FontSet(primary, fallbacks, dict(loaded))


def _covers(font_name: str, text: str) -> bool:
    glyphs = _glyph_map(font_name)
    return all(ord(c) in glyphs for c in text)


def _register(path: Path) -> str | None:
    """Register a font file once; None when it is missing or not TrueType-outline."""
    path = path.expanduser().resolve()
    if path in _registered:
        return _registered[path]
    if not path.is_file():
        return None
    try:
        # Only the first face of a collection: the regular style in simsun/wqy.
        font = TTFont(_unused_name(path), str(path), subfontIndex=0)
    except (TTFError, OSError) as exc:  # CFF-based OTF, broken or unreadable file
        log.warning("skipping font %s: %s", path, exc)
        return None
    rl_unicode_fix.install()
    pdfmetrics.registerFont(font)
    _registered[path] = font.fontName
    return font.fontName


def _unused_name(path: Path) -> str:
    taken = set(pdfmetrics.getRegisteredFontNames())
    name, n = path.stem, 1
    while name in taken:
        n += 1
        name = f"{path.stem}-{n}"
    return name
