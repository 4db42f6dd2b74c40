"""Re-engagement, without the ORM: which pooled talents count for a job, when a job's matches are
computed again, and how long an invitation stays open.

A talent is scored by the match engine (services/match.py) exactly as an applicant is: the job's
requirements against the skills the candidate claims and the latest assessment of each skill
across all the candidate's past applications.

Dates are naive, datetimes naive UTC, as Odoo stores them.
"""

from datetime import date, datetime, timedelta

# The personal invitation link stays open this long.
INVITATION_DAYS = 30
# Fields of hr.job whose rise means the job (re)opens.
OPENING_FIELDS = ("no_of_recruitment", "active", "is_published")


def consented(state: str, expiry: date | None, today: date) -> bool:
    """Only members who gave their consent, and whose consent has not expired, are matched."""
    return state == "given" and (not expiry or expiry >= today)


def job_opens(before: dict, after: dict) -> bool:
    """Whether a change of a job opens it (again): more people to recruit, reactivated, published.

    :param before: {field: value} before the change (only the fields of OPENING_FIELDS it has)
    :param after: the same fields after the change
    """
    for name in OPENING_FIELDS:
        if name not in after or name not in before:
            continue
        old, new = before[name], after[name]
        if name == "no_of_recruitment":
            if (new or 0) > (old or 0):
                return True
        elif new and not old:
            return True
    return False


def invitation_expiry(sent: datetime, days: int = INVITATION_DAYS) -> datetime:
    return sent + timedelta(days=days)


def invitation_open(now: datetime, expiry: datetime | None, state: str) -> bool:
    return state == "invited" and bool(expiry) and now < expiry
