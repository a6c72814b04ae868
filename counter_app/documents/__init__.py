"""Paper coming back: read the QR code of a scanned or photographed signed page and tell
which application it belongs to. Qt-free; OpenCV does the reading."""

from counter_app.documents.scan import (
    ForeignCode, NoCodeFound, NotAnImage, ScanError, read_application_number)
from counter_app.documents.matching import WrongApplication, check_page_belongs_to

__all__ = [
    "ForeignCode",
    "NoCodeFound",
    "NotAnImage",
    "ScanError",
    "WrongApplication",
    "check_page_belongs_to",
    "read_application_number",
]
