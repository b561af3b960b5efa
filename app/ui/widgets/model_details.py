"""A model version's details as the Models page shows them (rich text)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from app.models.registry import Model, ModelVersion
from app.ui.time_text import local_when
from app.ui.widgets.model_widgets import human_size, opset_text, shape_text, short_sha


def version_details_html(version: ModelVersion, model: Model | None,
                         lineage: Sequence[ModelVersion]) -> str:
    """Everything a technician checks before activating: tensors, lineage, files."""
    esc = html.escape
    lines = [f"<h3>{esc(version.tag)}{' — in service' if version.active else ''}</h3>"]
    if model is not None and model.description:
        lines.append(f"<p>{esc(model.description)}</p>")
    rows = [
        ("Task", model.task if model else ""),
        ("Label", version.label or "—"),
        ("Source", version.source),
        ("SHA-256", version.sha256),
        ("Size", human_size(version.size_bytes)),
        ("ONNX IR / opset", f"{version.ir_version or '?'} / {opset_text(version.opset)}"),
        ("Producer", version.producer or "—"),
        ("Created", f"{local_when(version.created_at)} by {version.created_by}"),
        ("Classes", f"{len(version.labels)} labels" if version.labels else "no labels"),
        ("Status", version.status),
    ]
    if len(lineage) > 1:
        rows.append(("Lineage", " ← ".join(f"v{v.version} ({v.source})" for v in lineage)))
    if version.accuracy:
        rows.append(("Accuracy change", str(version.accuracy.get("summary", ""))))
    lines.append("<table cellspacing=4>" + "".join(
        f"<tr><td><b>{esc(k)}</b></td><td>{esc(str(v))}</td></tr>" for k, v in rows)
        + "</table>")
    lines.append("<p><b>Inputs</b><br>" + "<br>".join(
        esc(shape_text(t)) for t in version.inputs) + "</p>")
    lines.append("<p><b>Outputs</b><br>" + "<br>".join(
        esc(shape_text(t)) for t in version.outputs) + "</p>")
    if version.metadata:
        lines.append("<p><b>Metadata</b><br>" + "<br>".join(
            f"{esc(k)} = {esc(str(v)[:200])}" for k, v in sorted(version.metadata.items()))
            + "</p>")
    if version.labels:
        shown = ", ".join(version.labels[:20])
        more = f" … (+{len(version.labels) - 20})" if len(version.labels) > 20 else ""
        lines.append(f"<p><b>Labels</b><br>{esc(shown + more)}</p>")
    lines.append("<p><b>Files</b><br>" + "<br>".join(
        f"{esc(f['path'])} · {esc(f['role'])} · {human_size(f['size'])} · "
        f"{short_sha(f['sha256'])}" for f in version.files) + "</p>")
    return "\n".join(lines)
