"""Models shared by the engine tests, built once per session with the onnx helper."""

from __future__ import annotations

import pytest
from engine_models import conv_classifier, matmul_model, mlp_classifier


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("engine-models")


@pytest.fixture(scope="session")
def mlp_path(models_dir):
    return mlp_classifier(models_dir / "mlp.onnx")


@pytest.fixture(scope="session")
def cnn_path(models_dir):
    """The ~10 ms image classifier (224 x 224); run it a few times only."""
    return conv_classifier(models_dir / "cnn.onnx")


@pytest.fixture(scope="session")
def small_cnn_path(models_dir):
    return conv_classifier(models_dir / "small_cnn.onnx", size=32, channels=(8, 16))


@pytest.fixture(scope="session")
def matmul_path(models_dir):
    return matmul_model(models_dir / "matmul.onnx")
