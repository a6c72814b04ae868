"""Find Chinese TrueType fonts, register them with ReportLab, pick a font per character.

No single font covers every character a name may use: WenQuanYi covers the BMP and
CJK Ext A, Ext B characters such as 𠮷 need HanaMinB or SimSun-ExtB. So text is
split into runs, each drawn in the first font that has all of its glyphs.

Fonts are loaded lazily and through a metrics cache (font_faces.py): the primary font
when the first form is drawn, a fallback only when a character needs it. A process
that prints a form with 𠮷 loads two fonts in a few milliseconds.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from weakref import WeakKeyDictionary

import platformdirs
from reportlab.pdfbase import pdfmetrics
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

from counter_app import assets
from counter_app.config import APP_NAME
from counter_app.domain.errors import QT_TRANSLATE_NOOP, CounterError
from counter_app.forms import rl_unicode_fix
from counter_app.forms.font_faces import FONT_ERRORS, load_face

log = logging.getLogger(__name__)

BUNDLED_FONT_DIR = assets.resources() / "fonts"  # fonts a city ships with the program
COVERAGE_PROBE = "申请登记表"  # a font must draw these to serve as the primary font
CACHE_ENV = "COUNTER_FONT_CACHE"  # where parsed font metrics are kept (a directory)

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
# Windows's own Chinese fonts, all TrueType outlines (which ReportLab embeds), in search
# order. SimSun is the Song face forms are printed in; SimSun-ExtB comes right after it so
# that Ext B characters (𠮷) are drawn in the same Song style, not in a Hei face that
# happens to hold a few of them; Microsoft YaHei and SimHei for what SimSun lacks; SimSun-
# ExtG (Windows 11) for the newest extensions.
WINDOWS_FONT_FILES = ("simsun.ttc", "simsunb.ttf", "msyh.ttc", "simhei.ttf", "SimsunExtG.ttf")


MSG_FONTS_MISSING = QT_TRANSLATE_NOOP(
    "messages", "No Chinese TrueType font (.ttf/.ttc) was found, so forms cannot be printed. "
                "Searched: {searched}. Fix: install fonts-wqy-zenhei (Linux) or configure "
                "the path of a Chinese TrueType font such as simsun.ttc.")
MSG_FONTS_BROKEN = QT_TRANSLATE_NOOP(
    "messages", "No usable Chinese font: {broken} cannot be read (the file is damaged or "
                "is not a TrueType font), so forms cannot be printed. Searched: {searched}. "
                "Fix: replace the damaged file, or install fonts-wqy-zenhei (Linux) or "
                "configure another Chinese TrueType font such as simsun.ttc.")


class FontsMissingError(CounterError):
    """No usable Chinese font was found; printing forms is impossible."""

    code = "fonts_missing"

    def __init__(self, searched: list[Path], broken: list[Path] | None = None):
        self.searched, self.broken = searched, broken or []
        listed = ", ".join(str(p) for p in searched) or "-"
        if self.broken:
            super().__init__(MSG_FONTS_BROKEN, searched=listed,
                             broken=", ".join(str(p) for p in self.broken))
        else:
            super().__init__(MSG_FONTS_MISSING, searched=listed)


class FontSet:
    """The primary font and the fallbacks (registered ReportLab names), in search order.

    Fallback fonts are registered the first time a character needs one.
    """

    def __init__(self, primary: str, fallback_paths: dict[str, Path], paths: dict[str, Path],
                 cache_dir: Path | None) -> None:
        self.primary = primary
        self.fallbacks = tuple(fallback_paths)
        self.paths = {**paths, **fallback_paths}
        self._unloaded = dict(fallback_paths)
        self._cache_dir = cache_dir
        self._fonts_of_chars: dict[str, str | None] = {}

    @property
    def names(self) -> tuple[str, ...]:
        return (self.primary, *self.fallbacks)

    def font_for(self, char: str) -> str | None:
        """First font with a glyph for ``char``, or None when no font has one."""
        try:
            return self._fonts_of_chars[char]
        except KeyError:
            found = self._fonts_of_chars[char] = self._search(ord(char))
            return found

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

    def _search(self, code: int) -> str | None:
        for name in self.names:
            if self._load(name) and code in _glyph_map(name):
                return name
        return None

    def _load(self, name: str) -> bool:
        if name not in self._unloaded:
            return True
        with _register_lock:
            path = self._unloaded.pop(name, None)
            if path is not None and not _register(path, self._cache_dir, name):
                log.warning("fallback font %s is unusable; skipped", path.name)
        return name in _registered.values()


def default_cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir(APP_NAME)) / "fonts"


def _glyph_map(font_name: str):
    return pdfmetrics.getFont(font_name).face.charToGlyph


_lock = threading.Lock()
_register_lock = threading.RLock()  # font files are registered from any thread, once
_registered: dict[Path, str] = {}  # font file -> registered name; registration is per process
_fontsets: dict[tuple, FontSet] = {}


def find_fonts(
    configured: list[str] | None = None,
    *,
    search_bundled: bool = True,
    search_system: bool = True,
    cache_dir: Path | None = None,
) -> FontSet:
    """The fonts found, in search order; cached per process. FontsMissingError if none
    of them draws Chinese."""
    key = (tuple(configured or ()), search_bundled, search_system)
    with _lock:
        if key not in _fontsets:
            candidates = _candidate_paths(configured or [], search_bundled, search_system)
            _fontsets[key] = _build_fontset(candidates, cache_dir or default_cache_dir())
        return _fontsets[key]


def split_runs(text: str, fonts: FontSet | None = None) -> list[tuple[str, str]]:
    return (fonts or find_fonts()).split_runs(text)


def missing_characters(text: str, fonts: FontSet | None = None) -> set[str]:
    return (fonts or find_fonts()).missing_characters(text)


def _candidate_paths(configured: list[str], bundled: bool, system: bool) -> list[Path]:
    paths = [Path(p) for p in configured]
    if bundled and BUNDLED_FONT_DIR.is_dir():
        paths += sorted(assets.real_path(entry) for entry in BUNDLED_FONT_DIR.iterdir()
                        if entry.name.lower().endswith((".ttf", ".ttc")))
    if system:
        paths += system_font_paths()
    return paths


def system_font_paths(platform: str = sys.platform,
                      environ: Mapping[str, str] = os.environ) -> list[Path]:
    """The operating system's Chinese fonts to try, in search order (they may not exist)."""
    if platform == "win32":
        return windows_font_paths(environ)
    return [Path(p) for p in _LINUX_FONTS]


def windows_font_paths(environ: Mapping[str, str]) -> list[Path]:
    """WINDOWS_FONT_FILES in the system's font folder, then in the user's own: Windows 10
    (1809) and later install a font "for this user only" under %LOCALAPPDATA%, which is
    what a clerk without administrator rights can do."""
    return [folder / name for folder in windows_font_folders(environ)
            for name in WINDOWS_FONT_FILES]


def windows_font_folders(environ: Mapping[str, str]) -> list[Path]:
    # %WINDIR% rather than C:\Windows: Windows may be installed on another drive or folder.
    windows = environ.get("WINDIR") or environ.get("SYSTEMROOT") or r"C:\Windows"
    folders = [Path(windows, "Fonts")]
    if environ.get("LOCALAPPDATA"):
        folders.append(Path(environ["LOCALAPPDATA"], "Microsoft", "Windows", "Fonts"))
    return folders


def _build_fontset(candidates: list[Path], cache_dir: Path | None) -> FontSet:
    """Register candidates until one covers Chinese; the rest become lazy fallbacks."""
    existing = list(dict.fromkeys(p.expanduser().resolve() for p in candidates if p.is_file()))
    loaded: dict[str, Path] = {}
    broken: list[Path] = []
    for position, path in enumerate(existing):
        name = _register(path, cache_dir)
        if name is None:
            broken.append(path)
            continue
        loaded[name] = path
        if _covers(name, COVERAGE_PROBE):
            fallbacks = {_name_for(p): p for p in existing[position + 1:]}
            log.info("form fonts: primary %s, %d fallbacks", name, len(loaded) - 1 + len(fallbacks))
            others = {n: p for n, p in loaded.items() if n != name}
            return FontSet(name, {**others, **fallbacks}, {name: path}, cache_dir)
    raise FontsMissingError(candidates, broken)


def _covers(font_name: str, text: str) -> bool:
    glyphs = _glyph_map(font_name)
    return all(ord(c) in glyphs for c in text)


def _register(path: Path, cache_dir: Path | None, name: str | None = None) -> str | None:
    """Register a font file once; None when it is damaged or not TrueType-outline."""
    with _register_lock:
        if path in _registered:
            return _registered[path]
        try:
            font = _CachedTTFont(name or _name_for(path), load_face(path, cache_dir))
        except FONT_ERRORS as exc:  # CFF-based OTF, broken or unreadable file
            log.warning("skipping font %s: %s", path.name, exc)
            return None
        rl_unicode_fix.install()
        pdfmetrics.registerFont(font)
        _registered[path] = font.fontName
        return font.fontName


class _CachedTTFont(TTFont):
    """A TTFont around a face from font_faces.py (TTFont.__init__ would parse the file)."""

    def __init__(self, name: str, face) -> None:  # noqa: super-init-not-called
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = False  # Chinese needs no HarfBuzz shaping


_names_given: dict[Path, str] = {}


def _name_for(path: Path) -> str:
    """A ReportLab font name for ``path``, unique in this process, fixed once given."""
    if path in _registered:
        return _registered[path]
    if path not in _names_given:
        taken = set(pdfmetrics.getRegisteredFontNames()) | set(_names_given.values())
        name, n = path.stem, 1
        while name in taken:
            n += 1
            name = f"{path.stem}-{n}"
        _names_given[path] = name
    return _names_given[path]
