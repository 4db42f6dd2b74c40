"""Referrals from candidates, without the ORM: what the public form accepts, how often, and how
long a referred person's data is kept before they consent.

The referred person did not give us their data: the referrer did. So nothing reaches the
pipeline before the referred person agrees. The form stores a referral (name, e-mail, job, note,
who referred them) only to ask them once by mail; they accept (an applicant is created, with the
referrer as its source) or decline (their name, e-mail and note are erased at once); without an
answer within CONSENT_DAYS days the same erasure happens. Only the counts stay.

All datetimes are naive UTC, as Odoo stores them.
"""

import hashlib
import hmac
import re
from datetime import datetime, timedelta

from .followup import clean_message

# How long a referral waits for the referred person's answer before its personal data is erased.
CONSENT_DAYS = 30
# Spam limits: referrals from one candidate's page per day, and from one network address per hour
# (all pages together).
PER_PAGE = 5
PER_PAGE_WINDOW = timedelta(days=1)
PER_ADDRESS = 20
PER_ADDRESS_WINDOW = timedelta(hours=1)
MAX_NAME_LENGTH = 128
MAX_NOTE_LENGTH = 2000
# A field people do not see (hidden by the page's style): only robots fill it in.
HONEYPOT = "website"
# The text of the consent page a decision is recorded against (bump it when the text changes).
CONSENT_TEXT_VERSION = "referral-2026-12"
# A deliberately plain check: one @, a dot in the domain, no spaces or angle brackets. The mail
# gateway does the real validation; this keeps obvious junk out of the database.
_EMAIL_RE = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


def clean_name(text) -> str:
    """A person's name as one line of plain text: no control characters, spaces collapsed, at
    most MAX_NAME_LENGTH characters. Escaping is the renderer's job."""
    text = clean_message(text if isinstance(text, str) else "")
    return " ".join(text.split())[:MAX_NAME_LENGTH]


def clean_note(text) -> str:
    return clean_message(text if isinstance(text, str) else "")[:MAX_NOTE_LENGTH]


def clean_email(text) -> str | None:
    """The e-mail address in lower case, or None when it is not one."""
    if not isinstance(text, str):
        return None
    text = text.strip().lower()
    if len(text) > 254 or not _EMAIL_RE.match(text):
        return None
    return text


def parse_id(value) -> int | None:
    """A record id from a form value ("12"), or None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    if isinstance(value, str) and value.isdigit() and len(value) < 10:
        return int(value) or None
    return None


def address_key(secret: str, address: str | None) -> str | None:
    """A keyed hash of the sender's network address: enough to count their referrals, useless to
    find them (the address itself is never stored)."""
    if not address or not secret:
        return None
    return hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def within_limit(times, now: datetime, limit: int, window: timedelta) -> bool:
    """Whether one more referral is allowed now, given the times of the previous ones."""
    return sum(1 for moment in times if now - window < moment <= now) < limit


def expires_at(created: datetime, days: int = CONSENT_DAYS) -> datetime:
    return created + timedelta(days=days)


def is_open(now: datetime, expiry: datetime | None, state: str) -> bool:
    """The referred person may still answer: the referral waits and its expiry is ahead."""
    return state == "awaiting" and bool(expiry) and now < expiry
