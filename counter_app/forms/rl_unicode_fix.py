"""Make ReportLab's ToUnicode maps correct for characters beyond the BMP.

ReportLab writes each ToUnicode entry as ``<%04X>``, so U+20BB7 (𠮷) becomes the
odd-length ``<20BB7>`` and text extraction, search and copy-paste return a wrong
character. ToUnicode targets must be UTF-16BE, i.e. a surrogate pair for such
characters. Rare-character names are the reason this app exists, so we fix it.
"""

from __future__ import annotations

from reportlab.pdfbase import ttfonts

# ReportLab's own, kept so tests/unit/forms/test_reportlab_canaries.py can tell when a
# ReportLab release makes this fix unnecessary.
REPORTLAB_MAKE_CMAP = ttfonts.makeToUnicodeCMap


def _utf16_hex(code_point: int) -> str:
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """Same CMap as ReportLab's, with UTF-16BE targets."""
    entries = [f"<{code:02X}> <{_utf16_hex(cp)}>" for code, cp in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *entries,
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


def install() -> None:
    """Idempotent; ReportLab looks the function up by module global at save time."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
