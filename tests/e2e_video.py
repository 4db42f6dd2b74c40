"""Helpers of the end-to-end tests that deliver video platform webhooks: meetings with Zoom links
and Tencent Meeting codes, and signed deliveries (signed when they are sent)."""

import datetime
import json
import random
import time
import urllib.error
import urllib.request

from e2e_support import meetings
from hic_services import tencent_meeting, zoom

ZOOM_SECRET = "e2e-zoom-secret"
TENCENT_TOKEN = "E2eTencentToken1234567890"
TENCENT_AES_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"


def create_providers(server):
    """A Zoom and a Tencent Meeting account: {provider id: webhook URL on ``server``}."""
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
    paths = {
        row["id"]: "/hr_interview_closing" + row["webhook_url"].split("/hr_interview_closing", 1)[1]
        for row in server.execute(
            "hr.interview.video.provider", "read", [zoom_provider, tencent_provider], fields=["webhook_url"]
        )
    }
    return zoom_provider, tencent_provider, paths


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)


def ms(moment):
    return int(moment.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def create_sessions(server, planned_start, zoom_sessions, tencent_sessions):
    count = zoom_sessions + tencent_sessions
    candidates = server.execute(
        "hr.candidate", "create", [{"partner_name": f"E2E Candidate {i}"} for i in range(count)]
    )
    applicants = server.execute("hr.applicant", "create", [{"candidate_id": c} for c in candidates])

    def video(i):
        if i < zoom_sessions:
            return {"videocall_location": f"https://e2e.zoom.us/j/{zoom_number(i)}?pwd=x"}
        return {"video_meeting_code": tencent_code(i)}  # "5300 00 0xx" style, spaces allowed

    return meetings(server, applicants, planned_start, "Interview", extra=video)


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
