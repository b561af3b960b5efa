"""NVIDIA discrete GPUs through NVML (the `nvidia-ml-py` binding, module `pynvml`).

NVML is the driver's own management API: no CUDA context is created, a query costs
microseconds. Three failure modes matter and are kept apart:

* no driver (`libnvidia-ml.so.1` absent, or the kernel module not loaded): the box simply has
  no NVIDIA GPU to show; discovery leaves this reader out and `state` says "no NVIDIA driver";
* NVML present but failing at init (driver/library version mismatch after a driver update, or
  "Unknown Error" in a container after a systemd reload): a real fault, shown as an error;
* a GPU lost after init (Xid 79, fallen off the bus): that GPU's snapshot carries an error that
  starts with GPU_LOST and `details["lost"] = True`, so the alarm layer can act on it.

A single metric a board does not support (fan on passively cooled A100, ECC on GeForce) is an
unsupported Reading, never a zero.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

from app.messages import msg
from app.telemetry.model import DeviceSnapshot, Reading
from app.telemetry.readers.common import NOT_SUPPORTED, reading

log = logging.getLogger(__name__)

GPU_LOST = "GPU lost"
LOST_ERROR = msg("GPU lost: NVML reports the GPU is lost (fallen off the bus); reset the GPU or "
                 "reboot to recover it")
NO_DRIVER = "no NVIDIA driver"
UTIL_WINDOW = msg("driver sample period, 1/6 s to 1 s")
PCIE_WINDOW = msg("NVML's 20 ms PCIe sample")
POWER_WINDOW = msg("1 s average on Ampere (except A100) and newer; instantaneous on A100 and "
                   "older")
ECC_WINDOW = msg("since the driver was loaded (volatile counters)")
_INSTANT = msg("instant")
_NO_PERMISSION = msg("needs root: NVML refuses this query to this user")
_NOT_PROVIDED = msg("not provided by this driver version")

# nvmlClocksEventReason* bits (called ClocksThrottleReasons before driver 535).
CLOCK_EVENT_REASONS = (
    (0x0001, msg("GPU idle")),
    (0x0002, msg("applications clocks setting")),
    (0x0004, msg("SW power cap")),
    (0x0008, msg("HW slowdown")),
    (0x0010, msg("sync boost")),
    (0x0020, msg("SW thermal slowdown")),
    (0x0040, msg("HW thermal slowdown")),
    (0x0080, msg("HW power brake slowdown")),
    (0x0100, msg("display clock setting")),
)


# Reasons that mean the GPU is being slowed against the workload's will (power or heat);
# idle, application clocks, sync boost and display clocks are normal operation.
THROTTLING_BITS = 0x0004 | 0x0008 | 0x0020 | 0x0040 | 0x0080


def decode_clock_reasons(mask: int) -> list[str]:
    """Words for each active bit; unknown bits are shown in hex rather than dropped."""
    words = [text for bit, text in CLOCK_EVENT_REASONS if mask & bit]
    known = 0
    for bit, _ in CLOCK_EVENT_REASONS:
        known |= bit
    if mask & ~known:
        words.append(msg("other (0x{mask:x})", mask=mask & ~known))
    return words


class _Lost(Exception):
    """Raised inside a device read when any NVML call says the GPU is gone."""


def _text(value: object) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _default_process_name(pid: int) -> str:
    try:
        import psutil

        return psutil.Process(pid).name()
    except Exception:  # noqa: BLE001 - a process may exit, or live in another namespace
        return f"pid {pid}"


class NvmlReader:
    """All NVIDIA GPUs NVML can see; one DeviceSnapshot per GPU index (`gpu0`, `gpu1`...)."""

    name = "nvml"

    def __init__(self, nvml: ModuleType | None = None,
                 process_name: Callable[[int], str] | None = None,
                 retry_after_s: float = 30.0, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        self._nvml = nvml
        self._process_name = process_name or _default_process_name
        self.retry_after_s = retry_after_s
        self._clock = clock
        self._initialised = False
        self._retry_at = 0.0
        self.state = "not started"
        self.driver_version: str | None = None
        self.cuda_version: str | None = None
        self._names: dict[int, tuple[str, str]] = {}  # index -> (name, uuid), for lost GPUs

    @property
    def present(self) -> bool:
        """False when this box has no usable NVIDIA driver at all."""
        return not self.state.startswith(NO_DRIVER) and self.state != "nvidia-ml-py missing"

    # -- lifecycle --------------------------------------------------------------------------
    def open(self) -> str:
        """nvmlInit; returns and stores the state ("ok", NO_DRIVER..., or the failure)."""
        if self._initialised:
            return self.state
        if self._nvml is None:
            try:
                import pynvml
            except ImportError:
                self.state = "nvidia-ml-py missing"
                return self.state
            self._nvml = pynvml
        nv = self._nvml
        try:
            nv.nvmlInit()
        except nv.NVMLError_LibraryNotFound:
            self.state = msg("no NVIDIA driver (libnvidia-ml.so.1 not found)")
        except nv.NVMLError_DriverNotLoaded:
            self.state = msg("no NVIDIA driver (the nvidia kernel module is not loaded)")
        except nv.NVMLError_LibRmVersionMismatch:
            # nvidia-smi's wording (pynvml says "RM has detected an NVML/RM version mismatch")
            self.state = msg("NVML failed to initialise: Driver/library version mismatch (the "
                             "loaded kernel module and the NVML library differ: reboot after a "
                             "driver update)")
        except nv.NVMLError as exc:
            self.state = msg("NVML failed to initialise: {error}", error=exc)
        else:
            self._initialised = True
            self.state = "ok"
            self.driver_version = self._optional(nv.nvmlSystemGetDriverVersion)
            cuda = self._optional(nv.nvmlSystemGetCudaDriverVersion)
            if isinstance(cuda, int) and cuda > 0:
                self.cuda_version = f"{cuda // 1000}.{cuda % 1000 // 10}"
            return self.state
        self._retry_at = self._clock() + self.retry_after_s
        return self.state

    def close(self) -> None:
        if self._initialised and self._nvml is not None:
            try:
                self._nvml.nvmlShutdown()
            except self._nvml.NVMLError:
                pass
        self._initialised = False

    def device_count(self) -> int:
        assert self._nvml is not None
        return int(self._nvml.nvmlDeviceGetCount())

    @classmethod
    def probe(cls, **kwargs: Any) -> NvmlReader | None:
        """A reader when this box has NVIDIA GPUs or a broken NVML worth reporting, else None."""
        reader = cls(**kwargs)
        state = reader.open()
        if not reader.present:
            log.info("NVML: %s", state)
            return None
        if state == "ok":
            try:
                count = reader.device_count()
            except Exception as exc:  # noqa: BLE001 - keep the reader, it will show the error
                log.warning("NVML: cannot count GPUs: %s", exc)
                return reader
            if count == 0:
                reader.close()
                return None
        return reader

    def _optional(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            value = fn(*args)
        except self._nvml.NVMLError:  # type: ignore[union-attr]
            return None
        return _text(value) if isinstance(value, bytes | str) else value

    # -- reading ----------------------------------------------------------------------------
    def read(self) -> list[DeviceSnapshot]:
        if not self._initialised:
            if self._clock() >= self._retry_at:
                self.open()
            if not self._initialised:
                if not self.present:
                    return []
                return [DeviceSnapshot("nvml", "gpu", "NVIDIA GPUs", error=self.state)]
        nv = self._nvml
        assert nv is not None
        try:
            count = self.device_count()
        except nv.NVMLError as exc:
            return [DeviceSnapshot("nvml", "gpu", "NVIDIA GPUs",
                                   error=msg("NVML cannot list GPUs: {error}", error=exc))]
        return [self._device(index) for index in range(count)]

    def _lost(self, index: int) -> DeviceSnapshot:
        name, uuid = self._names.get(index, ("NVIDIA GPU", ""))
        return DeviceSnapshot(f"gpu{index}", "gpu", name, error=LOST_ERROR,
                              details={"lost": True, "index": index, "uuid": uuid})

    def _device(self, index: int) -> DeviceSnapshot:
        nv = self._nvml
        assert nv is not None
        try:
            handle = nv.nvmlDeviceGetHandleByIndex(index)
        except nv.NVMLError_GpuIsLost:
            return self._lost(index)
        except nv.NVMLError as exc:
            name, uuid = self._names.get(index, ("NVIDIA GPU", ""))
            return DeviceSnapshot(f"gpu{index}", "gpu", name,
                                  error=msg("NVML cannot open GPU {index}: {error}",
                                            index=index, error=exc),
                                  details={"index": index, "uuid": uuid})
        try:
            return self._read_device(index, handle)
        except _Lost:
            return self._lost(index)

    def _call(self, fn: Callable[..., Any], *args: Any) -> tuple[Any, str]:
        """(value, "") or (None, why): NotSupported and friends become notes."""
        nv = self._nvml
        assert nv is not None
        try:
            return fn(*args), ""
        except nv.NVMLError_GpuIsLost as exc:
            raise _Lost from exc
        except nv.NVMLError_NotSupported:
            return None, NOT_SUPPORTED
        except nv.NVMLError_NoPermission:
            return None, _NO_PERMISSION
        except (nv.NVMLError_FunctionNotFound, nv.NVMLLibraryMismatchError):
            return None, _NOT_PROVIDED
        except nv.NVMLError as exc:
            return None, msg("NVML error: {error}", error=exc)

    def _read_device(self, index: int, handle: object) -> DeviceSnapshot:
        nv = self._nvml
        assert nv is not None
        readings: dict[str, Reading] = {}

        def put(r: Reading) -> None:
            readings[r.key] = r

        name, _ = self._call(nv.nvmlDeviceGetName, handle)
        uuid, _ = self._call(nv.nvmlDeviceGetUUID, handle)
        name, uuid = _text(name or "NVIDIA GPU"), _text(uuid or "")
        self._names[index] = (name, uuid)
        pci, _ = self._call(nv.nvmlDeviceGetPciInfo, handle)

        util, note = self._call(nv.nvmlDeviceGetUtilizationRates, handle)
        put(reading("gpu.util", msg("GPU"), None if util is None else float(util.gpu), "%",
                    msg("Share of time one or more kernels ran on the GPU"), UTIL_WINDOW, note))
        put(reading("gpu.memctl.util", msg("Memory controller"),
                    None if util is None else float(util.memory), "%",
                    msg("Share of time device memory was being read or written"), UTIL_WINDOW,
                    note))

        mem, note = self._call(nv.nvmlDeviceGetMemoryInfo, handle, nv.nvmlMemory_v2)
        reserved = getattr(mem, "reserved", None) if mem is not None else None
        if mem is None:  # drivers before 510 have no v2 structure
            mem, note = self._call(nv.nvmlDeviceGetMemoryInfo, handle)
        mib = 1024**2
        used_note = msg("excludes {mib:.0f} MiB reserved by the driver",
                        mib=reserved / mib) if reserved else note
        put(reading("gpu.mem.used", msg("GPU memory used"),
                    None if mem is None else mem.used / mib, "MiB",
                    msg("Device memory allocated by processes"), _INSTANT, used_note))
        put(reading("gpu.mem.total", msg("GPU memory total"),
                    None if mem is None else mem.total / mib, "MiB", msg("Device memory size"),
                    _INSTANT, note))
        put(reading("gpu.mem.util", msg("GPU memory"),
                    None if mem is None or not mem.total else 100.0 * mem.used / mem.total, "%",
                    msg("Share of device memory allocated"), _INSTANT, used_note))

        temp, note = self._call(nv.nvmlDeviceGetTemperature, handle, nv.NVML_TEMPERATURE_GPU)
        put(reading("gpu.temp", msg("GPU temperature"), None if temp is None else float(temp),
                    "°C", msg("GPU core temperature"), _INSTANT, note))
        power, note = self._call(nv.nvmlDeviceGetPowerUsage, handle)
        put(reading("gpu.power", msg("Power"), None if power is None else power / 1000, "W",
                    msg("Board power draw"), POWER_WINDOW, note))
        limit, note = self._call(nv.nvmlDeviceGetEnforcedPowerLimit, handle)
        put(reading("gpu.power.limit", msg("Power limit"),
                    None if limit is None else limit / 1000, "W",
                    msg("Power cap the driver enforces"), _INSTANT, note))
        for key, clock, label, meaning in (
                ("gpu.clock.sm", nv.NVML_CLOCK_SM, msg("SM clock"), msg("Current sm clock")),
                ("gpu.clock.mem", nv.NVML_CLOCK_MEM, msg("Memory clock"),
                 msg("Current memory clock"))):
            value, note = self._call(nv.nvmlDeviceGetClockInfo, handle, clock)
            put(reading(key, label, None if value is None else float(value), "MHz", meaning,
                        _INSTANT, note))
        fan, note = self._call(nv.nvmlDeviceGetFanSpeed, handle)
        put(reading("gpu.fan", msg("Fan"), None if fan is None else float(fan), "%",
                    msg("Fan speed the driver requests, as a share of its maximum"), _INSTANT,
                    note))
        pstate, note = self._call(nv.nvmlDeviceGetPerformanceState, handle)
        if pstate is not None and pstate > 15:  # NVML_PSTATE_UNKNOWN = 32
            pstate, note = None, msg("performance state unknown")
        put(reading("gpu.pstate", msg("P-state"), None if pstate is None else float(pstate), "",
                    msg("Performance state: 0 = P0 (maximum) to 15 (minimum)"), _INSTANT,
                    note or f"P{pstate}"))

        reasons, note = self._call(nv.nvmlDeviceGetCurrentClocksEventReasons, handle)
        if reasons is None and note == _NOT_PROVIDED:
            reasons, note = self._call(nv.nvmlDeviceGetCurrentClocksThrottleReasons, handle)
        words = decode_clock_reasons(int(reasons)) if reasons is not None else []
        put(reading("gpu.throttle", msg("Clock reasons"),
                    None if reasons is None else float(reasons), "",
                    msg("Bitmask of why clocks are held below maximum (note lists them)"),
                    _INSTANT, note or (", ".join(words) if words else msg("none active"))))
        throttling = None if reasons is None else int(reasons) & THROTTLING_BITS
        put(reading("gpu.throttle.active", msg("Throttling"),
                    None if throttling is None else float(bool(throttling)), "",
                    msg("1 while power or temperature limits slow the GPU down"), _INSTANT,
                    note or (", ".join(decode_clock_reasons(throttling)) if throttling
                             else msg("not throttled"))))

        for key, kind, label, meaning in (
                ("gpu.ecc.corrected", nv.NVML_MEMORY_ERROR_TYPE_CORRECTED, msg("ECC corrected"),
                 msg("ECC corrected memory errors (all memory locations)")),
                ("gpu.ecc.uncorrected", nv.NVML_MEMORY_ERROR_TYPE_UNCORRECTED,
                 msg("ECC uncorrected"),
                 msg("ECC uncorrected memory errors (all memory locations)"))):
            count, note = self._call(nv.nvmlDeviceGetTotalEccErrors, handle, kind,
                                     nv.NVML_VOLATILE_ECC)
            put(reading(key, label, None if count is None else float(count), "errors",
                        meaning, ECC_WINDOW, note))

        gen, note = self._call(nv.nvmlDeviceGetCurrPcieLinkGeneration, handle)
        put(reading("gpu.pcie.gen", msg("PCIe generation"), None if gen is None else float(gen),
                    "", msg("Current PCIe link generation (drops when idle to save power)"),
                    _INSTANT, note))
        width, note = self._call(nv.nvmlDeviceGetCurrPcieLinkWidth, handle)
        put(reading("gpu.pcie.width", msg("PCIe width"),
                    None if width is None else float(width), "lanes",
                    msg("Current PCIe link width"), _INSTANT, note))
        for key, counter, label, meaning in (
                ("gpu.pcie.tx", nv.NVML_PCIE_UTIL_TX_BYTES, msg("PCIe TX"),
                 msg("PCIe TX throughput (KB/s from NVML / 1000)")),
                ("gpu.pcie.rx", nv.NVML_PCIE_UTIL_RX_BYTES, msg("PCIe RX"),
                 msg("PCIe RX throughput (KB/s from NVML / 1000)"))):
            value, note = self._call(nv.nvmlDeviceGetPcieThroughput, handle, counter)
            put(reading(key, label, None if value is None else value / 1000, "MB/s", meaning,
                        PCIE_WINDOW, note))

        details: dict[str, object] = {
            "index": index, "uuid": uuid, "lost": False,
            "driver_version": self.driver_version, "cuda_version": self.cuda_version,
            "clock_reasons": words,
            "processes": self._processes(handle),
        }
        if pci is not None:
            details["pci_bus_id"] = _text(pci.busId)
        return DeviceSnapshot(f"gpu{index}", "gpu", name, readings, details=details)

    def _processes(self, handle: object) -> list[dict[str, object]]:
        """Compute and graphics processes with their GPU memory, merged by pid."""
        nv = self._nvml
        assert nv is not None
        found: dict[int, dict[str, object]] = {}
        for fn, kind in ((nv.nvmlDeviceGetComputeRunningProcesses, "compute"),
                         (nv.nvmlDeviceGetGraphicsRunningProcesses, "graphics")):
            procs, _ = self._call(fn, handle)
            for proc in procs or []:
                used = proc.usedGpuMemory
                entry = found.setdefault(proc.pid, {
                    "pid": proc.pid, "name": self._name_of(proc.pid), "type": kind,
                    "gpu_memory_mib": None})
                if used is not None:
                    previous = entry["gpu_memory_mib"] or 0.0
                    entry["gpu_memory_mib"] = max(float(previous), used / 1024**2)  # type: ignore[arg-type]
                if entry["type"] != kind:
                    entry["type"] = "compute+graphics"
        return sorted(found.values(), key=lambda p: -(p["gpu_memory_mib"] or 0.0))  # type: ignore[operator]

    def _name_of(self, pid: int) -> str:
        nv = self._nvml
        assert nv is not None
        try:
            return _text(nv.nvmlSystemGetProcessName(pid))
        except nv.NVMLError:
            return self._process_name(pid)
