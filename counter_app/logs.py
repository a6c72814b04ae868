"""Logging to a rotating file, with ID, phone and card numbers masked in the whole
formatted record (message, traceback, stack) whatever code logged. Names cannot be
recognised by their form: code never formats them into messages, and the database
engines hide statement parameters (hide_parameters)."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from counter_app.domain.idnumber import mask
from counter_app.security.private_files import close_to_others

_ID_NUMBER = re.compile(r"(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9])")
_PHONE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")  # a mainland mobile number
_CARD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]\d{8}(?![0-9A-Za-z])")  # A12345678


def mask_text(text: str) -> str:
    """*text* with every ID, mobile and card number masked."""
    text = _ID_NUMBER.sub(lambda m: mask(m.group(0)), text)
    text = _PHONE.sub(lambda m: m.group(0)[:3] + "****" + m.group(0)[-4:], text)
    return _CARD.sub(lambda m: m.group(0)[0] + "****" + m.group(0)[-4:], text)


class MaskingFormatter(logging.Formatter):
    """Masks the record as written: the message and the formatted exception alike."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


class MaskIdNumbers(logging.Filter):
    """Last line of defence: code should not log personal data in the first place."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _ID_NUMBER.sub(lambda m: mask(m.group(0)), message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    close_to_others(log_dir)  # the log file is created 0600, in a 0700 directory
    handler = logging.handlers.RotatingFileHandler(
        log_dir / "counter.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.addFilter(MaskIdNumbers())
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
