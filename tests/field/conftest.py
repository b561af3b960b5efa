"""Field-kit fixtures: cheap scrypt for file encryption, quiet diagnostics collectors."""

from __future__ import annotations

import time

import pytest

from app.field import crypto
from app.field.diagnostics import DiagnosticsService
from app.system.doctor import Check
from app.telemetry.model import DeviceSnapshot, Reading, Snapshot
from engines.providers import ProviderProbe

# Captured before any test patches them: the shipped cost is part of the contract.
SHIPPED_KDF = (crypto.SCRYPT_LOG2_N, crypto.SCRYPT_R, crypto.SCRYPT_P)


@pytest.fixture(autouse=True)
def cheap_file_encryption(monkeypatch: pytest.MonkeyPatch) -> None:
    """n=2**17 costs 128 MiB and ~0.3 s per file; the format is the same at n=2**10."""
    monkeypatch.setattr(crypto, "SCRYPT_LOG2_N", 10)


def fake_snapshot() -> Snapshot:
    reading = Reading("cpu_util", "CPU utilisation", 12.5, "%", "busy share of all cores",
                      "1 s")
    return Snapshot(time.time(), (DeviceSnapshot("host", "host", "test box",
                                                 {"cpu_util": reading}, None,
                                                 {"cores": 4}),))


@pytest.fixture
def diagnostics(ctx) -> DiagnosticsService:
    """Real sections from the database; doctor, providers, snapshot and benchmark stubbed
    (each is tested in its own package; here they would only cost seconds)."""
    return DiagnosticsService(
        ctx,
        doctor=lambda data_dir: [Check("data folder", "ok", str(data_dir))],
        providers=lambda: [ProviderProbe("CPUExecutionProvider", True, 0.01, "ran")],
        snapshot=fake_snapshot,
        benchmark=lambda data_dir, cancelled: {"stub": True},
    )
