"""`edgedeck models list|import|activate|rollback|delete|lineage`: the registry over SSH.

Listing needs any signed-in role; importing, activating and rolling back a technician; deleting
an administrator. Imports print a text progress bar on stderr, so `--json` output on stdout
stays parseable.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from app.cli.common import emit, sign_in
from app.cli.kb import opened_context
from app.errors import ValidationError
from app.models.inference import CPU, OPTIMIZATIONS

BAR_WIDTH = 30


def human_size(n: int) -> str:
    """1536 -> '1.5 KiB': model sizes span bytes to gigabytes."""
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"  # pragma: no cover


def register(sub: Any, common: Any) -> None:
    models = sub.add_parser("models", help="list, import, activate, roll back and delete models")
    actions = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every model, or one model's versions")
    listing.add_argument("name", nargs="?", help="show this model's versions")
    imp = actions.add_parser("import", help="import an .onnx file, a model folder or a model "
                             "package (.zip) (technician)")
    imp.add_argument("path")
    imp.add_argument("--name", help="model name (default: from the file or folder name)")
    imp.add_argument("--task", choices=["image-classification", "object-detection",
                                        "text-embedding", "text-classification", "other"])
    imp.add_argument("--description", default="")
    activate = actions.add_parser("activate", help="put a version in service (technician)")
    activate.add_argument("name")
    activate.add_argument("version", help="e.g. 3 or v3")
    rollback = actions.add_parser("rollback", help="return to the previously active version "
                                  "(technician)")
    rollback.add_argument("name")
    delete = actions.add_parser("delete", help="delete a version's files, or a whole model with "
                                "--yes (admin)")
    delete.add_argument("name")
    delete.add_argument("version", nargs="?", help="the version to delete; omit to delete the "
                        "whole model")
    delete.add_argument("--yes", action="store_true", help="confirm deleting a whole model")
    lineage = actions.add_parser("lineage", help="a version and the versions it derives from")
    lineage.add_argument("name")
    lineage.add_argument("version", nargs="?", help="default: the active version")
    optimize = actions.add_parser("optimize", help="make an optimized version with its "
                                  "lineage and accuracy change (technician)")
    optimize.add_argument("name")
    optimize.add_argument("--kind", required=True, choices=list(OPTIMIZATIONS))
    optimize.add_argument("--version", help="the parent (default: the active version)")
    bench = actions.add_parser("bench", help="perf_test-style benchmark of a version (technician)")
    bench.add_argument("name")
    bench.add_argument("--version", help="default: the active version")
    bench.add_argument("--cpu", action="store_true", help="CPU only (default: the best "
                       "available provider, TensorRT → CUDA → CPU)")
    bench.add_argument("--runs", type=int, default=200)
    bench.add_argument("--duration", type=float, help="seconds instead of a run count")
    run = actions.add_parser("run", help="run the active version once (operator), or over a "
                             "folder of images / a JSONL file with --batch (technician)")
    run.add_argument("name", nargs="?", help="the model (or --model NAME)")
    source = run.add_mutually_exclusive_group()
    source.add_argument("--input", metavar="JSON", help='a JSON file {"input": [[...]]} ("-" '
                        "reads standard input after the password line)")
    source.add_argument("--image", metavar="FILE", help="an image for an image model")
    source.add_argument("--text", help="text for a text model with a vocabulary")
    source.add_argument("--batch", metavar="INPUT", help="a folder of images or a JSONL file "
                        "(one JSON object of input tensors per line): one result row each")
    run.add_argument("--model", metavar="NAME", help="the model (instead of NAME)")
    run.add_argument("--version", help="the version (default: the active one)")
    run.add_argument("--out", metavar="OUTPUT", help="--batch: the results file (.csv/.jsonl)")
    run.add_argument("--format", choices=["csv", "jsonl"], help="--batch: the results format "
                     "(default: from the --out suffix)")
    run.add_argument("--resume", metavar="JOB", type=int, help="continue an interrupted batch "
                     "job where it stopped (its input and output are remembered)")
    run.add_argument("--overwrite", action="store_true", help="--batch: replace an existing "
                     "results file")
    run.add_argument("--cpu", action="store_true")
    run.add_argument("--top", type=int, default=5, help="labels to show for classifiers")
    for parser in (models, *actions.choices.values()):
        common(parser)
    models.set_defaults(func=cmd_models)


def registry_of(ctx: Any) -> Any:
    """ctx.models once AppContext wires it; a registry on the same database until then."""
    registry = getattr(ctx, "models", None)
    if registry is None:
        from app.models.registry import ModelRegistry

        registry = ModelRegistry(ctx.store, ctx.audit_trail, ctx.guard, ctx.data_dir / "models")
    return registry


class TextBar:
    """`[#####.....]  45%  12.3 MiB/27.0 MiB  copying model.onnx` on stderr, redrawn in place on a
    terminal and as a line every 10 % otherwise (logs stay readable)."""

    def __init__(self, stream: Any = None) -> None:
        self._stream = stream or sys.stderr
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._last_percent = -1
        self._last_draw = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int, text: str) -> None:
        percent = int(100 * done / total) if total else 0
        now = time.monotonic()
        if self._tty:
            if percent == self._last_percent and now - self._last_draw < 0.2:
                return
        elif percent // 10 == self._last_percent // 10 and self._last_percent >= 0:
            return
        self._last_percent, self._last_draw = percent, now
        filled = BAR_WIDTH * percent // 100
        line = (f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {percent:3d}%  "
                f"{human_size(done)}/{human_size(total)}  {text}")
        if self._tty:
            self._stream.write("\r" + line[:110].ljust(110))
        else:
            self._stream.write(line + "\n")
        self._stream.flush()
        self._drawn = True

    def close(self, ok: bool = True) -> None:
        """End the bar's line; after a failure on a terminal, erase it so the error stands
        alone."""
        if self._drawn and self._tty:
            self._stream.write("\n" if ok else "\r" + " " * 110 + "\r")
            self._stream.flush()


def _model_row(model: Any) -> str:
    active = f"v{model.active_version}" if model.active_version else "none"
    return (f"{model.name:<28} {model.task:<21} active {active:<5} "
            f"{model.version_count} version(s)")


def _version_row(version: Any) -> str:
    mark = "*" if version.active else " "
    parent = f" from v{version.parent_version}" if version.parent_version else ""
    size = human_size(version.size_bytes)
    label = f"  [{version.label}]" if version.label else ""
    state = "in service" if version.active else (
        "deleted" if version.status == "retired" else "ready")
    return (f"{mark} v{version.version:<4} {state:<10} {version.source + parent:<32} "
            f"{size:>10}  {version.sha256[:12]}  {version.created_at} {version.created_by}"
            f"{label}")


def _lineage_text(chain: list[Any]) -> str:
    lines = []
    for depth, version in enumerate(chain):
        accuracy = ""
        if version.accuracy:
            accuracy = "  accuracy: " + ", ".join(f"{k} {v}" for k, v in
                                                  sorted(version.accuracy.items()))
        prefix = "  " * depth + ("└─ " if depth else "")
        lines.append(f"{prefix}{version.tag} ({version.source}, {version.status}, "
                     f"SHA-256 {version.sha256[:12]}){accuracy}")
    return "\n".join(lines)


def _import(args: argparse.Namespace, registry: Any, actor: Any) -> None:
    from app.models.package import import_package

    path = Path(args.path)
    if path.is_file() and path.suffix.lower() == ".zip" and (args.name or args.task):
        raise ValidationError("--name and --task come from the package's manifest; leave "
                              "them out for a .zip.")
    bar = TextBar()
    try:
        if path.is_file() and path.suffix.lower() == ".zip":
            versions = import_package(registry, actor, path, progress=bar)
        else:
            versions = [registry.import_model(actor, path, name=args.name, task=args.task,
                                              description=args.description, progress=bar)]
    except BaseException:
        bar.close(ok=False)
        raise
    bar.close()
    text = "\n".join(
        f"Imported {v.tag} ({human_size(v.size_bytes)}, SHA-256 {v.sha256[:12]})"
        + (" and made it active" if v.active else f"; activate it with `edgedeck models "
           f"activate {v.model} {v.version}`") for v in versions)
    emit(args, [v.as_dict() for v in versions], text)


def cmd_models(args: argparse.Namespace) -> int:
    from app.models.registry import parse_version

    with opened_context(args) as ctx:
        actor = sign_in(ctx, args)
        registry = registry_of(ctx)
        command = args.models_command
        if command == "list" and args.name:
            versions = registry.versions(actor, args.name)
            emit(args, [v.as_dict() for v in versions],
                 "\n".join(_version_row(v) for v in versions) or "No versions.")
        elif command == "list":
            models = registry.list_models(actor)
            emit(args, [m.as_dict() for m in models],
                 "\n".join(_model_row(m) for m in models) or "No models yet.")
        elif command == "import":
            _import(args, registry, actor)
        elif command == "activate":
            model = registry.activate(actor, args.name, parse_version(args.version))
            emit(args, model.as_dict(), f"{model.name}: v{model.active_version} is active.")
        elif command == "rollback":
            model = registry.rollback(actor, args.name)
            emit(args, model.as_dict(),
                 f"{model.name}: rolled back, v{model.active_version} is active.")
        elif command == "delete" and args.version:
            version = registry.delete_version(actor, args.name, parse_version(args.version))
            emit(args, version.as_dict(), f"Deleted the files of {version.tag}.")
        elif command == "delete":
            if not args.yes:
                raise ValidationError(f"Deleting the whole model '{args.name}' removes every "
                                      "version: add --yes to confirm (or name a version).")
            model = registry.delete_model(actor, args.name)
            emit(args, model.as_dict(), f"Deleted the model '{model.name}' and its files.")
        elif command in ("optimize", "bench", "run"):
            return _engine_command(args, ctx, actor)
        else:  # lineage
            version = parse_version(args.version) if args.version else None
            if version is None:
                version = registry.get_version(actor, args.name).version
            chain = registry.lineage(actor, args.name, version)
            emit(args, [v.as_dict() for v in chain], _lineage_text(chain))
    return 0


def _stderr_progress(done: int, total: int, text: str = "") -> None:
    if total > 0:
        filled = int(BAR_WIDTH * min(done, total) / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {text[:40]:<40}")
    elif text:
        sys.stderr.write(f"\r{text[:70]:<70}")
    sys.stderr.flush()


def _engine_command(args: argparse.Namespace, ctx: Any, actor: Any) -> int:
    from app.models.registry import parse_version

    version = parse_version(args.version) if getattr(args, "version", None) else None
    providers = [CPU] if getattr(args, "cpu", False) else None
    command = args.models_command
    if command == "optimize":
        new = ctx.inference.optimize(actor, args.name, args.kind, version,
                                     progress=_stderr_progress)
        sys.stderr.write("\n")
        summary = (new.accuracy or {}).get("summary", "")
        emit(args, new.as_dict(), f"Made {new.tag} ({args.kind}) from v{new.parent_version}: "
             f"{summary}. Activate it with `edgedeck models activate {new.model} "
             f"{new.version}`.")
        return 0
    if command == "bench":
        if args.runs < 1:
            raise ValidationError("--runs must be at least 1.")
        result = ctx.inference.benchmark(actor, args.name, version, providers,
                                         runs=None if args.duration else args.runs,
                                         duration_s=args.duration, progress=_stderr_progress)
        sys.stderr.write("\n")
        warning = ("\nWARNING: asked for an accelerator, ran on the CPU"
                   if result.fell_back_to_cpu else "")
        emit(args, result.to_dict(),
             result.summary() + f"\nsession {result.session_creation_ms:.0f} ms, first "
             f"inference {result.first_inference_ms:.2f} ms, p90 {result.p90_ms:.3f}, p95 "
             f"{result.p95_ms:.3f} ms" + warning)
        return 0
    return _run(args, ctx, actor, providers)


def _run(args: argparse.Namespace, ctx: Any, actor: Any, providers: list[str] | None) -> int:
    from app.models import preprocess
    from app.models.registry import parse_version
    from engines.inputs import top_k

    if args.batch is not None or args.resume is not None:
        return _run_batch(args, ctx, actor, providers)
    if args.out or args.format or args.overwrite:
        raise ValidationError("--out, --format and --overwrite go with --batch.")
    if args.model and args.name and args.model != args.name:
        raise ValidationError(f"Two models named: '{args.name}' and --model '{args.model}'.")
    args.name = args.model or args.name
    if not args.name:
        raise ValidationError("Name the model (NAME or --model NAME).")
    if args.input is None and args.image is None and args.text is None:
        raise ValidationError("Give the input: --image FILE, --text TEXT, --input JSON, or "
                              "--batch INPUT for a folder or a JSONL file.")
    version = parse_version(args.version) if args.version else None
    target = ctx.models.get_version(actor, args.name, version)
    specs = ctx.inference.describe(actor, args.name, target.version).inputs
    if args.image:
        feeds = preprocess.image_feeds(target, specs[0], Path(args.image))
    elif args.text is not None:
        tokenizer = preprocess.WordTokenizer.for_version(target)
        if tokenizer is None:
            raise ValidationError(f"{target.tag} ships no vocabulary (vocab.txt): give its "
                                  "input tensors with --input instead.")
        feeds = preprocess.text_feeds(tokenizer, specs, args.text)
    else:
        try:
            text = sys.stdin.read() if args.input == "-" else Path(args.input).read_text(
                encoding="utf-8")
        except OSError as exc:
            raise ValidationError(f"Cannot read {args.input}: {exc.strerror}.") from exc
        feeds = preprocess.json_feeds(specs, text)
    result = ctx.inference.run(actor, args.name, feeds, version=target.version,
                               providers=providers)
    data: dict[str, Any] = {"model": target.tag, "provider": result.provider,
                            "latency_ms": round(result.latency_ms, 3),
                            "outputs": preprocess.outputs_data(result.outputs)}
    lines = [f"{target.tag} on {result.provider}: {result.latency_ms:.2f} ms"]
    if target.labels and result.outputs:
        first = next(iter(result.outputs.values()))
        if first.ndim == 2 and first.shape[-1] == len(target.labels):
            best = top_k(first[0], min(args.top, len(target.labels)), target.labels)
            data["top"] = [{"label": label, "score": score} for _, score, label in best]
            lines += [f"  {label:<24} {score:.3f}" for _, score, label in best]
    if len(lines) == 1:
        lines.append(json.dumps(data["outputs"])[:2000])
    emit(args, data, "\n".join(lines))
    return 0


def _run_batch(args: argparse.Namespace, ctx: Any, actor: Any,
               providers: list[str] | None) -> int:
    """`models run --batch INPUT --out OUTPUT` or `--resume JOB`: exit 0 when every row is ok,
    1 when the job finished with failed rows (each says why) or stopped."""
    from app.models.registry import parse_version

    if args.resume is not None:
        job = ctx.batch.get(actor, args.resume)
        given = {"--batch": (args.batch, job.input_path), "--out": (args.out, job.output_path)}
        for flag, (value, kept) in given.items():
            if value is not None and Path(value).expanduser().absolute() != Path(kept):
                raise ValidationError(f"Batch job {job.id} reads {job.input_path} and writes "
                                      f"{job.output_path}; {flag} {value} does not match.")
        name = args.model or args.name
        if name and name != job.model:
            raise ValidationError(f"Batch job {job.id} runs {job.tag}, not {name}.")
    else:
        name = args.model or args.name
        if not name:
            raise ValidationError("Name the model for the batch job (NAME or --model NAME).")
        if not args.out:
            raise ValidationError("--batch needs --out OUTPUT (a .csv or .jsonl file).")
        if not 1 <= args.top <= 100:
            raise ValidationError("--top must be between 1 and 100.")
        version = parse_version(args.version) if args.version else None
        job = ctx.batch.create(actor, name, args.batch, args.out, args.format, version,
                               providers, top_k=args.top, overwrite=args.overwrite,
                               progress=_stderr_progress)
    sys.stderr.write(f"\rBatch job {job.id}: {job.tag} over {job.input_path} "
                     f"({job.total} inputs, {job.done} done) → {job.output_path}\n")
    sys.stderr.flush()
    try:
        job = ctx.batch.run(actor, job.id, progress=_stderr_progress)
    except KeyboardInterrupt:
        sys.stderr.write(f"\nInterrupted; continue with `edgedeck models run --resume "
                         f"{job.id}`.\n")
        raise
    finally:
        sys.stderr.write("\n")
    text = (f"Batch job {job.id} {job.state}: {job.done} of {job.total} inputs, {job.ok} ok, "
            f"{job.failed} failed, {job.elapsed_s:.1f} s → {job.output_path}")
    if job.state != "done":
        text += f"\nContinue with `edgedeck models run --resume {job.id}`."
    emit(args, job.as_dict(), text)
    return 0 if job.state == "done" and job.failed == 0 else 1
