"""Alarms in the spirit of ISA-18.2 / EEMUA 191: rules, the state machine, and the service."""

from app.alarms.engine import Alarm, AlarmEngine, AlarmState
from app.alarms.rules import DEFAULT_RULES, PRIORITIES, AlarmRule
from app.alarms.service import AlarmEvent, AlarmRate, AlarmService

__all__ = [
    "DEFAULT_RULES",
    "PRIORITIES",
    "Alarm",
    "AlarmEngine",
    "AlarmEvent",
    "AlarmRate",
    "AlarmRule",
    "AlarmService",
    "AlarmState",
]
