"""One way to make a PDF of a document: canvas settings, metadata, saving, writing."""

from __future__ import annotations

import io
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from counter_app.forms.fonts import FontSet

# Binary streams: ASCII85 makes files a quarter larger and, in pure Python, took a few
# milliseconds per form.
rl_config.useA85 = 0

# ReportLab subsets a font by seeking in the shared font object, so two documents must
# not be saved at the same moment (the task runner has two threads).
_SAVE_LOCK = threading.Lock()

Draw = Callable[[Canvas], None]


def write_pdf(out: Path | str | BinaryIO, fonts: FontSet, title: str, draw: Draw) -> None:
    """Make a PDF with ``draw(canvas)``; a path is written atomically (never half a file).

    ``title`` goes into the metadata, which must never carry personal data.
    """
    if isinstance(out, (str, Path)):
        buffer = io.BytesIO()
        _render(buffer, fonts, title, draw)
        write_atomically(Path(out), buffer.getvalue())
    else:
        _render(out, fonts, title, draw)


def _render(out: BinaryIO, fonts: FontSet, title: str, draw: Draw) -> None:
    canvas = Canvas(out, pagesize=A4, initialFontName=fonts.primary, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("Counter")
    canvas.setSubject(title)
    canvas.setCreator("Counter")
    draw(canvas)
    with _SAVE_LOCK:
        canvas.save()


def write_atomically(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".doc-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
