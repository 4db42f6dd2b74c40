"""The referral rules of services/referral.py, without Odoo or a database."""

from datetime import datetime, timedelta

import pytest
from hic_services import referral

T0 = datetime(2026, 3, 2, 10, 0)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("  Grace   Hopper ", "Grace Hopper"),
        ("Grace\nHopper\x00", "Grace Hopper"),
        ("<b>Eve</b>", "<b>Eve</b>"),  # text: escaping is the renderer's job
        ("x" * 500, "x" * referral.MAX_NAME_LENGTH),
        (None, ""),
        (["list"], ""),
    ],
)
def test_a_name_is_one_line_of_plain_text(given, expected):
    assert referral.clean_name(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (" Grace@Example.COM ", "grace@example.com"),
        ("grace@example", None),
        ("grace@@example.com", None),
        ("grace hopper@example.com", None),
        ("a@b.c<script>", None),
        ('"Grace" <grace@example.com>', None),
        ("", None),
        (None, None),
        ("a@" + "b" * 260 + ".com", None),
    ],
)
def test_only_a_plain_address_is_an_email(given, expected):
    assert referral.clean_email(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("12", 12),
        (12, 12),
        ("0", None),
        ("-1", None),
        ("abc", None),
        ("", None),
        (None, None),
        (True, None),
        ("1" * 12, None),
        ("12 OR 1=1", None),
    ],
)
def test_a_job_id_is_a_positive_whole_number(given, expected):
    assert referral.parse_id(given) == expected


def test_the_note_is_bounded_text():
    assert referral.clean_note("a\tb\nc\x07") == "a\tb\nc"
    assert len(referral.clean_note("y" * 5000)) == referral.MAX_NOTE_LENGTH


def test_the_address_is_kept_as_a_keyed_hash_only():
    key = referral.address_key("secret", "203.0.113.7")
    assert key == referral.address_key("secret", "203.0.113.7")
    assert "203.0.113.7" not in key
    assert key != referral.address_key("other secret", "203.0.113.7")
    assert key != referral.address_key("secret", "203.0.113.8")
    assert referral.address_key("secret", None) is None
    assert referral.address_key("", "203.0.113.7") is None


def test_the_limit_counts_only_the_window():
    window = timedelta(hours=1)
    inside = [T0 - timedelta(minutes=m) for m in (1, 10, 59)]
    assert referral.within_limit(inside, T0, 4, window)
    assert not referral.within_limit(inside, T0, 3, window)
    old = [T0 - timedelta(minutes=61)] * 10
    assert referral.within_limit(old + inside[:2], T0, 3, window)


def test_a_referral_is_open_until_its_expiry_while_awaiting():
    expiry = referral.expires_at(T0)
    assert expiry == T0 + timedelta(days=referral.CONSENT_DAYS)
    assert referral.is_open(expiry - timedelta(seconds=1), expiry, "awaiting")
    assert not referral.is_open(expiry, expiry, "awaiting")
    assert not referral.is_open(T0, expiry, "accepted")
    assert not referral.is_open(T0, None, "awaiting")
