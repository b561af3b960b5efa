"""AlarmService: evaluates snapshots against the rules, keeps alarm state, history and rules.

`evaluate` runs on the sampler thread; acknowledge/shelve/rule edits come from the GUI or CLI
thread. One lock guards the in-memory points; every change is written (state, event, and for a
person's action the audit record) in one transaction before it becomes visible, and listeners
are called afterwards, outside the lock, on the thread that caused the change.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from app.alarms.engine import (
    RAISED,
    SHELVED,
    UNSHELVED,
    Alarm,
    AlarmEngine,
    AlarmPoint,
    AlarmState,
)
from app.alarms.rules import DEFAULT_RULES, ERROR_KEY, PRIORITIES, RULE_COLUMNS, AlarmRule
from app.audit.trail import AuditTrail
from app.auth.guard import Guard
from app.auth.identity import Actor
from app.auth.permissions import Permission
from app.config.meta import ApplianceMeta
from app.errors import ValidationError
from app.events import ALARMS, publish
from app.messages import msg
from app.store import Store
from app.telemetry.model import DeviceSnapshot, Snapshot

log = logging.getLogger(__name__)

MAX_SHELVE_MINUTES = 12 * 60  # ISA-18.2 shelving is temporary: it must end by itself
MAX_TEXT = 500
RATE_WINDOW_S = 3600.0
RATE_BUCKET_S = 600.0
FLOOD_PER_10_MIN = 10  # EEMUA 191 / ISA-18.2: more than 10 alarms in 10 minutes is a flood
SEEDED_META_KEY = "alarm_rules_seeded"
MAX_BACKLOG = 1000  # events kept in memory while the database refuses writes

_POINT_COLUMNS = (
    "rule_id", "device_id", "key", "device_name", "priority", "state", "active", "value",
    "message", "raised_at", "cleared_at", "acked_at", "acked_by", "ack_comment",
    "shelved_until", "shelved_by", "shelve_reason", "latched", "suppressed_count",
)
_EVENT_INSERT_COLUMNS = (
    "ts, alarm_id, rule_id, device_id, key, event, state, priority, value, message, actor, "
    "comment, annunciated"
)
_EVENT_COLUMNS = "id, " + _EVENT_INSERT_COLUMNS

Listener = Callable[[list["AlarmEvent"]], None]


@dataclass(frozen=True)
class AlarmEvent:
    """One line of alarm history (raised, cleared, acknowledged, shelved, ...)."""

    id: int
    ts: float
    alarm_id: int
    rule_id: str
    device_id: str
    key: str
    event: str
    state: str
    priority: str
    value: float | None
    message: str
    actor: str
    comment: str
    annunciated: bool


@dataclass(frozen=True)
class AlarmRate:
    """Annunciated alarms over the last hour in 10-minute buckets (oldest first)."""

    buckets: tuple[int, ...]
    chattering: int  # alarm points latched for chattering right now
    suppressed: int  # activations and clears they swallowed

    @property
    def per_10_min(self) -> float:
        """The EEMUA 191 figure: below 1 is comfortable, above 10 is a flood."""
        return sum(self.buckets) / len(self.buckets) if self.buckets else 0.0

    @property
    def peak(self) -> int:
        return max(self.buckets, default=0)

    @property
    def flood(self) -> bool:
        return self.peak > FLOOD_PER_10_MIN


def _iso_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _clean_text(value: str, what: str, required: bool = False) -> str:
    text = " ".join(str(value).split())
    if required and not text:
        raise ValidationError(msg("Please give a {what}.", what=what))
    if len(text) > MAX_TEXT:
        raise ValidationError(msg("The {what} must be at most {max_text} characters.", what=what,
                                  max_text=MAX_TEXT))
    return text


class AlarmService:
    """The alarm system of one appliance: rules in, alarm states and history out.

    Reads (list_active, history, alarm_rate) need no actor: every role may see alarms.
    Acknowledge needs ACKNOWLEDGE_ALARMS, (un)shelve SHELVE_ALARMS, rule edits CHANGE_SETTINGS;
    each is audited, refusals by the guard.
    """

    def __init__(
        self,
        store: Store,
        audit: AuditTrail,
        guard: Guard,
        clock: Callable[[], float] = time.time,
        engine: AlarmEngine | None = None,
        max_events: int = 100_000,
        seed_defaults: bool = True,
    ) -> None:
        self._store = store
        self._audit = audit
        self._guard = guard
        self._clock = clock
        self.engine = engine or AlarmEngine()
        self.max_events = max_events
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._last_error_log = 0.0
        self._backlog: list[tuple[AlarmPoint, tuple[Any, ...]]] = []
        if seed_defaults:
            self._seed_defaults()
        self._rules: tuple[AlarmRule, ...] = self._load_rules()
        self._points: dict[tuple[str, str, str], AlarmPoint] = {}
        self._by_id: dict[int, AlarmPoint] = {}
        self._load_points()

    # -- listeners ---------------------------------------------------------------------------

    def add_listener(self, callback: Listener) -> None:
        """Called with the new events after each change, on the thread that made it."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _notify(self, events: list[AlarmEvent]) -> None:
        if not events:
            return
        publish(ALARMS, self._store.path, count=len(events))
        for callback in list(self._listeners):
            try:
                callback(events)
            except Exception:  # noqa: BLE001 - a broken banner must not stop alarms
                log.exception("alarm listener failed")

    # -- evaluation (sampler thread) -------------------------------------------------------------

    def on_snapshot(self, snapshot: Snapshot) -> None:
        """Sampler subscriber: a database error is logged (once a minute), not raised."""
        try:
            self.evaluate(snapshot)
        except sqlite3.Error as exc:
            now = time.monotonic()
            if now - self._last_error_log >= 60.0:
                self._last_error_log = now
                log.error("alarms not evaluated: %s", exc)

    def evaluate(self, snapshot: Snapshot) -> list[AlarmEvent]:
        """Run every enabled rule over the snapshot; persist and announce what changed."""
        now = snapshot.taken_at
        with self._lock:
            changes: list[tuple[AlarmPoint, str]] = []
            rules = [r for r in self._rules if r.enabled]
            error_rules = sorted((r for r in rules if r.is_error_rule),
                                 key=lambda r: (r.rank, r.id))
            for device in snapshot.devices:
                claimed = next((r for r in error_rules
                                if r.matches_device(device) and r.error_matches(device.error)),
                               None)
                for rule in rules:
                    if not rule.matches_device(device):
                        continue
                    if rule.is_error_rule:
                        self._step_error(device, rule, rule is claimed, now, changes)
                    else:
                        for key in rule.keys(device):
                            self._step_value(device, rule, key, now, changes)
            for point in list(self._points.values()):
                changes += [(point, e) for e in self.engine.tick(point, now)]
            events = self._persist(changes, now) if changes else []
        self._notify(events)
        return events

    def _point(self, rule: AlarmRule, device: DeviceSnapshot, key: str) -> AlarmPoint:
        ident = (rule.id, device.device_id, key)
        point = self._points.get(ident)
        if point is None:
            point = AlarmPoint(rule.id, device.device_id, key, rule.priority, device.name)
            self._points[ident] = point
        return point

    def _step_value(
        self, device: DeviceSnapshot, rule: AlarmRule, key: str, now: float,
        changes: list[tuple[AlarmPoint, str]],
    ) -> None:
        value = rule.value(device, key)
        if value is None:  # unsupported right now: hold the state, never guess
            return
        point = self._points.get((rule.id, device.device_id, key))
        if point is None:
            if not rule.trips(value):
                return  # the common case: nothing to follow, nothing allocated
            point = self._point(rule, device, key)
        events = self.engine.evaluate(point, rule, value, now)
        if RAISED in events:
            point.message = rule.render(device, key, value)
            point.device_name = device.name
            point.priority = rule.priority
        changes += [(point, e) for e in events]

    def _step_error(
        self, device: DeviceSnapshot, rule: AlarmRule, raw: bool, now: float,
        changes: list[tuple[AlarmPoint, str]],
    ) -> None:
        point = self._points.get((rule.id, device.device_id, ERROR_KEY))
        if point is None:
            if not raw:
                return
            point = self._point(rule, device, ERROR_KEY)
        events = self.engine.condition(point, rule, raw, now)
        if RAISED in events:
            point.message = rule.render(device, ERROR_KEY, None)
            point.device_name = device.name
            point.priority = rule.priority
        changes += [(point, e) for e in events]

    # -- persistence -------------------------------------------------------------------------

    def _persist(
        self, changes: list[tuple[AlarmPoint, str]], now: float, actor: str = "system",
        comment: str = "", audit: Callable[[AlarmPoint], None] | None = None,
    ) -> list[AlarmEvent]:
        """Write points and their events (and an audit record) in one transaction.

        Event rows are captured before writing; if the write fails (database locked, disk
        full) the sampler's events wait in a bounded backlog and go out with the next write,
        so history keeps the true order and times. A person's failed action is not kept:
        they saw the error and can try again.
        """
        fresh = [(point, self._event_row(point, event, now, actor, comment))
                 for point, event in changes]
        pending = self._backlog + fresh
        points = list({id(p): p for p, _ in pending}.values())
        unsaved = [p for p in points if p.id is None]
        try:
            with self._store.transaction(immediate=True) as conn:
                for point in points:
                    self._save_point(conn, point, now)
                ids = [
                    int(conn.execute(
                        f"INSERT INTO alarm_events ({_EVENT_INSERT_COLUMNS})"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (row[0], point.id, *row[1:]),
                    ).lastrowid or 0)
                    for point, row in pending
                ]
                # Keep the newest max_events: a range delete on the rowid, cheap at any size.
                conn.execute(
                    "DELETE FROM alarm_events WHERE id <= (SELECT MAX(id) FROM alarm_events) - ?",
                    [self.max_events],
                )
                if audit is not None:
                    audit(changes[0][0])
        except BaseException:
            for point in unsaved:  # the rollback took their rows (and ids) away
                point.id = None
            if audit is None:
                self._backlog = pending[-MAX_BACKLOG:]
            raise
        self._backlog = []
        for point in points:
            if point.id is not None:
                self._by_id[point.id] = point
        return [
            AlarmEvent(event_id, row[0], point.id or 0, *row[1:11], bool(row[11]))
            for event_id, (point, row) in zip(ids, pending, strict=True)
        ]

    @staticmethod
    def _event_row(
        point: AlarmPoint, event: str, now: float, actor: str, comment: str
    ) -> tuple[Any, ...]:
        """The event as it is now (alarm_id is filled in when the point has one)."""
        annunciated = not point.shelved or event in (SHELVED, UNSHELVED)
        return (now, point.rule_id, point.device_id, point.key, event, point.state.value,
                point.priority, point.value, point.message, actor, comment, int(annunciated))

    def _save_point(self, conn: sqlite3.Connection, point: AlarmPoint, now: float) -> None:
        values = [
            point.rule_id, point.device_id, point.key, point.device_name, point.priority,
            point.state.value, int(point.active), point.value, point.message, point.raised_at,
            point.cleared_at, point.acked_at, point.acked_by, point.ack_comment,
            point.shelved_until, point.shelved_by, point.shelve_reason, int(point.latched),
            point.suppressed_count,
        ]
        if point.id is None:
            updates = ", ".join(f"{c} = excluded.{c}" for c in _POINT_COLUMNS[3:])
            conn.execute(
                f"INSERT INTO alarms ({', '.join(_POINT_COLUMNS)}, updated_at)"
                f" VALUES ({', '.join('?' * (len(_POINT_COLUMNS) + 1))})"
                f" ON CONFLICT (rule_id, device_id, key) DO UPDATE SET {updates},"
                " updated_at = excluded.updated_at",
                [*values, now],
            )
            point.id = int(conn.execute(
                "SELECT id FROM alarms WHERE rule_id = ? AND device_id = ? AND key = ?",
                [point.rule_id, point.device_id, point.key],
            ).fetchone()[0])
        else:
            sets = ", ".join(f"{c} = ?" for c in _POINT_COLUMNS[3:])
            conn.execute(f"UPDATE alarms SET {sets}, updated_at = ? WHERE id = ?",
                         [*values[3:], now, point.id])

    def _load_points(self) -> None:
        rows = self._store.conn.execute(
            f"SELECT id, {', '.join(_POINT_COLUMNS)} FROM alarms"
            " WHERE state != 'normal' OR active = 1 OR shelved_until IS NOT NULL"
        )
        for row in rows:
            data = dict(zip(("id", *_POINT_COLUMNS), row, strict=True))
            data["state"] = AlarmState(data["state"])
            data["active"] = bool(data["active"])
            data["latched"] = bool(data["latched"])
            point = AlarmPoint(**data)
            self._points[point.ident] = point
            self._by_id[int(data["id"])] = point

    # -- reading -----------------------------------------------------------------------------

    def list_active(self, include_shelved: bool = True) -> list[Alarm]:
        """Alarms not in normal (and shelved ones), most urgent and newest first."""
        self.tick()
        with self._lock:
            views = [
                p.view() for p in self._points.values()
                if p.id is not None and (p.state is not AlarmState.NORMAL or p.shelved)
                and (include_shelved or not p.shelved)
            ]
        rank = {p: i for i, p in enumerate(PRIORITIES)}
        return sorted(views, key=lambda a: (a.shelved, rank.get(a.priority, 9),
                                            -(a.raised_at or 0), a.id))

    def get(self, alarm_id: int) -> Alarm:
        with self._lock:
            return self._require_point(alarm_id).view()

    def active_counts(self) -> dict[str, int]:
        """Annunciated alarms per priority (banner, Prometheus), every priority present."""
        counts = dict.fromkeys(PRIORITIES, 0)
        with self._lock:
            for point in self._points.values():
                if point.id is not None and point.state is not AlarmState.NORMAL \
                        and not point.shelved:
                    counts[point.priority] = counts.get(point.priority, 0) + 1
        return counts

    def history(
        self, limit: int = 200, before_id: int | None = None, alarm_id: int | None = None
    ) -> list[AlarmEvent]:
        """Alarm events newest first, keyset-paged like the audit trail."""
        where, args = [], []
        if before_id is not None:
            where.append("id < ?")
            args.append(before_id)
        if alarm_id is not None:
            where.append("alarm_id = ?")
            args.append(alarm_id)
        sql = f"SELECT {_EVENT_COLUMNS} FROM alarm_events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._store.conn.execute(sql + " ORDER BY id DESC LIMIT ?", [*args, limit])
        return [AlarmEvent(*r[:13], bool(r[13])) for r in rows]

    def alarm_rate(self, now: float | None = None) -> AlarmRate:
        """Alarms per 10 minutes over the last hour (EEMUA 191 asks for fewer than one)."""
        now = self._clock() if now is None else now
        start = now - RATE_WINDOW_S
        n = int(RATE_WINDOW_S // RATE_BUCKET_S)
        buckets = [0] * n
        rows = self._store.conn.execute(
            "SELECT ts FROM alarm_events WHERE ts > ? AND ts <= ? AND event = ?"
            " AND annunciated = 1",
            [start, now, RAISED],
        )
        for (ts,) in rows:
            buckets[min(n - 1, int((ts - start) // RATE_BUCKET_S))] += 1
        with self._lock:
            latched = [p for p in self._points.values() if p.latched]
        return AlarmRate(tuple(buckets), len(latched), sum(p.suppressed_count for p in latched))

    def tick(self, now: float | None = None) -> list[AlarmEvent]:
        """Apply time-driven changes (shelf expiry) without a snapshot, e.g. in the CLI."""
        now = self._clock() if now is None else now
        with self._lock:
            changes = [(p, e) for p in list(self._points.values())
                       for e in self.engine.tick(p, now)]
            events = self._persist(changes, now) if changes else []
        self._notify(events)
        return events

    # -- a person's actions ------------------------------------------------------------------

    def _require_point(self, alarm_id: int) -> AlarmPoint:
        point = self._by_id.get(int(alarm_id))
        if point is None:
            raise ValidationError(msg("There is no alarm #{alarm_id} (it may have been cleared).",
                                      alarm_id=alarm_id))
        return point

    def _act(
        self, actor: Actor, alarm_id: int, action: str, comment: str, details: dict[str, Any],
        change: Callable[[AlarmPoint, float], list[str]],
    ) -> Alarm:
        """Apply a person's change to a copy, write it with its audit record, then adopt it."""
        now = self._clock()
        with self._lock:
            original = self._require_point(alarm_id)
            point = original.copy()
            events = change(point, now)

            def audit(p: AlarmPoint) -> None:
                self._audit.record(actor, "alarms", action, f"alarm:{p.id}", "success", {
                    "rule": p.rule_id, "device": p.device_id, "key": p.key,
                    "priority": p.priority, "state": p.state.value, **details,
                })

            written = self._persist([(point, e) for e in events], now, actor.username, comment,
                                    audit)
            self._points[point.ident] = point
            self._by_id[alarm_id] = point
            view = point.view()
        self._notify(written)
        return view

    def acknowledge(self, actor: Actor, alarm_id: int, comment: str = "") -> Alarm:
        """The operator has seen the alarm (ISA-18.2 'acknowledge'); audited."""
        self._guard.require(actor, Permission.ACKNOWLEDGE_ALARMS, f"alarm:{alarm_id}")
        text = _clean_text(comment, "comment")
        return self._act(actor, alarm_id, "acknowledge", text, {"comment": text},
                         lambda p, now: self.engine.acknowledge(p, now, actor.username, text))

    def shelve(self, actor: Actor, alarm_id: int, minutes: float, reason: str) -> Alarm:
        """Hide a nuisance alarm for a while (technicians only); it returns by itself."""
        self._guard.require(actor, Permission.SHELVE_ALARMS, f"alarm:{alarm_id}")
        text = _clean_text(reason, "reason for shelving", required=True)
        if not (isinstance(minutes, (int, float)) and math.isfinite(minutes)
                and 1 <= minutes <= MAX_SHELVE_MINUTES):
            raise ValidationError(msg("An alarm can be shelved for 1-{max_shelve_minutes} minutes.",
                                      max_shelve_minutes=MAX_SHELVE_MINUTES))
        return self._act(
            actor, alarm_id, "shelve", text, {"minutes": minutes, "reason": text},
            lambda p, now: self.engine.shelve(p, now, now + minutes * 60, actor.username, text),
        )

    def unshelve(self, actor: Actor, alarm_id: int) -> Alarm:
        """Put a shelved alarm back on display before its shelf expires."""
        self._guard.require(actor, Permission.SHELVE_ALARMS, f"alarm:{alarm_id}")
        return self._act(actor, alarm_id, "unshelve", "", {}, self.engine.unshelve)

    # -- rules -------------------------------------------------------------------------------

    def _seed_defaults(self) -> None:
        """Install the default rules once; an admin who deletes them does not get them back."""
        meta = ApplianceMeta(self._store)
        if meta.is_marked(SEEDED_META_KEY):
            return
        with self._store.transaction(immediate=True) as conn:
            if not meta.mark_once(SEEDED_META_KEY, _iso_now()):
                return
            for rule in DEFAULT_RULES:
                self._write_rule(conn, rule, "system", insert_only=True)

    def _write_rule(
        self, conn: sqlite3.Connection, rule: AlarmRule, by: str, insert_only: bool = False
    ) -> None:
        values = [getattr(rule, c) for c in RULE_COLUMNS]
        values[RULE_COLUMNS.index("enabled")] = int(rule.enabled)
        verb = "INSERT OR IGNORE" if insert_only else "INSERT OR REPLACE"
        conn.execute(
            f"{verb} INTO alarm_rules ({', '.join(RULE_COLUMNS)}, updated_at, updated_by)"
            f" VALUES ({', '.join('?' * (len(RULE_COLUMNS) + 2))})",
            [*values, _iso_now(), by],
        )

    def _load_rules(self) -> tuple[AlarmRule, ...]:
        cur = self._store.conn.execute(
            f"SELECT {', '.join(RULE_COLUMNS)} FROM alarm_rules ORDER BY id"
        )
        rules = []
        for row in cur:
            try:
                rule = AlarmRule.from_dict(dict(zip(RULE_COLUMNS, row, strict=True)))
                rule.validate()
            except (ValidationError, TypeError, ValueError) as exc:
                log.error("alarm rule %s ignored: %s", row[0], exc)
                continue
            rules.append(rule)
        return tuple(rules)

    def list_rules(self) -> list[AlarmRule]:
        return list(self._rules)

    def get_rule(self, rule_id: str) -> AlarmRule:
        rule = next((r for r in self._rules if r.id == rule_id), None)
        if rule is None:
            raise ValidationError(msg("There is no alarm rule '{rule_id}'.", rule_id=rule_id))
        return rule

    def save_rule(self, actor: Actor, rule: AlarmRule) -> AlarmRule:
        """Create or replace a rule (admins); alarms of a now-disabled rule return to normal."""
        self._guard.require(actor, Permission.CHANGE_SETTINGS, f"alarm_rule:{rule.id}")
        rule.validate()
        old = next((r for r in self._rules if r.id == rule.id), None)
        if old == rule:
            return rule
        action = "rule_change" if old else "rule_create"
        self._change_rules(actor, [rule], [], action,
                           {"old": old.as_dict() if old else None, "new": rule.as_dict()})
        return rule

    def set_rule_enabled(self, actor: Actor, rule_id: str, enabled: bool) -> AlarmRule:
        self._guard.require(actor, Permission.CHANGE_SETTINGS, f"alarm_rule:{rule_id}")
        rule = self.get_rule(rule_id)
        if rule.enabled == enabled:
            return rule
        new = AlarmRule.from_dict({**rule.as_dict(), "enabled": enabled})
        self._change_rules(actor, [new], [], "rule_enable" if enabled else "rule_disable",
                           {"rule": rule_id})
        return new

    def delete_rule(self, actor: Actor, rule_id: str) -> None:
        self._guard.require(actor, Permission.CHANGE_SETTINGS, f"alarm_rule:{rule_id}")
        rule = self.get_rule(rule_id)
        self._change_rules(actor, [], [rule_id], "rule_delete", {"old": rule.as_dict()})

    def restore_default_rules(self, actor: Actor) -> None:
        """Put back (and overwrite) the shipped rules; admin-made rules are left alone."""
        self._guard.require(actor, Permission.CHANGE_SETTINGS, "alarm_rules")
        self._change_rules(actor, list(DEFAULT_RULES), [], "rules_restore",
                           {"rules": [r.id for r in DEFAULT_RULES]})

    def _change_rules(
        self, actor: Actor, upsert: Iterable[AlarmRule], delete: Iterable[str], action: str,
        details: dict[str, Any],
    ) -> None:
        upsert, delete = list(upsert), list(delete)
        ids = [r.id for r in upsert] + delete
        obj = f"alarm_rule:{ids[0]}" if len(ids) == 1 else "alarm_rules"
        now = self._clock()
        with self._lock:
            gone = set(delete) | {r.id for r in upsert if not r.enabled}
            changed = {r.id: r for r in upsert}
            retired = [p.copy() for p in self._points.values() if p.rule_id in gone]
            changes = [(p, e) for p in retired for e in self.engine.remove(p)]
            with self._store.transaction(immediate=True) as conn:
                for rule in upsert:
                    self._write_rule(conn, rule, actor.username)
                conn.executemany("DELETE FROM alarm_rules WHERE id = ?", [(i,) for i in delete])
                events = self._persist(changes, now, actor.username) if changes else []
                conn.executemany("UPDATE alarms SET priority = ? WHERE rule_id = ?",
                                 [(r.priority, r.id) for r in upsert])
                self._audit.record(actor, "alarms", action, obj, "success", details)
            for point in retired:
                self._points.pop(point.ident, None)
                if point.id is not None:
                    self._by_id.pop(point.id, None)
            for point in self._points.values():
                if point.rule_id in changed:
                    point.priority = changed[point.rule_id].priority
            self._rules = self._load_rules()
        self._notify(events)
