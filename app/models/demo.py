"""Demo models for `--demo`: two tiny ONNX models with RANDOM weights, so the Models pages can be
tried on a box that has no real model yet. Never imported on a real appliance."""

from __future__ import annotations

from pathlib import Path

from app.auth.identity import Actor
from app.models.registry import ModelRegistry, ModelVersion

DEMO_MODELS = (
    ("demo-inspector", "image-classification",
     "Demo visual inspection classifier (3x64x64 image, 5 defect classes). RANDOM WEIGHTS: "
     "not trained, its predictions mean nothing."),
    ("demo-text-classifier", "text-classification",
     "Demo text classifier (token ids from vocab.txt, 3 classes). RANDOM WEIGHTS: not "
     "trained, its predictions mean nothing."),
)


def demo_folder() -> Path:
    """Where the demo models are: beside the sources, or inside a PyInstaller bundle."""
    from resources import resource_path

    return resource_path("demo", "models")


def seed_demo_models(registry: ModelRegistry, actor: Actor,
                     folder: Path | None = None) -> list[ModelVersion]:
    """Import the demo models that are not in the registry yet; returns what was imported."""
    folder = folder or demo_folder()
    present = {m.name.lower() for m in registry.list_models(actor)}
    imported = []
    for name, task, description in DEMO_MODELS:
        if name in present or not (folder / name).is_dir():
            continue
        imported.append(registry.import_model(actor, folder / name, name=name, task=task,
                                              description=description))
    return imported
