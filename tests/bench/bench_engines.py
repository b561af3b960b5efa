"""Engines: what OnnxRuntimeEngine.run costs over a raw session, and what int8 buys.

    .venv/bin/python -m tests.bench.bench_engines [--seconds 4]

(1) Overhead: engine.run(feeds) against the same session's raw `run(None, feeds)` at batch 1,
on a sub-millisecond MLP and a ~10 ms CNN. The two are interleaved in short blocks, alternating
which goes first, and the median of the per-block time ratios is reported, so drift in clock
speed or background load cancels out. (2) int8: fp32 vs int8 latency at batch 1 (a MatMul model
with dynamic quantization, the CNN with static QDQ quantization), alternated three times, with
the accuracy change on the same random inputs. Models are built with the onnx helper
(tests/engines/engine_models.py); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from engines.accuracy import compare_models
from engines.bench import benchmark
from engines.inputs import make_sample_inputs
from engines.onnxruntime import OnnxRuntimeEngine
from engines.optimize import quantize_dynamic_int8, quantize_static_int8
from tests.bench.report import write_section
from tests.engines.engine_models import conv_classifier, matmul_model, mlp_classifier


def overhead(path: Path, seconds: float) -> dict:
    """Median over blocks of (time of k engine.run) / (time of k raw session.run)."""
    engine = OnnxRuntimeEngine(path)
    engine.load()
    feeds = make_sample_inputs(engine.describe().inputs, batch=1)
    raw = engine.session

    def engine_block(k: int) -> float:
        run = engine.run
        started = time.perf_counter()
        for _ in range(k):
            run(feeds)
        return time.perf_counter() - started

    def raw_block(k: int) -> float:
        run = raw.run
        started = time.perf_counter()
        for _ in range(k):
            run(None, feeds)
        return time.perf_counter() - started

    for _ in range(20):  # warm up both paths
        engine.run(feeds)
        raw.run(None, feeds)
    single = raw_block(20) / 20
    k = max(3, int(0.02 / single))  # blocks of ~20 ms
    ratios, engine_times, raw_times = [], [], []
    deadline = time.perf_counter() + seconds
    block = 0
    while time.perf_counter() < deadline or block < 20:
        if block % 2:
            e, r = engine_block(k), raw_block(k)
        else:
            r, e = raw_block(k), engine_block(k)
        ratios.append(e / r)
        engine_times.append(e / k)
        raw_times.append(r / k)
        block += 1
    engine.unload()
    return {"ratio": statistics.median(ratios), "engine_us": statistics.median(engine_times) * 1e6,
            "raw_us": statistics.median(raw_times) * 1e6, "blocks": block, "k": k,
            "q1": statistics.quantiles(ratios, n=4)[0], "q3": statistics.quantiles(ratios, n=4)[2]}


def int8_pair(fp32: Path, int8: Path, runs: int) -> dict:
    means = {"fp32": [], "int8": []}
    p50 = {"fp32": [], "int8": []}
    for _ in range(3):
        for name, path in (("fp32", fp32), ("int8", int8)):
            result = benchmark(path, warmup=20, runs=runs)
            means[name].append(result.mean_ms)
            p50[name].append(result.p50_ms)
    engine = OnnxRuntimeEngine(fp32)
    engine.load()
    samples = [make_sample_inputs(engine.describe().inputs, batch=8, seed=1000 + i)
               for i in range(32)]
    accuracy = compare_models(fp32, int8, samples)
    return {
        "fp32_ms": statistics.median(p50["fp32"]), "int8_ms": statistics.median(p50["int8"]),
        "speedup": statistics.median(p50["fp32"]) / statistics.median(p50["int8"]),
        "fp32_mb": fp32.stat().st_size / 2**20, "int8_mb": int8.stat().st_size / 2**20,
        "accuracy": accuracy,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4.0, help="per overhead measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mlp = mlp_classifier(folder / "mlp.onnx")
        cnn = conv_classifier(folder / "cnn.onnx")
        matmul = matmul_model(folder / "matmul.onnx")

        small = overhead(mlp, args.seconds)
        print(f"overhead MLP: engine {small['engine_us']:.2f} µs vs raw {small['raw_us']:.2f} µs,"
              f" median ratio {small['ratio']:.3f}")
        large = overhead(cnn, args.seconds)
        print(f"overhead CNN: engine {large['engine_us'] / 1000:.2f} ms vs raw "
              f"{large['raw_us'] / 1000:.2f} ms, median ratio {large['ratio']:.3f}")

        quantize_dynamic_int8(matmul, folder / "matmul-int8.onnx", per_channel=True)
        cnn_engine = OnnxRuntimeEngine(cnn)
        cnn_engine.load()
        calibration = [make_sample_inputs(cnn_engine.describe().inputs, batch=1, seed=i)
                       for i in range(16)]
        cnn_engine.unload()
        quantize_static_int8(cnn, folder / "cnn-int8.onnx", calibration, per_channel=True)
        dense = int8_pair(matmul, folder / "matmul-int8.onnx", runs=2000)
        conv = int8_pair(cnn, folder / "cnn-int8.onnx", runs=100)
        for name, pair in (("MatMul", dense), ("CNN", conv)):
            print(f"int8 {name}: {pair['fp32_ms']:.3f} -> {pair['int8_ms']:.3f} ms "
                  f"({pair['speedup']:.2f}x), {pair['accuracy'].summary()}")

    def acc_row(label: str, pair: dict, how: str) -> str:
        a = pair["accuracy"]
        top1 = f"{a.top1_agreement:.1%}" if a.top1_agreement is not None else "n/a"
        return (f"| {label} ({how}) | {pair['fp32_ms']:.3f} ms → {pair['int8_ms']:.3f} ms | "
                f"**{pair['speedup']:.2f}×** | {pair['fp32_mb']:.2f} → {pair['int8_mb']:.2f} MB | "
                f"{a.max_abs_diff:.3g} | {a.cosine:.5f} | {top1} |")

    body = f"""
Command: `.venv/bin/python -m tests.bench.bench_engines --seconds {args.seconds:g}` (part of
`make bench`). CPU provider, batch 1, models built with the onnx helper.

**Hot-path overhead**: `OnnxRuntimeEngine.run(feeds)` against the same session's raw
`InferenceSession.run(None, feeds)`, interleaved in ~20 ms blocks (order alternating), median of
the per-block time ratios (interquartile range in brackets).

| model | raw `session.run` | `engine.run` | median ratio | goal |
|---|---|---|---|---|
| MLP 16→32→10 (sub-millisecond) | {small['raw_us']:.2f} µs | {small['engine_us']:.2f} µs | **{small['ratio']:.3f}** ({small['q1']:.3f}–{small['q3']:.3f}, {small['blocks']} blocks of {small['k']}) | ≤ 1.03 |
| CNN 3×224×224, 3 conv layers (milliseconds) | {large['raw_us'] / 1000:.2f} ms | {large['engine_us'] / 1000:.2f} ms | **{large['ratio']:.3f}** ({large['q1']:.3f}–{large['q3']:.3f}, {large['blocks']} blocks of {large['k']}) | ≤ 1.03 |

A ratio below 1 is real: the engine passes precomputed output names and one reused
`RunOptions`; `run(None, …)` rebuilds the name list, and a call without run options was
measured slower than one with a reused `RunOptions` object.

**int8 vs fp32** (P50 latency, median of 3 alternated `engines.bench.benchmark` runs; accuracy
from `engines.accuracy.compare_models` on 32 random batches of 8 — random inputs, so top-1
agreement here measures stability of the winner, not task accuracy):

| model (quantization) | fp32 → int8 P50 | speed-up | size | max abs diff | cosine | top-1 agreement |
|---|---|---|---|---|---|---|
{acc_row("MatMul 256→512→512→512→10", dense, "dynamic, per-channel")}
{acc_row("CNN 3×224×224", conv, "static QDQ, per-channel, 16 calibration images")}
"""
    write_section("engines", "Engines: inference overhead and int8", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
