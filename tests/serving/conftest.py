"""A real inference service on 127.0.0.1:<free port> in a thread, with the demo models, keys of
every kind, a fixed-shape model (no batching) and a model whose file was damaged after import."""

from __future__ import annotations

import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper, save

from app.auth.identity import Actor
from app.context import AppContext
from app.models.demo import seed_demo_models
from app.serving.runtime import ServingOptions
from app.serving.server import BackgroundServer

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "models"
CPU = ("CPUExecutionProvider",)
BODY_LIMIT = 1 << 20
ADMIN = Actor("chief", "admin", source="test")


def scale_model(path: Path, factor: float, batch: str | int = "batch",
                features: int = 4) -> Path:
    """y = x * factor, x[batch, features] float32: its answers tell versions apart."""
    node = helper.make_node("Mul", ["x", "k"], ["y"])
    graph = helper.make_graph(
        [node], "scale",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, features])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [batch, features])],
        [numpy_helper.from_array(np.array(factor, dtype=np.float32), "k")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="edgedeck-tests")
    model.ir_version = 8
    path.parent.mkdir(parents=True, exist_ok=True)
    save(model, str(path))
    return path


@dataclass
class Served:
    ctx: AppContext
    server: BackgroundServer
    url: str
    key: str  # every model
    text_key: str  # scoped to demo-text-classifier
    revoked_key: str
    revoked_id: int

    @property
    def address(self) -> str:
        return self.url.split("://", 1)[1]

    def headers(self, key: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {key or self.key}"}


@pytest.fixture(autouse=True)
def python_sigpipe():
    """app.cli.main() sets SIGPIPE to its default (ending the process) for `edgedeck ... |
    head`; called in-process by a test, that would let any later write to a socket the server
    closed kill pytest. Put back Python's own setting (ignored: writes raise instead)."""
    yield
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)


def make_data(folder: Path) -> AppContext:
    ctx = AppContext.open(folder)
    seed_demo_models(ctx.models, ADMIN)
    return ctx


def start(ctx: AppContext, **options: object) -> BackgroundServer:
    settings = {"port": 0, "providers": CPU, "poll_s": 0.1, "heartbeat_s": 0.5, **options}
    return BackgroundServer(ctx, ServingOptions(**settings)).start()  # type: ignore[arg-type]


@pytest.fixture(scope="package")
def served(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("served")
    ctx = make_data(folder / "data")
    scale_model(folder / "fixed" / "model.onnx", 3.0, batch=2)
    ctx.models.import_model(ADMIN, folder / "fixed" / "model.onnx", name="fixed-scale")
    broken = folder / "broken"
    shutil.copytree(DEMO / "demo-inspector", broken)
    version = ctx.models.import_model(ADMIN, broken, name="broken-model")
    version.path.write_bytes(b"this is not an onnx model" * 100)  # damaged after import
    keys = ctx.api_keys
    _, key = keys.add(ADMIN, "all-models")
    _, text_key = keys.add(ADMIN, "text-only", ["demo-text-classifier"])
    revoked, revoked_key = keys.add(ADMIN, "old-key")
    keys.revoke(ADMIN, revoked.id)
    server = start(ctx, max_body_bytes=BODY_LIMIT, max_batch_delay_ms=20.0)
    yield Served(ctx, server, server.url, key, text_key, revoked_key, revoked.id)
    server.stop()
    ctx.close()
