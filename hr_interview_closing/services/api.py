"""The REST API's rules without the ORM: query parameters, the keyset cursor, the decision body,
the idempotency fingerprint and the per-key rate limit.

Errors are ``ApiError(status, code, message)``; the controller answers them as
``{"error": {"code": ..., "message": ...}}``.
"""

import base64
import binascii
import hashlib
import json
import threading
import time
from collections import deque
from datetime import datetime, timezone

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
DECISIONS = ("approved", "rejected")
MAX_COMMENT = 4000
MAX_DECIDED_BY = 200
MAX_IDEMPOTENCY_KEY = 255


class ApiError(Exception):
    def __init__(self, status, code, message, headers=()):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = list(headers)


def error_body(code, message):
    return {"error": {"code": code, "message": message}}


def parse_limit(value):
    if value in (None, ""):
        return DEFAULT_LIMIT
    try:
        limit = int(value)
    except (TypeError, ValueError):
        raise ApiError(400, "invalid_parameter", f"limit must be an integer from 1 to {MAX_LIMIT}.") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, "invalid_parameter", f"limit must be an integer from 1 to {MAX_LIMIT}.")
    return limit


def parse_datetime(value, name="updated_since"):
    """An RFC 3339 date-time (``2026-03-02T10:00:00Z``, an offset, or none for UTC) → naive UTC."""
    if value in (None, ""):
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ApiError(400, "invalid_parameter", f"{name} must be an RFC 3339 date-time.") from None
    if moment.tzinfo:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def format_datetime(moment):
    """Naive UTC → RFC 3339 with microseconds and Z (what the cursor and updated_at carry)."""
    if not moment:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def encode_cursor(write_date, record_id):
    raw = json.dumps([format_datetime(write_date), record_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value):
    """The (write_date, id) after which the next page starts, or None."""
    if value in (None, ""):
        return None
    try:
        padded = value + "=" * (-len(value) % 4)
        moment, record_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(record_id, int) or isinstance(record_id, bool) or record_id < 0:
            raise ValueError(record_id)
        return parse_datetime(moment, "cursor"), record_id
    except (ValueError, TypeError, binascii.Error, ApiError, UnicodeDecodeError):
        raise ApiError(400, "invalid_cursor", "cursor is not one this API returned.") from None


def parse_decision(body):
    """The decision body → (decision, comment, decided_by); ApiError 400 (not JSON) or 422."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "The body must be a JSON object.") from None
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_body", "The body must be a JSON object.")
    unknown = sorted(set(data) - {"decision", "comment", "decided_by"})
    if unknown:
        raise ApiError(422, "invalid_body", f"Unknown field(s): {', '.join(unknown)}.")
    decision = data.get("decision")
    if decision not in DECISIONS:
        raise ApiError(422, "invalid_body", 'decision must be "approved" or "rejected".')
    comment = data.get("comment")
    if comment is not None and (not isinstance(comment, str) or len(comment) > MAX_COMMENT):
        raise ApiError(422, "invalid_body", f"comment must be a string of at most {MAX_COMMENT} characters.")
    decided_by = data.get("decided_by")
    if decided_by is not None and (
        not isinstance(decided_by, str) or not decided_by.strip() or len(decided_by) > MAX_DECIDED_BY
    ):
        raise ApiError(
            422, "invalid_body", f"decided_by must be a non-empty string of at most {MAX_DECIDED_BY} characters."
        )
    return decision, (comment or "").strip() or None, decided_by.strip() if decided_by else None


def parse_idempotency_key(value):
    if not value or not value.strip():
        raise ApiError(400, "idempotency_key_missing", "Send an Idempotency-Key header with every decision.")
    if len(value) > MAX_IDEMPOTENCY_KEY or not value.isprintable():
        raise ApiError(
            400,
            "invalid_idempotency_key",
            f"Idempotency-Key must be printable, at most {MAX_IDEMPOTENCY_KEY} characters.",
        )
    return value.strip()


def request_fingerprint(method, path, payload):
    """What makes two requests "the same" for an idempotency key: method, path and parsed body."""
    canonical = json.dumps([method, path, payload], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def key_bucket(token):
    """A rate-limit bucket for an API key that does not keep the key itself."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]


class RateLimiter:
    """At most ``limit`` requests per bucket in any ``window`` seconds (a sliding window), in this
    process's memory."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._hits = {}
        self._lock = threading.Lock()

    def hit(self, bucket, limit, window=60.0):
        """Count one request: (allowed, seconds to wait before the next one is allowed)."""
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(bucket, deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= limit:
                return False, max(1, int(hits[0] + window - now + 0.999))
            hits.append(now)
            if len(self._hits) > 10000:  # forget idle buckets
                for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - window]:
                    del self._hits[key]
            return True, 0
