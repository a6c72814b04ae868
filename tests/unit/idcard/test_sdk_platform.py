"""The ID-card reader's vendor library on each system: its file name and its ctypes
loader (decided by passing the platform: nothing is loaded here but a stand-in)."""

import ctypes

import pytest

from counter_app.idcard import cvr
from counter_app.idcard.cvr import (CvrSdkReader, sdk_file_name, sdk_library_path,
                                    sdk_loader_name)


def test_termb_dll_on_windows_libtermb_so_on_linux():
    assert sdk_file_name("win32") == "termb.dll"
    assert sdk_file_name("linux") == "libtermb.so"


def test_the_stdcall_loader_on_windows_the_c_loader_elsewhere():
    assert sdk_loader_name("win32") == "WinDLL"
    assert sdk_loader_name("linux") == "CDLL"


def test_a_vendor_folder_in_the_setting_gives_the_systems_library_in_it(tmp_path):
    assert sdk_library_path(str(tmp_path), "win32") == tmp_path / "termb.dll"
    assert sdk_library_path(str(tmp_path), "linux") == tmp_path / "libtermb.so"
    named = tmp_path / "vendor" / "termb.dll"  # a file named in full is taken as it is
    assert sdk_library_path(str(named), "linux") == named


class FakeSdk:
    """What WinDLL would return: every CVR_* function there."""

    def __getattr__(self, name):
        return lambda *args: 1


def test_on_windows_the_sdk_is_loaded_with_windll(monkeypatch, tmp_path):
    loaded = []
    monkeypatch.setattr(ctypes, "WinDLL", lambda path: loaded.append(path) or FakeSdk(),
                        raising=False)  # ctypes has no WinDLL off Windows
    monkeypatch.setattr(ctypes, "CDLL", lambda path: pytest.fail("CDLL used on Windows"))
    library = tmp_path / "termb.dll"
    reader = CvrSdkReader(library, platform="win32")
    assert loaded == [str(library)] and reader.connected()


def test_the_loader_name_is_one_ctypes_has_on_this_system():
    assert hasattr(ctypes, sdk_loader_name())
    assert cvr.sdk_file_name() in ("termb.dll", "libtermb.so")
