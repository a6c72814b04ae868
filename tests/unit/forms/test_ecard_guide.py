"""The e-card guide (issue 16), checked on the PDF: one page, the channels, the steps, the
family route for a child and the lost-card paragraph in its text, the fonts embedded, and
a QR code that zbar reads as the city's page."""

from __future__ import annotations

import dataclasses

import pytest

from counter_app.domain.ecard import load_ecard_guide
from counter_app.forms.ecard_guide import render_ecard_guide
from tests.unit.documents.support import needs_poppler, needs_zbar, run
from tests.unit.forms.test_documents import assert_fonts_embedded_and_subset, pages_of

pytestmark = needs_poppler


@pytest.fixture(scope="module")
def guide():
    return load_ecard_guide()


@pytest.fixture(scope="module")
def guide_pdf(guide, tmp_path_factory):
    pdf = tmp_path_factory.mktemp("ecard") / "guide.pdf"
    render_ecard_guide(guide, pdf, site_name="朝阳区社会保障服务中心", date="2026-12-01")
    return pdf


def flat_text(pdf) -> str:
    """The page's words with the line breaks and spaces of wrapping taken out."""
    return "".join(run("pdftotext", str(pdf), "-").split())


def decoded_qr(pdf, tmp_path) -> list[str]:
    run("pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "page"))
    return run("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable",
               str(tmp_path / "page.png")).split()


def test_the_guide_is_one_page_with_its_fonts_embedded(guide_pdf, guide):
    assert pages_of(guide_pdf) == 1
    assert_fonts_embedded_and_subset(guide_pdf)
    assert f"Title:{guide.title}" in "".join(run("pdfinfo", str(guide_pdf)).split())


def test_the_channels_and_the_steps_are_on_it(guide_pdf, guide):
    text = flat_text(guide_pdf)
    assert guide.title in text
    for channel in guide.channels:
        assert channel.name.replace(" ", "") in text
        assert channel.how.replace(" ", "") in text
    assert "国家社会保险公共服务平台（掌上12333App）" in text
    assert "本市人社App" in text and "银行App" in text and "中国工商银行" in text
    for step in guide.steps.items:
        assert step.replace(" ", "") in text
    assert "点击“电子社保卡”选项" in text and "添加社保卡" in text  # seed 003's steps


def test_the_family_route_for_a_child_is_on_it(guide_pdf, guide):
    text = flat_text(guide_pdf)
    assert "为孩子申领（亲情服务）" in text
    assert guide.family.intro in text
    for step in guide.family.items:
        assert step.replace(" ", "") in text
    assert "为家人申领" in text and "输入孩子的姓名和身份证号码" in text


def test_the_lost_card_paragraph_says_the_ecard_is_suspended_with_it(guide_pdf, guide):
    text = flat_text(guide_pdf)
    assert guide.lost_card.title in text
    for paragraph in guide.lost_card.items:
        assert paragraph.replace(" ", "") in text
    assert "实体卡挂失后，电子社保卡随之暂停使用" in text
    assert "新卡激活后，请在App中重新申领电子社保卡" in text


def test_the_handling_point_the_day_and_the_closing_are_at_the_foot(guide_pdf, guide):
    text = flat_text(guide_pdf)
    assert "朝阳区社会保障服务中心" in text and "2026-12-01" in text
    assert guide.closing in text and guide.page_caption in text and guide.page_url in text


@needs_zbar
def test_the_qr_code_opens_the_citys_page(guide_pdf, guide, tmp_path):
    assert decoded_qr(guide_pdf, tmp_path) == [guide.page_url]


@needs_zbar
def test_another_citys_page_is_in_its_qr_code(guide, tmp_path):
    url = "https://rsj.example.gov.cn/ecard/apply?from=counter&lang=zh"
    pdf = tmp_path / "city.pdf"
    render_ecard_guide(dataclasses.replace(guide, page_url=url), pdf)
    assert decoded_qr(pdf, tmp_path) == [url]
    assert pages_of(pdf) == 1
