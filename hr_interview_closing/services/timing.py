"""Interview timing arithmetic.

All datetimes are naive UTC, as Odoo stores them. Durations are minutes as floats.
The interview slot is the contract: the planned end is the planned start plus the
planned duration, and overtime is what runs past the planned end, whatever time the
interview actually started.
"""

from datetime import datetime, timedelta

AMBER_MINUTES = 5


def planned_end(planned_start: datetime | None, planned_minutes: float) -> datetime | None:
    """The end of the slot, or None without a start."""
    if not planned_start:
        return None
    return planned_start + timedelta(minutes=planned_minutes or 0)


def minutes_between(start: datetime | None, end: datetime | None) -> float:
    """Minutes from start to end, never negative, 0 when either is missing."""
    if not start or not end:
        return 0.0
    return max(0.0, (end - start).total_seconds() / 60.0)


def overtime_minutes(planned_end_at: datetime | None, end: datetime | None) -> float:
    """Minutes run past the planned end (0 when it ended in time)."""
    return minutes_between(planned_end_at, end)


def needs_overtime_reason(overtime: float, grace_minutes: float) -> bool:
    """An overtime reason is required once the overtime exceeds the grace."""
    return overtime > max(0.0, grace_minutes or 0.0)


def timer_phase(now: datetime, planned_end_at: datetime | None, amber_minutes: float = AMBER_MINUTES) -> str:
    """The colour of the live timer: 'normal', 'amber' (last minutes) or 'over'."""
    if not planned_end_at:
        return "normal"
    if now > planned_end_at:
        return "over"
    if now >= planned_end_at - timedelta(minutes=amber_minutes):
        return "amber"
    return "normal"
