"""Pushes to the OA/ERP system: Standard Webhooks signing, the payload envelope, and what to do
after each delivery attempt (send again when, give up when). No ORM here.

- Signature (https://www.standardwebhooks.com/, "Symmetric" scheme): the secret is
  ``whsec_`` + base64(key bytes); the signed content is ``"{webhook-id}.{webhook-timestamp}.{body}"``
  over the exact body bytes; ``webhook-signature`` holds ``v1,<base64(HMAC-SHA256)>`` once per
  active secret, space-separated, so that the OA can rotate its secret without losing a delivery.
- ``webhook-id`` is the message's id, the same at every attempt: the OA deduplicates on it (and on
  ``Idempotency-Key``, which carries the same value).
- Backoff: ``BACKOFF_BASE`` doubled per failed attempt, capped at ``BACKOFF_CAP``, ±``JITTER``
  (1 min, 2 min, 4 min … 6 h). A 429's ``Retry-After`` (seconds or HTTP date) replaces the backoff,
  capped at ``RETRY_AFTER_CAP``.
- Verdicts: 2xx sent; 410 gone (the endpoint is switched off, the message stays pending); 429, 5xx,
  408, a timeout or a connection error retry (dead after the last attempt); any other status
  failed, without retry.
"""

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import random
import secrets
import time
import uuid
from collections import namedtuple
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

SCHEMA_VERSION = "1"
RESULT = "session.result"
DECISION = "session.decision"
EVENT_TYPES = (RESULT, DECISION)
SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24  # as the Standard Webhooks libraries generate them
MIN_SECRET_BYTES = 16
SIGNATURE_VERSION = "v1"
TIMESTAMP_TOLERANCE = 300  # seconds, as the reference verifier's
BACKOFF_BASE = 60.0  # seconds
BACKOFF_CAP = 6 * 3600.0
RETRY_AFTER_CAP = 24 * 3600.0
JITTER = 0.2
MAX_ATTEMPTS = 12  # about a day: 1 + 2 + 4 … + 256 minutes, then every 6 hours
TIMEOUT = 10.0  # seconds
MAX_ERROR_LENGTH = 500

Verdict = namedtuple("Verdict", "state delay reason")  # state: sent, retry, failed, gone, dead


class BadSignature(Exception):
    """A delivery whose signature does not verify (see ``verify``)."""


# ----------------------------------------------------------------------
# Secrets and signatures
# ----------------------------------------------------------------------


def new_secret():
    """A new random secret, written as the Standard Webhooks libraries write theirs."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def secret_key(secret):
    """The key bytes of ``whsec_<base64>``.

    :raises ValueError: not a ``whsec_`` secret, not base64, or shorter than 16 bytes
    """
    secret = (secret or "").strip()
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError(f"the secret must start with {SECRET_PREFIX}")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the secret is not valid base64 after whsec_") from None
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(f"the secret must hold at least {MIN_SECRET_BYTES} bytes")
    return key


def sign(secret, msg_id, timestamp, body):
    """``v1,<base64 HMAC-SHA256>`` of ``"{msg_id}.{timestamp}.{body}"`` (body: bytes)."""
    content = f"{msg_id}.{int(timestamp)}.".encode() + body
    digest = hmac.new(secret_key(secret), content, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def signature_header(secrets_, msg_id, timestamp, body):
    """The ``webhook-signature`` value: one signature per secret, space-separated."""
    if not secrets_:
        raise ValueError("no secret to sign with")
    return " ".join(sign(secret, msg_id, timestamp, body) for secret in secrets_)


def headers(secrets_, msg_id, timestamp, body):
    """Every header of a delivery of ``body`` (bytes)."""
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "hr_interview_closing-push/" + SCHEMA_VERSION,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp)),
        "webhook-signature": signature_header(secrets_, msg_id, timestamp, body),
        "Idempotency-Key": msg_id,
    }


def verify(secret, msg_id, timestamp, body, header, now=None):
    """The receiver's check, as the Standard Webhooks reference libraries do it: the timestamp
    within 5 minutes, and one of the header's ``v1`` signatures equal (in constant time) to ours.

    :raises BadSignature: otherwise
    """
    try:
        timestamp = int(timestamp)
    except (TypeError, ValueError):
        raise BadSignature("bad timestamp") from None
    now = time.time() if now is None else now
    if abs(now - timestamp) > TIMESTAMP_TOLERANCE:
        raise BadSignature("timestamp out of tolerance")
    expected = sign(secret, msg_id, timestamp, body).split(",", 1)[1]
    for candidate in (header or "").split():
        version, __, value = candidate.partition(",")
        if version == SIGNATURE_VERSION and hmac.compare_digest(value.encode(), expected.encode()):
            return True
    raise BadSignature("no matching signature")


def new_message_id():
    """A ``webhook-id``: unique per message, kept across its attempts."""
    return "msg_" + uuid.uuid4().hex


# ----------------------------------------------------------------------
# Endpoint URLs
# ----------------------------------------------------------------------


def check_url(url):
    """The endpoint's URL, or ValueError saying what is wrong: https only; plain http only to a
    loopback address (a local relay, tests), never across a network."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError("the URL must be an absolute https:// address")
    if parts.username or parts.password:
        raise ValueError("the URL must not carry a user name or password")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ValueError("plain http is accepted only to a loopback address (127.0.0.1, ::1, localhost)")
    return url


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ----------------------------------------------------------------------
# Payload
# ----------------------------------------------------------------------


def envelope(event_type, msg_id, occurred_at, data):
    """The JSON document of a push (docs/oa-push-v1.schema.json)."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    return {
        "schema_version": SCHEMA_VERSION,
        "type": event_type,
        "id": msg_id,
        "timestamp": iso_utc(occurred_at),
        "data": data,
    }


def dumps(document):
    """The body bytes: compact UTF-8 JSON with sorted keys (the same document, the same bytes)."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def iso_utc(value):
    """ISO 8601 in UTC with a ``Z`` for a naive UTC datetime (Odoo's), None for None."""
    if not value:
        return None
    if value.tzinfo:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat() + "Z"


# ----------------------------------------------------------------------
# After an attempt
# ----------------------------------------------------------------------


def backoff(attempts, rnd=random.random, base=BACKOFF_BASE, cap=BACKOFF_CAP, jitter=JITTER):
    """Seconds to wait after the ``attempts``-th failed attempt (1-based): base × 2^(n−1), capped,
    ± jitter (``rnd()`` in [0, 1) draws it), never above the cap."""
    nominal = min(cap, base * 2 ** max(0, attempts - 1))
    return min(cap, nominal * (1 - jitter + 2 * jitter * rnd()))


def retry_after_seconds(value, now=None):
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or HTTP date), capped at
    ``RETRY_AFTER_CAP``; None when absent or unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        now = now or datetime.now(timezone.utc)
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        seconds = max(0.0, (when - now).total_seconds())
    return min(seconds, RETRY_AFTER_CAP)


def verdict(status, attempts, max_attempts, retry_after=None, error=None, rnd=random.random, now=None):
    """What follows an attempt.

    :param status: the HTTP status, or None for a timeout or a connection error (``error``)
    :param attempts: attempts made, this one included
    :param retry_after: the response's ``Retry-After`` header, if any
    :return: Verdict(state, delay in seconds or None, reason): state ``sent``, ``retry``,
        ``failed`` (no retry), ``gone`` (410: stop this endpoint) or ``dead`` (out of attempts)
    """
    if status is not None and 200 <= status < 300:
        return Verdict("sent", None, f"HTTP {status}")
    if status == 410:
        return Verdict("gone", None, "HTTP 410 Gone: the OA says this endpoint no longer exists")
    reason = short_error(error or "no answer") if status is None else f"HTTP {status}"
    retryable = status is None or status in (408, 429) or status >= 500
    if not retryable:
        return Verdict("failed", None, reason)
    if attempts >= max_attempts:
        return Verdict("dead", None, f"{reason} (attempt {attempts} of {max_attempts}: giving up)")
    delay = retry_after_seconds(retry_after, now) if status == 429 else None
    if delay is None:
        delay = backoff(attempts, rnd)
    return Verdict("retry", delay, reason)


def next_attempt_at(now, delay):
    return now + timedelta(seconds=delay)


def short_error(error):
    """An error for the record: its class and message, one line, bounded (never a header)."""
    text = f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else str(error)
    text = " ".join(text.split())
    return text[:MAX_ERROR_LENGTH]
