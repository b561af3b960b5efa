"""Run a parser on untrusted input in a child process, within a time and memory budget.

PDF, DOCX and HTML parsers are large third-party code: a crafted file can make one run for
minutes, take gigabytes or crash the interpreter. In a child process none of that reaches the
caller: a call that runs past its seconds is stopped (the child is killed), one that needs more
memory than its budget gets a MemoryError inside the child (RLIMIT_AS on POSIX; elsewhere the
parent watches the child's resident memory and stops it), and a crash is only that call's
failure. Each outcome is a `BudgetExceeded` whose message names the limit, for the file's
result. The child is started once (spawn: safe beside threads, and frozen builds support it)
and serves calls one at a time; a stopped child is replaced on the next call. Cancel is checked
while waiting, so a cancelled ingest does not wait for a slow file.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from app.errors import ValidationError
from app.messages import msg

MIB = 1 << 20
POLL_SECONDS = 0.05
START_SECONDS = 120.0  # a box under load may take a while to start Python


class BudgetExceeded(ValidationError):
    """The call ran past its time or memory budget, or its process stopped; the message says
    which, for a person."""


class Cancelled(Exception):
    """The caller's cancel callback said stop while the call ran (the child was stopped)."""


def _describe_seconds(seconds: float) -> str:
    return f"{seconds:g} s"


class BoundedWorker:
    """A child process that runs module-level functions, one call at a time, each within
    `seconds` of wall-clock time and `memory_bytes` of memory beyond the child's own."""

    def __init__(self, seconds: float, memory_bytes: int, preload: Sequence[str] = ()) -> None:
        self.seconds = float(seconds)
        self.memory_bytes = int(memory_bytes)
        self._preload = tuple(preload)
        self._process: Any = None
        self._conn: Any = None
        self._baseline_rss = 0

    def __enter__(self) -> BoundedWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child: it exits when its end of the pipe closes. Nothing is written to it
        here, since it may be dead (the CLI lets SIGPIPE end the process, like Unix tools)."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()
        if process is not None:
            process.join(2)
            if process.is_alive():
                process.kill()
                process.join(5)
            with contextlib.suppress(ValueError):
                process.close()

    def _kill(self) -> None:
        process = self._process
        if process is not None and process.is_alive():
            process.kill()
        self.close()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, self.memory_bytes, self._preload),
                                  name="edgedeck-bounded-reader", daemon=True)
        process.start()
        theirs.close()
        self._process, self._conn = process, ours
        if not ours.poll(START_SECONDS):
            self._kill()
            raise BudgetExceeded("The reader process did not start; try again.")
        try:
            ours.recv()  # "ready": imports done, limits set
        except (EOFError, OSError):
            self._kill()
            raise BudgetExceeded("The reader process did not start; try again.") from None
        self._baseline_rss = _rss(process.pid)

    def call(self, fn: Callable[..., Any], *args: Any,
             cancelled: Callable[[], bool] | None = None) -> Any:
        """fn(*args) in the child. Exceptions the function raises come back as themselves
        when they pickle (a ValidationError with its reason); the budget's own outcomes are
        BudgetExceeded; `cancelled()` turning true raises Cancelled."""
        # An idle child never writes: something to read means it is gone (EOF).
        if self._process is None or not self._process.is_alive() or self._conn.poll(0):
            self._kill()
            self._start()
        conn = self._conn
        try:
            conn.send((fn, args))
        except (OSError, ValueError):
            self._kill()
            raise BudgetExceeded("The reader process stopped unexpectedly; try again.") from None
        started = time.monotonic()
        while not conn.poll(POLL_SECONDS):
            if cancelled is not None and cancelled():
                self._kill()
                raise Cancelled
            if time.monotonic() - started > self.seconds:
                self._kill()
                raise BudgetExceeded(msg("Reading the file took longer than {seconds} (the limit "
                                         "per file); it may be malformed or too complex.",
                                         seconds=_describe_seconds(self.seconds)))
            if not self._process.is_alive():
                break
            if self._over_memory():
                self._kill()
                raise self._memory_error()
        try:
            kind, value = conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode if self._process is not None else None
            self._kill()
            raise BudgetExceeded(
                msg("The reader stopped on this file (exit code {code}); it may be malformed, or "
                    "need more than {memory_bytes} MiB of memory.", code=code,
                    memory_bytes=self.memory_bytes // MIB)) from None
        if kind == "ok":
            return value
        if kind == "memory":
            self._kill()  # a child that ran out of memory is not trusted further
            raise self._memory_error()
        if kind == "raise":
            raise value
        raise BudgetExceeded(str(value))

    def _memory_error(self) -> BudgetExceeded:
        return BudgetExceeded(f"Reading the file needed more than {self.memory_bytes // MIB} "
                              "MiB of memory (the limit per file); it may be malformed or too "
                              "large.")

    def _over_memory(self) -> bool:
        if _HAS_RLIMIT:  # the kernel enforces it in the child
            return False
        rss = _rss(self._process.pid)
        return rss > self._baseline_rss + self.memory_bytes


try:
    import resource

    _HAS_RLIMIT = hasattr(resource, "RLIMIT_AS") and os.path.exists("/proc/self/statm")
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]
    _HAS_RLIMIT = False


def _rss(pid: int) -> int:
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except Exception:  # noqa: BLE001 - gone, or psutil unable: no reading
        return 0


def _limit_memory(memory_bytes: int) -> None:
    """Address space = what the child maps now + the budget (Linux: from /proc/self/statm)."""
    if not _HAS_RLIMIT:
        return
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[0])
    current = pages * os.sysconf("SC_PAGE_SIZE")
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + memory_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(conn: Any, memory_bytes: int, preload: Sequence[str]) -> None:  # noqa: ANN401
    """The child's loop: run each (fn, args), answer ("ok", result), ("raise", exception),
    ("memory", None) or ("crash", text); stop when the pipe closes or None arrives."""
    import logging
    import warnings

    # A parser's warnings about a damaged file are not for the terminal (no log file here).
    logging.getLogger().addHandler(logging.NullHandler())
    logging.getLogger().setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    for name in preload:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    _limit_memory(memory_bytes)
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        fn, args = message
        try:
            answer: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            answer = ("memory", None)
        except RecursionError:
            answer = ("crash", "The file is nested too deeply to be read (malformed or "
                               "crafted).")
        except Exception as exc:  # noqa: BLE001 - reported, never fatal
            answer = ("raise", exc) if isinstance(exc, ValidationError) else (
                "crash", f"Unexpected error while reading the file ({type(exc).__name__}: "
                         f"{exc}).")
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("memory", None))
        except Exception as exc:  # noqa: BLE001 - e.g. an exception that does not pickle
            conn.send(("crash", f"Unexpected error while reading the file "
                                f"({type(exc).__name__}: {exc})."))
