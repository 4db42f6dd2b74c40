"""The follow-up after an interview, without the ORM: when the thank-you mail is due, who gets
nothing and why, the candidate page's tokens and rate limit, and the candidate-experience figures.

All datetimes are naive UTC, as Odoo stores them.
"""

import hmac
import re
import secrets
import statistics
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

# The thank-you mail leaves within minutes of the end of the interview: the delay is capped.
DEFAULT_DELAY = 5
MAX_DELAY = 10
# The candidate page: open this many days after the interview, this many messages per hour.
DEFAULT_PAGE_DAYS = 90
PAGE_POSTS_PER_HOUR = 5
PAGE_POST_WINDOW = timedelta(hours=1)
MAX_MESSAGE_LENGTH = 4000
# Individual survey answers are for recruitment managers; others see aggregates of at least
# this many answers.
MIN_ANSWERS_FOR_AGGREGATES = 3
# An NPS answer at or under this alerts the recruitment manager (NPS "detractors": 0 to 6).
LOW_NPS = 6
# Why a candidate gets no thank-you mail, in the order they are checked.
SKIP_REASONS = ("cancelled", "no_email", "blacklisted", "opt_out", "decision_sent")
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet.
TOKEN_BYTES = 32
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def valid_delay(minutes) -> bool:
    """A follow-up delay is a whole number of minutes from 0 (at once) to MAX_DELAY."""
    return isinstance(minutes, int) and not isinstance(minutes, bool) and 0 <= minutes <= MAX_DELAY


def due_at(end: datetime, delay_minutes: int) -> datetime:
    """When the thank-you mail is due: the end of the interview plus the delay."""
    if not valid_delay(delay_minutes):
        raise ValueError(f"follow-up delay out of range: {delay_minutes!r}")
    return end + timedelta(minutes=delay_minutes)


def wake_at(due: datetime, now: datetime) -> datetime:
    """When to wake the job: at the due time, or now when it is already past."""
    return max(due, now)


def skip_reason(*, cancelled=False, email=None, blacklisted=False, opt_out=False, decision_sent=False):
    """Why nothing is sent to this candidate (one of SKIP_REASONS), or None when the mail goes."""
    if cancelled:
        return "cancelled"
    if not (email or "").strip():
        return "no_email"
    if blacklisted:
        return "blacklisted"
    if opt_out:
        return "opt_out"
    if decision_sent:
        return "decision_sent"
    return None


def survey_allowed(last_surveyed_at: datetime | None, now: datetime, cooldown_months: int) -> bool:
    """A candidate surveyed within the last ``cooldown_months`` months is not asked again."""
    if not last_surveyed_at or cooldown_months <= 0:
        return True
    return last_surveyed_at <= now - relativedelta(months=cooldown_months)


# ----------------------------------------------------------------------
# Candidate page tokens
# ----------------------------------------------------------------------


def new_token() -> str:
    """An unguessable page token (256 bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_well_formed(token) -> bool:
    """Whether ``token`` can be a page token at all (checked before any database lookup)."""
    return isinstance(token, str) and bool(_TOKEN_RE.match(token))


def token_matches(expected, given) -> bool:
    """Constant-time comparison of the stored token with the one given; empty never matches."""
    if not expected or not given or not isinstance(expected, str) or not isinstance(given, str):
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def page_open(now: datetime, expires_at: datetime | None, revoked: bool) -> bool:
    """The page answers only before its expiry and until it is revoked."""
    return bool(expires_at) and not revoked and now < expires_at


def page_expiry(end: datetime, days: int) -> datetime:
    return end + timedelta(days=max(1, days or DEFAULT_PAGE_DAYS))


def rate_limit(previous, now: datetime, limit: int = PAGE_POSTS_PER_HOUR, window: timedelta = PAGE_POST_WINDOW):
    """Whether one more write is allowed now, given the times of the previous ones.

    :return: (allowed, times to store): the times still inside the window, plus ``now`` when
        allowed; and the moment the next write is allowed again when refused
    """
    recent = sorted(t for t in previous if now - window < t <= now)
    if len(recent) >= limit:
        return False, recent, recent[len(recent) - limit] + window
    return True, [*recent, now], None


def clean_message(text) -> str:
    """The candidate's message as plain text: stripped, without control characters (newlines and
    tabs kept), at most MAX_MESSAGE_LENGTH characters. Escaping is the renderer's job."""
    text = "".join(ch for ch in (text or "") if ch in "\n\t" or (ord(ch) >= 32 and ord(ch) != 127))
    return text.strip()[:MAX_MESSAGE_LENGTH]


# ----------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------


def nps_summary(scores):
    """Candidate-experience figures of NPS answers (0–10): count, average, the share of promoters
    (9–10) and detractors (0–6) in %, and the Net Promoter Score (promoters − detractors)."""
    scores = [s for s in scores if s is not None]
    if not scores:
        return {"count": 0, "average": None, "promoters": None, "detractors": None, "nps": None}
    count = len(scores)
    promoters = 100.0 * sum(1 for s in scores if s >= 9) / count
    detractors = 100.0 * sum(1 for s in scores if s <= LOW_NPS) / count
    return {
        "count": count,
        "average": sum(scores) / count,
        "promoters": promoters,
        "detractors": detractors,
        "nps": promoters - detractors,
    }


def minutes_summary(minutes):
    """(median, worst) of the minutes from the end of the interview to the mail; (None, None)
    without any."""
    minutes = [m for m in minutes if m is not None]
    if not minutes:
        return None, None
    return statistics.median(minutes), max(minutes)


def rate(part, whole):
    """``part`` of ``whole`` in %, None without a whole."""
    return 100.0 * part / whole if whole else None


def aggregates_visible(answer_count: int, is_manager: bool, minimum: int = MIN_ANSWERS_FOR_AGGREGATES) -> bool:
    """Survey figures show to recruitment managers always, to others from ``minimum`` answers (so
    that nobody reads one candidate's answer through an average)."""
    return is_manager or answer_count >= minimum


def is_low_score(nps) -> bool:
    return nps is not None and nps <= LOW_NPS


def minutes_between(start: datetime | None, end: datetime | None):
    if not start or not end:
        return None
    return max(0.0, (end - start).total_seconds() / 60.0)
