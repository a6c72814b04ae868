"""The voucher, the rejection notice, the agreement, the guide and batch printing, checked
on the PDFs themselves (poppler, zbar, OpenCV)."""

import dataclasses
import re
from itertools import combinations

import cv2
import pytest

from counter_app.forms import document_layouts as L
from counter_app.forms.batch import cover_pages, render_batch, rows_per_cover_page
from counter_app.forms.city_config import load_form_config
from counter_app.forms.data import ApplicationSlip, BatchData, BatchEntry, GuideData
from counter_app.forms.grid import place_cells
from counter_app.forms.guide import render_guide
from counter_app.forms.qr import qr_payload
from counter_app.forms.registration import render_registration_form
from counter_app.forms.sample import sample_form_data
from counter_app.forms.slips import render_agreement, render_rejection_notice, render_voucher
from tests.unit.documents.support import needs_poppler, needs_zbar, page_image, run

pytestmark = needs_poppler

SLIP = ApplicationSlip(
    application_number="SC001-20261122-0007", business_type="新生儿参保申领", name="王䶮𠮷",
    id_type="居民户口簿", id_number="110105********0015", site_name="朝阳区社会保障服务中心",
    operator_name="李敏", date="2026-11-22", ready_by="2026-12-22",
    reasons=("材料不齐全", "缺少出生医学证明原件"), guardian_name="王建国")


@pytest.fixture(scope="module")
def config():
    return load_form_config()


def text_of(pdf) -> str:
    return run("pdftotext", "-layout", str(pdf), "-")


def pages_of(pdf) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M).group(1))


def assert_fonts_embedded_and_subset(pdf) -> None:
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5:-3] == ["yes", "yes"], row


def test_voucher_has_two_copies_with_every_field_and_a_readable_qr(config, tmp_path):
    pdf = tmp_path / "voucher.pdf"
    render_voucher(SLIP, config, pdf)
    text = text_of(pdf)
    for field in ("SC001-20261122-0007", "王䶮𠮷", "110105********0015", "2026-12-22",
                  "朝阳区社会保障服务中心", *config.voucher["copies"]):
        assert field in text
    assert text.count(config.voucher["title"]) == 2 and pages_of(pdf) == 1
    assert_fonts_embedded_and_subset(pdf)
    page = page_image(pdf)
    ok, texts, _, _ = cv2.QRCodeDetector().detectAndDecodeMulti(page)
    assert ok and list(texts) == [qr_payload(SLIP.application_number)] * 2


def test_rejection_notice_lists_every_reason(config, tmp_path):
    long_reason = "监护人居民身份证已过有效期，" * 12
    pdf = tmp_path / "notice.pdf"
    render_rejection_notice(dataclasses.replace(SLIP, reasons=(*SLIP.reasons, long_reason)),
                            config, pdf)
    flat = text_of(pdf).replace("\n", "").replace(" ", "")
    assert "1.材料不齐全" in flat and "2.缺少出生医学证明原件" in flat
    assert long_reason in flat  # wrapped over lines, none of it lost
    assert config.rejection_notice["title"] in flat and "王䶮𠮷" in flat
    assert_fonts_embedded_and_subset(pdf)


def test_agreement_has_its_clauses_and_signature_lines(config, tmp_path):
    pdf = tmp_path / "agreement.pdf"
    render_agreement(SLIP, config, pdf)
    flat = text_of(pdf).replace("\n", "").replace(" ", "")
    for clause in config.agreement["clauses"]:
        assert clause.replace(" ", "") in flat
    for label in config.agreement["signatures"]:
        assert label in flat
    assert "SC001-20261122-0007" in flat


def test_guide_prints_every_section_and_the_business_materials(config, tmp_path):
    data = GuideData("新生儿参保申领", ("户口簿", "出生医学证明"), ("照相馆照片回执",),
                     config.guide_by_business["newborn"], "朝阳区社会保障服务中心", "2026-11-22")
    pdf = tmp_path / "guide.pdf"
    render_guide(data, config, pdf)
    flat = text_of(pdf).replace("\n", "").replace(" ", "")
    for section in config.guide_sections:
        assert section.heading in flat
        for paragraph in section.paragraphs:
            assert paragraph.replace(" ", "") in flat
    assert "户口簿、出生医学证明" in flat and "照相馆照片回执" in flat
    assert config.guide_by_business["newborn"][0] in flat
    assert_fonts_embedded_and_subset(pdf)


def test_a_long_guide_flows_onto_more_pages(config, tmp_path):
    notes = tuple(f"第{i}条说明：" + "请按规定携带材料到受理网点办理。" * 6 for i in range(40))
    pdf = tmp_path / "guide.pdf"
    render_guide(GuideData("补卡", (), (), notes), config, pdf)
    assert pages_of(pdf) >= 2
    assert "第39条说明" in text_of(pdf)


def test_batch_has_a_cover_list_then_one_form_each(config, tmp_path):
    forms = [dataclasses.replace(sample_form_data(with_photo=False),
                                 application_number=f"SC001-20261122-{i:04d}") for i in range(1, 41)]
    entries = tuple(BatchEntry(f, SLIP if i == 0 else None) for i, f in enumerate(forms))
    seen = []
    pdf = tmp_path / "batch.pdf"
    render_batch(BatchData(entries, "示范网点", "李敏", "2026-11-22", "PL-SC001-1"), config, pdf,
                 progress=lambda done, total: seen.append((done, total)))
    assert cover_pages(40) == 2 and rows_per_cover_page() < 40
    assert pages_of(pdf) == 2 + 40 + 1  # cover, forms, one agreement
    assert seen == [(i, 40) for i in range(1, 41)]
    cover = run("pdftotext", "-layout", "-f", "1", "-l", "2", str(pdf), "-")
    assert all(f.application_number in cover for f in forms) and "共 40 份" in cover
    third = run("pdftotext", "-f", "3", "-l", "3", str(pdf), "-")
    assert "SC001-20261122-0001" in third and "社会保障卡申请登记表" in third
    assert_fonts_embedded_and_subset(pdf)


@pytest.mark.parametrize("rows", [L.NOTICE_GRID, L.AGREEMENT_GRID, L.voucher_grid(L.PAGE_HEIGHT)])
def test_document_tables_stay_on_the_page_without_overlap(rows):
    boxes = [cell.box for cell in place_cells(rows)]
    for box in boxes:
        assert L.MARGIN - 0.01 <= box.x and box.x + box.width <= L.PAGE_WIDTH - L.MARGIN + 0.01
    for a, b in combinations(boxes, 2):
        overlap_x = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
        overlap_y = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
        assert overlap_x <= 0.01 or overlap_y <= 0.01


@needs_zbar
def test_registration_form_barcode_reads_back_the_application_number(tmp_path):
    pdf = tmp_path / "form.pdf"
    render_registration_form(sample_form_data(), pdf)
    run("pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "page"))
    decoded = run("zbarimg", "--raw", "-q", "-Sdisable", "-Scode128.enable",
                  str(tmp_path / "page.png")).strip()
    assert decoded == sample_form_data().application_number


def test_missing_photo_leaves_a_box_with_a_note(tmp_path):
    pdf = tmp_path / "form.pdf"
    render_registration_form(dataclasses.replace(sample_form_data(), photo_jpeg=None,
                                                 photo_receipt_number=""), pdf)
    assert "未采集照片" in text_of(pdf)


def test_damaged_photo_prints_the_note_instead_of_failing(tmp_path, caplog):
    pdf = tmp_path / "form.pdf"
    render_registration_form(dataclasses.replace(sample_form_data(), photo_jpeg=b"\xff\xd8broken"),
                             pdf)
    assert "未采集照片" in text_of(pdf) and "cannot be read" in caplog.text


def test_every_field_of_the_registration_form_is_in_its_text(tmp_path):
    from counter_app.forms import layout
    from counter_app.forms.registration import field_text

    data = sample_form_data()
    pdf = tmp_path / "form.pdf"
    render_registration_form(data, pdf)
    flat = text_of(pdf).replace("\n", "").replace(" ", "")
    for cell in layout.place_cells():
        if cell.kind in ("label", "value"):
            expected = cell.content if cell.kind == "label" else field_text(data, cell.content)
            assert expected.replace(" ", "") in flat, cell.content
    assert "王䶮𠮷" in flat
