"""End to end: 500 signed Zoom and Tencent Meeting deliveries, 30 % of them duplicates, fired
concurrently at an Odoo server with 2 HTTP workers and a cron worker. Every answer is 2xx and
every event is applied exactly once."""

import concurrent.futures
import datetime
import json
import random
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from e2e_support import odoo_server
from hic_services import tencent_meeting, zoom

pytestmark = pytest.mark.e2e

ZOOM_SECRET = "e2e-zoom-secret"
TENCENT_TOKEN = "E2eTencentToken1234567890"
TENCENT_AES_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"
ZOOM_SESSIONS = 70  # 3 events each: started, ended, recording.completed
TENCENT_SESSIONS = 35  # 4 events each: started, meeting.end twice (distinct deliveries), recording.completed
UNIQUE = ZOOM_SESSIONS * 3 + TENCENT_SESSIONS * 4  # 350
DUPLICATES = 150  # 30 % of the 500 deliveries
FMT = "%Y-%m-%d %H:%M:%S"


@pytest.fixture(scope="module")
def server():
    with odoo_server(workers=2, suffix="e2e_hooks") as srv:
        yield srv
        assert srv.log_problems() == [], "the server logged warnings or errors"


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)


def ms(moment):
    return int(moment.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def create_sessions(server, planned_start):
    admin_partner = server.execute("res.users", "read", [2], fields=["partner_id"])[0]["partner_id"][0]
    count = ZOOM_SESSIONS + TENCENT_SESSIONS
    candidates = server.execute(
        "hr.candidate", "create", [{"partner_name": f"E2E Candidate {i}"} for i in range(count)]
    )
    applicants = server.execute("hr.applicant", "create", [{"candidate_id": c} for c in candidates])
    vals = []
    for i, applicant in enumerate(applicants):
        event = {
            "name": f"Interview {i}",
            "start": planned_start.strftime(FMT),
            "stop": (planned_start + datetime.timedelta(hours=1)).strftime(FMT),
            "applicant_id": applicant,
            "partner_ids": [(6, 0, [admin_partner])],
        }
        if i < ZOOM_SESSIONS:
            event["videocall_location"] = f"https://e2e.zoom.us/j/{zoom_number(i)}?pwd=x"
        else:
            event["video_meeting_code"] = tencent_code(i)  # "5300 00 0xx" style, spaces allowed
        vals.append(event)
    events = server.execute("calendar.event", "create", vals, context={"no_mail_to_attendees": True})
    sessions = server.execute("hr.interview.session", "search_read", [("event_id", "in", events)], fields=["event_id"])
    by_event = {row["event_id"][0]: row["id"] for row in sessions}
    return [by_event[event] for event in events]


def zoom_number(i):
    return f"81{i:09d}"


def tencent_code(i):
    code = f"53{i:07d}"
    return f"{code[:3]} {code[3:6]} {code[6:]}"


def zoom_delivery(provider_url, event, i, start, end=None, event_ts=None):
    obj = {"uuid": f"e2e-occurrence-{i}==", "id": int(zoom_number(i)), "topic": f"Interview {i}"}
    obj["start_time"] = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    if end:
        obj["end_time"] = end.strftime("%Y-%m-%dT%H:%M:%SZ")
    if event == "recording.completed":
        obj["share_url"] = f"https://zoom.us/rec/share/e2e-{i}"
        obj["recording_files"] = [
            {"id": f"{i}-v", "file_type": "MP4", "play_url": f"https://zoom.us/rec/play/e2e-{i}-v"},
            {"id": f"{i}-a", "file_type": "M4A", "play_url": f"https://zoom.us/rec/play/e2e-{i}-a"},
        ]
    body = json.dumps(
        {"event": event, "event_ts": event_ts, "download_token": "t", "payload": {"account_id": "a", "object": obj}}
    ).encode()

    def headers():
        timestamp = str(int(time.time()))
        return {
            "Content-Type": "application/json",
            zoom.SIGNATURE_HEADER: zoom.sign(ZOOM_SECRET, timestamp, body),
            zoom.TIMESTAMP_HEADER: timestamp,
        }

    return provider_url, body, headers


def tencent_delivery(provider_url, event, i, trace, at, **extra):
    code = tencent_code(i).replace(" ", "")
    item = {"operate_time": ms(at), "meeting_info": {"meeting_id": f"77{i:017d}", "meeting_code": code}, **extra}
    plain = json.dumps({"event": event, "trace_id": trace, "payload": [item]}).encode()
    data = tencent_meeting.encode_data(plain, TENCENT_AES_KEY)

    def headers():
        timestamp, nonce = str(int(time.time() * 1000)), str(random.randint(1, 10**8))
        return {
            "Content-Type": "application/json",
            "timestamp": timestamp,
            "nonce": nonce,
            "signature": tencent_meeting.sign(TENCENT_TOKEN, timestamp, nonce, data),
        }

    return provider_url, json.dumps({"data": data}).encode(), headers


def send(delivery):
    """POST a delivery, signed now as the platforms sign each attempt: a delivery queued behind
    the others on a busy machine must not fall out of the 5-minute signature window."""
    url, body, headers = delivery
    request = urllib.request.Request(url, data=body, headers=headers(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_500_concurrent_signed_deliveries_with_duplicates_are_applied_exactly_once(server):
    zoom_provider = server.execute(
        "hr.interview.video.provider", "create", {"name": "Zoom E2E", "kind": "zoom", "zoom_secret_token": ZOOM_SECRET}
    )
    tencent_provider = server.execute(
        "hr.interview.video.provider",
        "create",
        {
            "name": "Tencent E2E",
            "kind": "tencent",
            "tencent_token": TENCENT_TOKEN,
            "tencent_encoding_aes_key": TENCENT_AES_KEY,
        },
    )
    urls = {
        row["id"]: row["webhook_url"].replace(row["webhook_url"].split("/hr_interview_closing")[0], server.url)
        for row in server.execute(
            "hr.interview.video.provider", "read", [zoom_provider, tencent_provider], fields=["webhook_url"]
        )
    }
    planned = utcnow().replace(second=0) - datetime.timedelta(minutes=60)
    start = planned + datetime.timedelta(minutes=2)
    sessions = create_sessions(server, planned)

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
