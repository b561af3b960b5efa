"""The Playground with real widgets: image and text classification, JSON tensors, detection
boxes, bad input reported without breaking the page, and the provider shown for each run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.models import preprocess as io
from app.models.inference import CPU
from app.ui.pages.playground import PlaygroundPage

WAIT_MS = 30_000


@pytest.fixture
def make_page(page_factory):
    return lambda actor: page_factory(PlaygroundPage, actor, (1100, 760))


def picture(path: Path, size: tuple[int, int] = (120, 90)) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (40, 90, 160))
    ImageDraw.Draw(image).rectangle((20, 20, 70, 60), fill=(230, 200, 40))
    image.save(path)
    return path


def finish(qtbot, page: PlaygroundPage) -> None:
    qtbot.waitUntil(lambda: not page.panel.busy, timeout=WAIT_MS)


def test_image_classification_shows_top_five(qtbot, make_page, operator, tmp_path):
    page = make_page(operator)  # operators may use the playground
    page.select_model("demo-inspector")
    assert page.mode == io.IMAGE
    assert not page.open_button.isHidden() and page.open_button.minimumHeight() >= 38
    assert page.run_image(picture(tmp_path / "part.png"))
    assert "Loading model" in page.panel._label.text()
    finish(qtbot, page)
    assert page.error.kind == ""
    labels = [page.results.item(r, 0).text() for r in range(page.results.rowCount())]
    assert len(labels) == 5
    assert set(labels) == {"ok", "scratch", "dent", "missing-part", "discoloration"}
    assert sum(p for _, p, _ in page.top) == pytest.approx(1.0, abs=1e-3)
    assert " ms on " in page.status.text()
    assert page.image_view.pixmap_item is not None
    report = page.last.report
    assert (page.warning.kind == "warn") == bool(report.fell_back_to_cpu)
    if report.fell_back_to_cpu:
        assert "really running on CPU" in page.warning.text()

    page.run_image(picture(tmp_path / "again.png"))  # the session is reused
    assert "Running" in page.panel._label.text()
    finish(qtbot, page)
    assert page.results.rowCount() == 5


def test_unreadable_image_is_reported(qtbot, make_page, tech, tmp_path):
    page = make_page(tech)
    page.select_model("demo-inspector")
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"not a picture")
    page.run_image(bad)
    finish(qtbot, page)
    assert page.error.kind == "alarm" and "broken.png" in page.error.text()
    page.run_image(picture(tmp_path / "good.png"))  # still usable
    finish(qtbot, page)
    assert page.results.rowCount() == 5 and page.error.kind == ""


def test_text_classification_shows_labels(qtbot, make_page, tech):
    page = make_page(tech)
    page.select_model("demo-text-classifier")
    assert page.mode == io.TEXT
    page.provider_combo.setCurrentIndex(1)  # CPU only
    assert page.run_text("The conveyor belt motor shows error E42 on line 3")
    finish(qtbot, page)
    labels = {page.results.item(r, 0).text() for r in range(page.results.rowCount())}
    assert labels == {"routine", "maintenance", "fault"}
    assert "on CPU" in page.status.text() and page.warning.kind == ""
    assert not page.run_text("   ")
    assert page.error.kind == "alarm"


def test_text_model_in_json_mode_gets_ids_inside_the_vocabulary(qtbot, make_page, tech):
    page = make_page(tech)
    page.select_model("demo-text-classifier")
    page.set_mode(io.JSON_MODE)
    page.fill_sample()
    assert page.run_json()
    finish(qtbot, page)
    assert page.error.kind == "" and '"probabilities"' in page.output_text.toPlainText()


def test_tokenizer_follows_vocab(seeded, admin):
    version = seeded.models.get_version(admin, "demo-text-classifier")
    tokenizer = io.WordTokenizer.for_version(version)
    ids = tokenizer.encode("The zzz-unknown Motor", 6)
    assert ids[0] == tokenizer.ids["the"] and ids[1] == tokenizer.unk_id
    assert ids[3] == tokenizer.ids["motor"] and ids[4:] == [0, 0]


def test_json_mode_sample_fill_and_errors(qtbot, make_page, tech):
    page = make_page(tech)
    page.select_model("demo-inspector")
    page.set_mode(io.JSON_MODE)
    page.run_json("{not json")
    assert page.error.kind == "alarm" and "not valid JSON" in page.error.text()
    page.run_json('{"image": [[1, 2, 3]]}')
    assert "expects image: float32[batch, 3, 64, 64]" in page.error.text()
    page.run_json('{"pixels": []}')
    assert "no input named pixels" in page.error.text()
    page.fill_sample()
    assert page.json_edit.toPlainText().startswith('{"image": [[[[')
    assert page.run_json()
    finish(qtbot, page)
    assert page.error.kind == ""
    text = page.output_text.toPlainText()
    assert '"probabilities": {"shape": [1, 5], "dtype": "float32"' in text


def detector(path: Path) -> Path:
    """A fake detector: 3 boxes (fractions of the image) with scores 0.9, 0.8, 0.1."""
    from onnx import TensorProto, helper, numpy_helper, save

    image = helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, 32, 32])
    boxes = helper.make_tensor_value_info("boxes", TensorProto.FLOAT, [1, 3, 4])
    scores = helper.make_tensor_value_info("scores", TensorProto.FLOAT, [1, 3])
    init = [numpy_helper.from_array(np.array([[[0.1, 0.1, 0.5, 0.5], [0.5, 0.4, 0.9, 0.9],
                                              [0, 0, 1, 1]]], np.float32), "box_values"),
            numpy_helper.from_array(np.array([[0.9, 0.8, 0.1]], np.float32), "score_values"),
            numpy_helper.from_array(np.array([0.0], np.float32), "zero")]
    nodes = [helper.make_node("ReduceMean", ["image"], ["mean"], axes=[1, 2, 3], keepdims=0),
             helper.make_node("Mul", ["mean", "zero"], ["nothing"]),
             helper.make_node("Add", ["score_values", "nothing"], ["scores"]),
             helper.make_node("Identity", ["box_values"], ["boxes"])]
    graph = helper.make_graph(nodes, "detector", [image], [boxes, scores], init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    save(model, str(path))
    return path


def test_detection_draws_boxes(qtbot, make_page, seeded, admin, tech, tmp_path):
    seeded.models.import_model(admin, detector(tmp_path / "boxes.onnx"), name="tiny-detector",
                               task="object-detection")
    page = make_page(tech)
    page.select_model("tiny-detector")
    assert page.mode == io.DETECTION
    page.provider_combo.setCurrentIndex(1)
    page.run_image(picture(tmp_path / "scene.png", (200, 100)))
    finish(qtbot, page)
    assert page.error.kind == ""
    assert len(page.image_view.box_items) == 2  # the 0.1 box is below the threshold
    first = page.image_view.box_items[0].rect()
    assert (first.x(), first.y(), first.width(), first.height()) == pytest.approx(
        (20, 10, 80, 40))
    assert "2 object(s)" in page.summary.text()


def test_embedding_output_shows_length_and_norm():
    outputs = {"embedding": np.array([[3.0, 4.0]], np.float32)}
    assert io.embedding_summary(outputs) == ("embedding", 2, pytest.approx(5.0))
    assert io.class_scores({"ids": np.array([[1, 2]])}, None) is None


def test_page_lists_only_models_with_an_active_version(make_page, tech, seeded, admin):
    page = make_page(tech)
    assert [page.model_combo.itemData(i) for i in range(page.model_combo.count())] == [
        "demo-inspector", "demo-text-classifier"]
    assert CPU in page.provider_combo.itemData(1)
