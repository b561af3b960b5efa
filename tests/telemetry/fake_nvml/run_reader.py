"""Runs the NVML reader in a fresh process, so LD_LIBRARY_PATH (set by the test) decides which
libnvidia-ml.so.1 the real nvidia-ml-py binding loads; prints what it saw as JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from app.telemetry.readers.nvml import NvmlReader


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reads", type=int, default=1)
    parser.add_argument("--lose-before-read", type=int, default=0,
                        help="touch $FAKE_NVML_LOST_FLAG before this read (1-based)")
    parser.add_argument("--flag")
    parser.add_argument("--discover-root", help="also run discover_readers on this tree")
    args = parser.parse_args()
    out: dict[str, object] = {}
    if args.discover_root:
        from app.telemetry.discovery import discover_readers

        readers = discover_readers(sysfs_root=Path(args.discover_root), which=lambda _: None)
        out["readers"] = [r.name for r in readers]
    reader = NvmlReader.probe()
    out["probe"] = reader is not None
    if reader is None:
        reader = NvmlReader()
        reader.open()
    out["state"] = reader.state
    out["present"] = reader.present
    reads = []
    for number in range(1, args.reads + 1):
        if number == args.lose_before_read and args.flag:
            Path(args.flag).touch()
        reads.append([dataclasses.asdict(s) for s in reader.read()])
    out["reads"] = reads
    reader.close()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
