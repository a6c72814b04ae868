"""Preview frame rate of the capture dialog while it checks: a 30 fps video played through
the station for three seconds (automatic capture off), frames shown per second."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time  # noqa: E402

from counter_app.photo.sources import SourceSpec  # noqa: E402
from tests.unit.photo import portraits  # noqa: E402
from tests.benchmarks.budget import within_budget  # noqa: E402

FPS, SECONDS = 30, 3.0


def test_preview_frame_rate_while_checking(qtbot, ctx, admin, tmp_path):
    from counter_app.qt.photo_capture import PhotoCaptureDialog

    frames = [portraits.compose(seed=i) for i in range(FPS * 2)]
    video = portraits.write_video(tmp_path / "steady.avi", frames, FPS)
    dialog = PhotoCaptureDialog(ctx, admin, SourceSpec(kind="video", path=video))
    dialog.ui.auto_check.setChecked(False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.shown_at) > 0, timeout=10000)
    qtbot.wait(int(SECONDS * 1000))
    now = time.monotonic()
    fps = dialog.preview_fps(until=now, seconds=SECONDS)
    worker = dialog.worker
    print(f"\npreview {fps:.1f} frames/s of a {FPS} fps video; read {worker.frames_read}, "
          f"not shown {worker.frames_dropped}")
    dialog.reject()
    within_budget(fps, 25, "capture preview while checking", smaller_is_better=False,
                  unit="frames/s")
