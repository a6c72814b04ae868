"""Logging to a rotating file, with ID numbers masked whatever a message holds."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from counter_app.domain.idnumber import mask

_ID_NUMBER = re.compile(r"(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9])")


class MaskIdNumbers(logging.Filter):
    """Last line of defence: code should not log personal data in the first place."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _ID_NUMBER.sub(lambda m: mask(m.group(0)), message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_dir / "counter.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.addFilter(MaskIdNumbers())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
