"""The window's font families on each system (decided from the families a system has,
passed in: no Windows needed)."""

from counter_app.qt.style import ui_families

WINDOWS_11 = {"Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "SimHei", "SimSun-ExtB",
              "SimSun-ExtG", "Arial"}
DEBIAN = {"WenQuanYi Zen Hei", "HanaMinA", "HanaMinB", "DejaVu Sans"}


def test_on_windows_yahei_ui_then_simsun_extb_for_extension_b():
    assert ui_families(WINDOWS_11.__contains__) == ["Microsoft YaHei UI", "SimSun-ExtB",
                                                    "SimSun-ExtG"]


def test_an_older_windows_without_yahei_ui_takes_yahei():
    older = WINDOWS_11 - {"Microsoft YaHei UI", "SimSun-ExtG"}
    assert ui_families(older.__contains__) == ["Microsoft YaHei", "SimSun-ExtB"]


def test_on_debian_wenquanyi_then_the_hanamin_faces():
    assert ui_families(DEBIAN.__contains__) == ["WenQuanYi Zen Hei", "HanaMinA", "HanaMinB"]


def test_without_a_chinese_family_qt_keeps_its_own():
    assert ui_families({"Arial", "SimSun-ExtB"}.__contains__) == []
