import dataclasses
import io
import re
import shutil
import subprocess
from itertools import combinations
from pathlib import Path

import cv2
import pytest
from stdnum.cn import ric

from counter_app.forms import layout
from counter_app.forms.data import AgentBlock
from counter_app.forms.qr import parse_qr_payload, qr_payload
from counter_app.forms.registration import render_registration_form
from counter_app.forms.sample import sample_form_data

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo", "zbarimg")),
    reason="needs poppler-utils and zbar-tools",
)
# Characters used only in the long address, so its words can be told apart from the rest.
ADDRESS_CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未酉戌亥"
LONG_ADDRESS = "".join(ADDRESS_CHARS[i % len(ADDRESS_CHARS)] for i in range(200))


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def sample():
    return sample_form_data()


@pytest.fixture(scope="module")
def sample_pdf(sample, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("form") / "form.pdf"
    render_registration_form(sample, path)
    return path


def render(tmp_path: Path, **changes) -> Path:
    path = tmp_path / "form.pdf"
    render_registration_form(dataclasses.replace(sample_form_data(), **changes), path)
    return path


def test_extracted_text_has_rare_name_ids_and_materials(sample, sample_pdf):
    text = run("pdftotext", "-layout", str(sample_pdf), "-")
    for expected in (sample.name, sample.id_number, sample.guardian.name, sample.guardian.id_number,
                     sample.application_number, layout.TITLE, *sample.materials):
        assert expected in text
    assert "王䶮𠮷" in text  # Ext A and Ext B survive extraction (ToUnicode fix)


def test_every_font_is_embedded_and_subset(sample_pdf):
    rows = run("pdffonts", str(sample_pdf)).splitlines()[2:]
    assert len(rows) >= 2  # WenQuanYi plus the Ext B font
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_qr_code_decodes_with_opencv_and_zbar(sample, sample_pdf, tmp_path):
    run("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", str(sample_pdf), str(tmp_path / "page"))
    png = tmp_path / "page.png"
    decoded_cv, _, _ = cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(png)))
    decoded_zbar = run("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)).strip()
    expected = qr_payload(sample.application_number)
    assert decoded_cv == expected
    assert decoded_zbar == expected
    assert parse_qr_payload(decoded_zbar) == sample.application_number


def test_qr_payload_with_wrong_checksum_is_rejected():
    number, _, check = qr_payload("A2026112200001").rpartition(":")
    tampered = f"{number}:{'0000' if check != '0000' else '1111'}"
    with pytest.raises(ValueError):
        parse_qr_payload(tampered)
    with pytest.raises(ValueError):
        parse_qr_payload("A2026112200001")


def test_long_address_wraps_inside_its_cell_on_one_page(tmp_path):
    pdf = render(tmp_path, household_address=LONG_ADDRESS)
    words = _address_words(run("pdftotext", "-bbox", str(pdf), "-"))
    cell = next(c.box for c in layout.place_cells() if c.content == "household_address")
    top, bottom = layout.PAGE_HEIGHT - (cell.y + cell.height), layout.PAGE_HEIGHT - cell.y
    assert "".join(w for w, *_ in words) == LONG_ADDRESS
    assert len(words) > 1  # it really wrapped
    for _, x_min, y_min, x_max, y_max in words:
        assert cell.x <= x_min and x_max <= cell.x + cell.width
        assert top <= y_min and y_max <= bottom
    assert "Pages:           1" in run("pdfinfo", str(pdf))


def test_table_cells_do_not_overlap_and_stay_on_the_page():
    boxes = [c.box for c in layout.place_cells()]
    for box in boxes:
        assert layout.MARGIN <= box.x and box.x + box.width <= layout.PAGE_WIDTH - layout.MARGIN + 0.01
        assert box.y >= layout.MARGIN
    for a, b in combinations(boxes, 2):
        overlap_x = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
        overlap_y = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
        assert overlap_x <= 0.01 or overlap_y <= 0.01


def test_an_agent_is_printed_in_full_and_the_form_keeps_to_one_page(tmp_path):
    agent = AgentBlock(name="赵𠮷代", id_type="居民身份证", id_number="11010519491231002X",
                       phone="13700137000", relation="祖父")
    pdf = render(tmp_path, presenter_label="代办人", agent=agent)
    text = run("pdftotext", "-layout", str(pdf), "-")
    for value in (agent.name, agent.id_number, agent.phone, agent.relation, "代办人"):
        assert value in text
    assert "Pages:           1" in run("pdfinfo", str(pdf))
    bottoms = re.findall(r'yMax="([\d.]+)"', run("pdftotext", "-bbox", str(pdf), "-"))
    lowest = max(float(y) for y in bottoms)
    assert lowest <= layout.PAGE_HEIGHT - layout.MARGIN  # the signature lines too


def test_photo_is_embedded_as_jpeg(sample_pdf):
    images = run("pdfimages", "-list", str(sample_pdf)).splitlines()[2:]
    assert len(images) == 1 and " jpeg " in images[0]


def test_receipt_number_and_dashes_without_photo_or_guardian(tmp_path):
    pdf = render(tmp_path, photo_jpeg=None, photo_receipt_number="ZP20261122-0001", guardian=None)
    text = run("pdftotext", "-layout", str(pdf), "-")
    assert "照片回执号：" in text and "ZP20261122-0001" in text
    assert "王建国" not in text
    assert text.count(layout.EMPTY_BLOCK) == 10  # the guardian's five cells, the agent's five
    assert run("pdfimages", "-list", str(pdf)).splitlines()[2:] == []


def test_metadata_carries_no_personal_data(sample, sample_pdf):
    info = run("pdfinfo", str(sample_pdf))
    assert re.search(rf"^Title:\s+{layout.TITLE}$", info, re.M)
    assert sample.name not in info and sample.id_number not in info


def test_missing_glyph_warning_does_not_leak_the_character(tmp_path, caplog):
    rare = "\U0010fffd"
    render(tmp_path, occupation=f"职业{rare}")
    assert "no glyph" in caplog.text
    assert rare not in caplog.text


def test_renders_into_a_binary_stream(sample):
    buffer = io.BytesIO()
    render_registration_form(sample, buffer)
    assert buffer.getvalue().startswith(b"%PDF")


def test_sample_id_numbers_are_valid():
    sample = sample_form_data(with_photo=False)
    assert ric.is_valid(sample.id_number)
    assert ric.is_valid(sample.guardian.id_number)


def _address_words(bbox_html: str) -> list[tuple[str, float, float, float, float]]:
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox_html)
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in words if w and set(w) <= set(ADDRESS_CHARS)]
