"""The ISA-18.2 alarm state machine for one alarm point, free of storage and threads.

States (ISA-18.2 figure 6, without out-of-service/suppressed-by-design):

    normal ──condition──▶ unacknowledged ──ack──▶ acknowledged ──clears──▶ normal
                               │                                     ▲
                             clears                                  │
                               ▼                                     │
                    returned_unacknowledged ────────ack──────────────┘
                    (condition comes back: unacknowledged again)

Shelving is orthogonal: the machine keeps following the process, but a shelved alarm is not
annunciated; when the shelf expires it comes back as unacknowledged if still active, else normal.
A chattering alarm (more than `chatter_count` activations within `chatter_window_s`) is latched:
it stays in its active state, further clears and activations are only counted, and it needs an
acknowledgement with the condition gone (or a quiet chatter window after one) to reset.
Every method takes `now` from the caller, so tests drive time without sleeping.
"""

from __future__ import annotations

import enum
from collections import deque
from dataclasses import dataclass, field

from app.alarms.rules import AlarmRule
from app.errors import ValidationError


class AlarmState(str, enum.Enum):
    NORMAL = "normal"
    UNACKNOWLEDGED = "unacknowledged"
    ACKNOWLEDGED = "acknowledged"
    RETURNED_UNACKNOWLEDGED = "returned_unacknowledged"


# Event names written to alarm_events.
RAISED = "raised"
CLEARED = "cleared"
ACKNOWLEDGED = "acknowledged"
SHELVED = "shelved"
UNSHELVED = "unshelved"
LATCHED = "chatter_latched"
RULE_REMOVED = "rule_removed"


@dataclass(frozen=True)
class Alarm:
    """A read-only view of an alarm point for the UI and the CLI."""

    id: int
    rule_id: str
    device_id: str
    device_name: str
    key: str
    priority: str
    state: AlarmState
    active: bool  # the (debounced) condition right now
    value: float | None
    message: str
    raised_at: float | None
    cleared_at: float | None
    acked_at: float | None
    acked_by: str | None
    ack_comment: str | None
    shelved_until: float | None
    shelved_by: str | None
    shelve_reason: str | None
    latched: bool
    suppressed_count: int

    @property
    def shelved(self) -> bool:
        return self.shelved_until is not None

    @property
    def needs_ack(self) -> bool:
        return self.state in (AlarmState.UNACKNOWLEDGED, AlarmState.RETURNED_UNACKNOWLEDGED) or (
            self.state is AlarmState.ACKNOWLEDGED and self.latched and not self.active
        )

    @property
    def annunciated(self) -> bool:
        """Shown to the operator: in alarm (or awaiting ack) and not shelved."""
        return self.state is not AlarmState.NORMAL and not self.shelved


@dataclass
class AlarmPoint:
    """The mutable state behind one Alarm; owned by AlarmService, changed only by AlarmEngine."""

    rule_id: str
    device_id: str
    key: str
    priority: str
    device_name: str = ""
    id: int | None = None
    state: AlarmState = AlarmState.NORMAL
    active: bool = False
    value: float | None = None
    message: str = ""
    raised_at: float | None = None
    cleared_at: float | None = None
    acked_at: float | None = None
    acked_by: str | None = None
    ack_comment: str | None = None
    shelved_until: float | None = None
    shelved_by: str | None = None
    shelve_reason: str | None = None
    latched: bool = False
    suppressed_count: int = 0
    pending_since: float | None = None  # the raw condition differs from `active` since then
    activations: deque[float] = field(default_factory=deque)

    @property
    def ident(self) -> tuple[str, str, str]:
        return (self.rule_id, self.device_id, self.key)

    @property
    def shelved(self) -> bool:
        return self.shelved_until is not None

    def copy(self) -> AlarmPoint:
        clone = AlarmPoint(**{k: getattr(self, k) for k in self.__dataclass_fields__})
        clone.activations = deque(self.activations)
        return clone

    def view(self) -> Alarm:
        return Alarm(
            id=self.id or 0, rule_id=self.rule_id, device_id=self.device_id,
            device_name=self.device_name, key=self.key, priority=self.priority,
            state=self.state, active=self.active, value=self.value, message=self.message,
            raised_at=self.raised_at, cleared_at=self.cleared_at, acked_at=self.acked_at,
            acked_by=self.acked_by, ack_comment=self.ack_comment,
            shelved_until=self.shelved_until, shelved_by=self.shelved_by,
            shelve_reason=self.shelve_reason, latched=self.latched,
            suppressed_count=self.suppressed_count,
        )


class AlarmEngine:
    """Applies conditions, acknowledgements and shelving to points; returns the event names."""

    def __init__(self, chatter_count: int = 3, chatter_window_s: float = 600.0) -> None:
        if chatter_count < 1 or chatter_window_s <= 0:
            raise ValueError("chatter detection needs a positive count and window")
        self.chatter_count = chatter_count
        self.chatter_window_s = chatter_window_s

    # -- the process side --------------------------------------------------------------------

    def evaluate(self, point: AlarmPoint, rule: AlarmRule, value: float, now: float) -> list[str]:
        """Feed one measured value: hysteresis first, then the on/off delays."""
        point.value = value
        raw = rule.holds(value) if point.active else rule.trips(value)
        return self.condition(point, rule, raw, now)

    def condition(self, point: AlarmPoint, rule: AlarmRule, raw: bool, now: float) -> list[str]:
        """Feed the raw (undelayed) condition; it must persist for the rule's delay to count."""
        if raw == point.active:
            point.pending_since = None
            return []
        if point.pending_since is None or now < point.pending_since:
            point.pending_since = now
        delay = rule.on_delay_s if raw else rule.off_delay_s
        if now - point.pending_since < delay:
            return []
        point.pending_since = None
        point.active = raw
        return self._activate(point, now) if raw else self._clear(point, now)

    def _activate(self, point: AlarmPoint, now: float) -> list[str]:
        window_start = now - self.chatter_window_s
        while point.activations and point.activations[0] < window_start:
            point.activations.popleft()
        point.activations.append(now)
        if point.latched:  # chattering: counted, not annunciated again
            point.suppressed_count += 1
            return []
        events = [RAISED]
        point.state = AlarmState.UNACKNOWLEDGED
        point.acked_at = point.acked_by = point.ack_comment = None
        point.raised_at = now
        point.cleared_at = None
        if len(point.activations) > self.chatter_count:
            point.latched = True
            events.append(LATCHED)
        return events

    def _clear(self, point: AlarmPoint, now: float) -> list[str]:
        point.cleared_at = now
        if point.latched:  # held active until someone acknowledges it
            point.suppressed_count += 1
            return []
        if point.state is AlarmState.UNACKNOWLEDGED:
            point.state = AlarmState.RETURNED_UNACKNOWLEDGED
        elif point.state is AlarmState.ACKNOWLEDGED:
            point.state = AlarmState.NORMAL
        else:
            return []
        return [CLEARED]

    def tick(self, point: AlarmPoint, now: float) -> list[str]:
        """Time-driven changes: a shelf expiring, a latched alarm quiet for a chatter window."""
        events: list[str] = []
        if point.shelved_until is not None and now >= point.shelved_until:
            events += self.unshelve(point, now)
        if (
            point.latched
            and point.state is AlarmState.ACKNOWLEDGED
            and not point.active
            and point.cleared_at is not None
            and now - point.cleared_at >= self.chatter_window_s
        ):
            self._unlatch(point)
            point.state = AlarmState.NORMAL
            events.append(CLEARED)
        return events

    # -- the operator side ---------------------------------------------------------------------

    def acknowledge(self, point: AlarmPoint, now: float, by: str, comment: str = "") -> list[str]:
        """Unacknowledged → acknowledged; returned-unacknowledged → normal; resets a latch."""
        if point.state is AlarmState.UNACKNOWLEDGED:
            point.state = AlarmState.ACKNOWLEDGED
        elif point.state is AlarmState.RETURNED_UNACKNOWLEDGED:
            point.state = AlarmState.NORMAL
        elif not (point.state is AlarmState.ACKNOWLEDGED and point.latched and not point.active):
            raise ValidationError("This alarm is not waiting for an acknowledgement.")
        if point.latched and not point.active:
            self._unlatch(point)
            point.state = AlarmState.NORMAL
        point.acked_at = now
        point.acked_by = by
        point.ack_comment = comment
        return [ACKNOWLEDGED]

    def shelve(
        self, point: AlarmPoint, now: float, until: float, by: str, reason: str
    ) -> list[str]:
        """Take the alarm off the operator's display until `until` (it keeps being followed)."""
        if until <= now:
            raise ValidationError("A shelf must end in the future.")
        point.shelved_until = until
        point.shelved_by = by
        point.shelve_reason = reason
        return [SHELVED]

    def unshelve(self, point: AlarmPoint, now: float) -> list[str]:
        """Back on display: unacknowledged if the condition is still there, otherwise normal."""
        if point.shelved_until is None:
            raise ValidationError("This alarm is not shelved.")
        point.shelved_until = None
        point.shelved_by = point.shelve_reason = None
        if point.active:
            point.state = AlarmState.UNACKNOWLEDGED
            point.raised_at = now
            point.acked_at = point.acked_by = point.ack_comment = None
        elif not point.latched:
            point.state = AlarmState.NORMAL
        return [UNSHELVED]

    def remove(self, point: AlarmPoint) -> list[str]:
        """The rule was deleted or disabled: nothing left to follow, so back to normal."""
        self._unlatch(point)
        point.state = AlarmState.NORMAL
        point.active = False
        point.pending_since = None
        point.shelved_until = None
        point.shelved_by = point.shelve_reason = None
        return [RULE_REMOVED]

    @staticmethod
    def _unlatch(point: AlarmPoint) -> None:
        point.latched = False
        point.activations.clear()
