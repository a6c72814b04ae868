"""Load TrueType faces fast: parse a font once, keep its metrics in a cache file.

ReportLab parses a whole CJK font (cmap, hmtx and loca for 40,000-60,000 glyphs) in
0.15-0.3 s, every time a process starts. Here the parsed metrics are written once to
``cache_dir`` as plain arrays (no pickle: a cache file is data, never code) and read
back in about a millisecond; the font file itself is memory-mapped, so only the glyphs
a subset needs are ever read. A cache entry is keyed by the file's path, size and
modification time, so a replaced or damaged font is parsed again.

``CachedFace`` is a ReportLab ``TTFontFace``; ReportLab 5.1's subsetting runs on it
unchanged. It also stops ReportLab from copying the whole ``glyf`` table (15-30 MB)
for every document it embeds the font in.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import struct
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFNameBytes, TTFontFace

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
MAGIC = b"COUNTER-FONT-METRICS\n"
_NAME_FIELDS = ("name", "familyName", "styleName", "fullName", "uniqueFontID", "subfontNameX")
_TABLES = ("codes", "glyphs", "widths", "glyph_pos", "advances", "side_bearings")
_TYPECODES = {"codes": "I", "glyphs": "I", "widths": "d", "glyph_pos": "I",
              "advances": "I", "side_bearings": "i"}
_DROPPED = {"_ttf_data", "_pos", "_pdfScale", "glyphToChar", "charToGlyph", "charWidths",
            "glyphPos", "hmetrics"}
# Anything that may go wrong reading a font that is not what it claims to be.
FONT_ERRORS = (TTFError, OSError, struct.error, ValueError, IndexError, KeyError, TypeError)


class CodeTable(Mapping):
    """Read-only {code point: value} over two sorted arrays: no dict to build at start-up."""

    def __init__(self, codes: array, values: array) -> None:
        self._codes, self._values = codes, values

    def __getitem__(self, code: int):
        i = bisect_left(self._codes, code)
        if i < len(self._codes) and self._codes[i] == code:
            return self._values[i]
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        i = bisect_left(self._codes, code)
        return i < len(self._codes) and self._codes[i] == code

    def __iter__(self) -> Iterator[int]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


class MetricPairs(Sequence):
    """``hmetrics[glyph] -> (advance, left side bearing)`` over two arrays."""

    def __init__(self, advances: array, side_bearings: array) -> None:
        self._advances, self._side_bearings = advances, side_bearings

    def __getitem__(self, glyph):  # type: ignore[override]
        return self._advances[glyph], self._side_bearings[glyph]

    def __len__(self) -> int:
        return len(self._advances)


class _TableWindow:
    """Slices of one table read straight from the mapped file (no whole-table copy)."""

    def __init__(self, data, start: int) -> None:
        self._data, self._start = data, start

    def __getitem__(self, part: slice) -> bytes:
        return bytes(self._data[self._start + part.start:self._start + part.stop])


class CachedFace(TTFontFace):
    """A ReportLab face restored from cached metrics over a memory-mapped font file."""

    def __init__(self, path: Path, attributes: dict, tables: dict[str, array]) -> None:
        pdfmetrics.TypeFace.__init__(self, None)
        self.__dict__.update(attributes)
        self.charToGlyph = CodeTable(tables["codes"], tables["glyphs"])
        self.charWidths = CodeTable(tables["codes"], tables["widths"])
        self.glyphPos = tables["glyph_pos"]
        self.hmetrics = MetricPairs(tables["advances"], tables["side_bearings"])
        self._ttf_data = _map_file(path)
        self._pos = 0

    def get_table(self, tag: str):
        if tag == "glyf":  # makeSubset only slices single glyphs out of it
            return _TableWindow(self._ttf_data, self.get_table_pos(tag)[0])
        return super().get_table(tag)


def load_face(path: Path, cache_dir: Path | None) -> CachedFace:
    """The first face of ``path``; TTFError (or OSError) when it is not a usable font."""
    stat = path.stat()
    cache_file = _cache_file(path, stat, cache_dir) if cache_dir else None
    cached = _read_cache(cache_file) if cache_file else None
    if cached is None:
        cached = _parse(path, stat.st_size)
        if cache_file:
            _write_cache(cache_file, *cached)
    return CachedFace(path, *cached)


def _parse(path: Path, file_size: int) -> tuple[dict, dict[str, array]]:
    face = TTFontFace(str(path), subfontIndex=0)  # the regular style of a collection
    _check_tables_inside_file(face, file_size)
    codes = sorted(face.charToGlyph)
    tables = {
        "codes": array("I", codes),
        "glyphs": array("I", (face.charToGlyph[c] for c in codes)),
        "widths": array("d", (face.charWidths[c] for c in codes)),
        "glyph_pos": array("I", face.glyphPos),
        "advances": array("I", (int(a) for a, _ in face.hmetrics)),
        "side_bearings": array("i", (int(b) for _, b in face.hmetrics)),
    }
    attributes = {k: v for k, v in face.__dict__.items() if k not in _DROPPED}
    return attributes, tables


def _check_tables_inside_file(face: TTFontFace, file_size: int) -> None:
    """A truncated file parses fine up to the glyphs; catch it now, not while printing."""
    for record in face.tables:
        if record["offset"] + record["length"] > file_size:
            raise TTFError(f"table {record['tag']} lies beyond the end of the file")
    if face.glyphPos and face.get_table_pos("glyf")[1] < face.glyphPos[-1]:
        raise TTFError("glyph table shorter than its index")


def _map_file(path: Path):
    with path.open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _cache_file(path: Path, stat: os.stat_result, cache_dir: Path) -> Path:
    key = f"{CACHE_FORMAT}|{reportlab.Version}|{path}|{stat.st_size}|{stat.st_mtime_ns}"
    return cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.metrics"


def _write_cache(target: Path, attributes: dict, tables: dict[str, array]) -> None:
    header = json.dumps({"attributes": _encode(attributes),
                         "lengths": {name: len(tables[name]) for name in _TABLES}}).encode()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}-{threading.get_ident()}.part")
        with partial.open("wb") as out:
            out.write(MAGIC + struct.pack("<I", len(header)) + header)
            for name in _TABLES:
                out.write(tables[name].tobytes())
        os.replace(partial, target)
    except OSError as exc:  # a read-only cache only costs time
        log.warning("font metrics cache not written: %s", exc)


def _read_cache(source: Path) -> tuple[dict, dict[str, array]] | None:
    try:
        blob = source.read_bytes()
        if not blob.startswith(MAGIC):
            return None
        at = len(MAGIC)
        (header_length,) = struct.unpack_from("<I", blob, at)
        header = json.loads(blob[at + 4:at + 4 + header_length])
        at += 4 + header_length
        tables = {}
        for name in _TABLES:
            table = array(_TYPECODES[name])
            end = at + header["lengths"][name] * table.itemsize
            table.frombytes(blob[at:end])
            tables[name], at = table, end
        if at != len(blob):
            return None
        return _decode(header["attributes"]), tables
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, struct.error) as exc:
        log.warning("font metrics cache unreadable, parsing the font again: %s", exc)
        return None


def _encode(attributes: dict) -> dict:
    """JSON-safe copy: bytes become latin-1 text (the name fields are bytes)."""
    return {k: v.decode("latin-1") if isinstance(v, bytes) else v for k, v in attributes.items()}


def _decode(attributes: dict) -> dict:
    decoded = dict(attributes)
    for key in _NAME_FIELDS:
        if key in decoded:
            raw = decoded[key].encode("latin-1")
            decoded[key] = raw if key == "subfontNameX" else TTFNameBytes(raw)
    decoded["ttfVersions"] = tuple(decoded.get("ttfVersions", ()))
    decoded["fontRevision"] = tuple(decoded.get("fontRevision", ()))
    return decoded
