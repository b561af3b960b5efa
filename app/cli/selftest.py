"""`edgedeck --self-test`: prove this installation works (run after installing a bundle)."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import emit
from app.cli.system import _MARK


def cmd_self_test(args: argparse.Namespace) -> int:
    """Run every self-test check in a temporary data folder; exit 1 when one fails."""
    from app.system.doctor import worst_level
    from app.system.selftest import run_self_test

    checks = run_self_test()
    worst = worst_level(checks)
    lines = []
    for check in checks:
        lines.append(f"[{_MARK[check.level]}] {check.name}: {check.message}")
        if check.fix and check.level in ("warn", "fail"):
            lines.append(f"       fix: {check.fix}")
    lines.append("self-test " + ("FAILED" if worst == "fail" else "passed"))
    emit(args, {"worst": worst, "passed": worst != "fail",
                "checks": [c.as_dict() for c in checks]}, "\n".join(lines))
    if worst == "fail":
        failed = [c.name for c in checks if c.level == "fail"]
        print(f"edgedeck: self-test failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
