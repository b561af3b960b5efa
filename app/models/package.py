"""Model packages: zip files that carry models to offline boxes on a USB stick.

A package is a zip with `manifest.json` at its root:

    {"format": "edgedeck-model-package", "format_version": 1,
     "models": [{"name": "inspector", "task": "image-classification", "version_label": "2024-05",
                 "description": "...", "entry": "inspector/model.onnx",
                 "labels": ["ok", "dent"] | "inspector/labels.txt",
                 "files": [{"path": "inspector/model.onnx", "sha256": "...", "size": 1234}, ...]}]}

A stick may have been in anyone's laptop, so every member is checked against the manifest
*before* anything is extracted: no path tricks (.., absolute paths, drive letters, backslashes),
no links or device files, nothing unlisted, nothing duplicated, only known file types, sizes
within limits. Extraction then counts the bytes each member really inflates to (zip bombs lie
in their headers) and compares every SHA-256; on any refusal the staging folder is removed and
nothing reaches the registry. A package's models are imported all together or not at all.

The zip itself is a file the person chose: it is opened like every chosen file
(app/chosen_files.py: no link out of its folder, no FIFO), its members are held to the shared
zip budget (app/archives.py: count, sizes, encryption, name depth) and its manifest is parsed
so that absurd nesting is a reason, not a crash (app/json_input.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from app.archives import ZipBudget, file_type, member_problem, total_problem
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.chosen_files import RefusedFile, chosen_path, open_regular, shown
from app.errors import DiskFullError, EdgeDeckError, is_disk_full
from app.json_input import JsonInputError, parse_json
from app.messages import msg
from app.models.registry import (
    CHUNK,
    SIDE_FILES,
    CancelledFn,
    ModelError,
    ModelRegistry,
    ModelVersion,
    Progress,
    ProgressFn,
    StagedVersion,
    validate_name,
    validate_task,
)
from engines.backends import inspect_artefact
from engines.base import InvalidModelError

FORMAT = "edgedeck-model-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ENTRY_SUFFIX = ".onnx"
DATA_SUFFIXES = (".txt", ".json", ".onnx_data", ".bin", ".data", ".model")
MAX_MEMBER_BYTES = 8 << 30
MAX_TOTAL_BYTES = 16 << 30
MAX_MANIFEST_BYTES = 1 << 20
MAX_MEMBERS = 1000
FREE_SPACE_MARGIN = 256 << 20
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class PackageError(ModelError):
    """The package is damaged, inconsistent or unsafe; nothing was extracted or imported."""


@dataclass(frozen=True)
class PackageFile:
    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class PackageModel:
    name: str
    task: str
    entry: str  # the member path of the .onnx
    files: tuple[PackageFile, ...]
    version_label: str = ""
    description: str = ""
    labels: list[str] | str | None = None  # names, or the member path of a labels file

    @property
    def folder(self) -> str:
        """The entry's folder in the zip ('' at the root); every file of the model is in it."""
        parent = PurePosixPath(self.entry).parent.as_posix()
        return "" if parent == "." else parent

    def relpath(self, member: str) -> str:
        return member[len(self.folder) + 1:] if self.folder else member


@dataclass(frozen=True)
class Limits:
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    members: int = MAX_MEMBERS

    def budget(self) -> ZipBudget:
        """The shared zip bound for packages. No ratio limit: weights full of zeros deflate
        ~1000:1 legitimately, and every member's size and SHA-256 are pinned by the manifest
        and checked while it is extracted."""
        return ZipBudget(max_members=self.members + 1, max_total_bytes=self.total_bytes,
                         max_member_bytes=self.member_bytes, max_ratio=None)


# -- member names ------------------------------------------------------------------------------


def unsafe_reason(name: str) -> str | None:
    """Why a member name must not be extracted, or None when it is a plain relative path."""
    if not name:
        return "has an empty name"
    if "\x00" in name:
        return "contains a NUL character"
    if "\\" in name:
        return "uses backslashes (a Windows path that could escape the folder)"
    if name.startswith("/"):
        return "is an absolute path"
    if re.match(r"^[A-Za-z]:", name):
        return "names a drive letter"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return "climbs out of the package with '..' (path traversal)"
    if any(part in ("", ".") for part in parts):
        return "has an empty or '.' path component"
    return None


_file_type = file_type  # the shared definition (app/archives.py)


def _problem_message(zip_name: str, problems: list[str]) -> str:
    shown = "; ".join(problems[:3])
    more = f" (and {len(problems) - 3} more problems)" if len(problems) > 3 else ""
    return _refusal(zip_name, shown + more)


def _refusal(zip_name: str, text: str) -> str:
    """One message shape for every refusal: 'Refused the package X: why. Nothing was ...'."""
    body = text.strip()
    for prefix in (f"Refused the package {zip_name}: ", f"{zip_name}: ", "Refused the "):
        body = body.removeprefix(prefix)
    body = re.sub(r"[;.]?\s*[Nn]othing was (imported|changed)\.?$", "", body).rstrip(".")
    return f"Refused the package {zip_name}: {body}. Nothing was imported."


# -- manifest ----------------------------------------------------------------------------------


def _read_manifest(zf: zipfile.ZipFile, zip_name: str) -> list[PackageModel]:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise PackageError(msg("{zip_name} is not a model package: it has no {manifest}.",
                               zip_name=zip_name, manifest=MANIFEST)) from None
    if _file_type(info) or info.file_size > MAX_MANIFEST_BYTES:
        raise PackageError(msg("{zip_name}: {manifest} is not a small plain file.",
                               zip_name=zip_name, manifest=MANIFEST))
    problem = member_problem(info, Limits().budget())  # encrypted, unknown compression
    if problem:
        raise PackageError(msg("{zip_name}: {problem}.", zip_name=zip_name, problem=problem))
    try:
        with zf.open(info) as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise PackageError(msg("{zip_name}: {manifest} is larger than its header says.",
                                   zip_name=zip_name, manifest=MANIFEST))
        data = parse_json(raw, MANIFEST)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        raise PackageError(msg("{zip_name}: {manifest} is damaged ({exc}).", zip_name=zip_name,
                               manifest=MANIFEST, exc=exc)) from None
    except JsonInputError as exc:
        raise PackageError(msg("{zip_name}: {exc}", zip_name=zip_name, exc=exc)) from None
    return parse_manifest(data, zip_name)


def parse_manifest(data: Any, zip_name: str = "the package") -> list[PackageModel]:
    """Check the manifest's structure; PackageError names the first field that is wrong."""

    def bad(where: str, what: str) -> PackageError:
        return PackageError(f"{zip_name}: {MANIFEST} {where} {what}.")

    if not isinstance(data, dict):
        raise bad("", "is not a JSON object")
    if data.get("format") != FORMAT:
        raise bad("'format'", f"must be '{FORMAT}' (this is not an EdgeDeck model package)")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise bad("'format_version'", "must be a number")
    if version > FORMAT_VERSION:
        raise PackageError(msg("{zip_name} was made for a newer EdgeDeck (package format "
                               "{version}; this one reads {format_version}). Update EdgeDeck.",
                               zip_name=zip_name, version=version, format_version=FORMAT_VERSION))
    if version < 1:
        raise bad("'format_version'", "must be 1 or more")
    items = data.get("models")
    if not isinstance(items, list) or not items:
        raise bad("'models'", "must be a non-empty list")
    models: list[PackageModel] = []
    names: set[str] = set()
    listed: set[str] = set()
    for i, item in enumerate(items):
        where = f"models[{i}]"
        if not isinstance(item, dict):
            raise bad(where, "is not an object")
        try:
            name = validate_name(str(item.get("name", "")))
            task = validate_task(str(item.get("task", "")))
        except ModelError as exc:
            raise bad(where, f"is invalid: {exc}") from None
        if name.lower() in names:
            raise bad(where, f"repeats the model name '{name}'")
        names.add(name.lower())
        files_in = item.get("files")
        if not isinstance(files_in, list) or not files_in:
            raise bad(f"{where}.files", "must be a non-empty list")
        files: list[PackageFile] = []
        for j, entry in enumerate(files_in):
            at = f"{where}.files[{j}]"
            if not isinstance(entry, dict):
                raise bad(at, "is not an object")
            path, digest, size = entry.get("path"), entry.get("sha256"), entry.get("size")
            if not isinstance(path, str) or unsafe_reason(path) or path.endswith("/"):
                raise bad(at, f"has an unsafe or missing path {path!r}")
            if not isinstance(digest, str) or not _SHA256_RE.match(digest.lower()):
                raise bad(at, f"({path}) has no valid sha256")
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                raise bad(at, f"({path}) has no valid size")
            if path.lower() in listed:
                raise bad(at, f"lists '{path}' a second time")
            listed.add(path.lower())
            files.append(PackageFile(path, digest.lower(), size))
        entry_name = item.get("entry")
        if not isinstance(entry_name, str) or not entry_name:
            raise bad(f"{where}.entry", "is missing")
        matches = [f.path for f in files if f.path == entry_name] or [
            f.path for f in files if PurePosixPath(f.path).name == entry_name]
        if len(matches) != 1:
            raise bad(f"{where}.entry", f"'{entry_name}' is not exactly one of its files")
        if not matches[0].lower().endswith(ENTRY_SUFFIX):
            raise bad(f"{where}.entry", f"'{entry_name}' is not an .onnx model (only ONNX "
                      "entries are supported)")
        labels = item.get("labels")
        if labels is not None and not (
                isinstance(labels, str) or (isinstance(labels, list)
                                            and all(isinstance(x, str) for x in labels))):
            raise bad(f"{where}.labels", "must be a list of names or the path of a file")
        model = PackageModel(name, task, matches[0], tuple(files),
                             str(item.get("version_label") or "")[:100],
                             str(item.get("description") or "")[:2000], labels)
        if isinstance(labels, str) and labels not in {f.path for f in files}:
            raise bad(f"{where}.labels", f"names '{labels}', which is not one of its files")
        for f in files:
            if model.folder and not f.path.startswith(model.folder + "/"):
                raise bad(where, f"has '{f.path}' outside its entry's folder '{model.folder}'")
        models.append(model)
    return models


# -- checking members --------------------------------------------------------------------------


def check_members(zf: zipfile.ZipFile, models: Sequence[PackageModel],
                  limits: Limits = Limits()) -> list[str]:
    """Every problem with the zip's members, each naming the member; [] when all is well."""
    problems: list[str] = []
    infos = zf.infolist()
    budget = limits.budget()
    if len(infos) > budget.max_members:
        return [f"it has {len(infos)} members; at most {limits.members} are accepted"]
    expected = {f.path: f for m in models for f in m.files}
    entries = {m.entry for m in models}
    seen: set[str] = set()
    found: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        reason = unsafe_reason(name)
        if reason:
            problems.append(f"member '{name}' {reason}")
            continue
        kind = _file_type(info)
        if kind:
            problems.append(f"member '{name}' is a {kind}")
            continue
        problem = member_problem(info, budget)  # encryption, compression, depth, size
        if problem:
            problems.append(problem)
            continue
        key = name.casefold()
        if key in seen:
            problems.append(f"member '{name}' appears more than once")
            continue
        seen.add(key)
        if info.is_dir():
            continue
        if name == MANIFEST:
            continue
        listed = expected.get(name)
        if listed is None:
            problems.append(f"member '{name}' is not listed in {MANIFEST}")
            continue
        found.add(name)
        suffix = PurePosixPath(name).suffix.lower()
        if name in entries:
            pass  # parse_manifest made sure entries end in .onnx
        elif suffix == ENTRY_SUFFIX:
            problems.append(f"member '{name}' is an ONNX file but no model's entry")
        elif suffix not in DATA_SUFFIXES and not name.lower().endswith(".onnx.data"):
            problems.append(f"member '{name}' has an unknown file type '{suffix or '(none)'}'"
                            f" (data files may be {', '.join(DATA_SUFFIXES)})")
        if info.file_size != listed.size:
            problems.append(f"member '{name}' is {info.file_size} bytes but {MANIFEST} says "
                            f"{listed.size}")
        total += info.file_size
    for path in sorted(set(expected) - found):
        if not any(p.startswith(f"member '{path}'") for p in problems):
            problems.append(f"'{path}' is listed in {MANIFEST} but not in the package")
    too_much = total_problem(total, budget)
    if too_much:
        problems.append(too_much)
    return problems


def _extract(zf: zipfile.ZipFile, member: PackageFile, dst: Path, bar: Progress) -> None:
    """Stream one member out, refusing the moment it inflates past its declared size."""
    digest = hashlib.sha256()
    count = 0
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zf.open(member.path) as src, dst.open("xb") as out:
            while True:
                block = src.read(CHUNK)
                if not block:
                    break
                count += len(block)
                if count > member.size:
                    raise PackageError(
                        msg("member '{path}' inflates beyond its declared {size} bytes (a zip "
                            "bomb?)", path=member.path, size=member.size))
                digest.update(block)
                out.write(block)
                bar.add(len(block), f"extracting {member.path}")
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise PackageError(
            msg("member '{path}' does not match its zip header ({exc}): the package is damaged, "
                "or declares false sizes (a zip bomb?)", path=member.path, exc=exc)) from None
    if count != member.size:
        raise PackageError(msg("member '{path}' is {count} bytes, not the {size} the manifest "
                               "declares", path=member.path, count=count, size=member.size))
    actual = digest.hexdigest()
    if actual != member.sha256:
        raise PackageError(msg("member '{path}' fails its checksum: the manifest says SHA-256 "
                               "{sha256}…, the content is {actual}…", path=member.path,
                               sha256=member.sha256[:16], actual=actual[:16]))


# -- import ------------------------------------------------------------------------------------


def import_package(registry: ModelRegistry, actor: Actor, zip_path: str | Path,
                   progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                   limits: Limits = Limits()) -> list[ModelVersion]:
    """Verify a package completely, then import all of its models (or none)."""
    zip_path = Path(zip_path)
    zip_name = shown(zip_path.name)
    registry._guard.require(actor, Permission.MANAGE_MODELS,  # noqa: SLF001 - same package
                            f"package:{zip_name}")
    staging: Path | None = None
    models: list[PackageModel] = []
    total = 0
    try:
        try:
            stream = open_regular(chosen_path(zip_path))
        except RefusedFile as exc:
            raise PackageError(msg("{zip_path}: {exc}", zip_path=shown(zip_path),
                                   exc=exc)) from None
        with stream:
            if not zipfile.is_zipfile(stream):
                raise PackageError(msg("{name} is not a zip file (or it is truncated).",
                                       name=shown(zip_path.name)))
            try:
                zf = zipfile.ZipFile(stream)
            except (zipfile.BadZipFile, OSError) as exc:
                raise PackageError(msg("{name} cannot be read as a zip file ({exc}).",
                                       name=shown(zip_path.name), exc=exc)) from None
            with zf:
                models = _read_manifest(zf, zip_name)
                problems = check_members(zf, models, limits)
                if problems:
                    raise PackageError(_problem_message(zip_name, problems))
                total = sum(f.size for m in models for f in m.files)
                _check_space(registry.models_dir, total)
                entry_bytes = sum(f.size for m in models for f in m.files if f.path == m.entry)
                bar = Progress(progress, cancelled, total + entry_bytes)
                bar.check()
                staging = registry.new_staging_folder()
                staged: list[StagedVersion] = []
                for index, model in enumerate(models):
                    folder = staging / str(index)
                    folder.mkdir()
                    for member in model.files:
                        _extract(zf, member, folder / model.relpath(member.path), bar)
                    staged.append(_staged(model, folder, zip_path))
        for item in staged:
            registry.check_staged(item, bar)

        def record(tags: list[str]) -> None:
            registry._audit.record(  # noqa: SLF001 - same package
                actor, "model", "import_package", f"package:{zip_name}", "success",
                {"path": shown(zip_path), "models": tags,
                 "sha256": [item.artefact.sha256 for item in staged if item.artefact]})

        return registry.commit_staged(actor, staged, action="import", then=record)
    except ModelError as exc:
        message = _refusal(zip_name, str(exc))
        registry._audit.record(  # noqa: SLF001
            actor, "model", "import_package", f"package:{zip_name}", "failure",
            {"path": shown(zip_path), "reason": message, "models": [m.name for m in models]})
        raise PackageError(message) from None
    except (OSError, DiskFullError) as exc:  # USB stick pulled out, full disk
        if is_disk_full(exc):
            where = exc.path if isinstance(exc, DiskFullError) else registry.models_dir
            full = DiskFullError(where, max(total, 1 << 20), f"importing the package {zip_name}")
            with contextlib.suppress(Exception):  # the audit may not fit either
                registry._audit.record(  # noqa: SLF001
                    actor, "model", "import_package", f"package:{zip_name}", "failure",
                    {"path": shown(zip_path), "reason": str(full)})
            raise full from exc
        strerror = getattr(exc, "strerror", None) or exc
        message = f"Importing the package {zip_name} failed: {strerror}. Nothing was imported."
        registry._audit.record(  # noqa: SLF001
            actor, "model", "import_package", f"package:{zip_name}", "failure",
            {"path": shown(zip_path), "reason": message})
        raise EdgeDeckError(message) from exc
    finally:
        if staging is not None:
            registry.discard_staging(staging)


def _staged(model: PackageModel, folder: Path, zip_path: Path) -> StagedVersion:
    def role(path: str) -> str:
        if path == model.entry:
            return "model"
        base = PurePosixPath(path).name.lower()
        if base in SIDE_FILES:
            return SIDE_FILES[base]
        return "external-data" if base.endswith((".onnx_data", ".data", ".bin")) else "other"

    labels = model.labels if isinstance(model.labels, list) else None
    files = [{"path": model.relpath(f.path), "sha256": f.sha256, "size": f.size,
              "role": "labels" if f.path == model.labels else role(f.path)}
             for f in model.files]
    files.sort(key=lambda f: (f["role"] != "model", f["path"]))
    if isinstance(model.labels, str):
        relpath = model.relpath(model.labels)
        if PurePosixPath(relpath).name.lower() not in ("labels.txt", "labels.json"):
            labels = [line.strip() for line in (folder / relpath).read_text(
                encoding="utf-8-sig", errors="replace").splitlines() if line.strip()]
    return StagedVersion(
        folder=folder, entry=model.relpath(model.entry), name=model.name, task=model.task,
        description=model.description, label=model.version_label, source="package",
        labels=labels, files=files, details={"package": shown(zip_path.name)})


def _check_space(folder: Path, needed: int) -> None:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    with contextlib.suppress(OSError):
        free = shutil.disk_usage(probe).free
        if free < needed + FREE_SPACE_MARGIN:
            raise PackageError(msg("Not enough free space: the package needs {needed} MiB "
                                   "(+{free_space_margin} MiB margin), {free} MiB free.",
                                   needed=needed >> 20, free_space_margin=FREE_SPACE_MARGIN >> 20,
                                   free=free >> 20))


# -- building ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageSource:
    """One model to put in a package: an .onnx file or a folder (every file in it is packed)."""

    name: str
    task: str
    path: Path
    version_label: str = ""
    description: str = ""
    labels: list[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # more manifest keys (tests, tools)


def _source_files(source: PackageSource) -> tuple[str, list[tuple[Path, str]]]:
    """(entry relpath, [(file, relpath)]) for one source."""
    path = Path(source.path)
    if path.is_file():
        files = [(path, path.name)]
        try:
            files += [(path.parent / rel, rel) for rel in inspect_artefact(path).external_files]
        except InvalidModelError:  # packed as it is: the importing box refuses it with a reason
            pass
        return path.name, files
    files = sorted((p, p.relative_to(path).as_posix()) for p in path.rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    entries = [rel for _, rel in files if "/" not in rel and rel.lower().endswith(".onnx")]
    if len(entries) != 1:
        raise ModelError(msg("{path} must hold exactly one top-level .onnx file to be packed.",
                             path=path))
    return entries[0], files


def build_package(out_zip: str | Path, sources: Sequence[PackageSource]) -> Path:
    """Write a valid package (members under '<name>/'), atomically; returns its path."""
    out_zip = Path(out_zip)
    manifest_models = []
    members: list[tuple[Path, str]] = []
    for source in sources:
        name = validate_name(source.name)
        entry, files = _source_files(source)
        listed = []
        for path, rel in files:
            member = f"{name}/{rel}"
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda h=handle: h.read(CHUNK), b""):
                    digest.update(block)
            listed.append({"path": member, "sha256": digest.hexdigest(),
                           "size": path.stat().st_size})
            members.append((path, member))
        item: dict[str, Any] = {"name": name, "task": validate_task(source.task),
                                "entry": f"{name}/{entry}", "files": listed}
        if source.version_label:
            item["version_label"] = source.version_label
        if source.description:
            item["description"] = source.description
        if source.labels is not None:
            item["labels"] = list(source.labels)
        item.update(source.extra)
        manifest_models.append(item)
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "models": manifest_models}
    tmp = out_zip.with_name(out_zip.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False),
                        compress_type=zipfile.ZIP_DEFLATED)
            for path, member in members:
                # Weights barely compress; storing them keeps imports fast on small boxes.
                small = path.suffix.lower() in (".txt", ".json")
                zf.write(path, member,
                         compress_type=zipfile.ZIP_DEFLATED if small else zipfile.ZIP_STORED)
        os.replace(tmp, out_zip)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out_zip


def export_package(registry: ModelRegistry, actor: Actor, out_zip: str | Path,
                   selection: Sequence[tuple[str, int | None]]) -> Path:
    """Pack registry versions ((name, version); None = the active one) for another box."""
    registry._guard.require(actor, Permission.MANAGE_MODELS, str(out_zip))  # noqa: SLF001
    sources = []
    for name, version in selection:
        found = registry.get_version(actor, name, version)
        if found.status != "active":
            raise ModelError(msg("{tag} was deleted; it cannot be exported.", tag=found.tag))
        model = registry.get_model(actor, name)
        sources.append(PackageSource(model.name, model.task, found.folder,
                                     version_label=found.label or f"v{found.version}",
                                     description=model.description))
    path = build_package(out_zip, sources)
    registry._audit.record(actor, "model", "export_package", str(path), "success",  # noqa: SLF001
                           {"models": [f"{n}/{'active' if v is None else f'v{v}'}"
                                       for n, v in selection]})
    return path
