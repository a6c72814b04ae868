"""Printing the card face through Qt: CR80 pages, both sides, the configured card printer."""

from __future__ import annotations

import shutil
import subprocess

import cv2
import numpy as np
import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from counter_app.cardface import load_card_layout, render_card_face, sample_card_face
from counter_app.config import Settings
from counter_app.qt import card_printing, dialogs
from counter_app.qt.card_printing import card_printer, print_card_face
from counter_app.qt.pdf_print import PrintError
from tests.qt.qt_helpers import pdf_printer

CR80_POINTS = (85.6 / 25.4 * 72, 54.0 / 25.4 * 72)  # 242.65 × 153.07


@pytest.fixture(scope="module")
def face() -> bytes:
    return render_card_face(sample_card_face(), load_card_layout())


def test_the_face_prints_as_two_cr80_pages(qtbot, tmp_path, face):
    printed = tmp_path / "printed.pdf"
    printer = pdf_printer(QPrinter(QPrinter.PrinterMode.HighResolution), printed)
    assert print_card_face(face, printer) == 2

    document = QPdfDocument()
    assert document.load(str(printed)) == QPdfDocument.Error.None_
    assert document.pageCount() == 2
    for page in range(2):
        size = document.pagePointSize(page)
        # Qt writes whole points: 243 × 153, within half a point (0.18 mm) of CR80
        assert abs(size.width() - CR80_POINTS[0]) <= 0.5
        assert abs(size.height() - CR80_POINTS[1]) <= 0.5
    assert printer.fullPage()
    assert printer.duplex() == QPrinter.DuplexMode.DuplexNone  # a file: sides in turn


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
def test_the_printed_face_is_not_moved_scaled_or_turned(qtbot, tmp_path):
    grey = cv2.imencode(".jpg", np.full((441, 358, 3), 120, np.uint8))[1].tobytes()
    face = render_card_face(sample_card_face(photo=grey), load_card_layout())
    printed = tmp_path / "printed.pdf"
    print_card_face(face, pdf_printer(QPrinter(QPrinter.PrinterMode.HighResolution), printed))
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "1",
                    "-singlefile", str(printed), str(tmp_path / "page")], check=True)
    pixels = cv2.imread(str(tmp_path / "page.png"), cv2.IMREAD_GRAYSCALE)
    box = load_card_layout().photo_box()
    per_mm = 300 / 25.4
    left, top = round((box.x - 1.5) * per_mm), round((box.y - 3) * per_mm)
    region = pixels[top:, left:] < 235  # the photo and what is below and right of it
    rows = np.nonzero(region.any(axis=1))[0] + top
    columns = np.nonzero(region.any(axis=0))[0] + left
    assert abs(rows.min() - box.y * per_mm) <= 3 and abs(rows.max() - box.bottom * per_mm) <= 3
    assert abs(columns.min() - box.x * per_mm) <= 3
    assert abs(columns.max() - box.right * per_mm) <= 3


def settings(tmp_path, **extra) -> Settings:
    return Settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config", extra=extra)


class Installed:
    """QPrinterInfo with a given list of installed printers."""

    names: list[str] = []

    @classmethod
    def availablePrinterNames(cls):  # noqa: N802 - Qt's name
        return cls.names


def test_the_configured_card_printer_is_used_without_asking(qtbot, tmp_path, monkeypatch):
    Installed.names = ["Office A4", "Evolis Primacy 2"]
    monkeypatch.setattr(card_printing, "QPrinterInfo", Installed)
    monkeypatch.setattr(dialogs, "setup_printer", lambda *a, **k: pytest.fail("asked"))
    printer = card_printer(settings(tmp_path, card_printer="Evolis Primacy 2"))
    assert isinstance(printer, QPrinter)


def test_a_configured_card_printer_that_is_not_installed_is_said(qtbot, tmp_path, monkeypatch):
    Installed.names = ["Office A4"]
    monkeypatch.setattr(card_printing, "QPrinterInfo", Installed)
    with pytest.raises(PrintError) as raised:
        card_printer(settings(tmp_path, card_printer="Evolis Primacy 2"))
    assert raised.value.params == {"printer": "Evolis Primacy 2"}


def test_without_a_setting_staff_are_asked(qtbot, tmp_path, monkeypatch):
    Installed.names = []
    monkeypatch.setattr(card_printing, "QPrinterInfo", Installed)
    titles = []

    def answer(printer, parent, title=""):
        titles.append(title)
        return len(titles) > 1  # cancelled the first time, chosen the second

    monkeypatch.setattr(dialogs, "setup_printer", answer)
    assert card_printer(settings(tmp_path)) is None
    assert isinstance(card_printer(settings(tmp_path)), QPrinter)
    assert titles == ["Print the card"] * 2


class NativePrinter(QPrinter):
    def outputFormat(self):  # noqa: N802 - Qt's name
        return QPrinter.OutputFormat.NativeFormat


@pytest.mark.parametrize("modes, pages, chosen", [
    ([QPrinter.DuplexMode.DuplexNone, QPrinter.DuplexMode.DuplexLongSide], 2,
     QPrinter.DuplexMode.DuplexLongSide),
    ([QPrinter.DuplexMode.DuplexNone, QPrinter.DuplexMode.DuplexAuto], 2,
     QPrinter.DuplexMode.DuplexAuto),
    ([QPrinter.DuplexMode.DuplexNone], 2, QPrinter.DuplexMode.DuplexNone),
    ([QPrinter.DuplexMode.DuplexLongSide], 1, QPrinter.DuplexMode.DuplexNone),
], ids=["long-side", "auto", "one-sided-printer", "front-only-card"])
def test_both_sides_go_on_one_card_where_the_printer_turns_it(qtbot, monkeypatch, modes, pages,
                                                             chosen):
    class Info:
        def __init__(self, printer):
            pass

        def supportedDuplexModes(self):  # noqa: N802 - Qt's name
            return modes

    monkeypatch.setattr(card_printing, "QPrinterInfo", Info)
    assert card_printing._duplex(NativePrinter(), pages) == chosen
