"""How a camera is opened on each system: the backends tried and what each is given
(decided here for Windows by passing the platform; no camera needed)."""

import cv2

from counter_app.photo import sources
from counter_app.photo.sources import camera_backends, open_camera, open_parameters


def test_windows_tries_directshow_then_media_foundation():
    assert camera_backends("win32") == (cv2.CAP_DSHOW, cv2.CAP_MSMF)


def test_linux_leaves_the_choice_to_opencv():
    assert camera_backends("linux") == (cv2.CAP_ANY,)


def test_directshow_and_media_foundation_are_given_no_open_parameters():
    # they refuse the time limits, and OpenCV then opens nothing
    assert open_parameters(cv2.CAP_DSHOW, (1280, 720)) == []
    assert open_parameters(cv2.CAP_MSMF, (1280, 720)) == []


def test_elsewhere_the_time_limits_and_the_size_go_to_the_constructor():
    params = open_parameters(cv2.CAP_ANY, (1280, 720), open_timeout_ms=1500)
    assert dict(zip(params[::2], params[1::2])) == {
        cv2.CAP_PROP_OPEN_TIMEOUT_MSEC: 1500,
        cv2.CAP_PROP_READ_TIMEOUT_MSEC: sources.READ_TIMEOUT_MS,
        cv2.CAP_PROP_FRAME_WIDTH: 1280, cv2.CAP_PROP_FRAME_HEIGHT: 720}
    assert cv2.CAP_PROP_FRAME_WIDTH not in open_parameters(cv2.CAP_ANY)[::2]


class FakeCapture:
    """cv2.VideoCapture's stand-in: opens only through the backends in *working*."""

    made: list = []
    working: set = set()

    def __init__(self, device, backend, params) -> None:
        self.backend, self.params, self.settings, self.released = backend, params, {}, False
        FakeCapture.made.append(self)

    def isOpened(self) -> bool:  # noqa: N802 - cv2's name
        return self.backend in FakeCapture.working

    def set(self, prop, value) -> bool:
        self.settings[prop] = value
        return True

    def release(self) -> None:
        self.released = True


def _fake(working: set) -> type[FakeCapture]:
    FakeCapture.made, FakeCapture.working = [], working
    return FakeCapture


def test_on_windows_a_camera_directshow_opens_is_asked_for_its_size_once_open():
    capture = open_camera(0, (1280, 720), platform="win32",
                          capture_type=_fake({cv2.CAP_DSHOW, cv2.CAP_MSMF}))
    assert capture.backend == cv2.CAP_DSHOW and len(FakeCapture.made) == 1
    assert capture.params == [] and capture.settings == {
        cv2.CAP_PROP_FRAME_WIDTH: 1280, cv2.CAP_PROP_FRAME_HEIGHT: 720}


def test_on_windows_a_camera_with_only_a_media_foundation_driver_opens_second():
    capture = open_camera(0, (640, 480), platform="win32",
                          capture_type=_fake({cv2.CAP_MSMF}))
    first, second = FakeCapture.made
    assert first.backend == cv2.CAP_DSHOW and first.released
    assert capture is second and second.backend == cv2.CAP_MSMF and not second.released


def test_no_backend_opens_it_none_and_nothing_left_open():
    assert open_camera(3, platform="win32", capture_type=_fake(set())) is None
    assert [c.released for c in FakeCapture.made] == [True, True]


def test_the_self_checks_brief_open_asks_for_no_size():
    capture = open_camera(0, platform="win32", capture_type=_fake({cv2.CAP_DSHOW}))
    assert capture.settings == {}
