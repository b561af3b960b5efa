"""One bound for every zip-based format a person hands in (DOCX, model packages, later ones).

A zip's headers say how large each member is, but a crafted file lies: a DOCX of 300 KiB can
inflate to gigabytes of XML (a "zip bomb"), hold a million tiny members, or nest names a
thousand folders deep. `ZipBudget` says what one kind of archive may do; `check_zip` reads the
central directory against it (member count, names, encryption, compression method, declared
sizes and ratios) and then, unless told not to, inflates every member once while counting the
bytes that really come out, so declared sizes are never trusted. Each problem is a sentence
naming the member; callers turn them into their own refusal. Archives inside an archive are
never opened, so nesting cannot multiply the expansion.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from app.messages import msg

MIB = 1 << 20
SUPPORTED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                         zipfile.ZIP_LZMA)
_BLOCK = 1 << 20


class ArchiveLimit(ValueError):
    """The archive goes past its budget or is unsafe to read; the message names the member."""


@dataclass(frozen=True)
class ZipBudget:
    """What one kind of archive may contain. `max_ratio` applies to members that inflate past
    `ratio_from_bytes` (tiny members compress wildly without harm); None turns it off where the
    content legitimately compresses ~1000:1 (model weights full of zeros) and sizes are pinned
    otherwise (a package manifest's checksums)."""

    max_members: int = 10_000
    max_total_bytes: int = 512 * MIB
    max_member_bytes: int = 256 * MIB
    max_ratio: float | None = 200.0
    ratio_from_bytes: int = MIB
    max_name_depth: int = 32
    max_name_chars: int = 1024


def size_text(n: int) -> str:
    """'123 bytes' below a MiB (exact, for small limits), else '12.5 MiB'."""
    return f"{n} bytes" if n < MIB else f"{n / MIB:.1f} MiB"


def total_problem(total: int, budget: ZipBudget) -> str | None:
    if total > budget.max_total_bytes:
        return (f"its members expand to {size_text(total)}, above the limit of "
                f"{size_text(budget.max_total_bytes)}")
    return None


def file_type(info: zipfile.ZipInfo) -> str | None:
    """'symbolic link' / 'special file' for members that are not plain files or folders."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return "symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "special file (device, pipe or socket)"
    return None


def member_problem(info: zipfile.ZipInfo, budget: ZipBudget) -> str | None:
    """What is wrong with one member from its header alone, or None."""
    name = info.filename
    shown = name if len(name) <= 120 else name[:117] + "..."
    if info.flag_bits & 0x1:
        return f"member '{shown}' is encrypted (password-protected)"
    if info.compress_type not in SUPPORTED_COMPRESSION:
        return f"member '{shown}' uses an unsupported compression method"
    if len(name) > budget.max_name_chars or name.count("/") >= budget.max_name_depth:
        return (f"member '{shown}' has a name nested deeper than {budget.max_name_depth} "
                "folders or longer than the limit")
    if info.file_size > budget.max_member_bytes:
        return (f"member '{shown}' expands to {size_text(info.file_size)}, above the limit "
                f"of {size_text(budget.max_member_bytes)} per member")
    if _ratio_too_high(info.file_size, info.compress_size, budget):
        return (f"member '{shown}' expands to {size_text(info.file_size)} from "
                f"{size_text(info.compress_size)}, more than {budget.max_ratio:.0f} times "
                "its packed size (a zip bomb?)")
    return None


def _ratio_too_high(expanded: int, packed: int, budget: ZipBudget) -> bool:
    return (budget.max_ratio is not None and expanded > budget.ratio_from_bytes
            and expanded > budget.max_ratio * max(packed, 1))


def check_zip(zf: zipfile.ZipFile, budget: ZipBudget, inflate: bool = True,
              cancelled: Callable[[], bool] | None = None) -> list[str]:
    """Every problem with `zf` against `budget` ([] when it is within it).

    With `inflate`, each member is decompressed once (nothing is kept) and the real byte
    counts are held to the budget: a member stops the moment it passes its declared size."""
    infos = zf.infolist()
    if len(infos) > budget.max_members:
        return [f"it has {len(infos)} members; at most {budget.max_members} are accepted"]
    problems = [p for p in (member_problem(info, budget) for info in infos) if p]
    total = total_problem(sum(info.file_size for info in infos), budget)
    if total:
        problems.append(total)
    if problems or not inflate:
        return problems
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        try:
            count = _inflate(zf, info, budget, total)
        except ArchiveLimit as exc:
            return [str(exc)]
        total += count
        if cancelled is not None and cancelled():
            break
    return []


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: ZipBudget, before: int) -> int:
    count = 0
    try:
        with zf.open(info) as member:
            while True:
                block = member.read(_BLOCK)
                if not block:
                    break
                count += len(block)
                if count > info.file_size:
                    raise ArchiveLimit(msg("member '{filename}' inflates beyond its declared "
                                           "{file_size} bytes (a zip bomb?)",
                                           filename=info.filename,
                                           file_size=info.file_size))
                if before + count > budget.max_total_bytes:
                    raise ArchiveLimit(msg("its members expand past the limit of {max_total_bytes}",
                                           max_total_bytes=size_text(budget.max_total_bytes)))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ArchiveLimit(msg("member '{filename}' is damaged or does not match its zip header "
                               "({exc})", filename=info.filename, exc=exc)) from None
    if _ratio_too_high(count, info.compress_size, budget):
        raise ArchiveLimit(msg("member '{filename}' expands more than {max_ratio:.0f} times its "
                               "packed size (a zip bomb?)", filename=info.filename,
                               max_ratio=budget.max_ratio))
    return count
