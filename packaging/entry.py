"""Entry script of the PyInstaller bundle: the frozen `edgedeck` executable."""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # First, before argument parsing: a spawned audit-verification worker (or multiprocessing's
    # resource tracker) re-enters this bootloader with --multiprocessing-fork / -c arguments;
    # freeze_support() runs it and exits instead of starting the CLI.
    multiprocessing.freeze_support()

    from app.cli import main

    sys.exit(main())
