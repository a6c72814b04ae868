"""Hand a JPEG photo to the PDF as it is, without decoding it.

ReportLab's ImageReader opens every picture with PIL (whose plug-ins take about 25 ms
to import on the first form of a process) and decodes all its pixels only to name the
image inside the PDF. A JPEG needs neither: PDF embeds the file itself (DCTDecode).
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfutils import readJPEGInfo


class JpegImage(ImageReader):
    """An ImageReader over JPEG bytes; ValueError when they are not a readable JPEG."""

    def __init__(self, jpeg: bytes) -> None:  # noqa: super-init-not-called - no PIL here
        if not jpeg.startswith(b"\xff\xd8"):
            raise ValueError("not a JPEG file")
        try:
            width, height = readJPEGInfo(io.BytesIO(jpeg))[:2]
        except Exception as exc:  # readJPEGInfo raises bare errors for broken files
            raise ValueError("damaged JPEG file") from exc
        self._jpeg, self._size = jpeg, (width, height)
        self._dataA = None  # no transparency mask
        self.fileName = "photo.jpg"

    def getSize(self) -> tuple[int, int]:  # noqa: N802 - ReportLab's name
        return self._size

    def getRGBData(self) -> bytes:  # noqa: N802 - ReportLab only digests it to name the image
        return self._jpeg

    def jpeg_fh(self) -> io.BytesIO:
        return io.BytesIO(self._jpeg)
