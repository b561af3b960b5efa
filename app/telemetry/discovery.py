"""Which readers this box needs: the host always, plus each accelerator actually present.

Detection is cheap and never raises: it looks at sysfs/devfreq/accel nodes (under sysfs_root,
so tests can point it at a fake tree), asks NVML once, and runs `npu-smi info` once through the
injectable runner. A broken accelerator stack (NVML version mismatch, npu-smi timing out) still
yields its reader, because the dashboard must show that fault; an absent one yields nothing.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from app.telemetry.readers.ascend import AscendReader
from app.telemetry.readers.common import Runner, list_dir, read_text, run_tool
from app.telemetry.readers.host import HostReader
from app.telemetry.readers.intel_npu import IntelNpuReader, find_intel_npus
from app.telemetry.readers.jetson import JetsonReader, TegrastatsReader, is_jetson
from app.telemetry.readers.nvml import NvmlReader
from app.telemetry.readers.rockchip import RockchipNpuReader, has_rknpu
from app.telemetry.sampler import Reader

log = logging.getLogger(__name__)

NPU_SMI_PROBE_TIMEOUT_S = 5.0


def discover_readers(sysfs_root: Path = Path("/"), data_dir: Path | None = None,
                     run: Runner = run_tool,
                     which: Callable[[str], str | None] = shutil.which,
                     nvml_probe: Callable[[], NvmlReader | None] | None = NvmlReader.probe,
                     ) -> list[Reader]:
    """Readers for what is present. `nvml_probe=None` skips NVML (fake sysfs trees in tests)."""
    readers: list[Reader] = [HostReader(disk_path=data_dir)]
    opener, listdir = read_text, list_dir

    if nvml_probe is not None:
        try:
            nvml = nvml_probe()
        except Exception:  # noqa: BLE001 - detection must never stop the console
            log.exception("NVML probe failed")
            nvml = None
        if nvml is not None:
            readers.append(nvml)

    try:
        if is_jetson(sysfs_root, opener, listdir):
            tegrastats = TegrastatsReader() if which("tegrastats") else None
            readers.append(JetsonReader(sysfs_root, opener, listdir, tegrastats=tegrastats))
    except Exception:  # noqa: BLE001
        log.exception("Jetson detection failed")

    try:
        if find_intel_npus(sysfs_root, opener, listdir):
            readers.append(IntelNpuReader(sysfs_root, opener, listdir))
    except Exception:  # noqa: BLE001
        log.exception("Intel NPU detection failed")

    try:
        if has_rknpu(sysfs_root, listdir):
            readers.append(RockchipNpuReader(sysfs_root, opener, listdir))
    except Exception:  # noqa: BLE001
        log.exception("Rockchip NPU detection failed")

    ascend = _ascend(run, which)
    if ascend is not None:
        readers.append(ascend)
    log.info("telemetry readers: %s", ", ".join(r.name for r in readers))
    return readers


def _ascend(run: Runner, which: Callable[[str], str | None]) -> AscendReader | None:
    """npu-smi installed and answering with a table (or hanging: that is worth showing)."""
    if not which("npu-smi"):
        return None
    reader = AscendReader(run=run)
    try:
        info = reader.query()
    except subprocess.TimeoutExpired:
        log.warning("npu-smi timed out during discovery; keeping the reader to show it")
        return reader
    except (OSError, ValueError, RuntimeError) as exc:  # ToolError is a RuntimeError
        log.info("npu-smi present but unusable: %s", exc)
        return None
    return reader if info.chips else None
