"""Hostile committee spreadsheets: refused in words before they cost memory or time."""

import os
import zipfile

import pytest

from counter_app.batches.spreadsheet import MAX_UNPACKED_BYTES, SpreadsheetError, read_table


def test_a_pipe_is_refused_at_once_not_waited_on(tmp_path):
    pipe = tmp_path / "applicants.csv"
    os.mkfifo(pipe)
    with pytest.raises(SpreadsheetError, match="not an ordinary file"):
        read_table(pipe)


def test_an_xlsx_that_unpacks_to_more_than_the_limit_is_refused_before_unpacking(tmp_path):
    """A few MB on disk, one huge part inside (a 'zip bomb' of a single cell)."""
    bomb = tmp_path / "applicants.xlsx"
    chunk = b"0" * 2**20
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/sharedStrings.xml", "w") as part:
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
                part.write(chunk)
    assert bomb.stat().st_size < 2 * 2**20
    with pytest.raises(SpreadsheetError, match="too large"):
        read_table(bomb)
