"""Models & inference: the registry of ONNX models, their versions, packages and demo models."""

from __future__ import annotations

from app.models.registry import (
    Benchmark,
    ImportCancelled,
    Model,
    ModelError,
    ModelNotFound,
    ModelRegistry,
    ModelVersion,
)

__all__ = ["Benchmark", "ImportCancelled", "Model", "ModelError", "ModelNotFound",
           "ModelRegistry", "ModelVersion"]
