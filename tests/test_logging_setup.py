"""The log file takes any text and survives a full disk: a log line never raises, never prints a
traceback, and never splits into forged lines."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import pytest

from app.logging_setup import LOG_FILENAME, configure_logging, printable


class Logger:
    """Records straight to one handler, as the logging module hands them over (pytest's own
    capture handlers, which re-raise on a bad record, stay out of it)."""

    def __init__(self, handler: logging.Handler) -> None:
        self.handler = handler

    def _log(self, level: int, msg: str, *args: object, exc_info: bool = False) -> None:
        record = logging.LogRecord("test", level, __file__, 1, msg, args,
                                   sys.exc_info() if exc_info else None)
        self.handler.handle(record)

    def info(self, msg: str, *args: object) -> None:
        self._log(logging.INFO, msg, *args)

    def warning(self, msg: str, *args: object) -> None:
        self._log(logging.WARNING, msg, *args)

    def exception(self, msg: str, *args: object) -> None:
        self._log(logging.ERROR, msg, *args, exc_info=True)


def detached_handler(data_dir: Path) -> tuple[logging.Handler, Path]:
    """The handler configure_logging attaches, taken off the root logger again."""
    path = configure_logging(data_dir)
    root = logging.getLogger()
    handler = next(h for h in root.handlers if getattr(h, "baseFilename", "") == str(path))
    root.removeHandler(handler)
    return handler, path


@pytest.fixture
def logged(tmp_path: Path):
    handler, path = detached_handler(tmp_path)
    yield Logger(handler), handler, path
    handler.close()


def text_of(handler: logging.Handler, path: Path) -> str:
    handler.flush()
    return path.read_text(encoding="utf-8")


def test_any_text_is_written_as_one_escaped_line(logged, capsys):
    logger, handler, path = logged
    logger.warning("name %s", "\ud800 lone")
    logger.warning("forged %s", "x\n2024-01-01 00:00:00 ERROR app fake line\r\x1b[31m")
    logger.warning("big %s", "b" * 100_000)
    logger.warning("bad args %d", "not a number")
    text = text_of(handler, path)
    lines = text.splitlines()
    assert len(lines) == 4, lines
    assert "\\ud800 lone" in lines[0]
    assert "\\n2024-01-01" in lines[1] and "\\x1b[31m" in lines[1]
    assert len(lines[2]) < 20_000 and "more characters" in lines[2]
    assert "bad args" in lines[3]
    assert capsys.readouterr().err == ""  # no '--- Logging error ---' traceback


def test_tracebacks_keep_their_lines_and_survive_surrogates(logged, capsys):
    logger, handler, path = logged
    try:
        raise ValueError("bad \udc80 value")
    except ValueError:
        logger.exception("it failed")
    text = text_of(handler, path)
    assert "Traceback (most recent call last):" in text and "bad \\udc80 value" in text
    assert capsys.readouterr().err == ""


def test_secrets_are_still_masked(logged):
    logger, handler, path = logged
    logger.info("client sent api_key=%s", "edk_secret_value")
    assert "edk_secret_value" not in text_of(handler, path)


def test_a_filter_never_breaks_the_caller(logged):
    logger, handler, path = logged
    logger.info("%s %s", "only one")  # getMessage() raises inside the filter
    assert "only one" in text_of(handler, path)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (ENOSPC)")
def test_a_full_disk_drops_lines_quietly_says_so_once_and_recovers(tmp_path, capsys):
    folder = tmp_path / "logs"
    folder.mkdir()
    link = folder / LOG_FILENAME
    link.symlink_to("/dev/full")  # every write fails with ENOSPC, as on a full disk
    handler, path = detached_handler(tmp_path)
    logger = Logger(handler)
    try:
        for index in range(5):
            logger.warning("line %d", index)  # must not raise
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert "log" in err and "dropped" in err
        link.unlink()
        link.write_text("", encoding="utf-8")  # space again
        logger.warning("after the disk was freed")
        text = text_of(handler, path)
        assert "5 log lines were dropped" in text and "after the disk was freed" in text
        assert capsys.readouterr().err == ""
    finally:
        handler.close()


def test_printable_bounds_and_escapes_in_one_place():
    assert printable("plain name") == "plain name"
    assert printable("a\ud800b\n\x00\u202e") == "a\\ud800b\\n\\x00\\u202e"
    shortened = printable("x" * 100_000, 64)
    assert shortened.startswith("x" * 64) and len(shortened) < 120
    assert "99936 more characters" in shortened
    printable("\udfff" * 10_000, 64).encode("utf-8")  # always valid UTF-8


def test_configure_logging_is_idempotent_per_file(tmp_path):
    first = configure_logging(tmp_path)
    second = configure_logging(tmp_path)
    root = logging.getLogger()
    mine = [h for h in root.handlers if getattr(h, "baseFilename", "") == str(first)]
    assert first == second and len(mine) == 1
    assert isinstance(mine[0], logging.handlers.RotatingFileHandler)
    root.removeHandler(mine[0])
    mine[0].close()


def test_a_log_folder_that_cannot_be_made_does_not_stop_the_program(tmp_path, capsys):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    handler, _ = detached_handler(blocker)  # logs/ cannot be created under a file
    try:
        Logger(handler).warning("nowhere to go")
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "cannot write the log file" in err
    finally:
        handler.close()
