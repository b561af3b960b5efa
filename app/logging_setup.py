"""Rotating log file in the data folder; secrets are never passed to the logger."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from app.paths import logs_dir

LOG_FILENAME = "edgedeck.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"
_SECRET = re.compile(r"(?i)(password|passphrase|secret|token|api[_-]?key)(\s*[=:]\s*)(\S+)")


class RedactSecrets(logging.Filter):
    """Belt and braces: masks `password=...`-style values should one ever reach a message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET.sub(r"\1\2***", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def configure_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Attach one rotating handler (1 MiB x 5) to the root logger; idempotent per file."""
    folder = logs_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILENAME
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(path):
            return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_048_576, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactSecrets())
    root.addHandler(handler)
    root.setLevel(level)
    return path
