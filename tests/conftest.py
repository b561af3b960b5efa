"""Shared fixtures. Qt runs offscreen; password hashing is cheap so the suite stays fast."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.auth import passwords  # noqa: E402
from app.auth.identity import Actor  # noqa: E402
from app.context import AppContext  # noqa: E402

CHEAP_COST = passwords.ScryptCost(log2_n=10, r=8, p=1)

ADMIN = ("admin", "admin-password")
TECH = ("tech", "tech-password")
OPERATOR = ("operator", "operator-password")


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real cost (n=2**17) is tested once in tests/auth; elsewhere it only costs time."""
    monkeypatch.setattr(passwords, "DEFAULT_COST", CHEAP_COST)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", None)


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the real per-user data folder or inherit a signed-in user."""
    monkeypatch.setenv("EDGEDECK_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("EDGEDECK_USER", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ctx(data_dir: Path):
    context = AppContext.open(data_dir)
    yield context
    context.close()


@pytest.fixture
def admin(ctx: AppContext) -> Actor:
    return ctx.users.setup_admin(*ADMIN, source="test")


@pytest.fixture
def tech(ctx: AppContext, admin: Actor) -> Actor:
    ctx.users.add_user(admin, TECH[0], TECH[1], "technician")
    return ctx.users.authenticate(*TECH, source="test")


@pytest.fixture
def operator(ctx: AppContext, admin: Actor) -> Actor:
    ctx.users.add_user(admin, OPERATOR[0], OPERATOR[1], "operator")
    return ctx.users.authenticate(*OPERATOR, source="test")


@pytest.fixture(autouse=True)
def no_host_syslog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never write audit anchors into the host's own syslog."""
    from app.audit import anchor_sinks

    monkeypatch.setattr(anchor_sinks, "DEFAULT_SOCKET", str(tmp_path / "no-syslog"))
