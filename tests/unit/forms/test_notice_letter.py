"""The printable notice letter of a card sent to its handling point, checked on the PDF:
every paragraph whole, the application number's QR code readable at the window, fonts
embedded, no personal data in the metadata."""

import datetime as dt
import re
import uuid

import cv2

from counter_app.cardcentre import notices
from counter_app.forms.notice_letter import render_notice_letter
from counter_app.forms.qr import qr_payload
from tests.unit.documents.support import needs_poppler, page_image, run

pytestmark = needs_poppler

CHILD = notices.Recipient(uuid.uuid4(), uuid.uuid4(), "SC001-20261122-0007", "SC001",
                          "朝阳区社会保障服务中心", "王䶮𠮷", "13800138000", "王建国",
                          "13900139000")


def flat(pdf) -> str:
    return run("pdftotext", str(pdf), "-").replace("\n", "").replace(" ", "")


def test_the_letter_has_every_paragraph_and_a_readable_code(tmp_path):
    letter = notices.letter(notices.load_templates(), CHILD, dt.date(2026, 11, 22))
    pdf = tmp_path / "letter.pdf"
    render_notice_letter(letter, CHILD.number, pdf)
    text = flat(pdf)
    assert text.count("社会保障卡领卡通知书") == 1
    assert "王建国（王䶮𠮷的监护人）：" in text
    for paragraph in letter.paragraphs:
        assert paragraph.replace(" ", "") in text
    assert "2026-11-22" in text and "朝阳区社会保障服务中心" in text
    ok, decoded, _, _ = cv2.QRCodeDetector().detectAndDecodeMulti(page_image(pdf))
    assert ok and list(decoded) == [qr_payload(CHILD.number)]
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows and all(row.split()[-5:-3] == ["yes", "yes"] for row in rows)
    info = run("pdfinfo", str(pdf))
    assert "王" not in info and "13800138000" not in info


def test_a_long_letter_flows_onto_a_second_page_without_losing_text(tmp_path):
    letter = notices.letter(notices.load_templates(), CHILD, dt.date(2026, 11, 22))
    long = notices.Letter(letter.title, letter.salutation, letter.paragraphs * 12,
                          letter.closing, letter.date)
    pdf = tmp_path / "long.pdf"
    render_notice_letter(long, CHILD.number, pdf)
    assert int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M).group(1)) >= 2
    assert flat(pdf).count("如有疑问，请拨打咨询电话12333。") == 12
