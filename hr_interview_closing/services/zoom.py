"""Zoom webhooks: signature, URL validation and event normalisation.

- Signature: ``x-zm-signature: v0=hex(HMAC_SHA256(secret, "v0:{x-zm-request-timestamp}:{raw body}"))``
  over the raw request bytes, compared in constant time, timestamp within 5 minutes.
- URL validation (``endpoint.url_validation``, repeated every 72 hours): answer
  ``{"plainToken": p, "encryptedToken": hex(HMAC_SHA256(secret, p))}``. Only a signed request is
  answered: an unsigned one would turn the receiver into an HMAC oracle for forged signatures.
"""

import hashlib
import hmac
import json

from .video_events import (
    ENDED,
    RECORDING,
    STARTED,
    ZOOM,
    BadSignature,
    MalformedDelivery,
    VideoEvent,
    body_digest,
    check_timestamp,
    digits,
    epoch_to_utc,
    parse_iso_utc,
)

SIGNATURE_HEADER = "x-zm-signature"
TIMESTAMP_HEADER = "x-zm-request-timestamp"
URL_VALIDATION = "endpoint.url_validation"
EVENT_KINDS = {
    "meeting.started": STARTED,
    "meeting.ended": ENDED,
    "recording.completed": RECORDING,
}


def _hmac_hex(secret, message):
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign(secret, timestamp, body):
    """The ``x-zm-signature`` value Zoom sends for ``body`` (bytes) at ``timestamp`` (str)."""
    return "v0=" + _hmac_hex(secret, b"v0:" + str(timestamp).encode("ascii") + b":" + body)


def verify(secret, signature, timestamp, body, now=None):
    """Check the signature headers of a delivery.

    :raises BadSignature: missing header, stale timestamp or wrong signature
    """
    if not secret:
        raise BadSignature("no secret token configured")
    if not signature:
        raise BadSignature("missing signature")
    check_timestamp(timestamp, now=now)
    expected = sign(secret, timestamp, body)
    if not hmac.compare_digest(expected.encode("ascii"), signature.strip().encode("utf-8", "replace")):
        raise BadSignature("signature mismatch")


def url_validation_answer(secret, plain_token):
    """The JSON Zoom expects back for ``endpoint.url_validation``."""
    if not isinstance(plain_token, str) or not plain_token:
        raise MalformedDelivery("url validation without payload.plainToken")
    return {"plainToken": plain_token, "encryptedToken": _hmac_hex(secret, plain_token.encode("utf-8"))}


def parse(body):
    """The delivery's JSON object.

    :raises MalformedDelivery: not UTF-8 JSON, not an object, or without an ``event`` name
    """
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise MalformedDelivery("body is not JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("event"), str) or not data["event"]:
        raise MalformedDelivery("body has no event")
    if "payload" in data and not isinstance(data["payload"], dict):
        raise MalformedDelivery("payload is not an object")
    return data


def normalize(data, body):
    """The VideoEvent of a parsed delivery, or None for events the add-on does not use.

    :param dict data: the parsed body (see :func:`parse`)
    :param bytes body: the raw body (a fallback delivery key)
    :raises MalformedDelivery: a used event without its meeting
    """
    name = data["event"]
    kind = EVENT_KINDS.get(name)
    if not kind:
        return None
    payload = data.get("payload") or {}
    obj = payload.get("object")
    if not isinstance(obj, dict):
        raise MalformedDelivery(f"{name} without payload.object")
    number = digits(obj.get("id"))
    if not number:
        raise MalformedDelivery(f"{name} without a meeting number (payload.object.id)")
    uuid = obj.get("uuid") if isinstance(obj.get("uuid"), str) else None
    event_ts = data.get("event_ts")
    if uuid and isinstance(event_ts, int | str) and str(event_ts).isdigit():
        key = f"zoom:{name}:{uuid}:{event_ts}"
    else:
        key = f"zoom:{name}:{body_digest(body)}"
    files = ()
    if kind == RECORDING:
        files = tuple(_recording_file(f) for f in obj.get("recording_files") or () if isinstance(f, dict))
    share_url = obj.get("share_url") if isinstance(obj.get("share_url"), str) else None
    return VideoEvent(
        provider=ZOOM,
        delivery_key=key[:255],
        kind=kind,
        event_name=name,
        event_time=epoch_to_utc(event_ts) if event_ts else None,
        meeting_code=number,
        meeting_id=uuid,
        topic=str(obj.get("topic") or "")[:255],
        start=parse_iso_utc(obj.get("start_time")),
        end=parse_iso_utc(obj.get("end_time")) if kind == ENDED else None,
        recording_url=share_url if kind == RECORDING else None,
        recording_files=files,
    )


def _recording_file(raw):
    """The parts of a recording file worth keeping; never the download token."""
    return {
        "id": str(raw.get("id") or ""),
        "file_type": str(raw.get("file_type") or ""),
        "recording_type": str(raw.get("recording_type") or ""),
        "play_url": raw.get("play_url") if isinstance(raw.get("play_url"), str) else "",
        "status": str(raw.get("status") or ""),
        "recording_start": str(raw.get("recording_start") or ""),
        "recording_end": str(raw.get("recording_end") or ""),
    }
