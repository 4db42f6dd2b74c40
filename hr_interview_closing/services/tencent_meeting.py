"""Tencent Meeting (腾讯会议 / VooV Meeting) webhooks: signature, AES, URL check and events.

- Signature: ``sha1("".join(sorted([token, timestamp, nonce, data])))`` in lowercase hex, where
  ``data`` is the ``check_str`` query parameter (GET) or the body's ``data`` string (POST), as
  received. Headers ``timestamp`` (seconds or milliseconds), ``nonce``, ``signature``.
- ``data`` is base64; with an EncodingAESKey it is AES-256-CBC encrypted first, with
  key = base64decode(EncodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7 padding.
- The GET check answers the decoded ``check_str`` as a plain body.
- A POST body is ``{"data": "<base64>"}``: the signed ``data`` is taken from it by a strict
  pattern, not by a JSON parser, so that nothing unsigned is ever parsed (see :func:`body_data`).
"""

import base64
import binascii
import hashlib
import hmac
import re

from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from .video_events import (
    CHINA_STANDARD_TIME,
    ENDED,
    MAX_RECORDING_FILES,
    RECORDING,
    STARTED,
    TENCENT,
    BadSignature,
    MalformedDelivery,
    VideoEvent,
    body_digest,
    check_timestamp,
    digits,
    load_json,
    parse_time,
    short_text,
)

TIMESTAMP_HEADER = "timestamp"
NONCE_HEADER = "nonce"
SIGNATURE_HEADER = "signature"
ACK_BODY = b"successfully received callback"
EVENT_KINDS = {
    "meeting.started": STARTED,
    "meeting.end": ENDED,
    "recording.completed": RECORDING,
}
AES_KEY_LENGTH = 43  # characters of an EncodingAESKey
# The whole POST body: one object holding only "data", a base64 string (standard or URL-safe
# alphabet; "\/" is how some JSON encoders write "/"). Linear: the alternatives never overlap.
_BODY = re.compile(rb'\s*\{\s*"data"\s*:\s*"((?:[A-Za-z0-9+/=_-]|\\/)+)"\s*\}\s*')
_END_TYPES = range(100)  # meeting_end_type is documented as 0 to 3


def sign(token, timestamp, nonce, data):
    """The ``signature`` header Tencent Meeting sends."""
    joined = "".join(sorted([token, timestamp, nonce, data]))
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def verify_headers(token, timestamp, nonce, signature, now=None):
    """What can be checked before looking at the body: a token configured, the headers present,
    the timestamp fresh.

    :raises BadSignature: otherwise
    """
    if not token:
        raise BadSignature("no token configured")
    if not signature or not nonce:
        raise BadSignature("missing signature or nonce")
    check_timestamp(timestamp, now=now)


def verify(token, timestamp, nonce, data, signature, now=None):
    """Check the signature headers of a check or a delivery.

    :raises BadSignature: missing header, stale timestamp or wrong signature
    """
    verify_headers(token, timestamp, nonce, signature, now=now)
    expected = sign(token, timestamp, nonce, data)
    if not hmac.compare_digest(expected.encode("ascii"), signature.strip().lower().encode("utf-8", "replace")):
        raise BadSignature("signature mismatch")


def aes_key(encoding_aes_key):
    """The 32-byte AES key of an EncodingAESKey (43 characters of base64).

    :raises ValueError: when it is not a valid EncodingAESKey
    """
    text = (encoding_aes_key or "").strip()
    if len(text) != AES_KEY_LENGTH:
        raise ValueError("an EncodingAESKey has 43 characters")
    try:
        key = base64.b64decode(text + "=", validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("an EncodingAESKey is base64") from None
    if len(key) != 32:
        raise ValueError("an EncodingAESKey decodes to 32 bytes")
    return key


def _cipher(key):
    return Cipher(algorithms.AES(key), modes.CBC(key[:16]), backend=default_backend())


def encrypt(plain, key):
    """AES-256-CBC + PKCS#7 of ``plain`` (bytes) with the raw 32-byte ``key``."""
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = _cipher(key).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def decrypt(cipher_bytes, key):
    """The inverse of :func:`encrypt`.

    :raises MalformedDelivery: not whole blocks, or a bad padding (wrong key)
    """
    if not cipher_bytes or len(cipher_bytes) % 16:
        raise MalformedDelivery("encrypted data is not a whole number of AES blocks")
    decryptor = _cipher(key).decryptor()
    padded = decryptor.update(cipher_bytes) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise MalformedDelivery("encrypted data does not decrypt with the configured EncodingAESKey") from None


def _b64decode(text):
    if not isinstance(text, str) or not text.strip():
        raise MalformedDelivery("empty data")
    compact = "".join(text.split())
    compact += "=" * (-len(compact) % 4)  # the documentation's own sample is unpadded
    try:
        return base64.b64decode(compact.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raise MalformedDelivery("data is not base64") from None


def decode_data(data, encoding_aes_key=None):
    """The plain bytes of a ``check_str`` or a body's ``data``: base64, then AES when configured."""
    raw = _b64decode(data)
    if encoding_aes_key:
        return decrypt(raw, aes_key(encoding_aes_key))
    return raw


def encode_data(plain, encoding_aes_key=None):
    """What Tencent Meeting sends for ``plain`` (bytes): the inverse of :func:`decode_data`."""
    if encoding_aes_key:
        plain = encrypt(plain, aes_key(encoding_aes_key))
    return base64.b64encode(plain).decode("ascii")


def body_data(body):
    r"""The ``data`` string of a POST body ``{"data": "..."}``, as the signature covers it.

    The signature is over ``data`` only, so the body is not parsed before it is verified: the
    documented shape is matched by a pattern (bounded by the body's size, linear), and anything
    else — other keys, other types, escapes other than ``\/``, several objects — is refused.

    :raises MalformedDelivery: a body of another shape
    """
    match = _BODY.fullmatch(body) if isinstance(body, bytes) else None
    if not match:
        raise MalformedDelivery('body is not of the documented shape {"data": "<base64>"}')
    return match.group(1).replace(b"\\/", b"/").decode("ascii")


def normalize(plain):
    """The VideoEvents of a decoded delivery (one per payload item); [] for unused events.

    :param bytes plain: the decoded ``data``
    :raises MalformedDelivery: not a JSON event, or a used event without its meeting
    """
    message = load_json(plain, "decoded data")
    if not isinstance(message, dict) or not isinstance(message.get("event"), str) or not message["event"]:
        raise MalformedDelivery("decoded data has no event")
    name = message["event"]
    kind = EVENT_KINDS.get(name)
    if not kind:
        return []
    items = message.get("payload")
    if not isinstance(items, list) or not items or not all(isinstance(item, dict) for item in items):
        raise MalformedDelivery(f"{name} without a payload list")
    trace = short_text(message.get("trace_id") or message.get("unique_sequence"), 200)
    trace = trace or body_digest(plain)
    return [_event(name, kind, trace, index, item) for index, item in enumerate(items)]


def _time(value):
    return parse_time(value, naive_tz=CHINA_STANDARD_TIME)


def _event(name, kind, trace, index, item):
    info = item.get("meeting_info")
    if not isinstance(info, dict):
        raise MalformedDelivery(f"{name} without meeting_info")
    code = digits(info.get("meeting_code"))
    meeting_id = digits(info.get("meeting_id"))
    if not code and not meeting_id:
        raise MalformedDelivery(f"{name} without meeting_code nor meeting_id")
    operated = _time(item.get("operate_time"))
    scheduled = _time(info.get("sub_meeting_start_time") or info.get("start_time"))
    files = item.get("recording_files") or item.get("record_files") or ()
    file_ids = {}  # ordered, without duplicates
    if kind == RECORDING:
        entries = [*(files if isinstance(files, list) else ()), {"record_file_id": item.get("record_file_id")}]
        for entry in entries:
            value = short_text(entry.get("record_file_id") if isinstance(entry, dict) else entry)
            if value:
                file_ids[value] = True
    kept = tuple(file_ids)[:MAX_RECORDING_FILES]
    end_type = item.get("meeting_end_type", info.get("meeting_end_type"))
    return VideoEvent(
        provider=TENCENT,
        delivery_key=f"tencent:{trace}:{index}"[:255],
        kind=kind,
        event_name=name,
        event_time=operated,
        meeting_code=code,
        meeting_id=meeting_id,
        topic=short_text(info.get("subject"), 255),
        # operate_time is when it happened; meeting_info's times are the meeting's schedule
        start=operated if kind == STARTED else None,
        end=operated if kind == ENDED else None,
        scheduled_start=scheduled,
        record_file_ids=kept,
        files_omitted=len(file_ids) - len(kept),
        end_type=end_type if type(end_type) is int and end_type in _END_TYPES else None,
    )
