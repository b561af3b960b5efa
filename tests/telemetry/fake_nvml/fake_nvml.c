/*
 * A tiny fake libnvidia-ml.so.1 for EdgeDeck's tests: the real nvidia-ml-py binding (pynvml)
 * loads it through LD_LIBRARY_PATH and resolves each nvml* symbol by name, so only the
 * functions the NVML reader calls are here.
 *
 * Values are copied from recorded `nvidia-smi -q` outputs in tests/fixtures/devices/:
 *   FAKE_NVML_MODEL=a100     nvidia-smi-q_A100-SXM4-80GB-x4.txt (555.42.02, 4 GPUs, fan N/A,
 *                            GPU 1 with 353 volatile DRAM correctable ECC errors)
 *   FAKE_NVML_MODEL=rtx4090  nvidia-smi-q_RTX4090-x8_swpowercap.txt (535.154.05, first two GPUs:
 *                            idle, and busy with "SW Power Cap: Active" and a python process;
 *                            ECC N/A on GeForce)
 *   FAKE_NVML_MODEL=t4       nvidia-smi-q_T4.txt (530.30.02, fan N/A, MPS server process; a
 *                            pre-535 driver, so ClocksEventReasons is "function not found")
 * Faults:
 *   FAKE_NVML_FAULT=mismatch      nvmlInitWithFlags -> NVML_ERROR_LIB_RM_VERSION_MISMATCH
 *   FAKE_NVML_FAULT=unknown_init  nvmlInitWithFlags -> NVML_ERROR_UNKNOWN (container case)
 *   FAKE_NVML_FAULT=lost          GPU FAKE_NVML_LOST_INDEX (default 1) -> GPU_IS_LOST on every
 *                                 per-device query (the handle itself still opens)
 *   FAKE_NVML_FAULT=lost_handle   ... and nvmlDeviceGetHandleByIndex_v2 fails too
 *   FAKE_NVML_LOST_FLAG=<path>    the GPU is lost only once <path> exists (lost after init)
 *   (library missing: simply do not put this library on LD_LIBRARY_PATH)
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int nvmlReturn_t;
enum {
    OK = 0, UNINITIALIZED = 1, INVALID_ARGUMENT = 2, NOT_SUPPORTED = 3, INSUFFICIENT_SIZE = 7,
    FUNCTION_NOT_FOUND = 13, GPU_IS_LOST = 15, LIB_RM_VERSION_MISMATCH = 18,
    ARGUMENT_VERSION_MISMATCH = 25, UNKNOWN = 999
};
#define NA (-1LL)
#define MIB (1024ULL * 1024ULL)
#define MEMORY_V2 0x02000028u

typedef struct {
    unsigned int pid;
    unsigned long long used_mib;
    const char *name;
} fake_proc;

typedef struct fake_gpu {
    int index;
    const char *name, *uuid, *bus_id;
    unsigned int util_gpu, util_mem;
    unsigned long long total_mib, reserved_mib, used_mib, free_mib;
    unsigned int temp_c, power_mw, limit_mw, sm_mhz, mem_mhz;
    long long fan_pct;                  /* NA = not supported */
    int pstate;
    unsigned long long reasons;
    long long ecc_corrected, ecc_uncorrected; /* NA = not supported */
    unsigned int pcie_gen, pcie_width, tx_kbs, rx_kbs;
    int nproc;
    fake_proc procs[2];
} fake_gpu;

typedef fake_gpu *nvmlDevice_t;

static fake_gpu A100[] = {
    {0, "NVIDIA A100-SXM4-80GB", "GPU-31515c3d-1414-7c2c-004a-f86a898946ac", "00000000:68:00.0",
     0, 0, 81920, 763, 1, 81158, 25, 59770, 500000, 210, 1593, NA, 0, 0x1, 0, 0, 4, 16, 0, 0, 0,
     {{0}}},
    {1, "NVIDIA A100-SXM4-80GB", "GPU-72d87681-01db-370e-567d-41afcf20fad0", "00000000:9E:00.0",
     0, 0, 81920, 763, 1, 81158, 22, 60310, 500000, 210, 1593, NA, 0, 0x1, 353, 0, 4, 16, 0, 0,
     0, {{0}}},
    {2, "NVIDIA A100-SXM4-80GB", "GPU-62989189-9e1e-ac75-4676-114f14998542", "00000000:C2:00.0",
     0, 0, 81920, 763, 1, 81158, 23, 58780, 500000, 210, 1593, NA, 0, 0x1, 0, 0, 4, 16, 0, 0, 0,
     {{0}}},
    {3, "NVIDIA A100-SXM4-80GB", "GPU-011b2cfe-2b8e-1cb0-19e1-1b764e854dfc", "00000000:D4:00.0",
     0, 0, 81920, 763, 1, 81158, 23, 62210, 500000, 930, 1593, NA, 0, 0x1, 0, 0, 4, 16, 0, 0, 0,
     {{0}}},
};

static fake_gpu RTX4090[] = {
    {0, "NVIDIA GeForce RTX 4090", "GPU-370465f5-30e0-6877-b85c-16729f41b90f", "00000000:01:00.0",
     0, 0, 24564, 346, 0, 24217, 30, 18900, 450000, 210, 405, 0, 8, 0x1, NA, NA, 1, 16, 0, 0, 0,
     {{0}}},
    {1, "NVIDIA GeForce RTX 4090", "GPU-8f4d1755-9c8a-3a19-b71e-c190b3801dec", "00000000:23:00.0",
     97, 35, 24564, 346, 21608, 2608, 72, 445380, 450000, 2640, 10251, 86, 2, 0x4, NA, NA, 4, 16,
     1000, 4000, 1, {{1285135, 21602, "/usr/bin/python"}}},
};

static fake_gpu T4[] = {
    {0, "Tesla T4", "GPU-c1d02d08-2915-752a-ef58-a46a0718a45d", "00000000:00:08.0",
     0, 0, 15360, 393, 31, 14935, 38, 14040, 70000, 300, 405, NA, 8, 0x1, 0, 0, 1, 16, 0, 0, 1,
     {{25384, 26, "nvidia-cuda-mps-server"}}},
};

static fake_gpu *gpus = NULL;
static unsigned int gpu_count = 0;
static const char *driver_version = "";
static int cuda_version = 0;
static int event_reasons_supported = 1;
static int init_count = 0;

static const char *env(const char *name, const char *fallback) {
    const char *value = getenv(name);
    return value && *value ? value : fallback;
}

static int fault(const char *name) { return strcmp(env("FAKE_NVML_FAULT", "none"), name) == 0; }

static int is_lost(const fake_gpu *gpu) {
    int lost_index = atoi(env("FAKE_NVML_LOST_INDEX", "1"));
    const char *flag = getenv("FAKE_NVML_LOST_FLAG");
    if (gpu->index != lost_index) return 0;
    if (fault("lost") || fault("lost_handle")) return 1;
    return flag && *flag && access(flag, F_OK) == 0;
}

static void copy(char *dst, unsigned int len, const char *src) {
    if (!dst || len == 0) return;
    strncpy(dst, src, len - 1);
    dst[len - 1] = '\0';
}

#define CHECK_DEVICE(dev)                              \
    do {                                               \
        if (init_count <= 0) return UNINITIALIZED;     \
        if (!(dev)) return INVALID_ARGUMENT;           \
        if (is_lost(dev)) return GPU_IS_LOST;          \
    } while (0)

nvmlReturn_t nvmlInitWithFlags(unsigned int flags) {
    (void)flags;
    if (fault("mismatch")) return LIB_RM_VERSION_MISMATCH;
    if (fault("unknown_init")) return UNKNOWN;
    const char *model = env("FAKE_NVML_MODEL", "a100");
    if (strcmp(model, "rtx4090") == 0) {
        gpus = RTX4090; gpu_count = 2; driver_version = "535.154.05"; cuda_version = 12020;
        event_reasons_supported = 1;
    } else if (strcmp(model, "t4") == 0) {
        gpus = T4; gpu_count = 1; driver_version = "530.30.02"; cuda_version = 12010;
        event_reasons_supported = 0;
    } else {
        gpus = A100; gpu_count = 4; driver_version = "555.42.02"; cuda_version = 12050;
        event_reasons_supported = 1;
    }
    init_count++;
    return OK;
}

nvmlReturn_t nvmlInit_v2(void) { return nvmlInitWithFlags(0); }

nvmlReturn_t nvmlShutdown(void) {
    if (init_count <= 0) return UNINITIALIZED;
    init_count--;
    return OK;
}

const char *nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
    case OK: return "Success";
    case UNINITIALIZED: return "Uninitialized";
    case INVALID_ARGUMENT: return "Invalid Argument";
    case NOT_SUPPORTED: return "Not Supported";
    case INSUFFICIENT_SIZE: return "Insufficient Size";
    case FUNCTION_NOT_FOUND: return "Function Not Found";
    case GPU_IS_LOST: return "GPU is lost";
    case LIB_RM_VERSION_MISMATCH: return "Driver/library version mismatch";
    case ARGUMENT_VERSION_MISMATCH: return "Argument version mismatch";
    default: return "Unknown Error";
    }
}

nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    if (init_count <= 0) return UNINITIALIZED;
    copy(version, length, driver_version);
    return OK;
}

nvmlReturn_t nvmlSystemGetCudaDriverVersion(int *version) {
    if (init_count <= 0) return UNINITIALIZED;
    *version = cuda_version;
    return OK;
}

nvmlReturn_t nvmlSystemGetProcessName(unsigned int pid, char *name, unsigned int length) {
    if (init_count <= 0) return UNINITIALIZED;
    for (unsigned int g = 0; g < gpu_count; g++)
        for (int p = 0; p < gpus[g].nproc; p++)
            if (gpus[g].procs[p].pid == pid) {
                copy(name, length, gpus[g].procs[p].name);
                return OK;
            }
    return 6; /* NVML_ERROR_NOT_FOUND */
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (init_count <= 0) return UNINITIALIZED;
    *count = gpu_count;
    return OK;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (init_count <= 0) return UNINITIALIZED;
    if (index >= gpu_count) return INVALID_ARGUMENT;
    if (fault("lost_handle") && is_lost(&gpus[index])) return GPU_IS_LOST;
    *device = &gpus[index];
    return OK;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t dev, char *name, unsigned int length) {
    CHECK_DEVICE(dev);
    copy(name, length, dev->name);
    return OK;
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t dev, char *uuid, unsigned int length) {
    CHECK_DEVICE(dev);
    copy(uuid, length, dev->uuid);
    return OK;
}

typedef struct {
    char busIdLegacy[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;

nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t dev, nvmlPciInfo_t *pci) {
    CHECK_DEVICE(dev);
    memset(pci, 0, sizeof(*pci));
    copy(pci->busId, sizeof(pci->busId), dev->bus_id);
    copy(pci->busIdLegacy, sizeof(pci->busIdLegacy), dev->bus_id + 4);
    return OK;
}

typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t dev, nvmlUtilization_t *util) {
    CHECK_DEVICE(dev);
    util->gpu = dev->util_gpu;
    util->memory = dev->util_mem;
    return OK;
}

typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct {
    unsigned int version;
    unsigned long long total, reserved, free, used;
} nvmlMemory_v2_t;

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t dev, nvmlMemory_t *mem) {
    CHECK_DEVICE(dev);
    mem->total = dev->total_mib * MIB;
    mem->free = dev->free_mib * MIB;
    mem->used = mem->total - mem->free; /* v1 counts the driver's reservation as used */
    return OK;
}

nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t dev, nvmlMemory_v2_t *mem) {
    CHECK_DEVICE(dev);
    if (mem->version != MEMORY_V2) return ARGUMENT_VERSION_MISMATCH;
    mem->total = dev->total_mib * MIB;
    mem->reserved = dev->reserved_mib * MIB;
    mem->free = dev->free_mib * MIB;
    mem->used = dev->used_mib * MIB;
    return OK;
}

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t dev, int sensor, unsigned int *temp) {
    CHECK_DEVICE(dev);
    if (sensor != 0) return NOT_SUPPORTED;
    *temp = dev->temp_c;
    return OK;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t dev, unsigned int *mw) {
    CHECK_DEVICE(dev);
    *mw = dev->power_mw;
    return OK;
}

nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t dev, unsigned int *mw) {
    CHECK_DEVICE(dev);
    *mw = dev->limit_mw;
    return OK;
}

nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t dev, int type, unsigned int *mhz) {
    CHECK_DEVICE(dev);
    if (type == 1) *mhz = dev->sm_mhz;        /* NVML_CLOCK_SM */
    else if (type == 2) *mhz = dev->mem_mhz;  /* NVML_CLOCK_MEM */
    else if (type == 0) *mhz = dev->sm_mhz;   /* NVML_CLOCK_GRAPHICS */
    else return INVALID_ARGUMENT;
    return OK;
}

nvmlReturn_t nvmlDeviceGetFanSpeed(nvmlDevice_t dev, unsigned int *pct) {
    CHECK_DEVICE(dev);
    if (dev->fan_pct == NA) return NOT_SUPPORTED;
    *pct = (unsigned int)dev->fan_pct;
    return OK;
}

nvmlReturn_t nvmlDeviceGetPerformanceState(nvmlDevice_t dev, int *pstate) {
    CHECK_DEVICE(dev);
    *pstate = dev->pstate;
    return OK;
}

nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t dev,
                                                    unsigned long long *reasons) {
    CHECK_DEVICE(dev);
    if (!event_reasons_supported) return FUNCTION_NOT_FOUND;
    *reasons = dev->reasons;
    return OK;
}

nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t dev,
                                                       unsigned long long *reasons) {
    CHECK_DEVICE(dev);
    *reasons = dev->reasons;
    return OK;
}

nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t dev, int error_type, int counter_type,
                                         unsigned long long *count) {
    CHECK_DEVICE(dev);
    if (counter_type != 0 && counter_type != 1) return INVALID_ARGUMENT;
    long long value = error_type == 0 ? dev->ecc_corrected : dev->ecc_uncorrected;
    if (value == NA) return NOT_SUPPORTED;
    *count = (unsigned long long)value;
    return OK;
}

nvmlReturn_t nvmlDeviceGetCurrPcieLinkGeneration(nvmlDevice_t dev, unsigned int *gen) {
    CHECK_DEVICE(dev);
    *gen = dev->pcie_gen;
    return OK;
}

nvmlReturn_t nvmlDeviceGetCurrPcieLinkWidth(nvmlDevice_t dev, unsigned int *width) {
    CHECK_DEVICE(dev);
    *width = dev->pcie_width;
    return OK;
}

nvmlReturn_t nvmlDeviceGetPcieThroughput(nvmlDevice_t dev, int counter, unsigned int *kbs) {
    CHECK_DEVICE(dev);
    if (counter == 0) *kbs = dev->tx_kbs;
    else if (counter == 1) *kbs = dev->rx_kbs;
    else return INVALID_ARGUMENT;
    return OK;
}

typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId, computeInstanceId;
} nvmlProcessInfo_t;

static nvmlReturn_t processes(nvmlDevice_t dev, unsigned int *count, nvmlProcessInfo_t *infos,
                              int n) {
    if (n == 0) {
        *count = 0;
        return OK;
    }
    if (!infos || *count < (unsigned int)n) {
        *count = (unsigned int)n;
        return INSUFFICIENT_SIZE;
    }
    for (int i = 0; i < n; i++) {
        infos[i].pid = dev->procs[i].pid;
        infos[i].usedGpuMemory = dev->procs[i].used_mib * MIB;
        infos[i].gpuInstanceId = 0xFFFFFFFFu;   /* N/A: no MIG */
        infos[i].computeInstanceId = 0xFFFFFFFFu;
    }
    *count = (unsigned int)n;
    return OK;
}

nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t dev, unsigned int *count,
                                                     nvmlProcessInfo_t *infos) {
    CHECK_DEVICE(dev);
    return processes(dev, count, infos, dev->nproc);
}

nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v3(nvmlDevice_t dev, unsigned int *count,
                                                      nvmlProcessInfo_t *infos) {
    CHECK_DEVICE(dev);
    return processes(dev, count, infos, 0);
}
