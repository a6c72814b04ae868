"""Hostile input files refused before they are read or decoded: a FIFO, a device, a huge
file, an image whose header promises billions of pixels — a clear message and the
documented exit code, in a subprocess whose peak memory is measured."""

import os
import struct
import subprocess
import sys
import zipfile
import zlib

import pytest

from counter_app.security.input_files import InputFileError, read_input_file

PEAK_MB = 500
pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/status"),
                                reason="FIFOs, devices and the memory high-water mark: Linux")


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose IHDR promises *width* x *height* (the pixel data is a stub)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\x00\x00\x00\x00IDAT\x00\x00\x00\x00")


# The command line, reporting its own peak memory (other children of this test process
# would count in RUSAGE_CHILDREN).
# (VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent, the test
# worker, through exec; the high-water mark belongs to the new program's memory alone.)
_RUN = ("import re, sys\n"
        "from counter_app.cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "status = open('/proc/self/status').read()\n"
        "peak = re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1)\n"
        "sys.stderr.write(f'\\nPEAK {peak}\\n')\n"
        "sys.exit(code)\n")


def _cli(tmp_path, *args: str) -> tuple[int, str, float]:
    """Exit code, stderr and the child's own peak memory (MB) of `counter-app ARGS`."""
    env = {**os.environ, "COUNTER_DATA_DIR": str(tmp_path / "data"),
           "COUNTER_CONFIG_DIR": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen",
           "COUNTER_LANGUAGE": "en"}  # the English messages the tests read
    done = subprocess.run([sys.executable, "-c", _RUN, *args], env=env,
                          capture_output=True, text=True, timeout=60)
    said, _, peak = done.stderr.rpartition("\nPEAK ")
    return done.returncode, said, int(peak) / 1024


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.jpg"
    os.mkfifo(path)
    return path


@pytest.fixture
def huge(tmp_path):
    path = tmp_path / "huge.jpg"
    with open(path, "wb") as handle:  # sparse: 6 GB on paper, nothing on disk
        handle.write(b"\xff\xd8")
        handle.truncate(6 * 2**30)
    return path


def test_only_a_regular_file_of_bounded_size_is_read(tmp_path, fifo, huge):
    small = tmp_path / "a.jpg"
    small.write_bytes(b"\xff\xd8abc")
    assert read_input_file(small, 10) == b"\xff\xd8abc"
    for path, words in ((fifo, "not an ordinary file"), ("/dev/zero", "not an ordinary file"),
                        (tmp_path, "not an ordinary file"), (huge, "too large"),
                        (small, "too large"), (tmp_path / "missing.jpg", "cannot be opened")):
        with pytest.raises(InputFileError, match=words):
            read_input_file(path, 4 if path == small else 2**20)


@pytest.mark.parametrize("command", [["photo", "check"], ["form", "read-scan"]])
@pytest.mark.parametrize("case", ["fifo", "device", "huge", "pixels"])
def test_the_command_line_refuses_hostile_images_in_words(tmp_path, fifo, huge, command,
                                                           case):
    if case == "pixels":
        target = tmp_path / "wide.png"
        target.write_bytes(_png_header(50000, 50000))
    else:
        target = {"fifo": fifo, "device": "/dev/zero", "huge": huge}[case]
    code, said, peak = _cli(tmp_path, *command, str(target))
    assert code in (1, 2) and "Traceback" not in said and said.startswith("error: "), said
    assert peak < PEAK_MB, peak
    if command[0] == "photo":
        assert code == 2  # photo check: 2 is "unreadable"


def test_hostile_images_cost_little_memory(tmp_path):
    """Peak memory of the child while refusing a 32000 x 32000 PNG (a 3 MB file that
    would decode to 3 GB) and a 6 GB file: far under PEAK_MB."""
    wide = tmp_path / "wide.png"
    wide.write_bytes(_png_header(32000, 32000))
    code, said, peak = _cli(tmp_path, "form", "read-scan", str(wide))
    assert code == 1 and "too large" in said and peak < PEAK_MB, (said, peak)


def _xlsx_with_one_cell(path, megabytes: int) -> None:
    """A workbook of one sheet whose one cell holds *megabytes* MB of text: a few hundred
    KB on disk (the text compresses), as the 3.9 MB file of the issue that took 4 GB."""
    chunk = "0" * 2**20
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
            '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets'
            '/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                        b'2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
            for _ in range(megabytes):
                sheet.write(chunk.encode())
            sheet.write(b"</t></is></c></row></sheetData></worksheet>")


@pytest.mark.parametrize("case, words", [
    ("fifo", "not an ordinary file"), ("device", "not an ordinary file"),
    ("huge", "too large"), ("bomb", "too large"), ("big cell", ""),
])
def test_batch_check_refuses_hostile_spreadsheets_in_words(tmp_path, case, words):
    target = tmp_path / ("applicants.xlsx" if case in ("bomb", "big cell", "huge")
                         else "applicants.csv")
    if case == "fifo":
        os.mkfifo(target)
    elif case == "device":
        target = "/dev/zero"
    elif case == "huge":
        with open(target, "wb") as handle:
            handle.truncate(6 * 2**30)
    else:
        _xlsx_with_one_cell(target, 150 if case == "bomb" else 90)
    code, said, peak = _cli(tmp_path, "batch", "check", str(target))
    assert code == 2 and "Traceback" not in said and said.startswith("error: "), said
    assert words in said and peak < PEAK_MB, (said, peak)


@pytest.mark.parametrize("target", ["/nonexistent/code.txt", "/dev/zero", "fifo"])
def test_an_enrolment_code_file_that_is_no_file_is_refused_in_words(tmp_path, target):
    if target == "fifo":
        target = str(tmp_path / "code.txt")
        os.mkfifo(target)
    code, said, peak = _cli(tmp_path, "enrol", f"@{target}")
    assert code != 0 and "Traceback" not in said and said.startswith("error: "), said
    assert peak < PEAK_MB, peak
