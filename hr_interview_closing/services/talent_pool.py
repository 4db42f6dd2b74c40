"""Talent pool: consent and retention rules, without the ORM.

- Consent: a member is asked (requested), answers (given or declined), may withdraw a given
  consent at any time, and a given consent expires at its expiry date. Each decision is proven by
  the version of the text the candidate read.
- Retention (computed in SQL over the whole batch, see hr_candidate_retention.py): a candidate's
  data is kept until the later of (their last final decision + the company's retention months)
  and (the expiry of a consent they gave); then it is anonymised.
"""

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from .followup import new_token, token_matches, token_well_formed

__all__ = [
    "CONSENT_DECISIONS",
    "CONSENT_TEXT_VERSION",
    "DEFAULT_CONSENT_MONTHS",
    "DEFAULT_RETENTION_MONTHS",
    "REQUEST_VALID_DAYS",
    "consent_expiry",
    "decide",
    "new_token",
    "request_open",
    "token_matches",
    "token_well_formed",
]

# The version of the consent text the public page shows: recorded with every decision, so that
# what a candidate agreed to can be shown later. Change it whenever the page's text changes.
CONSENT_TEXT_VERSION = "2026-12-v1"
DEFAULT_CONSENT_MONTHS = 24
DEFAULT_RETENTION_MONTHS = 6
# A consent request's link answers this long after the mail.
REQUEST_VALID_DAYS = 30
# What a member may decide from each state: {(state, decision): new state}.
CONSENT_DECISIONS = {
    ("requested", "accept"): "given",
    ("requested", "decline"): "declined",
    ("expired", "accept"): "given",
    ("given", "withdraw"): "withdrawn",
}
MAX_USER_AGENT = 300


def consent_expiry(decided: date, months: int) -> date:
    """The day a consent given on ``decided`` expires (24 months by default)."""
    return decided + relativedelta(months=months if months and months > 0 else DEFAULT_CONSENT_MONTHS)


def decide(state: str, decision: str):
    """The member's new consent state after ``decision`` (accept, decline, withdraw) from
    ``state``, or None when the decision is not possible from there."""
    return CONSENT_DECISIONS.get((state, decision))


def request_open(now: datetime, expires_at: datetime | None, used_at: datetime | None) -> bool:
    """A consent request link answers once, before it expires."""
    return bool(expires_at) and not used_at and now < expires_at


def request_expiry(now: datetime, days: int = REQUEST_VALID_DAYS) -> datetime:
    return now + timedelta(days=days)


def clean_user_agent(value) -> str:
    """The user agent as recorded with a decision: printable, bounded."""
    text = "".join(ch for ch in str(value or "") if 32 <= ord(ch) < 127)
    return text[:MAX_USER_AGENT]


# The name an anonymised candidate keeps: the same for all, so that nothing points back to them.
ANONYMISED_NAME = "Anonymised candidate"
