"""Helpers every reader shares: honest readings, sysfs/debugfs reads, and tools run with a timeout.

A missing metric is a Reading with value None, supported False and a note saying why (absent on
this device, needs root, device suspended); readers never substitute zero for "unknown".
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.messages import msg
from app.telemetry.model import Reading

NOT_SUPPORTED = msg("not supported by this device")

# Reads a small text file (sysfs attribute, debugfs node). Tests inject one that raises
# PermissionError, because chmod 000 does not stop root.
Opener = Callable[[Path], str]

# Runs a command with a timeout in seconds and returns its stdout. Raises
# subprocess.TimeoutExpired, FileNotFoundError/OSError, or ToolError (non-zero exit).
Runner = Callable[[Sequence[str], float], str]


def read_text(path: Path) -> str:
    """The default Opener: a sysfs attribute is small, so read it whole."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def list_dir(path: Path) -> list[str]:
    """The default directory lister (injectable for the same reason as the Opener)."""
    return sorted(os.listdir(path))


def needs_root_note(path: Path) -> str:
    return msg("needs root: run as root or grant read access to {path}", path=path)


@dataclass(frozen=True)
class FileValue:
    """The text of one attribute, or why there is none (note), so callers can say it."""

    text: str | None
    note: str = ""
    denied: bool = False

    @property
    def ok(self) -> bool:
        return self.text is not None


def read_attr(path: Path, opener: Opener = read_text) -> FileValue:
    """Read a sysfs/debugfs attribute; permission and absence become notes, not exceptions."""
    try:
        return FileValue(opener(path).strip())
    except PermissionError:
        return FileValue(None, needs_root_note(path), denied=True)
    except FileNotFoundError:
        return FileValue(None, msg("{path} does not exist on this kernel/driver", path=path))
    except OSError as exc:  # EIO from a powered-down device, EINVAL from some debugfs nodes
        return FileValue(None, msg("cannot read {path}: {error}", path=path,
                                   error=exc.strerror or exc))


def parse_number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text.strip())
    except ValueError:
        return None


def reading(key: str, label: str, value: float | None, unit: str, meaning: str, window: str,
            note: str = "") -> Reading:
    """A reading whose supported flag follows the value: None always means 'not available'."""
    return Reading(key, label, value, unit, meaning, window, value is not None,
                   note if value is not None else (note or NOT_SUPPORTED))


def unsupported(key: str, label: str, unit: str, meaning: str, window: str,
                note: str = NOT_SUPPORTED) -> Reading:
    return Reading(key, label, None, unit, meaning, window, False, note)


class ToolError(RuntimeError):
    """A monitoring tool exited non-zero; the message carries the tail of what it printed."""


def run_tool(argv: Sequence[str], timeout_s: float) -> str:
    """Run a monitoring tool, killing its whole process group on timeout.

    subprocess.run(timeout=...) kills only the direct child and then waits for the pipes, which
    a grandchild holding stdout open can keep busy for ever; a new session avoids that.
    """
    proc = subprocess.Popen(  # noqa: S603 - argv comes from our own code, never a shell
        list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        errors="replace", start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        proc.communicate()
        raise
    if proc.returncode != 0:
        tail = " ".join((err or out).strip().splitlines()[-3:]) or f"exit status {proc.returncode}"
        raise ToolError(tail)
    return out


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the process group of a child started with start_new_session=True."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            proc.kill()
        except ProcessLookupError:
            pass
