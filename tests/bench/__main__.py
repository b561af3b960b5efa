"""`make bench`: run every benchmark in its own process, one after another."""

from __future__ import annotations

import subprocess
import sys

BENCHES = [
    ["tests.bench.bench_audit"],
    ["tests.bench.bench_monitor"],
    ["tests.bench.bench_engines"],
    ["tests.bench.bench_serving"],
    ["tests.bench.bench_knowledge"],
]


def main() -> int:
    failed = 0
    for module in BENCHES:
        print(f"== {module[0]}", flush=True)
        failed += subprocess.call([sys.executable, "-m", *module]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
