"""Zoom webhooks: signature, URL validation and event normalisation.

- Signature: ``x-zm-signature: v0=hex(HMAC_SHA256(secret, "v0:{x-zm-request-timestamp}:{raw body}"))``
  over the raw request bytes, compared in constant time, timestamp within 5 minutes.
- URL validation (``endpoint.url_validation``, repeated every 72 hours): answer
  ``{"plainToken": p, "encryptedToken": hex(HMAC_SHA256(secret, p))}``. Only a signed request is
  answered: an unsigned one would turn the receiver into an HMAC oracle for forged signatures.
"""

import hashlib
import hmac

from .video_events import (
    ENDED,
    MAX_ID_LENGTH,
    MAX_RECORDING_FILES,
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
    load_json,
    parse_iso_utc,
    safe_url,
    short_text,
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

    :raises MalformedDelivery: not UTF-8 JSON (or nested beyond the parser's depth), not an
        object, or without an ``event`` name
    """
    data = load_json(body)
    if not isinstance(data, dict) or not isinstance(data.get("event"), str) or not data["event"]:
        raise MalformedDelivery("body has no event")
    if "payload" in data and not isinstance(data["payload"], dict):
        raise MalformedDelivery("payload is not an object")
    return data


def normalize(data, body):
    """The VideoEvent of a parsed delivery, or None for events the add-on does not use.

    :param dict data: the parsed body (see :func:`parse`)
    :param bytes body: the raw body (a fallback delivery key)
    :raises MalformedDelivery: a used event without its meeting, or with a time out of range or
        an oversized identifier
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
    uuid = obj.get("uuid") if isinstance(obj.get("uuid"), str) and obj["uuid"] else None
    if uuid and len(uuid) > MAX_ID_LENGTH:
        raise MalformedDelivery(f"{name} with an occurrence uuid over {MAX_ID_LENGTH} characters")
    event_ts = data.get("event_ts")
    if uuid and isinstance(event_ts, int | str) and str(event_ts).isdigit():
        key = f"zoom:{name}:{uuid}:{event_ts}"
    else:
        key = f"zoom:{name}:{body_digest(body)}"
    files = ()
    omitted = 0
    if kind == RECORDING:
        listed = obj.get("recording_files")
        listed = [f for f in listed if isinstance(f, dict)] if isinstance(listed, list) else []
        files = tuple(_recording_file(f) for f in listed[:MAX_RECORDING_FILES])
        omitted = len(listed) - len(files)
    return VideoEvent(
        provider=ZOOM,
        delivery_key=key[:255],
        kind=kind,
        event_name=name,
        event_time=epoch_to_utc(event_ts) if event_ts else None,
        meeting_code=number,
        meeting_id=uuid,
        topic=short_text(obj.get("topic"), 255),
        start=parse_iso_utc(obj.get("start_time")),
        end=parse_iso_utc(obj.get("end_time")) if kind == ENDED else None,
        recording_url=safe_url(obj.get("share_url")) if kind == RECORDING else None,
        recording_files=files,
        files_omitted=omitted,
    )


def _recording_file(raw):
    """The parts of a recording file worth keeping: short texts, and its link when it is https;
    never the download token nor the download link."""
    return {
        "id": short_text(raw.get("id")),
        "file_type": short_text(raw.get("file_type")),
        "recording_type": short_text(raw.get("recording_type")),
        "play_url": safe_url(raw.get("play_url")) or "",
        "status": short_text(raw.get("status")),
        "recording_start": short_text(raw.get("recording_start")),
        "recording_end": short_text(raw.get("recording_end")),
    }
