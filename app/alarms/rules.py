"""Alarm rules: which reading, on which devices, compared how, with what deadband and delays.

Rules match reading keys by glob pattern (`gpu.temp`, `cpu.core*.util`), so a reader that adds
keys later needs no code change here. A rule whose metric is `@error` watches
DeviceSnapshot.error instead of a reading (reader failed, GPU lost).
"""

from __future__ import annotations

import fnmatch
import math
import operator
import re
import string
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import Any

from app.errors import ValidationError
from app.messages import msg
from app.telemetry.model import DeviceSnapshot

PRIORITIES = ("critical", "high", "medium", "low")  # most urgent first
PRIORITY_RANK = {p: i for i, p in enumerate(PRIORITIES)}
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
}
ERROR_METRIC = "@error"
ERROR_KEY = "@error"  # the alarm point's key for device-error rules
MAX_DELAY_S = 3600.0
MAX_MESSAGE = 300
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_GLOB_CHARS = frozenset("*?[")
MESSAGE_FIELDS = ("name", "device", "kind", "key", "value", "unit", "threshold", "note", "error")


class _LenientFormatter(string.Formatter):
    """Formats a rule message; a field a reading lacks prints as empty, never raises KeyError."""

    def get_value(self, key: int | str, args: Any, kwargs: dict[str, Any]) -> Any:
        if isinstance(key, str):
            return kwargs.get(key, "")
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return super().format_field(value, format_spec)
        except (TypeError, ValueError):  # e.g. "{value:.1f}" on a missing value
            return str(value)


_FORMATTER = _LenientFormatter()


@dataclass(frozen=True)
class AlarmRule:
    """One alarm definition. High alarms (`>`/`>=`) clear below `threshold - deadband`."""

    id: str
    metric: str  # glob over reading keys, or ERROR_METRIC
    comparison: str = ">"
    threshold: float = 0.0
    priority: str = "medium"
    message: str = ""
    device_kind: str = "*"  # glob over DeviceSnapshot.kind (host / gpu / npu / unknown)
    device_id: str = "*"  # glob over DeviceSnapshot.device_id
    deadband: float = 0.0
    on_delay_s: float = 0.0  # the condition must hold this long before the alarm is raised
    off_delay_s: float = 0.0  # ... and be gone this long before it clears
    ratio_of: str = ""  # when set, value = reading(metric) / reading(ratio_of) * 100 (%)
    error_match: str = "*"  # for ERROR_METRIC rules: glob over the error text, any case
    enabled: bool = True

    @property
    def is_error_rule(self) -> bool:
        return self.metric == ERROR_METRIC

    @property
    def rank(self) -> int:
        return PRIORITY_RANK.get(self.priority, len(PRIORITIES))

    # -- matching ----------------------------------------------------------------------------

    def matches_device(self, device: DeviceSnapshot) -> bool:
        return fnmatch.fnmatchcase(device.kind, self.device_kind) and fnmatch.fnmatchcase(
            device.device_id, self.device_id
        )

    def keys(self, device: DeviceSnapshot) -> list[str]:
        """Reading keys of `device` this rule watches (a plain key costs one dict lookup)."""
        if self.is_error_rule:
            return []
        if not _GLOB_CHARS.intersection(self.metric):
            return [self.metric] if self.metric in device.readings else []
        return [k for k in device.readings if fnmatch.fnmatchcase(k, self.metric)]

    def value(self, device: DeviceSnapshot, key: str) -> float | None:
        """The compared value, or None when the reading is unsupported (never a fake zero)."""
        value = device.value(key)
        if value is None or not math.isfinite(value):
            return None
        if self.ratio_of:
            total = device.value(self.ratio_of)
            if total is None or not math.isfinite(total) or total <= 0:
                return None
            return value / total * 100.0
        return float(value)

    def error_matches(self, error: str | None) -> bool:
        return bool(error) and fnmatch.fnmatchcase(str(error).lower(), self.error_match.lower())

    # -- the comparison, with hysteresis -------------------------------------------------------

    @property
    def is_high(self) -> bool:
        return self.comparison in (">", ">=")

    def trips(self, value: float) -> bool:
        """True when an inactive alarm's condition is met."""
        return COMPARISONS[self.comparison](value, self.threshold)

    def holds(self, value: float) -> bool:
        """True while an active alarm's condition is still met: the deadband keeps it active."""
        limit = self.threshold - self.deadband if self.is_high else self.threshold + self.deadband
        return COMPARISONS[self.comparison](value, limit)

    # -- presentation ----------------------------------------------------------------------------

    def render(self, device: DeviceSnapshot, key: str, value: float | None) -> str:
        reading = device.readings.get(key)
        unit = "%" if self.ratio_of else (reading.unit if reading else "")
        text = _FORMATTER.format(
            self.message or _default_message(self),
            name=device.name or device.device_id,
            device=device.device_id,
            kind=device.kind,
            key=key,
            value=value if value is not None else "",
            unit=unit,
            threshold=self.threshold,
            note=reading.note if reading else "",
            error=device.error or "",
        )
        return text.strip()[:MAX_MESSAGE]

    # -- validation and storage -------------------------------------------------------------------

    def validate(self) -> None:
        """Raise ValidationError naming the first field that makes no sense."""
        if not _RULE_ID.match(self.id):
            raise ValidationError(
                msg("Alarm rule id '{id}' must be 1-64 lower-case letters, digits, '.', '_' or "
                    "'-', starting with a letter or digit.", id=self.id)
            )
        if not self.metric or len(self.metric) > 128 or not self.metric.isprintable():
            raise ValidationError(msg("An alarm rule needs a reading key (pattern) of 1-128 "
                                      "characters, or '{error_metric}'.",
                                      error_metric=ERROR_METRIC))
        if self.comparison not in COMPARISONS:
            raise ValidationError(msg("Comparison must be one of {comparisons}.",
                                      comparisons=', '.join(COMPARISONS)))
        if self.priority not in PRIORITIES:
            raise ValidationError(msg("Priority must be one of {priorities}.",
                                      priorities=', '.join(PRIORITIES)))
        for name in ("threshold", "deadband", "on_delay_s", "off_delay_s"):
            if not math.isfinite(getattr(self, name)):
                raise ValidationError(msg("The rule's {name} must be a number.", name=name))
        if self.deadband < 0:
            raise ValidationError("The deadband cannot be negative.")
        for name in ("on_delay_s", "off_delay_s"):
            if not 0 <= getattr(self, name) <= MAX_DELAY_S:
                raise ValidationError(msg("The rule's {name} must be 0-{max_delay_s:.0f} seconds.",
                                          name=name, max_delay_s=MAX_DELAY_S))
        if len(self.message) > MAX_MESSAGE or not self.message.isprintable():
            raise ValidationError(msg("The message must be at most {max_message} printable "
                                      "characters.", max_message=MAX_MESSAGE))
        try:
            parsed = [f for _, f, _, _ in string.Formatter().parse(self.message) if f]
        except ValueError as exc:
            raise ValidationError(msg("The message is not a valid template: {exc}.",
                                      exc=exc)) from None
        unknown = sorted({f.split(".")[0].split("[")[0] for f in parsed} - set(MESSAGE_FIELDS))
        if unknown:
            raise ValidationError(
                msg("The message uses unknown field(s) {unknown}; available: {message_fields}.",
                    unknown=', '.join(unknown), message_fields=', '.join(MESSAGE_FIELDS))
            )
        for name in ("device_kind", "device_id", "ratio_of", "error_match"):
            value = getattr(self, name)
            if len(value) > 128 or not value.isprintable():
                raise ValidationError(msg("The rule's {name} must be at most 128 printable "
                                          "characters.", name=name))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlarmRule:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "enabled" in values:
            values["enabled"] = bool(values["enabled"])
        for name in ("threshold", "deadband", "on_delay_s", "off_delay_s"):
            if name in values:
                values[name] = float(values[name])
        return cls(**values)


RULE_COLUMNS = tuple(f.name for f in fields(AlarmRule))


def _default_message(rule: AlarmRule) -> str:
    if rule.is_error_rule:
        return "{name}: {error}"
    return "{name}: {key} is {value:.1f} {unit} (limit " + rule.comparison + " {threshold:g})"


def _gpu(rule_id: str, metric: str, **kw: Any) -> AlarmRule:
    return AlarmRule(rule_id, metric, device_kind="gpu", **kw)


# Few, meaningful defaults (EEMUA 191: an operator should see < 1 alarm per 10 minutes):
# on-delays ride out one-sample spikes, deadbands stop values hovering at a limit from chattering.
DEFAULT_RULES: tuple[AlarmRule, ...] = (
    _gpu("gpu.temp.high", "gpu.temp", threshold=85, priority="high", deadband=3,
         on_delay_s=10, off_delay_s=10,
         message="{name}: GPU temperature {value:.0f} °C is above {threshold:g} °C"),
    _gpu("gpu.temp.critical", "gpu.temp", threshold=90, priority="critical", deadband=3,
         on_delay_s=5, off_delay_s=10,
         message="{name}: GPU temperature {value:.0f} °C is above {threshold:g} °C; "
                 "it will throttle or shut down"),
    _gpu("gpu.mem.full", "gpu.mem.used", ratio_of="gpu.mem.total", threshold=95,
         priority="medium", deadband=2, on_delay_s=30, off_delay_s=10,
         message="{name}: GPU memory {value:.0f} % full; new models may fail to load"),
    _gpu("gpu.throttle", "gpu.throttle.active", comparison=">=", threshold=1,
         priority="medium", on_delay_s=30, off_delay_s=10,
         message="{name}: GPU clocks are throttled ({note})"),
    _gpu("gpu.ecc.uncorrected", "gpu.ecc.uncorrected", threshold=0, priority="high",
         message="{name}: {value:.0f} uncorrectable ECC memory error(s); results may be wrong, "
                 "plan a GPU reset"),
    AlarmRule("device.lost", ERROR_METRIC, priority="critical", error_match="gpu lost*",
              message="{name}: {error}"),
    AlarmRule("device.error", ERROR_METRIC, priority="high", error_match="*",
              on_delay_s=5, off_delay_s=5, message="{name}: {error}"),
    AlarmRule("host.mem.high", "mem.util", device_kind="host", threshold=95, priority="high",
              deadband=2, on_delay_s=30, off_delay_s=10,
              message="Host memory {value:.0f} % used; processes may be killed"),
    AlarmRule("host.disk.high", "disk.data.util", device_kind="host", threshold=90,
              priority="medium", deadband=1, on_delay_s=60,
              message="Data disk {value:.0f} % full; history and models need space"),
    AlarmRule("host.disk.critical", "disk.data.util", device_kind="host", threshold=97,
              priority="high", deadband=0.5, on_delay_s=10,
              message="Data disk {value:.0f} % full; the database may stop accepting writes"),
)
