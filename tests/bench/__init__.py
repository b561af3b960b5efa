"""Benchmarks (`make bench`), not part of `make test`: each reports ratios against a baseline
measured in the same run and writes its section of BENCHMARKS.md."""
