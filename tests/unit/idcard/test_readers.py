import shutil
import subprocess
from pathlib import Path

import pytest

from counter_app.idcard.reader import (MSG_NO_CARD, MSG_NO_READER, IdCardData, ReaderError,
                                       SimulatedReader, open_reader, save_cards)

FAKE_SDK = Path(__file__).with_name("fake_termb.c")


@pytest.fixture(scope="module")
def sdk_library(tmp_path_factory):
    """Compile the stand-in SDK, so the real ctypes driver is exercised end to end."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the stand-in SDK")
    library = tmp_path_factory.mktemp("sdk") / "libtermb.so"
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(library), str(FAKE_SDK)], check=True)
    return library


def test_the_sdk_driver_reads_every_field(sdk_library):
    reader = open_reader(str(sdk_library))
    card = reader.read()
    reader.close()
    assert card == IdCardData("王建国", "11010519491231002X", "F", "汉", "1949-12-31",
                              "北京市朝阳区", "2015-06-01", "长期")


def test_no_card_on_the_reader_says_so(sdk_library, monkeypatch):
    monkeypatch.setenv("CARD_PRESENT", "0")
    with pytest.raises(ReaderError) as caught:
        open_reader(str(sdk_library)).read()
    assert caught.value.template == MSG_NO_CARD


def test_a_missing_sdk_library_means_typing(tmp_path):
    with pytest.raises(ReaderError) as caught:
        open_reader(str(tmp_path / "libtermb.so"))
    assert caught.value.template == MSG_NO_READER
    assert open_reader("") is None


def test_the_simulated_reader_hands_out_cards_in_order(tmp_path):
    cards = [IdCardData("甲", "1", "M", "汉", "2000-01-01", "地址", "2020-01-01", "长期"),
             IdCardData("乙", "2", "F", "回", "2001-01-01", "地址", "2020-01-01", "2040-01-01")]
    path = tmp_path / "cards.json"
    save_cards(path, cards)
    reader = open_reader(f"simulated:{path}")
    assert [reader.read(), reader.read()] == cards
    with pytest.raises(ReaderError):
        reader.read()
    assert isinstance(open_reader("simulated"), SimulatedReader)
