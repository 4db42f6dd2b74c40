"""Interview timing arithmetic.

All datetimes are naive UTC, as Odoo stores them. Live durations are minutes as floats.
The interview slot is the contract: the planned end is the planned start plus the
planned duration, and overtime is what runs past the planned end, whatever time the
interview actually started (a late start eats into the slot).

The figures of a held interview (:func:`slot_figures`) are whole minutes, taken between
times rounded to the minute, so that they always add up as the user reads them:
held − planned = end offset − late start.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta


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


def whole_minute(moment: datetime | None) -> datetime | None:
    """The moment rounded to the nearest minute (half a minute rounds up)."""
    if not moment:
        return None
    floor = moment.replace(second=0, microsecond=0)
    return floor + timedelta(minutes=1) if moment - floor >= timedelta(seconds=30) else floor


def _minutes(start: datetime, end: datetime) -> int:
    return round((end - start).total_seconds() / 60)


@dataclass(frozen=True)
class SlotFigures:
    """Whole minutes of one interview against its slot.

    ``late_start`` is negative for an early start, ``end_offset`` negative for an end before the
    planned end; ``overtime`` is the end offset when positive. With both actual times known:
    ``held - planned == end_offset - late_start``.
    """

    planned: int = 0
    late_start: int = 0
    held: int = 0
    end_offset: int = 0
    overtime: int = 0


def slot_figures(
    planned_start: datetime | None,
    planned_minutes: float,
    actual_start: datetime | None,
    actual_end: datetime | None,
) -> SlotFigures:
    """The figures of an interview, each between times rounded to the minute (0 when unknown)."""
    planned = round(planned_minutes or 0)
    start = whole_minute(planned_start)
    if not start:
        return SlotFigures(planned=planned)
    end = start + timedelta(minutes=planned)
    begun, ended = whole_minute(actual_start), whole_minute(actual_end)
    late_start = _minutes(start, begun) if begun else 0
    end_offset = _minutes(end, ended) if ended else 0
    held = max(0, _minutes(begun, ended)) if begun and ended else 0
    return SlotFigures(planned, late_start, held, end_offset, max(0, end_offset))
