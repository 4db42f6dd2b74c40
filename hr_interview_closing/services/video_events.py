"""What Zoom and Tencent Meeting deliveries have in common: errors, freshness, meeting codes and
the one shape every event is normalised into.

Pure Python: no ORM, no database. Datetimes are naive UTC, as Odoo stores them.
"""

import dataclasses
import hashlib
import json
import re
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

MAX_BODY_BYTES = 1024 * 1024
TIMESTAMP_TOLERANCE = 5 * 60  # seconds, both ways (clock skew)
# Epoch values at or above this are milliseconds (1e11 seconds is the year 5138).
MS_THRESHOLD = 10**11
# A meeting happens between these (naive UTC); any other time in a delivery makes it unusable.
EARLIEST_TIME = datetime(2000, 1, 1)
LATEST_TIME = datetime(2100, 1, 1)
# One event keeps at most this many recording files (Zoom) or record file ids (Tencent): a meeting
# recorded in a few segments has a few dozen; the processing job's work per event stays bounded.
MAX_RECORDING_FILES = 50
MAX_URL_LENGTH = 1024  # what an URL attachment holds
MAX_DIGITS = 32  # meeting numbers, codes and Tencent's long ids are far shorter
MAX_ID_LENGTH = 128  # Zoom's occurrence uuid, recording file ids
_LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")

STARTED = "started"
ENDED = "ended"
RECORDING = "recording"
KINDS = (STARTED, ENDED, RECORDING)

ZOOM = "zoom"
TENCENT = "tencent"

# Tencent's older samples carry "2020-12-29 17:41:06", China Standard Time (no daylight saving).
CHINA_STANDARD_TIME = timezone(timedelta(hours=8))

_MEETING_CODE = re.compile(r"^\d{9,11}$")
_MEETING_ID = re.compile(r"^\d{1,32}$")
_CODE_SEPARATORS = re.compile(r"[\s\-\u00a0]+")
_ZOOM_HOSTS = ("zoom.us", "zoom.com", "zoom.com.cn", "zoomgov.com")
_ZOOM_PATH = re.compile(r"^/(?:j|w|s|wc(?:/join)?|wc)/(\d{9,11})(?:/|$)")


class WebhookError(Exception):
    """A delivery the receiver refuses; ``status`` is the HTTP answer."""

    status = 400

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class MalformedDelivery(WebhookError):
    status = 400


class BadSignature(WebhookError):
    status = 401


@dataclasses.dataclass(frozen=True)
class VideoEvent:
    """One meeting event, whatever the platform said it in.

    ``delivery_key`` is stable across retries of the same delivery (the inbox deduplicates on it).
    ``meeting_code`` is the number people know (Zoom's meeting ID, Tencent's nine-digit code);
    ``meeting_id`` is Tencent's long meeting_id (Zoom: the occurrence's uuid, informative only).
    ``start``/``end`` are the real start and end when the event tells them; ``scheduled_start``
    is the meeting's own planned start when the platform gives it (used to find the interview).
    """

    provider: str
    delivery_key: str
    kind: str
    event_name: str
    event_time: datetime | None = None
    meeting_code: str | None = None
    meeting_id: str | None = None
    topic: str = ""
    start: datetime | None = None
    end: datetime | None = None
    scheduled_start: datetime | None = None
    recording_url: str | None = None
    recording_files: tuple = ()
    record_file_ids: tuple = ()
    end_type: int | None = None
    files_omitted: int = 0

    @property
    def reference_time(self):
        """The moment that places the event on the calendar, to find its interview."""
        return self.start or self.scheduled_start or self.end or self.event_time

    def recording_data(self):
        """JSON-ready recordings: Zoom's files (links) or Tencent's record file ids, and how many
        files the delivery listed beyond MAX_RECORDING_FILES."""
        return {
            "share_url": self.recording_url,
            "files": [dict(f) for f in self.recording_files],
            "record_file_ids": list(self.record_file_ids),
            "files_omitted": self.files_omitted,
        }


# ----------------------------------------------------------------------------------------------
# Time
# ----------------------------------------------------------------------------------------------


def _preview(value):
    """The first characters of a value for an error message (never a huge number's digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return "a number of more than 40 digits"
    return repr(str(value)[:40])


def in_range(moment, value=None):
    """``moment`` (naive UTC) when it lies between EARLIEST_TIME and LATEST_TIME.

    :raises MalformedDelivery: otherwise
    """
    if moment is not None and not EARLIEST_TIME <= moment < LATEST_TIME:
        raise MalformedDelivery(f"time out of range: {_preview(moment if value is None else value)}")
    return moment


def epoch_to_utc(value):
    """Seconds or milliseconds since the epoch (int, float or numeric string) → naive UTC; None
    for an empty value or 0.

    :raises MalformedDelivery: not a number, negative, or outside EARLIEST_TIME..LATEST_TIME
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise MalformedDelivery(f"not a timestamp: {_preview(value)}") from None
    if number == 0:
        return None
    if number < 0:
        raise MalformedDelivery(f"time out of range: {_preview(value)}")
    if number >= MS_THRESHOLD:
        number /= 1000.0
    try:
        moment = datetime.fromtimestamp(number, timezone.utc).replace(tzinfo=None, microsecond=0)
    except (OverflowError, OSError, ValueError):
        raise MalformedDelivery(f"time out of range: {_preview(value)}") from None
    return in_range(moment, value)


def parse_iso_utc(value, naive_tz=timezone.utc):
    """ISO 8601 ("2026-03-02T10:00:00Z", with or without offset) → naive UTC; None when empty.
    A date without offset is read in ``naive_tz``.

    :raises MalformedDelivery: not a date, or outside EARLIEST_TIME..LATEST_TIME
    """
    if not value:
        return None
    if not isinstance(value, str):
        raise MalformedDelivery(f"not a date: {_preview(value)}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise MalformedDelivery(f"not a date: {_preview(value)}") from None
    try:
        # "9999-12-31T23:59:59-23:59" and "0001-01-01 00:00:00" in China overflow here
        moment = moment.replace(tzinfo=moment.tzinfo or naive_tz).astimezone(timezone.utc)
    except OverflowError:
        raise MalformedDelivery(f"time out of range: {_preview(value)}") from None
    return in_range(moment.replace(tzinfo=None, microsecond=0), value)


def parse_time(value, naive_tz=timezone.utc):
    """An epoch (s or ms) or a date string; naive date strings are read in ``naive_tz``."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().lstrip("-").isdigit()):
        return epoch_to_utc(value)
    return parse_iso_utc(value, naive_tz=naive_tz)  # "2020-12-29 17:41:06": any separator is fine


def check_timestamp(value, now=None, tolerance=TIMESTAMP_TOLERANCE):
    """Refuse a signature timestamp (s or ms) older or newer than ``tolerance`` seconds.

    :returns: the timestamp in seconds
    :raises BadSignature: missing, not a number, or outside the tolerance
    """
    if value is None or not str(value).strip():
        raise BadSignature("missing timestamp")
    text = str(value).strip()
    if not text.isdigit() or len(text) > 16:
        raise BadSignature("timestamp is not a number")
    seconds = int(text)
    if seconds >= MS_THRESHOLD:
        seconds = seconds / 1000.0
    now = time.time() if now is None else now
    if abs(now - seconds) > tolerance:
        raise BadSignature("stale timestamp")
    return seconds


# ----------------------------------------------------------------------------------------------
# Which interview an event reaches
# ----------------------------------------------------------------------------------------------

UNTRUSTED = "untrusted"
SEVERAL_ORGANIZERS = "several_organizers"
TIE = "tie"


@dataclasses.dataclass(frozen=True)
class Candidate:
    """An interview with the event's meeting code: ``key`` names it for the caller."""

    key: object
    planned_start: datetime
    organizer: object
    trusted: bool


def choose_interview(moment, candidates, window):
    """The interview a meeting event belongs to, among those with its meeting code.

    Only the trusted candidates planned within ``window`` of ``moment`` count. When they have
    different organisers, one of them copied the code: nobody gets the event. Otherwise the
    nearest planned start wins; a tie gives nobody the event either (never the newest).

    :param datetime moment: the meeting's time (naive UTC); None matches nothing
    :param candidates: iterable of Candidate
    :return: (key, None) for the interview, or (None, (reason, keys)) where reason is None when
        no candidate is near, else UNTRUSTED, SEVERAL_ORGANIZERS or TIE, and keys the interviews
        concerned
    """
    near = [c for c in candidates if moment and abs(c.planned_start - moment) <= window]
    trusted = [c for c in near if c.trusted]
    if not trusted:
        return None, (UNTRUSTED if near else None, [c.key for c in near])
    if len({c.organizer for c in trusted}) > 1:
        return None, (SEVERAL_ORGANIZERS, [c.key for c in trusted])
    best = min(abs(c.planned_start - moment) for c in trusted)
    nearest = [c for c in trusted if abs(c.planned_start - moment) == best]
    if len(nearest) > 1:
        return None, (TIE, [c.key for c in nearest])
    return nearest[0].key, None


# ----------------------------------------------------------------------------------------------
# Meeting codes
# ----------------------------------------------------------------------------------------------


def normalize_meeting_code(value):
    """ "123 456 789" / "123-456-7890" → "123456789"; None when empty (None, False — what the web
    client sends for an empty field — or blanks).

    :raises ValueError: when what remains is not 9 to 11 digits
    """
    if value is None or value is False:
        return None
    text = _CODE_SEPARATORS.sub("", str(value))
    if not text:
        return None
    if not _MEETING_CODE.match(text):
        raise ValueError(value)
    return text


def normalize_meeting_id(value):
    """Tencent's long meeting_id: digits only (spaces tolerated); None when empty (None, False or
    blanks).

    :raises ValueError: when it is not made of digits
    """
    if value is None or value is False:
        return None
    text = _CODE_SEPARATORS.sub("", str(value))
    if not text:
        return None
    if not _MEETING_ID.match(text):
        raise ValueError(value)
    return text


def zoom_meeting_number(url):
    """The meeting number in a Zoom join link (https://acme.zoom.us/j/81234567890?pwd=...), or None."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not any(host == zoom or host.endswith("." + zoom) for zoom in _ZOOM_HOSTS):
        return None
    match = _ZOOM_PATH.match(parts.path or "")
    return match.group(1) if match else None


def digits(value):
    """A meeting number as the provider sent it (int or str) → its digits, or None.

    :raises MalformedDelivery: more than MAX_DIGITS digits
    """
    if value is None or isinstance(value, bool) or not isinstance(value, int | str):
        return None
    if isinstance(value, int) and value >= 10**MAX_DIGITS:
        raise MalformedDelivery("meeting number too long")
    text = _CODE_SEPARATORS.sub("", str(value))
    if not text.isdigit():
        return None
    if len(text) > MAX_DIGITS:
        raise MalformedDelivery("meeting number too long")
    return text


def safe_url(value):
    """A recording link worth storing, or None: ``https`` (``http`` on a loopback host, for local
    tests), at most MAX_URL_LENGTH characters, no blanks or control characters."""
    if not isinstance(value, str) or not value or len(value) > MAX_URL_LENGTH:
        return None
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in value):
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if not host or not (scheme == "https" or (scheme == "http" and host in _LOOPBACK_HOSTS)):
        return None
    return value


def short_text(value, limit=MAX_ID_LENGTH):
    """A short string field of a delivery (ids, types, statuses), cut to ``limit`` characters."""
    if value is None or isinstance(value, dict | list | bool):
        return ""
    return str(value)[:limit] if not isinstance(value, int) or abs(value) < 10**limit else ""


def load_json(data, what="body"):
    """``json.loads`` for delivery bytes: whatever is not a JSON document — invalid, not UTF-8,
    nested deeper than the parser goes, a number too long to read — is a MalformedDelivery."""
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise MalformedDelivery(f"{what} is not JSON") from None


def body_digest(body):
    """A stable key for a delivery that carries no id of its own (retries repeat the body)."""
    return hashlib.sha256(body).hexdigest()
