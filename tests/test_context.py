"""AppContext as a context manager: the error that stopped the work is the one reported."""

from __future__ import annotations

import pytest

from app.context import AppContext
from app.errors import DiskFullError


def test_an_error_while_closing_does_not_hide_the_error_in_flight(data_dir, monkeypatch):
    def failing_checkpoint(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with pytest.raises(DiskFullError, match="while ingesting"):
        with AppContext.open(data_dir) as ctx:
            monkeypatch.setattr(ctx.audit_trail, "checkpoint", failing_checkpoint)
            raise DiskFullError(data_dir, what="ingesting")
    with AppContext.open(data_dir) as again:  # the folder was released all the same
        assert again.audit_trail.verify().ok
