"""Fixtures for the alarm tests: a fake clock and an AlarmService wired to the test database."""

from __future__ import annotations

import pytest
from alarm_helpers import Clock

from app.alarms.service import AlarmService


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def alarms(ctx, clock) -> AlarmService:
    return AlarmService(ctx.store, ctx.audit_trail, ctx.guard, clock=clock)
