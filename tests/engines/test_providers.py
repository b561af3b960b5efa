from __future__ import annotations

from engines import providers


def test_cpu_provider_really_loads():
    probe = providers.probe_provider("CPUExecutionProvider")
    assert probe.loads and probe.seconds >= 0


def test_unknown_provider_does_not_load_and_says_why():
    probe = providers.probe_provider("NoSuchExecutionProvider")
    assert not probe.loads and probe.detail == "not offered by this onnxruntime build"


def test_listed_gpu_provider_without_a_gpu_is_reported_as_fallback(capfd):
    """onnxruntime-gpu lists CUDA here although no GPU exists: the probe must see through it."""
    names = providers.available_providers()
    if "CUDAExecutionProvider" not in names:
        return
    probe = providers.probe_provider("CUDAExecutionProvider")
    out, _ = capfd.readouterr()
    assert not probe.loads
    assert "fell back to CPUExecutionProvider" in probe.detail
    assert "EP Error" not in out  # the binding's banner must not reach our output


def test_probe_all_reports_progress_and_honours_cancel():
    seen = []
    results = providers.probe_all(lambda done, total, name: seen.append((done, total)))
    assert {r.name for r in results} == set(providers.available_providers())
    assert seen[-1][0] == seen[-1][1] == len(results)
    assert providers.probe_all(cancelled=lambda: True) == []


def test_distribution_is_found_without_import():
    dist = providers.onnxruntime_distribution()
    assert dist is not None and dist[0].startswith("onnxruntime")
