"""Screenshots of Counter's windows, in Chinese, on a 1366×768 screen.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py OUTDIR

Builds a throw-away counter (temporary data and config folders, its own data key, the
built-in central database in the data folder, stopped and deleted at the end) with the
demo data: the demo operator, today's queue at every counter step, submitted applications
synced to the central side (one of them refused by it), cards waiting for collection and
activation. Then opens the real windows, as staff would, and saves one PNG each in
OUTDIR. Main windows are sized as maximised on 1366×768 with a 40-pixel taskbar and a
32-pixel title bar (1366×696); dialogs are saved at the size they open at.

The photo capture plays a video made from the test portraits (tests/unit/photo) as its
camera; without scikit-image (a test dependency) it is left out.

The PNGs are optimised with Pillow when it is installed. docs/screenshots/ holds the set
and docs/screenshot-main.png the README's (copy them from OUTDIR after a change of look).
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's counter_app, and tests/ for the video

MAXIMISED = (1366, 768 - 40 - 32)  # a maximised window on 1366×768, taskbar and title bar off
CHILD_FIRST17 = "11010520240315003"  # 王䶮, born 2024-03-15 (a child: a guardian applies)
GUARDIAN_ID = "11010519491231002X"   # the demo data's made-up guardian


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="where the PNG files go")
    args = parser.parse_args(argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        print("No display: run it as  xvfb-run -s \"-screen 0 1366x768x24\" "
              ".venv/bin/python scripts/screenshots.py OUTDIR", file=sys.stderr)
        return 2
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # key in a file
    args.outdir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="counter-screenshots-"))
    # Registered first, so it runs last: after the built-in central server has stopped.
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Shots(folder, args.outdir).run()


class Shots:
    def __init__(self, folder: Path, outdir: Path) -> None:
        self.folder, self.outdir = folder, outdir
        self.saved: list[Path] = []

    # --- the program and its data ---------------------------------------------------------

    def run(self) -> int:
        from PySide6.QtCore import QRect
        from PySide6.QtGui import QScreen
        from PySide6.QtWidgets import QApplication

        from counter_app.config import Settings
        from counter_app.qt import dialogs, i18n
        from counter_app.qt.style import apply_style
        from counter_app.services.context import open_context

        settings = Settings(data_dir=self.folder / "data", config_dir=self.folder / "config",
                            key_file=str(self.folder / "data.key"), language="zh_CN")
        self.app = QApplication.instance() or QApplication(sys.argv)
        self.app.setApplicationName("Counter")
        self.app.setApplicationDisplayName("Counter")
        i18n.install_translators(settings)
        apply_style(self.app)
        # The screen less a 40-pixel taskbar at the bottom, as at the counter (Xvfb has none):
        # what windows that size themselves to the screen see.
        QScreen.availableGeometry = lambda _screen: QRect(0, 0, 1366, 728)
        for name in ("show_error", "show_info"):  # nothing may wait for a click here
            setattr(dialogs, name, lambda _parent, message, n=name: print(f"{n}: {message}"))
        print("Preparing the demo data (the built-in central database starts)…")
        self.ctx = open_context(settings)
        self.operator = self.demo_data()
        self.login()
        window = self.main_window()
        self.wizard(window)
        self.photo_capture(window)
        self.inquiry(window)
        self.collection(window)
        self.activation(window)
        self.day_report(window)
        self.close_day(window)
        self.sync_problems(window)
        self.open_items(window)
        self.operators(window)
        self.password(window)
        self.lock(window)
        window.shutdown()
        window.close()
        self.card_centre()
        self.optimise()
        print(f"{len(self.saved)} screenshots in {self.outdir}")
        return 0

    def demo_data(self):
        from sqlalchemy import select

        from counter_app.domain.collection import Collector
        from counter_app.security.roles import Role
        from counter_app.services import auth, card_centre, collection, demo, syncing
        from counter_app.store.models import OutboxEntry

        ctx = self.ctx
        demo.seed_demo(ctx)
        demo.seed_demo_queue(ctx, 8)
        numbers = demo.add_demo_applications(ctx, 6)
        operator = auth.login(ctx, demo.DEMO_USER, demo.DEMO_PASSWORD)
        for username, name, roles in (("wangfang", "王芳", {Role.WINDOW_STAFF}),
                                      ("liqiang", "李强", {Role.PHOTO_STATION}),
                                      ("zhaomin", "赵敏", {Role.SUPERVISOR, Role.WINDOW_STAFF}),
                                      ("centre", "卡中心 李敏", {Role.CARD_CENTRE})):
            auth.create_operator(ctx, site_id=operator.site_id, username=username,
                                 display_name=name, password=demo.DEMO_PASSWORD, roles=roles,
                                 actor=operator, must_change_password=False)
        self.submitted = self._submitted(numbers)
        # One refused by the central side: its operation claims another handling point.
        refused = self.submitted[numbers[-1]]
        with ctx.sessions.begin() as session:
            entry = session.scalars(select(OutboxEntry).where(
                OutboxEntry.entity_id == str(refused),
                OutboxEntry.kind == "application_submitted")).one()
            entry.payload = {**entry.payload, "site_code": "SC999"}
        result = syncing.sync_now(ctx)
        print(f"Synced with the built-in central database: {result}")
        # The card centre has three cards made and sends two to the counter; one of them
        # is collected by the child's guardian.
        made = numbers[:3]
        centre = card_centre.for_operator(ctx, auth.login(ctx, "centre", demo.DEMO_PASSWORD))
        try:
            waiting = {application.number: application.key for application in centre.incoming()}
            centre.make_batch([waiting[number] for number in made])
            for index, number in enumerate(made):
                centre.mark_produced(number, f"A1002345{index}", "中国工商银行")
            centre.dispatch([card.key for card in centre.produced() if card.number in made[:2]])
        finally:
            centre.close()
        syncing.sync_now(ctx)  # the cards' statuses come down
        self.card_waiting, self.card_collected = made[0], made[1]
        collection.collect(ctx, operator, self.submitted[made[1]], GUARDIAN_ID,
                           expected=Collector.GUARDIAN)
        syncing.sync_now(ctx)  # the collection goes up
        return operator

    def _submitted(self, numbers: list[str]) -> dict:
        from sqlalchemy import select

        from counter_app.store.models import Application

        with self.ctx.sessions() as session:
            return dict(session.execute(select(Application.number, Application.id).where(
                Application.number.in_(numbers))).all())

    # --- taking pictures ------------------------------------------------------------------

    def settle(self, ms: int = 300) -> None:
        """Let the windows lay out and paint."""
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def wait(self, condition, what: str, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError(f"waited {timeout:.0f} s for {what}")
            self.app.processEvents()
            time.sleep(0.01)

    def save(self, widget, name: str) -> None:
        self.settle()
        path = self.outdir / f"{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)
        print(f"  {path.name}: {widget.width()}×{widget.height()}")

    def save_screen(self, name: str, width: int, height: int) -> None:
        """The screen's top-left width × height (windows over windows: the lock)."""
        self.settle()
        path = self.outdir / f"{name}.png"
        self.app.primaryScreen().grabWindow(0, 0, 0, width, height).save(str(path))
        self.saved.append(path)
        print(f"  {path.name}: the screen, {width}×{height}")

    def optimise(self) -> None:
        try:
            from PIL import Image
        except ImportError:
            return
        for path in self.saved:  # 256 colours are plenty for windows (a third the size)
            with Image.open(path) as image:
                image = image.convert("RGB").quantize(
                    256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            image.save(path, optimize=True)

    # --- the windows ----------------------------------------------------------------------

    def login(self) -> None:
        from counter_app.qt.login import LoginDialog

        dialog = LoginDialog(self.ctx)
        dialog.ui.username_edit.setText("demo")
        dialog.ui.password_edit.setText("demo1234")
        dialog.show()
        self.save(dialog, "login")
        dialog.close()

    def main_window(self):
        from counter_app.qt.main_window import MainWindow

        window = MainWindow(self.ctx, self.operator)
        window.move(0, 0)
        window.resize(*MAXIMISED)
        window.show()
        window.activateWindow()
        self.wait(lambda: not window.runner.busy, "the sync status")
        self.settle(2500)  # the checks that run shortly after the window opens
        self.save(window, "main-window")
        return window

    def wizard(self, window) -> None:
        from PySide6.QtWidgets import QWizard

        from counter_app.domain.business import BusinessType
        from counter_app.domain.idnumber import make_check_char
        from counter_app.domain.people import ApplicantDetails, GuardianDetails
        from counter_app.qt import dialogs
        from counter_app.qt import wizard as wizard_module
        from counter_app.services import demo, intake

        child = CHILD_FIRST17 + make_check_char(CHILD_FIRST17)
        draft = intake.save_applicant(self.ctx, self.operator, BusinessType.LATER,
                                      ApplicantDetails(
                                          name="王䶮", id_number=child, phone="13800138001",
                                          household_address="北京市朝阳区建国路88号",
                                          guardian=GuardianDetails(
                                              name="王建国", relation="父亲",
                                              id_number=GUARDIAN_ID, phone="13800138001")))
        window.refresh()
        window.open_wizard(draft.id)
        wizard = window.wizard
        self.settle()
        self.save(wizard, "wizard-1-applicant")
        wizard.next()
        page = wizard.currentPage()
        for check in page.checks.values():
            check.setChecked(True)
        self.save(wizard, "wizard-2-materials")
        wizard.next()
        self.save(wizard, "wizard-3-examination")
        wizard.next()
        page = wizard.currentPage()
        assert wizard.currentId() == wizard_module.PHOTO, page.errors.text()
        dialogs.choose_photo_file = lambda _parent: demo.DEMO_PHOTO
        page.import_photo()
        self.wait(page.isComplete, "the photo")
        self.save(wizard, "wizard-4-photo")
        print_page = wizard.page(wizard_module.PRINT)
        ready = []
        print_page.sig_preview_ready.connect(lambda: ready.append(True))
        wizard.next()
        self.wait(lambda: ready, "the form's preview")
        self.save(wizard, "wizard-5-print")
        # Printed (on paper, where no printer is): the wizard goes on to the signature.
        intake.record_form_printed(self.ctx, self.operator, draft.id, print_page.pdf_path)
        wizard.button(QWizard.WizardButton.CancelButton).click()
        self.settle()
        window.open_wizard(draft.id)
        wizard = window.wizard
        self.wait(lambda: wizard.page(wizard_module.PRINT).pdf_path is not None,
                  "the form again")
        wizard.next()
        assert wizard.currentId() == wizard_module.SIGNED, wizard.currentPage().errors.text()
        wizard.currentPage().ui.signed_check.setChecked(True)
        self.save(wizard, "wizard-6-signed")
        wizard.button(QWizard.WizardButton.CancelButton).click()
        self.settle()

    def photo_capture(self, window) -> None:
        try:
            from tests.unit.photo import portraits
        except ImportError as error:  # scikit-image is a test dependency
            print(f"  no photo capture: no test video ({error})")
            return
        from counter_app.photo.sources import SourceSpec
        from counter_app.qt.photo_capture import PhotoCaptureDialog

        video = portraits.write_video(self.folder / "arrival.avi",
                                      portraits.arrival(1.5, 25), 25)
        dialog = PhotoCaptureDialog(self.ctx, self.operator, SourceSpec(kind="video", path=video),
                                    window.runner, window)
        dialog.show()
        self.wait(lambda: dialog.assessment is not None, "the photo's check")
        self.save(dialog, "photo-capture")
        dialog.reject()

    def inquiry(self, window) -> None:
        window.inquiry.open()
        dialog = window.inquiry.dialog
        answered = []
        dialog.sig_answered.connect(answered.append)
        # the child whose card waits for collection: its application and card
        dialog.ui.number_edit.setText(self._id_number_of(self.card_waiting))
        dialog.search()
        self.wait(lambda: answered, "the inquiry's answer")
        self.save(dialog, "inquiry")
        dialog.reject()

    def _id_number_of(self, number: str) -> str:
        from sqlalchemy import select

        from counter_app.store.models import Application

        with self.ctx.sessions() as session:
            return session.scalar(select(Application.id_number).where(
                Application.number == number)) or ""

    def collection(self, window) -> None:
        dialog = window.cards.open_collection()
        dialog.ui.search_edit.setText(self.card_waiting)
        dialog.find()
        self.wait(lambda: not dialog.runner.busy, "the look-up")
        self.save(dialog, "collection")
        dialog.reject()

    def activation(self, window) -> None:
        dialog = window.cards.open_activation()
        dialog.ui.search_edit.setText(self.card_collected)
        dialog.find()
        self.wait(lambda: not dialog.runner.busy, "the look-up")
        self.save(dialog, "activation")
        dialog.reject()

    def day_report(self, window) -> None:
        window.reports.open()
        dialog = window.reports.dialog
        self.wait(lambda: dialog.pdf_path is not None, "the report")
        self.settle(800)
        self.save(dialog, "day-report")
        dialog.reject()

    def close_day(self, window) -> None:
        """The day's open items with reasons being given, the closing report, then an
        administrator's reopen (the demo day stays open for what follows)."""
        from counter_app.qt import dialogs
        from counter_app.qt.close_day import CloseDayDialog, ReopenDayDialog

        dialog = CloseDayDialog(self.ctx, self.operator, window.runner, window)
        dialog.show()
        self.wait(lambda: dialog.view is not None and not dialog.busy, "the open items")
        for _ in range(2):
            dialog.pick_reason(1)
        self.save(dialog, "close-day")
        confirm, dialogs.confirm = dialogs.confirm, lambda _parent, _text: True
        try:
            for row in range(dialog.ui.items_tree.topLevelItemCount()):
                dialog.ui.items_tree.setCurrentItem(dialog.ui.items_tree.topLevelItem(row))
                # the first reason offered for the group's kind that wants no note
                number = next(n for n, code in enumerate(dialog.offered, 1)
                              if not dialog.reasons[code].needs_note)
                dialog.pick_reason(number)
            dialog.close_day()
            self.wait(lambda: dialog.view.closed is not None and not dialog.busy,
                      "the close")
            self.settle(800)
            self.save(dialog, "close-day-report")
            dialog.reject()
            window.refresh()  # today closed: said in the header, no new application
            self.save(window, "main-window-day-closed")
            reopen = ReopenDayDialog(self.ctx, self.operator, window.runner, window)
            reopen.show()
            reopen.ui.reason_edit.setPlainText("申请人已回来签字，补录签字")
            self.save(reopen, "reopen-day")
            reopen.reopen()
            self.wait(lambda: not reopen.busy, "the reopen")
            window.refresh()
        finally:
            dialogs.confirm = confirm

    def sync_problems(self, window) -> None:
        window.open_sync_problems()
        self.save(window.sync_problems, "sync-problems")
        window.sync_problems.reject()

    def open_items(self, window) -> None:
        """The counts under the header with reviews wanted, a list behind one, and the
        supervisor's queue (the examined applications of the demo queue wait)."""
        import dataclasses

        from sqlalchemy import select

        from counter_app.services.worklists import WorkKind
        from counter_app.store.models import Application, ApplicationReview, Operator

        ctx = self.ctx
        ctx.__dict__["rules"] = dataclasses.replace(ctx.rules, review=dataclasses.replace(
            ctx.rules.review, required=True))
        with ctx.sessions.begin() as session:
            clerk = session.scalars(select(Operator.id).where(
                Operator.username == "wangfang")).one()
            examined = session.scalars(select(Application.id).where(
                Application.status == "examined").order_by(Application.number)).all()
            for n, app_id in enumerate(examined):
                returned = n == len(examined) - 1 and n > 0  # the last one was returned
                session.merge(ApplicationReview(
                    application_id=app_id, state="returned" if returned else "waiting",
                    examined_by=clerk, rounds=1,
                    reason_code="data_mismatch" if returned else "",
                    note="联系电话少一位，请与申请人核对后重新录入" if returned else ""))
        window.refresh()
        self.save(window, "main-window-open-items")
        for kind, name in ((WorkKind.REVIEW, "work-list"),
                           (WorkKind.REFUSED, "work-list-refused"),
                           (WorkKind.RETURNED, "work-list-returned")):
            window.open_items.open_list(kind)
            self.save(window.open_items.list_dialog, name)
            window.open_items.list_dialog.reject()
        window.open_items.open_review_queue()
        self.save(window.open_items.queue_dialog, "review-queue")
        window.open_items.queue_dialog.reject()

    def operators(self, window) -> None:
        window.account.open_operators()
        self.save(window.account.dialog, "operators")
        window.account.dialog.reject()

    def password(self, window) -> None:
        window.account.change_password()
        self.save(window.account.dialog, "password")
        window.account.dialog.reject()

    def lock(self, window) -> None:
        window.activateWindow()
        window.account.idle_lock.lock(idle=True)
        lock = window.account.idle_lock.dialog
        lock.ui.password_edit.setFocus()
        self.save(lock, "lock")
        self.save_screen("lock-screen", *MAXIMISED)

    def card_centre(self) -> None:
        from counter_app.qt.card_centre_window import CardCentreWindow
        from counter_app.services import auth, demo

        centre = auth.login(self.ctx, "centre", demo.DEMO_PASSWORD)
        window = CardCentreWindow(self.ctx, centre)
        refreshed = []
        window.sig_refreshed.connect(lambda: refreshed.append(True))
        window.move(0, 0)
        window.resize(*MAXIMISED)
        window.show()
        self.wait(lambda: refreshed, "the card centre's lists")
        self.wait(lambda: not window.runner.busy, "the card centre's lists")
        self.save(window, "card-centre")
        window.close()
        window.runner.wait_for_done(15000)


if __name__ == "__main__":
    sys.exit(main())
