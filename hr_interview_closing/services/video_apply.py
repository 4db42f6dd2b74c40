"""What the video platforms' events do to an interview: the rules, without the ORM.

The platform's facts are kept on the session (``video_start`` = the earliest start, ``video_end`` =
the latest end: a repeated or a late "meeting ended" moves nothing back), and the actual times
follow them unless someone set those by hand, in which case a note records the difference. A
start moves a scheduled interview to running and an end moves a running one to closing (through
the usual transitions, which the caller runs); an end without a known start waits for it. Closed
and cancelled interviews keep their times and only get notes.

Datetimes are naive UTC, as Odoo stores them.
"""

from dataclasses import dataclass, field
from datetime import datetime

STARTED = "started"
ENDED = "ended"
RECORDING = "recording"
OPEN_STATES = ("scheduled", "in_progress", "closing")
# The platform's time and the recorded time differ enough to be worth a note (seconds).
NOTE_THRESHOLD = 60

# Notes: (kind, values). The caller words them in the reader's language.
NOTE_STARTED = "started"  # {"time"}
NOTE_START_KEPT = "start_kept"  # {"platform_time", "recorded_time"}
NOTE_ENDED = "ended"  # {"time", "minutes"}
NOTE_END_KEPT = "end_kept"  # {"platform_time", "recorded_time"}
NOTE_FILES = "files"  # {"ids"}


@dataclass(frozen=True)
class Session:
    state: str
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    video_start: datetime | None = None
    video_end: datetime | None = None
    record_file_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    kind: str
    meeting_start: datetime | None = None
    meeting_end: datetime | None = None
    recording: dict | None = None  # share_url, files, record_file_ids


@dataclass
class Outcome:
    vals: dict = field(default_factory=dict)  # the session's new values
    start: bool = False  # run the start transition (scheduled → running)
    ended: bool = False  # the platform's end was applied (ask for an overtime reason if it ran over)
    close: bool = False  # run the end transition (running → closing)
    notes: list = field(default_factory=list)  # [(kind, values)]
    recordings: list = field(default_factory=list)  # the recording events' data, in order


def _differ(first, second, threshold=NOTE_THRESHOLD):
    return abs((first - second).total_seconds()) >= threshold


def apply(session: Session, events: list[Event]) -> Outcome:
    """What ``events`` (in the order they happened) do to ``session``."""
    out = Outcome()
    old_start, old_end = session.video_start, session.video_end
    starts = [e.meeting_start for e in events if e.kind in (STARTED, ENDED) and e.meeting_start]
    ends = [e.meeting_end for e in events if e.kind == ENDED and e.meeting_end]
    new_start = min(filter(None, [old_start, *starts]), default=None)
    new_end = max(filter(None, [old_end, *ends]), default=None)
    if new_start != old_start:
        out.vals["video_start"] = new_start
    if new_end != old_end:
        out.vals["video_end"] = new_end
    is_open = session.state in OPEN_STATES

    # start
    actual_start = session.actual_start
    if new_start and new_start != old_start:
        by_hand = session.actual_start and session.actual_start != old_start
        if is_open and not by_hand and (not session.actual_end or new_start <= session.actual_end):
            out.vals["actual_start"] = actual_start = new_start
            out.notes.append((NOTE_STARTED, {"time": new_start}))
        elif session.actual_start and _differ(new_start, session.actual_start):
            out.notes.append((NOTE_START_KEPT, {"platform_time": new_start, "recorded_time": session.actual_start}))

    # end: applied once a start is known (an end delivered first waits for its start)
    if new_end and actual_start and (new_end != old_end or not session.actual_end):
        by_hand = session.actual_end and session.actual_end != old_end
        if is_open and not by_hand and new_end >= actual_start:
            out.vals["actual_end"] = new_end
            out.ended = True
            minutes = (new_end - actual_start).total_seconds() / 60
            out.notes.append((NOTE_ENDED, {"time": new_end, "minutes": round(minutes)}))
        elif new_end != old_end and session.actual_end and _differ(new_end, session.actual_end):
            out.notes.append((NOTE_END_KEPT, {"platform_time": new_end, "recorded_time": session.actual_end}))

    # recordings
    for event in events:
        if event.kind == RECORDING:
            data = event.recording or {}
            if data.get("share_url"):
                out.vals["video_recording_url"] = data["share_url"]
            out.recordings.append(data)
    file_ids = [fid for e in events for fid in (e.recording or {}).get("record_file_ids") or ()]
    if file_ids:
        known = list(session.record_file_ids)
        new = [fid for fid in dict.fromkeys(file_ids) if fid not in known]
        if new:
            out.vals["video_record_file_ids"] = ",".join(known + new)
            out.notes.append((NOTE_FILES, {"ids": new}))

    out.start = session.state == "scheduled" and bool(actual_start)
    out.close = out.ended and session.state in ("scheduled", "in_progress")
    return out
