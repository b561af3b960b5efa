"""Shared helpers: attribute reads that explain themselves, tools that cannot hang the sampler."""

from __future__ import annotations

import subprocess
import time

import pytest
from devfixtures import denying_opener

from app.telemetry.readers.common import (
    NOT_SUPPORTED,
    ToolError,
    read_attr,
    reading,
    run_tool,
    unsupported,
)


def test_read_attr_notes(tmp_path):
    present = tmp_path / "load"
    present.write_text(" 345\n")
    assert read_attr(present).text == "345"
    missing = read_attr(tmp_path / "absent")
    assert not missing.ok and "does not exist" in missing.note
    denied = read_attr(present, denying_opener("load"))
    assert denied.denied and denied.note == \
        f"needs root: run as root or grant read access to {present}"
    directory = read_attr(tmp_path)
    assert not directory.ok and directory.note.startswith("cannot read")


def test_reading_none_is_never_supported():
    assert reading("k", "K", None, "%", "m", "w").supported is False
    assert reading("k", "K", None, "%", "m", "w").note == NOT_SUPPORTED
    assert reading("k", "K", 0.0, "%", "m", "w").supported is True
    assert unsupported("k", "K", "%", "m", "w").display() == "N/A"


def test_run_tool_output_errors_and_timeout():
    assert run_tool(["sh", "-c", "echo hello"], 5) == "hello\n"
    with pytest.raises(ToolError, match="broken driver"):
        run_tool(["sh", "-c", "echo 'broken driver' >&2; exit 2"], 5)
    with pytest.raises(FileNotFoundError):
        run_tool(["/nonexistent/npu-smi"], 5)
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        # a grandchild keeps stdout open: killing only the child would hang communicate()
        run_tool(["sh", "-c", "sleep 10 & sleep 10; wait"], 0.5)
    assert time.monotonic() - started < 3.0
