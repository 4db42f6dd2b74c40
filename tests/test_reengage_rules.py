"""The re-engagement rules of services/reengage.py, without Odoo or a database."""

from datetime import date, datetime, timedelta

import pytest
from hic_services import reengage

TODAY = date(2026, 3, 2)
T0 = datetime(2026, 3, 2, 10, 0)


@pytest.mark.parametrize(
    ("state", "expiry", "expected"),
    [
        ("given", None, True),
        ("given", TODAY, True),
        ("given", TODAY + timedelta(days=1), True),
        ("given", TODAY - timedelta(days=1), False),
        ("requested", None, False),
        ("declined", None, False),
        ("withdrawn", None, False),
        ("expired", None, False),
    ],
)
def test_only_a_given_unexpired_consent_counts(state, expiry, expected):
    assert reengage.consented(state, expiry, TODAY) is expected


@pytest.mark.parametrize(
    ("before", "after", "opens"),
    [
        ({"no_of_recruitment": 1}, {"no_of_recruitment": 2}, True),
        ({"no_of_recruitment": 0}, {"no_of_recruitment": 1}, True),
        ({"no_of_recruitment": 2}, {"no_of_recruitment": 1}, False),
        ({"no_of_recruitment": 2}, {"no_of_recruitment": 2}, False),
        ({"active": False}, {"active": True}, True),
        ({"active": True}, {"active": False}, False),
        ({"is_published": False}, {"is_published": True}, True),
        ({"is_published": True}, {"is_published": True}, False),
        ({}, {"no_of_recruitment": 3}, False),
        ({"no_of_recruitment": None}, {"no_of_recruitment": 1}, True),
    ],
)
def test_a_job_opens_when_it_recruits_more_is_reactivated_or_published(before, after, opens):
    assert reengage.job_opens(before, after) is opens


def test_an_invitation_is_open_until_its_expiry_while_invited():
    expiry = reengage.invitation_expiry(T0)
    assert expiry == T0 + timedelta(days=reengage.INVITATION_DAYS)
    assert reengage.invitation_open(expiry - timedelta(seconds=1), expiry, "invited")
    assert not reengage.invitation_open(expiry, expiry, "invited")
    assert not reengage.invitation_open(T0, expiry, "accepted")
    assert not reengage.invitation_open(T0, None, "invited")
