"""The rules by which video platform events change an interview (services/video_apply.py), as a
table of cases, without a database."""

import importlib.util
import pathlib
import sys
from datetime import datetime, timedelta

import pytest

SERVICES = pathlib.Path(__file__).resolve().parent.parent / "hr_interview_closing" / "services"
spec = importlib.util.spec_from_file_location("hic_video_apply", SERVICES / "video_apply.py")
video_apply = importlib.util.module_from_spec(spec)
sys.modules["hic_video_apply"] = video_apply
spec.loader.exec_module(video_apply)

Session, Event = video_apply.Session, video_apply.Event
T = datetime(2026, 3, 2, 10, 0)


def at(minutes):
    return T + timedelta(minutes=minutes)


def started(minutes):
    return Event("started", meeting_start=at(minutes))


def ended(start, end):
    return Event("ended", meeting_start=at(start), meeting_end=at(end))


CASES = [
    # (name, session, events, expected vals, start, close, ended, note kinds)
    (
        "a start moves a scheduled interview to running",
        Session("scheduled"),
        [started(2)],
        {"video_start": at(2), "actual_start": at(2)},
        True,
        False,
        False,
        ["started"],
    ),
    (
        "start and end together run both transitions",
        Session("scheduled"),
        [started(1), ended(1, 41)],
        {"video_start": at(1), "video_end": at(41), "actual_start": at(1), "actual_end": at(41)},
        True,
        True,
        True,
        ["started", "ended"],
    ),
    (
        "an end without a known start waits for it",
        Session("scheduled"),
        [Event("ended", meeting_end=at(40))],
        {"video_end": at(40)},
        False,
        False,
        False,
        [],
    ),
    (
        "the end applies once its start arrives",
        Session("scheduled", video_end=at(40)),
        [started(0)],
        {"video_start": at(0), "actual_start": at(0), "actual_end": at(40)},
        True,
        True,
        True,
        ["started", "ended"],
    ),
    (
        "a repeated start moves nothing",
        Session("in_progress", actual_start=at(2), video_start=at(2)),
        [started(2)],
        {},
        False,
        False,
        False,
        [],
    ),
    (
        "an earlier start wins, a later one is ignored",
        Session("in_progress", actual_start=at(5), video_start=at(5)),
        [started(3), started(9)],
        {"video_start": at(3), "actual_start": at(3)},
        False,
        False,
        False,
        ["started"],
    ),
    (
        "a start set by hand is kept, with a note when far apart",
        Session("in_progress", actual_start=at(0)),
        [started(5)],
        {"video_start": at(5)},
        False,
        False,
        False,
        ["start_kept"],
    ),
    (
        "a start set by hand within a minute: no note",
        Session("in_progress", actual_start=at(0)),
        [Event("started", meeting_start=at(0) + timedelta(seconds=30))],
        {"video_start": at(0) + timedelta(seconds=30)},
        False,
        False,
        False,
        [],
    ),
    (
        "an end moves a running interview to closing",
        Session("in_progress", actual_start=at(0), video_start=at(0)),
        [ended(0, 45)],
        {"video_end": at(45), "actual_end": at(45)},
        False,
        True,
        True,
        ["ended"],
    ),
    (
        "a late end of an interview already closing updates its end, no transition",
        Session("closing", actual_start=at(0), actual_end=at(40), video_start=at(0), video_end=at(40)),
        [ended(0, 44)],
        {"video_end": at(44), "actual_end": at(44)},
        False,
        False,
        True,
        ["ended"],
    ),
    (
        "an earlier repeated end moves nothing back",
        Session("closing", actual_start=at(0), actual_end=at(44), video_start=at(0), video_end=at(44)),
        [ended(0, 40)],
        {},
        False,
        False,
        False,
        [],
    ),
    (
        "an end set by hand is kept, with a note",
        Session("closing", actual_start=at(0), actual_end=at(30), video_start=at(0)),
        [ended(0, 45)],
        {"video_end": at(45)},
        False,
        False,
        False,
        ["end_kept"],
    ),
    (
        "an end before the recorded start is ignored",
        Session("in_progress", actual_start=at(10), video_start=at(10)),
        [Event("ended", meeting_end=at(5))],
        {"video_end": at(5)},
        False,
        False,
        False,
        [],
    ),
    (
        "a finished interview keeps its times, with a note",
        Session("done", actual_start=at(0), actual_end=at(40)),
        [ended(3, 40)],
        {"video_start": at(3), "video_end": at(40)},
        False,
        False,
        False,
        ["start_kept"],
    ),
    (
        "a cancelled interview only records the platform's facts",
        Session("cancelled"),
        [started(0)],
        {"video_start": at(0)},
        False,
        False,
        False,
        [],
    ),
    (
        "a Zoom recording stores its shared link",
        Session("closing", actual_start=at(0), actual_end=at(40), video_start=at(0), video_end=at(40)),
        [Event("recording", recording={"share_url": "https://zoom.us/rec/share/x", "files": []})],
        {"video_recording_url": "https://zoom.us/rec/share/x"},
        False,
        False,
        False,
        [],
    ),
    (
        "Tencent record file ids are merged, each once",
        Session("done", record_file_ids=("f1",)),
        [
            Event("recording", recording={"record_file_ids": ["f1", "f2"]}),
            Event("recording", recording={"record_file_ids": ["f2", "f3"]}),
        ],
        {"video_record_file_ids": "f1,f2,f3"},
        False,
        False,
        False,
        ["files"],
    ),
    (
        "known record file ids: nothing",
        Session("done", record_file_ids=("f1", "f2")),
        [Event("recording", recording={"record_file_ids": ["f2"]})],
        {},
        False,
        False,
        False,
        [],
    ),
]


@pytest.mark.parametrize(
    ("name", "session", "events", "vals", "start", "close", "ended_", "notes"), CASES, ids=[c[0] for c in CASES]
)
def test_video_events_applied_to_an_interview(name, session, events, vals, start, close, ended_, notes):
    outcome = video_apply.apply(session, events)
    assert outcome.vals == vals
    assert (outcome.start, outcome.close, outcome.ended) == (start, close, ended_)
    assert [kind for kind, __ in outcome.notes] == notes


def test_the_end_note_counts_the_minutes_from_the_start():
    outcome = video_apply.apply(Session("in_progress", actual_start=at(0), video_start=at(0)), [ended(0, 44.6)])
    assert outcome.notes == [("ended", {"time": at(44.6), "minutes": 45})]


def test_recordings_are_handed_over_in_order():
    first, second = {"share_url": "https://a"}, {"share_url": "https://b"}
    outcome = video_apply.apply(
        Session("done"), [Event("recording", recording=first), Event("recording", recording=second)]
    )
    assert outcome.recordings == [first, second]
    assert outcome.vals["video_recording_url"] == "https://b"
