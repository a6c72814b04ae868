"""Canaries for the ReportLab internals forms/ relies on. pyproject.toml pins ReportLab to
the minor release these pass with; before moving the pin, run this file against the new
release: a failure names the module of ours to revisit.

- rl_unicode_fix.py replaces ttfonts.makeToUnicodeCMap (ToUnicode maps beyond the BMP);
- font_faces.py restores a TTFontFace from cached metrics without parsing the font;
- fonts.py builds a TTFont around that face without TTFont.__init__;
- jpeg.py hands a JPEG to drawImage as an ImageReader that never opens PIL.
"""

from __future__ import annotations

import inspect
import io
import re
import zlib

import pytest
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics, pdfutils, ttfonts
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms import font_faces, fonts, jpeg, rl_unicode_fix
from counter_app.services.demo import DEMO_PHOTO
from tests.unit.documents.support import needs_poppler, run

RARE_NAME = "王䶮𠮷"  # U+4DAE (Ext A, in the BMP), U+20BB7 (Ext B, beyond it)


def revisit(module: str, what: str) -> str:
    return f"ReportLab changed {what}: revisit counter_app/forms/{module} before upgrading"


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


@pytest.fixture(scope="module")
def font_set():
    return fonts.find_fonts()


@pytest.fixture(scope="module")
def rare_pdf(font_set, tmp_path_factory) -> bytes:
    """A page with RARE_NAME in our fonts, streams uncompressed to read the maps."""
    out = tmp_path_factory.mktemp("canary") / "rare.pdf"
    canvas = Canvas(str(out), pageCompression=0)
    x = 72
    for name, run_text in font_set.split_runs(RARE_NAME):
        canvas.setFont(name, 14)
        canvas.drawString(x, 700, run_text)
        x += pdfmetrics.stringWidth(run_text, name, 14)
    canvas.save()
    return out.read_bytes()


# --- rl_unicode_fix.py ------------------------------------------------------------------

def test_the_to_unicode_map_comes_from_the_module_function_we_replace():
    assert parameters(rl_unicode_fix.REPORTLAB_MAKE_CMAP) == ["fontname", "subset"], \
        revisit("rl_unicode_fix.py", "makeToUnicodeCMap's signature")
    assert "makeToUnicodeCMap(" in inspect.getsource(ttfonts.TTFont.addObjects), \
        revisit("rl_unicode_fix.py", "how TTFont.addObjects makes the ToUnicode map")


def test_with_the_fix_a_character_beyond_the_bmp_maps_to_its_surrogate_pair(rare_pdf):
    assert ttfonts.makeToUnicodeCMap is rl_unicode_fix.make_to_unicode_cmap
    targets = set(re.findall(rb"<[0-9A-F]{2}> <([0-9A-F]+)>", rare_pdf))
    assert b"D842DFB7" in targets and b"4DAE" in targets, \
        revisit("rl_unicode_fix.py", "the ToUnicode maps written")


@needs_poppler
def test_a_rare_character_name_round_trips_through_text_extraction(rare_pdf, tmp_path):
    pdf = tmp_path / "rare.pdf"
    pdf.write_bytes(rare_pdf)
    assert run("pdftotext", str(pdf), "-").strip() == RARE_NAME, \
        revisit("rl_unicode_fix.py", "text extraction of rare characters")


def test_reportlab_itself_still_writes_a_wrong_map_beyond_the_bmp():
    """Fails the day ReportLab writes UTF-16 itself: rl_unicode_fix.py may then go."""
    cmap = rl_unicode_fix.REPORTLAB_MAKE_CMAP("F1", [0x41, 0x20BB7])
    assert "<01> <20BB7>" in cmap, revisit("rl_unicode_fix.py", "(fixed?) its ToUnicode maps")


# --- font_faces.py ------------------------------------------------------------------

def test_a_face_parses_with_the_arguments_and_attributes_font_faces_uses(font_set):
    path = font_set.paths[font_set.primary]
    face = ttfonts.TTFontFace(str(path), subfontIndex=0)
    attributes = set(vars(face))
    missing = (font_faces._DROPPED | {"tables", "defaultWidth", "name"}) - attributes
    assert not missing, revisit("font_faces.py", f"TTFontFace's attributes (no {missing})")
    assert {"tag", "offset", "length"} <= set(face.tables[0]), \
        revisit("font_faces.py", "the table records")
    for method, expected in (("get_table", ["self", "tag"]), ("get_table_pos", ["self", "tag"]),
                             ("makeSubset", ["self", "subset"]),
                             ("getCharWidth", ["self", "code"])):
        assert parameters(getattr(ttfonts.TTFontFace, method)) == expected, \
            revisit("font_faces.py", f"TTFontFace.{method}")
    assert parameters(pdfmetrics.TypeFace.__init__) == ["self", "name"], \
        revisit("font_faces.py", "TypeFace.__init__")
    assert isinstance(ttfonts.TTFError(), Exception) and ttfonts.TTFNameBytes(b"x") == b"x"


@pytest.mark.parametrize("char", ["申", RARE_NAME[-1]])
def test_a_cached_face_subsets_and_measures_like_a_parsed_one(font_set, tmp_path, char):
    path = font_set.paths[font_set.font_for(char)]
    parsed = ttfonts.TTFontFace(str(path), subfontIndex=0)
    font_faces.load_face(path, tmp_path)  # writes the cache
    cached = font_faces.load_face(path, tmp_path)  # and this one reads it
    not_restored = {"_pdfScale", "glyphToChar"}  # dropped on purpose: subsetting needs neither
    lacking = set(vars(parsed)) - not_restored - set(vars(cached))
    assert not lacking, revisit("font_faces.py", f"the face's attributes (new: {lacking})")
    subset = [0x20, 0x41, ord(char), ord("请")]
    assert cached.makeSubset(subset) == parsed.makeSubset(subset), \
        revisit("font_faces.py", "TTFontFace.makeSubset (what it reads of the face)")
    assert [cached.getCharWidth(c) for c in subset] == [parsed.getCharWidth(c) for c in subset]


# --- fonts.py (TTFont without its __init__) ---------------------------------------------

def test_our_ttfont_has_what_ttfont_init_sets(font_set, tmp_path):
    path = font_set.paths[font_set.primary]
    assert parameters(ttfonts.TTFont.__init__)[:3] == ["self", "name", "filename"]
    real = ttfonts.TTFont("CanaryReal", str(path))
    ours = fonts._CachedTTFont("CanaryOurs", font_faces.load_face(path, tmp_path))
    assert set(vars(ours)) == set(vars(real)), \
        revisit("fonts.py", "what TTFont.__init__ sets (_CachedTTFont copies it)")


# --- jpeg.py ------------------------------------------------------------------------

def test_draw_image_takes_a_jpeg_from_jpeg_fh_as_it_is(tmp_path):
    assert parameters(pdfutils.readJPEGInfo) == ["image"], revisit("jpeg.py", "readJPEGInfo")
    assert "jpeg_fh" in inspect.getsource(pdfdoc.PDFImageXObject.__init__), \
        revisit("jpeg.py", "how PDFImageXObject recognises an ImageReader")
    photo = DEMO_PHOTO.read_bytes()
    image = jpeg.JpegImage(photo)
    assert isinstance(image, ImageReader)
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=0)
    canvas.drawImage(image, 72, 72, width=120, height=148)
    canvas.save()
    pdf = out.getvalue()
    assert b"/DCTDecode" in pdf and photo in pdf, \
        revisit("jpeg.py", "how drawImage embeds an ImageReader's JPEG")
    assert zlib.compress(photo) not in pdf  # not decoded and re-encoded
