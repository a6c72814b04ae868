"""Every window fits a 1366×768 screen with a 40-pixel taskbar (issue 14), title bar
included, with what staff really see in it: the size it opens at and the smallest its
layout allows (minimumSizeHint), both within 1366×(728 − 32), and at the size it opens at
nothing squeezed below what its content needs (a word-wrapped text, a list of materials).

The screen is taken as 1366×768 less the taskbar (QScreen.availableGeometry patched: the
offscreen platform's own screen is 800×800), so windows that size themselves to the
screen (the wizard, counter_app/qt/screen_fit.py) are measured as they open there. Each
window is filled as in use, in Chinese and in English (English words are longer, Chinese
lines taller).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from sqlalchemy import select

from counter_app import assets
from counter_app.domain.errors import ValidationError, reason
from counter_app.domain.lifecycle import Status
from counter_app.qt import dialogs
from counter_app.qt import wizard as wizard_module
from counter_app.qt.tasks import TaskRunner
from counter_app.security.roles import Role
from counter_app.services import collection
from counter_app.store.models import OutboxEntry
from tests.card_helpers import ADULT_ID, adult_card, child_card
from tests.helpers import GUARDIAN_ID, add_operator, application_at, write_photo

SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel taskbar
TITLE_BAR = 32                   # the window manager's frame above a window, about
FREE = QSize(SCREEN.width(), SCREEN.height() - TITLE_BAR)


@pytest.fixture(params=["zh_CN", "en"])
def ui_language(request, language, monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(SCREEN))
    language(request.param)
    return request.param


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.wait_for_done(30000)


def problems_of(widget: QWidget) -> list[str]:
    """What does not fit in *widget*, shown as it opens (empty when all is well)."""
    widget.show()
    QApplication.processEvents()
    problems = []
    # the layout's smallest, or the window's own (QWizard sets it from its pages)
    size, smallest = widget.size(), widget.minimumSizeHint().expandedTo(widget.minimumSize())
    if size.width() > FREE.width() or size.height() > FREE.height():
        problems.append(f"opens at {size.width()}×{size.height()}")
    if smallest.width() > FREE.width() or smallest.height() > FREE.height():
        problems.append(f"cannot be smaller than {smallest.width()}×{smallest.height()}")
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():
        needed = layout.minimumHeightForWidth(size.width())
        if needed > size.height():
            problems.append(f"its content needs {needed} px of height at its width "
                            f"{size.width()}, it has {size.height()}")
    return problems


def assert_fits(widget: QWidget, name: str = "") -> None:
    problems = problems_of(widget)
    assert not problems, (f"{name or type(widget).__name__} does not fit 1366×768 with a "
                          f"taskbar ({FREE.width()}×{FREE.height()} below the title bar): "
                          + "; ".join(problems))


def test_the_forms_default_sizes_fit():
    """Each ui/*.ui top-level window's size and minimum size as Designer saved them (what
    it opens at unless its code says otherwise)."""
    too_large = []
    for form in sorted(Path(assets.ui()).glob("*.ui")):
        window = ElementTree.parse(form).getroot().find("widget")
        for name, tag in (("geometry", "rect"), ("minimumSize", "size")):
            saved = window.find(f"property[@name='{name}']/{tag}")
            if saved is None:
                continue
            width, height = int(saved.findtext("width")), int(saved.findtext("height"))
            if width > FREE.width() or height > FREE.height():
                too_large.append(f"{form.name}: {name} {width}×{height}")
    assert not too_large, too_large


# --- the first windows and the operator's ----------------------------------------------

def test_login_and_first_run(qtbot, ui_language, ctx, admin):
    from counter_app.qt.login import FirstRunDialog, LoginDialog

    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    login.ui.username_edit.setText("admin")
    login.ui.password_edit.setText("wrong")
    login.submit()  # the reason shows under the field
    assert login.ui.error_label.text()
    assert_fits(login)
    first = FirstRunDialog(ctx)
    qtbot.addWidget(first)
    first.errors.show(ValidationError("site_name", "Please fill in this field."))
    assert_fits(first)


def test_password_lock_and_operator_dialogs(qtbot, ui_language, ctx, admin, site_id):
    from counter_app.qt.idle_lock import LockDialog
    from counter_app.qt.operators_dialog import OperatorFormDialog, OperatorsDialog
    from counter_app.qt.password_dialog import ChangePasswordDialog, ResetPasswordDialog
    from counter_app.services import operators

    for number, roles in enumerate(([Role.WINDOW_STAFF], [Role.PHOTO_STATION],
                                    [Role.SUPERVISOR, Role.WINDOW_STAFF], [Role.CARD_CENTRE],
                                    list(Role)) * 3):
        add_operator(ctx, admin, site_id, f"clerk{number:02d}", set(roles))
    forced = ChangePasswordDialog(ctx, admin, forced=True)
    qtbot.addWidget(forced)
    forced.errors.show(ValidationError("password_again", "The two passwords are not the "
                                                         "same."))
    assert_fits(forced)
    listed = OperatorsDialog(ctx, admin)
    qtbot.addWidget(listed)
    assert listed.ui.operators_table.rowCount() == 16
    assert_fits(listed)
    view = operators.list_operators(ctx, admin)[-1]
    reset = ResetPasswordDialog(ctx, admin, view)
    qtbot.addWidget(reset)
    assert_fits(reset)
    new = OperatorFormDialog(ctx, admin)
    qtbot.addWidget(new)
    new.submit()  # nothing typed: the reason shows
    assert_fits(new)
    roles = OperatorFormDialog(ctx, admin, view)
    qtbot.addWidget(roles)
    assert_fits(roles)
    for minutes in (10, 0):  # left idle, or locked by staff
        lock = LockDialog(ctx, admin, minutes)
        qtbot.addWidget(lock)
        lock.ui.password_edit.setText("wrong")
        lock.submit()
        assert_fits(lock)
        lock._unlocked = True


# --- the main window and the intake wizard -------------------------------------------

def test_main_window_with_the_days_queue(qtbot, ui_language, ctx, admin, tmp_path):
    from counter_app.qt.main_window import MainWindow

    for index, status in enumerate((Status.DRAFT, Status.EXAMINED, Status.PHOTO_OK,
                                    Status.SIGNED, Status.SUBMITTED, Status.REJECTED)):
        application_at(ctx, admin, status, tmp_path, first17=f"1101052024031500{index}")
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 6
    assert_fits(window)
    window.shutdown()


def open_wizard(qtbot, ctx, operator, application_id, runner):
    wizard = wizard_module.IntakeWizard(ctx, operator, runner, application_id)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_every_page_of_the_wizard(qtbot, ui_language, ctx, admin, tmp_path, runner,
                                  monkeypatch):
    draft = application_at(ctx, admin, Status.DRAFT, tmp_path)  # a child: the guardian shows
    wizard = open_wizard(qtbot, ctx, admin, draft, runner)
    assert wizard.currentPage().ui.guardian_group.isVisible()
    assert_fits(wizard, "the applicant's page")
    wizard.next()
    assert wizard.currentId() == wizard_module.MATERIALS
    assert_fits(wizard, "the materials page")
    wizard.next()
    assert wizard.currentId() == wizard_module.EXAMINATION
    wizard.currentPage().ui.reject_radio.setChecked(True)  # the reasons to give
    assert_fits(wizard, "the examination page")
    wizard.reject()

    examined = application_at(ctx, admin, Status.EXAMINED, tmp_path,
                              first17="11010520240315005")
    wizard = open_wizard(qtbot, ctx, admin, examined, runner)
    page = wizard.currentPage()
    assert wizard.currentId() == wizard_module.PHOTO
    monkeypatch.setattr(dialogs, "choose_photo_file",
                        lambda _parent: write_photo(tmp_path / "photo.jpg"))
    page.import_photo()
    qtbot.waitUntil(page.isComplete, timeout=60000)
    assert not page.ui.preview_label.pixmap().isNull()
    assert_fits(wizard, "the photo page")
    with qtbot.waitSignal(wizard.page(wizard_module.PRINT).sig_preview_ready, timeout=60000):
        wizard.next()
    assert_fits(wizard, "the print page")
    wizard.reject()

    signed = application_at(ctx, admin, Status.SIGNED, tmp_path, first17="11010520240315007")
    wizard = open_wizard(qtbot, ctx, admin, signed, runner)
    assert wizard.currentId() == wizard_module.SIGNED
    assert_fits(wizard, "the signed page")
    wizard.button(QWizard.WizardButton.CancelButton).click()


# --- the photo station and the document camera ----------------------------------------

def test_photo_capture_and_review(qtbot, ui_language, ctx, admin, site_id, runner, tmp_path):
    from counter_app.photo.sources import SourceSpec
    from counter_app.qt.photo_capture import PhotoCaptureDialog
    from tests.unit.photo import portraits

    boss = add_operator(ctx, admin, site_id, "boss", {Role.SUPERVISOR})
    review = PhotoCaptureDialog(ctx, boss, None, runner,
                                original=portraits.jpeg(portraits.tilted()))
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.assessment is not None, timeout=60000)
    assert review.ui.reason_edit.isVisibleTo(review)  # a supervisor may accept it
    assert_fits(review, "the photo check")
    review.reject()
    live = PhotoCaptureDialog(ctx, boss, SourceSpec(kind="video", path=tmp_path / "none.avi"),
                              runner)
    qtbot.addWidget(live)
    live.show()
    qtbot.waitUntil(lambda: live.ui.retry_button.isVisible(), timeout=20000)
    assert_fits(live, "the photo capture, its camera failed")
    live.reject()


def test_document_camera_and_scan_preview(qtbot, ui_language, tmp_path):
    from counter_app.documents.rectify import MSG_BLURRED, MSG_GLARE, MSG_NOT_FOUND, Rectified
    from counter_app.photo.sources import SourceSpec
    from counter_app.qt.document_camera import DocumentCameraDialog
    from counter_app.qt.scan_preview import ScanPreviewDialog

    camera = DocumentCameraDialog(SourceSpec(kind="video", path=tmp_path / "none.avi"),
                                  "监护人居民身份证或户口簿")
    qtbot.addWidget(camera)
    camera.show()
    qtbot.waitUntil(lambda: camera.ui.retry_button.isVisible(), timeout=20000)
    assert_fits(camera, "the document camera, its camera failed")
    camera.reject()
    for height, width in ((1600, 1131), (1011, 1600)):  # a page, a card lying across
        page = np.full((height, width, 3), 235, np.uint8)
        scan = Rectified(page, True, 10.0, 0.2, (MSG_NOT_FOUND, MSG_BLURRED, MSG_GLARE))
        preview = ScanPreviewDialog("出生医学证明", scan)
        qtbot.addWidget(preview)
        assert_fits(preview, "the scan preview")


# --- cards, inquiry, reports, sync ------------------------------------------------------

@pytest.fixture
def nowhere_else(monkeypatch):
    """The central database knows of no card elsewhere (no network in these tests)."""
    monkeypatch.setattr(collection, "where_to_collect", lambda _ctx, _wanted: [])


def found(qtbot, dialog, text: str) -> None:
    dialog.ui.search_edit.setText(text)
    dialog.find()
    qtbot.waitUntil(lambda: dialog.ui.find_button.isEnabled() and not dialog.runner.busy,
                    timeout=10000)


def test_collection_activation_and_card_reports(qtbot, ui_language, ctx, admin, tmp_path,
                                                runner, nowhere_else):
    from counter_app.qt.card_dialogs import ActivationDialog, CardReportDialog, CollectionDialog

    child_card(ctx, admin, tmp_path)
    child_card(ctx, admin, tmp_path, card_number="A12345679", first17="11010520240315005")
    collect = CollectionDialog(ctx, admin, runner)
    qtbot.addWidget(collect)
    found(qtbot, collect, GUARDIAN_ID)  # two children of one guardian: a choice
    assert collect.ui.candidates_combo.isVisibleTo(collect) and collect.card is not None
    assert_fits(collect, "the collection")
    adult = adult_card(ctx, admin, Status.AT_SITE)
    collection.collect(ctx, admin, adult, ADULT_ID)
    activate = ActivationDialog(ctx, admin, runner)
    qtbot.addWidget(activate)
    found(qtbot, activate, ADULT_ID)
    assert activate.card is not None
    assert_fits(activate, "the activation")
    report = CardReportDialog(ctx, admin, runner, undo=True)
    qtbot.addWidget(report)
    report.ui.search_edit.setText("110105197001010010")
    report.find()
    qtbot.waitUntil(lambda: bool(report.ui.message_label.text()), timeout=10000)
    assert_fits(report, "the card report")


def test_inquiry_with_an_answer(qtbot, ui_language, ctx, admin, tmp_path, runner):
    from counter_app.qt.inquiry import InquiryDialog
    from tests.helpers import child_id

    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    dialog = InquiryDialog(ctx, admin, runner)
    qtbot.addWidget(dialog)
    dialog.ui.number_edit.setText(child_id())
    with qtbot.waitSignal(dialog.sig_answered, timeout=20000):
        dialog.search()
    assert dialog.ui.applications_table.rowCount() == 1
    assert dialog.ui.note_label.isVisibleTo(dialog)  # no central database: said so
    assert_fits(dialog, "the inquiry")


def test_day_report(qtbot, ui_language, ctx, admin, tmp_path, runner):
    from counter_app.qt.day_report import DayReportDialog

    application_at(ctx, admin, Status.SUBMITTED, tmp_path)
    dialog = DayReportDialog(ctx, admin, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_rendered, timeout=30000):
        pass
    assert_fits(dialog, "the day report")


def test_closing_and_reopening_the_day(qtbot, ui_language, ctx, admin, tmp_path, runner,
                                       monkeypatch):
    from counter_app.qt import dialogs
    from counter_app.qt.close_day import CloseDayDialog, ReopenDayDialog

    # closed at the end with a reason given: Yes to "the reasons will be lost"
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _text: True)

    for first17 in ("11010520240315003", "11010520240315011"):
        application_at(ctx, admin, Status.FORM_PRINTED, tmp_path, first17=first17)
    application_at(ctx, admin, Status.EXAMINED, tmp_path, first17="11010520240315029")
    dialog = CloseDayDialog(ctx, admin, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=30000):
        pass
    dialog.pick_reason(1)
    assert_fits(dialog, "the close of the day")
    reopen = ReopenDayDialog(ctx, admin, runner)
    qtbot.addWidget(reopen)
    reopen.ui.error_label.setText("x" * 120)
    assert_fits(reopen, "the reopen of a day")


@pytest.mark.postgres
def test_day_report_counting_blanks(qtbot, ui_language, ctx, admin, central, tmp_path,
                                    runner):
    """At an instant-issuance site, with the blank count's row and a refusal shown."""
    from counter_app.qt.day_report import DayReportDialog
    from tests.issuance_helpers import make_instant, sync

    make_instant(central)
    sync(ctx)
    dialog = DayReportDialog(ctx, admin, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_rendered, timeout=30000):
        pass
    dialog.ui.count_spin.setValue(47)
    dialog.record_count()  # refused: no explanation, the message under the fields
    assert dialog.ui.blank_error_label.text()
    assert_fits(dialog, "the day report at an instant-issuance site")


def test_sync_problems_and_the_signed_copy(qtbot, ui_language, ctx, admin, tmp_path, runner):
    from counter_app.central import reasons
    from counter_app.qt.signed_copy import SignedCopyDialog
    from counter_app.qt.sync_problems import SyncProblemsDialog

    for index in range(3):
        application_at(ctx, admin, Status.SUBMITTED, tmp_path,
                       first17=f"1101052024031500{index}")
    with ctx.sessions.begin() as session:
        for entry in session.scalars(select(OutboxEntry)):
            entry.result = "rejected"
            entry.last_error = reason(reasons.RECEIPT_NOT_THIS_STATION, mark="07")
    problems = SyncProblemsDialog(ctx)
    qtbot.addWidget(problems)
    assert problems.ui.problems_table.rowCount() >= 3
    assert_fits(problems, "the sync problems")
    signed = SignedCopyDialog(ctx, admin, runner, number="SC001-20260101-0001")
    qtbot.addWidget(signed)
    signed.errors.show(ValidationError("file", "The file could not be read."))
    assert_fits(signed, "the signed form's copy")


# --- windows of other people's work, checked all the same --------------------------------

def test_batch_intake(qtbot, ui_language, ctx, admin, runner):
    from counter_app.qt.batch_intake import BatchIntakeDialog

    dialog = BatchIntakeDialog(ctx, admin, runner)
    qtbot.addWidget(dialog)
    assert_fits(dialog, "the batch intake")


def test_card_centre_window_without_its_database(qtbot, ui_language, ctx, admin, site_id):
    from counter_app.qt.card_centre_window import CardCentreWindow

    centre = add_operator(ctx, admin, site_id, "centre", {Role.CARD_CENTRE})
    window = CardCentreWindow(ctx, centre)
    qtbot.addWidget(window)
    assert_fits(window, "the card centre console")
    window.runner.wait_for_done(30000)
    window.close()


def test_open_items_and_the_review_queue(qtbot, ui_language, ctx, admin, site_id, tmp_path,
                                         runner):
    from counter_app.qt.main_window import MainWindow
    from counter_app.qt.review_queue import ReviewQueueDialog
    from counter_app.qt.work_list import WorkListDialog
    from counter_app.services.worklists import WorkKind
    from tests.review_helpers import require_review

    require_review(ctx)
    clerk = add_operator(ctx, admin, site_id, "clerk", {Role.WINDOW_STAFF})
    examined = application_at(ctx, clerk, Status.EXAMINED, tmp_path)
    window = MainWindow(ctx, admin)
    qtbot.addWidget(window)
    assert window.ui.review_button.isVisibleTo(window)
    assert_fits(window, "the main window with the review count")
    window.shutdown()
    work_list = WorkListDialog(ctx, WorkKind.REVIEW)
    qtbot.addWidget(work_list)
    assert work_list.ui.items_table.rowCount() == 1
    assert_fits(work_list)
    queue = ReviewQueueDialog(ctx, admin)
    qtbot.addWidget(queue)
    assert queue.current() is not None
    assert_fits(queue)
    wizard = open_wizard(qtbot, ctx, clerk, examined, runner)
    assert wizard.currentId() == wizard_module.REVIEW_WAIT
    assert_fits(wizard, "the page waiting for review")
    wizard.reject()
