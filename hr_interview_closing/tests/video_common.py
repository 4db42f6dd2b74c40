"""Deliveries as Zoom and Tencent Meeting send them, signed with the providers' secrets.

Only the outside world is built here: the bodies and headers a platform would send. The add-on's
receivers, inbox and job run as they are.
"""

import json
import time
from datetime import datetime, timezone

from odoo.addons.hr_interview_closing.services import tencent_meeting, zoom

ZOOM_SECRET = "zoom-secret-token-for-tests"
TENCENT_TOKEN = "TencentToken1234567890abc"
TENCENT_AES_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"
ZOOM_NUMBER = "81234567890"
TENCENT_CODE = "530812452"


def create_providers(env):
    """A Zoom and a Tencent Meeting provider with the test secrets: (zoom, tencent)."""
    Provider = env["hr.interview.video.provider"]
    zoom = Provider.create({"name": "Zoom", "kind": "zoom", "zoom_secret_token": ZOOM_SECRET})
    tencent = Provider.create({"name": "Tencent", "kind": "tencent", "tencent_token": TENCENT_TOKEN})
    return zoom, tencent


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def epoch_ms(moment):
    return int(moment.replace(tzinfo=timezone.utc).timestamp() * 1000)


def zoom_body(event, number, *, uuid="occurrence-1==", event_ts=None, start=None, end=None, **obj):
    """A Zoom delivery body (bytes), as Zoom serialises it."""
    payload_object = {"uuid": uuid, "id": int(number), "host_id": "host-1", "topic": "Interview", "type": 2}
    if start:
        payload_object["start_time"] = iso(start)
    if end:
        payload_object["end_time"] = iso(end)
    payload_object.update(obj)
    data = {
        "event": event,
        "event_ts": event_ts or int(time.time() * 1000),
        "payload": {"account_id": "acct-1", "object": payload_object},
    }
    if event == "recording.completed":
        data["download_token"] = "zoom-download-token-never-stored"
    return json.dumps(data, separators=(",", ":")).encode()


def zoom_headers(body, secret=ZOOM_SECRET, timestamp=None):
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": "application/json",
        zoom.SIGNATURE_HEADER: zoom.sign(secret, timestamp, body),
        zoom.TIMESTAMP_HEADER: timestamp,
        "x-zm-trackingid": "v=2.0;clid=test;rid=1",
    }


def zoom_recording_files(prefix="f"):
    return [
        {
            "id": f"{prefix}1",
            "file_type": "MP4",
            "recording_type": "shared_screen_with_speaker_view",
            "play_url": f"https://zoom.us/rec/play/{prefix}1",
            "download_url": f"https://zoom.us/rec/download/{prefix}1",
            "status": "completed",
        },
        {
            "id": f"{prefix}2",
            "file_type": "M4A",
            "recording_type": "audio_only",
            "play_url": f"https://zoom.us/rec/play/{prefix}2",
            "download_url": f"https://zoom.us/rec/download/{prefix}2",
            "status": "completed",
        },
    ]


def tencent_message(event, code, *, trace="trace-1", at=None, meeting_id="6058890385480921052", **extra):
    """A decoded Tencent Meeting event (bytes)."""
    item = {
        "operate_time": epoch_ms(at) if at else int(time.time() * 1000),
        "operator": {"userid": "host-1", "user_name": "Host"},
        "meeting_info": {
            "meeting_id": meeting_id,
            "meeting_code": code,
            "subject": "Interview",
            "meeting_type": 0,
        },
    }
    item.update(extra)
    return json.dumps({"event": event, "trace_id": trace, "payload": [item]}, separators=(",", ":")).encode()


def tencent_post(message, token=TENCENT_TOKEN, aes_key=None, timestamp=None, nonce="38475"):
    """(body, headers) of a Tencent Meeting POST delivery of ``message``."""
    data = tencent_meeting.encode_data(message, aes_key)
    timestamp = str(int(time.time() * 1000) if timestamp is None else timestamp)
    headers = {
        "Content-Type": "application/json",
        tencent_meeting.TIMESTAMP_HEADER: timestamp,
        tencent_meeting.NONCE_HEADER: nonce,
        tencent_meeting.SIGNATURE_HEADER: tencent_meeting.sign(token, timestamp, nonce, data),
    }
    return json.dumps({"data": data}).encode(), headers


def tencent_check(plain, token=TENCENT_TOKEN, aes_key=None, timestamp=None, nonce="99"):
    """(check_str, headers) of a Tencent Meeting URL check."""
    check_str = tencent_meeting.encode_data(plain, aes_key)
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        tencent_meeting.TIMESTAMP_HEADER: timestamp,
        tencent_meeting.NONCE_HEADER: nonce,
        tencent_meeting.SIGNATURE_HEADER: tencent_meeting.sign(token, timestamp, nonce, check_str),
    }
    return check_str, headers


def normalized_zoom(body):
    return zoom.normalize(zoom.parse(body), body)


def normalized_tencent(message):
    return tencent_meeting.normalize(message)


def utc(*args):
    return datetime(*args)
