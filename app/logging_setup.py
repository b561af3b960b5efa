"""Rotating log file in the data folder; secrets are never passed to the logger.

A log line must never hurt the program that writes it: any text is written (lone surrogates and
control characters escaped, so a client cannot forge lines or break the encoder; very long
messages shortened), a message whose arguments do not fit its format is still written, and a
file that cannot be written (disk full) drops the line quietly: one line on stderr says so, and
the log notes how many lines were lost once it can be written again. Python's default would
print a traceback on stderr for every such line. `printable` is the one function that makes
outside text safe for a log line, an error answer or the access log.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import re
import sys
from pathlib import Path

from app.paths import logs_dir

LOG_FILENAME = "edgedeck.log"
MAX_BYTES = 1_048_576
BACKUPS = 5
MAX_MESSAGE = 8000  # characters of one log message (a traceback after it is kept whole)
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"
_SECRET = re.compile(r"(?i)(password|passphrase|secret|token|api[_-]?key)(\s*[=:]\s*)(\S+)")
# Control characters (C0, DEL, C1), line/paragraph separators, bidirectional overrides (they
# make a log line read differently from what it holds) and lone UTF-16 surrogates (they cannot
# be encoded as UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object, limit: int = 200) -> str:
    """`value` as one line of valid UTF-8 text of at most `limit` characters (and a note of
    how many more there were): control characters and lone surrogates escaped."""
    try:
        text = value if isinstance(value, str) else str(value)
    except Exception as exc:  # noqa: BLE001 - a broken __str__ must not break the message
        text = f"<unprintable {type(value).__name__}: {type(exc).__name__}>"
    head = text[:limit]
    shown = head
    if _UNSAFE.search(head) is not None:
        # escapes are longer than what they stand for: stop where `limit` is reached
        pieces: list[str] = []
        size = 0
        for char in head:
            piece = _escaped(char) if _UNSAFE.match(char) else char
            if size + len(piece) > limit:
                break
            pieces.append(piece)
            size += len(piece)
        shown = "".join(pieces)
        head = head[:len(pieces)]
    rest = len(text) - len(head)
    return f"{shown}... ({rest} more characters)" if rest > 0 else shown


class RedactSecrets(logging.Filter):
    """Belt and braces: masks `password=...`-style values should one ever reach a message."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - the formatter writes what it can; never raise here
            return True
        redacted = _SECRET.sub(r"\1\2***", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class SafeFormatter(logging.Formatter):
    """One message, one line: escaped and bounded. Tracebacks keep their lines; the handler
    escapes what cannot be encoded in them."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except Exception as exc:  # noqa: BLE001 - a wrong format is a bug, not a lost line
            message = (f"{printable(record.msg)} (log arguments {printable(record.args)} do "
                       f"not fit: {type(exc).__name__})")
        record.message = printable(message.rstrip(), MAX_MESSAGE)
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        line = self.formatMessage(record)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line = f"{line}\n{record.exc_text}"
        if record.stack_info:
            line = f"{line}\n{self.formatStack(record.stack_info)}"
        return line


class SafeRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Never raises and never prints a traceback: a line that cannot be written is dropped and
    counted, stderr is told once per outage, and the log notes the loss afterwards."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                         errors="backslashreplace", delay=True)
        self.dropped = 0
        self.reason = ""
        try:
            self.stream = self._open()  # created now, as before; a folder that cannot hold it
        except OSError as exc:  # (read-only, full) must not stop the program from starting
            self._drop(exc)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
            if self.stream is None:
                self.stream = self._open()
            if self._full(line):
                self.doRollover()
            if self.dropped:
                self.stream.write(self.format(logging.LogRecord(
                    __name__, logging.WARNING, __file__, 0,
                    "%d log lines were dropped: the log file could not be written (%s)",
                    (self.dropped, self.reason), None)) + self.terminator)
            self.stream.write(line)
            self.stream.flush()
            self.dropped = 0
        except RecursionError:
            raise
        except Exception as exc:  # noqa: BLE001 - logging must never break its caller
            self._drop(exc)

    def _full(self, line: str) -> bool:
        if self.maxBytes <= 0 or self.stream is None:
            return False
        self.stream.seek(0, 2)
        return 0 < self.stream.tell() and self.stream.tell() + len(line) >= self.maxBytes \
            and Path(self.baseFilename).is_file()

    def _drop(self, exc: Exception) -> None:
        first = self.dropped == 0
        self.dropped += 1
        self.reason = printable(getattr(exc, "strerror", None) or exc, 120)
        stream, self.stream = self.stream, None  # reopened for the next line
        if stream is not None:
            try:
                stream.close()  # what it still buffers is lost with the line
            except Exception:  # noqa: BLE001
                pass
        if first and sys.stderr is not None:
            try:
                sys.stderr.write(f"edgedeck: cannot write the log file {self.baseFilename} "
                                 f"({self.reason}); log lines are dropped until it can be "
                                 "written again\n")
            except Exception:  # noqa: BLE001 - no console either: nothing more to do
                pass

    def flush(self) -> None:
        try:
            super().flush()
        except Exception as exc:  # noqa: BLE001 - e.g. on close, with the disk full
            with self.lock or contextlib.nullcontext():
                self._drop(exc)

    def handleError(self, record: logging.LogRecord) -> None:
        """Never the default traceback on stderr (e.g. from a failed rollover)."""
        self._drop(sys.exc_info()[1] or OSError("unknown error"))


def configure_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Attach one rotating handler (1 MiB x 5) to the root logger; idempotent per file."""
    folder = logs_dir(data_dir)
    with contextlib.suppress(OSError):  # if it cannot be made, the handler says so, once
        folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILENAME
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(path):
            return path
    handler = SafeRotatingFileHandler(path)
    handler.setFormatter(SafeFormatter(_FORMAT))
    handler.addFilter(RedactSecrets())
    root.addHandler(handler)
    root.setLevel(level)
    return path
