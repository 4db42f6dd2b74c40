"""End to end: 500 signed Zoom and Tencent Meeting deliveries, 30 % of them duplicates, fired
concurrently at an Odoo server with 2 HTTP workers and a cron worker. Every answer is 2xx and
every event is applied exactly once."""

import concurrent.futures
import datetime
import json
import random
import time
from collections import Counter

import pytest
from e2e_support import FMT, odoo_server
from e2e_video import create_providers, create_sessions, ms, send, tencent_delivery, utcnow, zoom_delivery

pytestmark = pytest.mark.e2e

ZOOM_SESSIONS = 70  # 3 events each: started, ended, recording.completed
TENCENT_SESSIONS = 35  # 4 events each: started, meeting.end twice (distinct deliveries), recording.completed
UNIQUE = ZOOM_SESSIONS * 3 + TENCENT_SESSIONS * 4  # 350
DUPLICATES = 150  # 30 % of the 500 deliveries


@pytest.fixture(scope="module")
def server():
    with odoo_server(workers=2, suffix="e2e_hooks") as srv:
        yield srv
        assert srv.log_problems() == [], "the server logged warnings or errors"


def test_500_concurrent_signed_deliveries_with_duplicates_are_applied_exactly_once(server):
    zoom_provider, tencent_provider, paths = create_providers(server)
    urls = {provider: server.url + path for provider, path in paths.items()}
    planned = utcnow().replace(second=0) - datetime.timedelta(minutes=60)
    start = planned + datetime.timedelta(minutes=2)
    sessions = create_sessions(server, planned, ZOOM_SESSIONS, TENCENT_SESSIONS)

    deliveries = []
    expected = {}
    for i in range(ZOOM_SESSIONS):
        end = start + datetime.timedelta(minutes=50, seconds=i)
        url = urls[zoom_provider]
        deliveries += [
            zoom_delivery(url, "meeting.started", i, start, event_ts=ms(start)),
            zoom_delivery(url, "meeting.ended", i, start, end, event_ts=ms(end)),
            zoom_delivery(url, "recording.completed", i, start, event_ts=ms(end) + 60_000),
        ]
        expected[sessions[i]] = (start, end)
    for i in range(ZOOM_SESSIONS, ZOOM_SESSIONS + TENCENT_SESSIONS):
        url = urls[tencent_provider]
        tencent_start = start + datetime.timedelta(minutes=1)
        first_end = start + datetime.timedelta(minutes=45)
        last_end = start + datetime.timedelta(minutes=47)
        deliveries += [
            tencent_delivery(url, "meeting.started", i, f"s-{i}", tencent_start),
            tencent_delivery(url, "meeting.end", i, f"e1-{i}", first_end, meeting_end_type=0),
            tencent_delivery(url, "meeting.end", i, f"e2-{i}", last_end, meeting_end_type=1),
            tencent_delivery(
                url,
                "recording.completed",
                i,
                f"r-{i}",
                last_end,
                recording_files=[{"record_file_id": f"{i}01"}, {"record_file_id": f"{i}02"}],
            ),
        ]
        expected[sessions[i]] = (tencent_start, last_end)
    assert len(deliveries) == UNIQUE
    rng = random.Random(5)
    batch = deliveries + rng.sample(deliveries, DUPLICATES)
    rng.shuffle(batch)
    assert len(batch) == 500

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(send, batch))
    elapsed = time.monotonic() - started
    statuses = Counter(status for status, __ in answers)
    assert set(statuses) <= {200, 204}, f"non-2xx answers: {statuses}"
    zoom_answers = Counter(json.loads(body)["status"] for status, body in answers if body.startswith(b"{"))
    zoom_unique = ZOOM_SESSIONS * 3
    assert zoom_answers["accepted"] == zoom_unique
    assert zoom_answers["accepted"] + zoom_answers["duplicate"] == sum(1 for d in batch if d[0] == urls[zoom_provider])
    print(f"\n500 deliveries answered in {elapsed:.1f}s")

    provider_domain = [("provider_id", "in", [zoom_provider, tencent_provider])]

    def all_processed():
        pending = server.execute(
            "hr.interview.video.event", "search_count", [*provider_domain, ("state", "=", "pending")]
        )
        return pending == 0

    assert server.wait_for(all_processed, interval=1), "the job did not apply every event"
    states = Counter(
        row["state"]
        for row in server.execute("hr.interview.video.event", "search_read", provider_domain, fields=["state"])
    )
    assert states == {"done": UNIQUE}, "each delivery stored once and applied"

    rows = server.execute(
        "hr.interview.session",
        "read",
        sessions,
        fields=["state", "actual_start", "actual_end", "video_start", "video_end", "video_record_file_ids"],
    )
    for row in rows:
        first, last = expected[row["id"]]
        assert row["state"] == "closing", row
        assert (row["actual_start"], row["actual_end"]) == (first.strftime(FMT), last.strftime(FMT)), row
    tencent_rows = rows[ZOOM_SESSIONS:]
    for i, row in enumerate(tencent_rows, start=ZOOM_SESSIONS):
        assert row["video_record_file_ids"] == f"{i}01,{i}02", row

    # the effects are there once: recording links, overtime questions, start notes
    attachments = Counter(
        row["res_id"]
        for row in server.execute(
            "ir.attachment",
            "search_read",
            [("res_model", "=", "hr.interview.session"), ("res_id", "in", sessions), ("type", "=", "url")],
            fields=["res_id"],
        )
    )
    assert attachments == dict.fromkeys(sessions[:ZOOM_SESSIONS], 3)
    activity_type = server.execute(
        "ir.model.data",
        "check_object_reference",
        "hr_interview_closing",
        "mail_activity_type_interview_overtime_reason",
    )[1]
    asked = Counter(
        row["res_id"]
        for row in server.execute(
            "mail.activity",
            "search_read",
            [
                ("res_model", "=", "hr.interview.session"),
                ("res_id", "in", sessions),
                ("activity_type_id", "=", activity_type),
            ],
            fields=["res_id"],
        )
    )
    assert asked == dict.fromkeys(sessions, 1)
    start_notes = Counter(
        row["res_id"]
        for row in server.execute(
            "mail.message",
            "search_read",
            [
                ("model", "=", "hr.interview.session"),
                ("res_id", "in", sessions),
                ("body", "ilike", "interview started at"),
            ],
            fields=["res_id"],
        )
    )
    assert start_notes == dict.fromkeys(sessions, 1)
