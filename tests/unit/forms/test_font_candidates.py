"""Which font files the forms try on each system, in which order (decided here for
Windows by passing the platform: no Windows needed)."""

import os
import shutil
from pathlib import Path, PureWindowsPath

import pytest

from counter_app.forms.fonts import (WINDOWS_FONT_FILES, find_fonts, split_runs,
                                     system_font_paths)

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
HANA_B = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")


def _windows(paths) -> list[str]:
    return [str(PureWindowsPath(str(path))) for path in paths]


def test_on_windows_simsun_then_simsun_extb_then_the_hei_faces_in_the_windows_folder():
    paths = system_font_paths("win32", {"WINDIR": r"D:\WINNT"})
    assert _windows(paths) == [r"D:\WINNT\Fonts\simsun.ttc", r"D:\WINNT\Fonts\simsunb.ttf",
                               r"D:\WINNT\Fonts\msyh.ttc", r"D:\WINNT\Fonts\simhei.ttf",
                               r"D:\WINNT\Fonts\SimsunExtG.ttf"]


def test_without_windir_systemroot_then_c_windows():
    assert _windows(system_font_paths("win32", {"SYSTEMROOT": r"E:\Windows"}))[0] == \
        r"E:\Windows\Fonts\simsun.ttc"
    assert _windows(system_font_paths("win32", {}))[0] == r"C:\Windows\Fonts\simsun.ttc"


def test_fonts_installed_for_one_user_are_tried_after_the_systems():
    paths = _windows(system_font_paths("win32", {
        "WINDIR": r"C:\Windows", "LOCALAPPDATA": r"C:\Users\clerk\AppData\Local"}))
    user_folder = r"C:\Users\clerk\AppData\Local\Microsoft\Windows\Fonts"
    assert paths[len(WINDOWS_FONT_FILES):] == [f"{user_folder}\\{name}"
                                               for name in WINDOWS_FONT_FILES]


def test_on_linux_wenquanyi_first_and_hanamin_b_before_a():
    names = [path.name for path in system_font_paths("linux", {"WINDIR": r"C:\Windows"})]
    assert names[0] == "wqy-zenhei.ttc"
    assert names.index("HanaMinB.ttf") < names.index("HanaMinA.ttf")


def _place(source: Path, target: Path) -> None:
    """The font under its Windows name: a hard link where possible (no copy of 20 MB)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


@pytest.mark.skipif(not (WQY.exists() and HANA_B.exists()),
                    reason="needs fonts-wqy-zenhei and fonts-hanazono as stand-ins")
def test_with_windows_font_files_extension_b_comes_from_simsun_extb(tmp_path):
    fonts_dir = tmp_path / "Windows" / "Fonts"
    fonts_dir.mkdir(parents=True)
    _place(WQY, fonts_dir / "simsun.ttc")      # stands for SimSun (BMP and Ext A)
    _place(HANA_B, fonts_dir / "simsunb.ttf")  # stands for SimSun-ExtB
    windows = {"WINDIR": str(tmp_path / "Windows")}
    candidates = [str(path) for path in system_font_paths("win32", windows)]
    fonts = find_fonts(candidates, search_bundled=False, search_system=False,
                       cache_dir=tmp_path / "cache")
    runs = split_runs("王䶮𠮷", fonts)
    assert [fonts.paths[name].name for name, _ in runs] == ["simsun.ttc", "simsunb.ttf"]
    assert [text for _, text in runs] == ["王䶮", "𠮷"]
