"""Printing forms through Qt (QPrinter to a PDF file), the printer remembered, a printer in
trouble, and the dialog that attaches the scanned signed form."""

from __future__ import annotations

import dataclasses

import cv2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from counter_app.domain.lifecycle import Status
from counter_app.forms.qr import qr_payload
from counter_app.qt import dialogs, pdf_print, signed_copy
from counter_app.qt.pdf_print import PrintError, print_pdf
from counter_app.qt.signed_copy import SignedCopyDialog
from counter_app.qt.tasks import TaskRunner
from counter_app.qt.wizard import IntakeWizard
from counter_app.cli import main
from counter_app.services import printing, queue, signed_copies
from tests.helpers import opened
from tests.unit.documents.support import (
    application_at, as_scan, needs_poppler, page_image)

pytestmark = needs_poppler


def pdf_printer(path, printer_class=QPrinter) -> QPrinter:
    printer = printer_class(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def loaded(path) -> QPdfDocument:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document


def test_the_form_prints_through_qprinter_with_its_text_and_codes(qtbot, ctx, admin, tmp_path,
                                                                 monkeypatch):
    app_id = application_at(ctx, admin, Status.PHOTO_OK, tmp_path)
    config = printing.form_config(ctx)
    with_agreement = dataclasses.replace(config, agreement_for=frozenset({"newborn"}))
    monkeypatch.setattr(printing, "form_config", lambda _ctx: with_agreement)
    form = opened(ctx, printing.render_form(ctx, admin, app_id))
    number = queue.application_detail(ctx, app_id).number

    printed = tmp_path / "printed.pdf"
    assert print_pdf(form.read_bytes(), pdf_printer(printed)) == 2  # the form and the agreement

    source, output = loaded(form), loaded(printed)
    assert output.pageCount() == 2
    text = source.getAllText(0).text()  # what Qt reads in the form it printed
    assert "王䶮𠮷" in text and number in text and "社会保障卡申请登记表" in text
    assert "社会保障卡服务协议" in source.getAllText(1).text()
    size = output.pagePointSize(0)
    assert abs(size.width() - 595) < 2 and abs(size.height() - 842) < 2  # A4
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(page_image(printed, dpi=200))
    assert decoded == qr_payload(number)  # the printed page still carries a readable code


class TroubledPrinter(QPrinter):
    """A printer whose spooler reports an error (offline, out of paper)."""

    def printerState(self):  # noqa: N802 - Qt's name
        return QPrinter.PrinterState.Error


def test_a_printer_in_trouble_says_so_and_printing_again_works(qtbot, chinese, ctx, admin,
                                                             tmp_path, monkeypatch):
    app_id = application_at(ctx, admin, Status.PHOTO_OK, tmp_path)
    wizard = IntakeWizard(ctx, admin, TaskRunner(), app_id)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: page.pdf_path is not None, timeout=20000)

    def to_pdf(printer, parent, title=""):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "out.pdf"))
        return True

    monkeypatch.setattr(dialogs, "setup_printer", to_pdf)
    monkeypatch.setattr(pdf_print, "QPrinter", TroubledPrinter)
    qtbot.mouseClick(page.ui.print_button, Qt.MouseButton.LeftButton)
    assert not page.isComplete() and page.ui.print_button.isEnabled()
    assert page.errors.text()  # the message (translated once the catalogue has it)
    assert queue.application_detail(ctx, app_id).print_count == 0

    monkeypatch.setattr(pdf_print, "QPrinter", QPrinter)
    qtbot.mouseClick(page.ui.print_button, Qt.MouseButton.LeftButton)
    assert page.isComplete() and not page.errors.text()
    assert queue.application_detail(ctx, app_id).print_count == 1


def test_printer_in_error_raises_the_printer_message(qtbot, tmp_path, ctx, admin):
    app_id = application_at(ctx, admin, Status.PHOTO_OK, tmp_path)
    form = printing.render_form(ctx, admin, app_id)
    with pytest.raises(PrintError) as caught:
        print_pdf(ctx.files.read(form), pdf_printer(tmp_path / "x.pdf", TroubledPrinter))
    assert caught.value.template == pdf_print.MSG_PRINTER_PROBLEM


class FakePrinter:
    def __init__(self, name="", native=True):
        self.name, self.native = name, native

    def outputFormat(self):  # noqa: N802
        return (QPrinter.OutputFormat.NativeFormat if self.native
                else QPrinter.OutputFormat.PdfFormat)

    def printerName(self):  # noqa: N802
        return self.name

    def setPrinterName(self, name):  # noqa: N802
        self.name = name


class FakePrinterInfo:
    @staticmethod
    def availablePrinterNames():  # noqa: N802
        return ["Front desk", "Back office"]


def test_the_chosen_printer_is_remembered_in_the_configuration_directory(settings, monkeypatch):
    monkeypatch.setattr(pdf_print, "QPrinterInfo", FakePrinterInfo)
    memory = pdf_print.printer_memory(settings)
    pdf_print.remember_printer(FakePrinter("Back office"), memory)
    assert (settings.config_dir / "printing.ini").exists()
    again = FakePrinter()
    pdf_print.use_remembered_printer(again, pdf_print.printer_memory(settings))
    assert again.name == "Back office"


def test_a_printer_no_longer_installed_or_a_pdf_file_is_not_remembered(settings, monkeypatch):
    monkeypatch.setattr(pdf_print, "QPrinterInfo", FakePrinterInfo)
    memory = pdf_print.printer_memory(settings)
    pdf_print.remember_printer(FakePrinter("", native=False), memory)
    assert memory.value(pdf_print.PRINTER_KEY, "") == ""
    memory.setValue(pdf_print.PRINTER_KEY, "Removed printer")
    printer = FakePrinter()
    pdf_print.use_remembered_printer(printer, memory)
    assert printer.name == ""


def scan_file(ctx, app_id, tmp_path):
    pdf = ctx.settings.protected_dir / "forms" / f"{app_id}.pdf"
    path = tmp_path / f"scan-{app_id}.jpg"
    path.write_bytes(as_scan(page_image(opened(ctx, pdf)), angle=2, noise=8))
    return path


def open_dialog(qtbot, ctx, admin, app_id, number):
    dialog = SignedCopyDialog(ctx, admin, TaskRunner(), app_id, number)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_signed_form_is_attached_from_a_file(qtbot, language, ctx, admin, tmp_path,
                                                 monkeypatch):
    language("en")
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    number = queue.application_detail(ctx, app_id).number
    dialog = open_dialog(qtbot, ctx, admin, app_id, number)
    assert not dialog.attach_button.isEnabled()
    monkeypatch.setattr(signed_copy, "choose_scan_file", lambda parent: scan_file(ctx, app_id, tmp_path))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.sig_attached, timeout=20000) as attached:
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    assert attached.args[0].status == Status.SIGNED
    assert number in dialog.status_label.text()
    assert queue.application_detail(ctx, app_id).status == Status.SIGNED


def test_a_page_of_another_application_is_refused_in_the_dialog(qtbot, language, ctx, admin,
                                                               tmp_path, monkeypatch):
    language("en")
    mine = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    other = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path, first17="11010520240315005")
    dialog = open_dialog(qtbot, ctx, admin, mine, queue.application_detail(ctx, mine).number)
    monkeypatch.setattr(signed_copy, "choose_scan_file", lambda parent: scan_file(ctx, other, tmp_path))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.errors.text()), timeout=20000)
    assert "belongs to application" in dialog.errors.text()
    assert dialog.choose_button.isEnabled() and dialog.result_copy is None


def scanner_pdf(ctx, app_id, tmp_path):
    """What a document scanner makes of the signed form: a PDF of page pictures (the form,
    then a second page such as the agreement)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    jpeg = tmp_path / f"page-{app_id}.jpg"
    form = opened(ctx, ctx.settings.protected_dir / "forms" / f"{app_id}.pdf")
    jpeg.write_bytes(as_scan(page_image(form), angle=1.5, noise=6))
    path = tmp_path / f"scan-{app_id}.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawImage(ImageReader(str(jpeg)), 0, 0, *A4)
    canvas.showPage()
    canvas.drawString(72, 720, "page 2")
    canvas.showPage()
    canvas.save()
    return path


def test_a_scanners_pdf_is_read_from_its_first_page_and_kept_whole(qtbot, language, ctx, admin,
                                                                   tmp_path, monkeypatch):
    language("en")
    app_id = application_at(ctx, admin, Status.FORM_PRINTED, tmp_path)
    scan = scanner_pdf(ctx, app_id, tmp_path)
    dialog = open_dialog(qtbot, ctx, admin, None, "")  # the QR code names the application
    monkeypatch.setattr(signed_copy, "choose_scan_file", lambda parent: scan)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.sig_attached, timeout=20000) as attached:
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    copy = attached.args[0]
    assert copy.id == app_id and copy.status == Status.SIGNED
    [kept] = signed_copies.signed_copies(ctx, admin, app_id)
    assert kept.suffix == ".pdf" and ctx.files.read(kept) == scan.read_bytes()
    assert loaded(opened(ctx, kept)).pageCount() == 2


def test_the_sample_form_pdf_is_read_and_refused_as_not_ours(qtbot, language, ctx, admin,
                                                            tmp_path, monkeypatch):
    """`counter-app form sample` prints application SC001-20261122-0001, which this
    counter never took in: the code is read from the PDF, and the page refused."""
    language("en")
    sample = tmp_path / "sample.pdf"
    assert main(["form", "sample", "--out", str(sample)]) == 0
    dialog = open_dialog(qtbot, ctx, admin, None, "")
    monkeypatch.setattr(signed_copy, "choose_scan_file", lambda parent: sample)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.errors.text()), timeout=20000)
    assert "SC001-20261122-0001" in dialog.errors.text()
    assert "not in this counter" in dialog.errors.text()


def test_a_damaged_pdf_is_refused_with_a_reason(qtbot, language, ctx, admin, tmp_path,
                                               monkeypatch):
    language("en")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00" * 300)
    dialog = open_dialog(qtbot, ctx, admin, None, "")
    monkeypatch.setattr(signed_copy, "choose_scan_file", lambda parent: broken)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.errors.text()), timeout=20000)
    assert "first page of the PDF cannot be read" in dialog.errors.text()
