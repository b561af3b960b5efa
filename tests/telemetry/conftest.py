"""Fixtures for the telemetry reader tests; helpers live in devfixtures.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from devfixtures import build_tree


@pytest.fixture
def write_tree(tmp_path: Path) -> Callable[..., Path]:
    """Build a fake sysfs/debugfs root under tmp_path from {relative path: content}; a second
    tree in the same test needs its own name."""
    return lambda files, name="root": build_tree(tmp_path / name, files)
