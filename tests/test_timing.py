"""The timing rules of services/timing.py, without Odoo or a database."""

from datetime import datetime, timedelta

import pytest
from hic_services import timing

T0 = datetime(2026, 3, 2, 10, 0)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


def test_planned_end_is_start_plus_duration():
    assert timing.planned_end(T0, 40) == at(40)
    assert timing.planned_end(None, 40) is None


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 40, 40.0), (0, 0.5, 0.5), (10, 5, 0.0), (None, 5, 0.0), (0, None, 0.0)],
)
def test_minutes_between_is_never_negative(start, end, expected):
    assert timing.minutes_between(
        at(start) if start is not None else None, at(end) if end is not None else None
    ) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("end", "overtime"),
    [(39, 0.0), (40, 0.0), (41, 1.0), (52.5, 12.5)],
)
def test_overtime_is_what_runs_past_the_planned_end(end, overtime):
    assert timing.overtime_minutes(at(40), at(end)) == pytest.approx(overtime)


@pytest.mark.parametrize(
    ("overtime", "grace", "required"),
    [(0, 5, False), (5, 5, False), (5.01, 5, True), (0.5, 0, True), (3, -1, True), (0, 0, False)],
)
def test_reason_required_beyond_the_grace(overtime, grace, required):
    assert timing.needs_overtime_reason(overtime, grace) is required


@pytest.mark.parametrize(
    ("moment", "expected"),
    [(at(0), at(0)), (at(0.49), at(0)), (at(0.5), at(1)), (at(2.99), at(3)), (None, None)],
)
def test_whole_minute_rounds_half_a_minute_up(moment, expected):
    assert timing.whole_minute(moment) == expected


def test_slot_figures_of_the_issue_a_very_late_start_is_not_a_long_interview():
    # planned 45 min; started 43 min 36 s late, ended 2 min 12 s after the planned end
    figures = timing.slot_figures(T0, 45, at(43.6), at(47.2))
    assert figures == timing.SlotFigures(planned=45, late_start=44, held=3, end_offset=2, overtime=2)
    assert figures.held - figures.planned == figures.end_offset - figures.late_start


@pytest.mark.parametrize("planned", [1, 40, 45, 90])
@pytest.mark.parametrize("start", [-12.5, -0.4, 0, 0.5, 7.3, 43.6, 120])
@pytest.mark.parametrize("length", [0, 0.2, 3.6, 29.5, 44.9, 61])
def test_slot_figures_always_add_up(planned, start, length):
    figures = timing.slot_figures(T0, planned, at(start), at(start + length))
    assert isinstance(figures.held, int) and isinstance(figures.late_start, int)
    assert figures.held - figures.planned == figures.end_offset - figures.late_start
    assert figures.overtime == max(0, figures.end_offset)


def test_slot_figures_of_an_interview_not_held():
    assert timing.slot_figures(T0, 40, None, None) == timing.SlotFigures(planned=40)
    assert timing.slot_figures(T0, 40, at(5), None) == timing.SlotFigures(planned=40, late_start=5)
    assert timing.slot_figures(None, 40, at(5), at(6)) == timing.SlotFigures(planned=40)
