"""The follow-up rules of services/followup.py, without Odoo or a database."""

from datetime import datetime, timedelta

import pytest
from hic_services import followup

T0 = datetime(2026, 3, 2, 10, 0)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("delay", "valid"),
    [
        (0, True),
        (5, True),
        (10, True),
        (11, False),
        (-1, False),
        (5.5, False),
        (True, False),
        (None, False),
        ("5", False),
    ],
)
def test_the_delay_is_0_to_10_whole_minutes(delay, valid):
    assert followup.valid_delay(delay) is valid


def test_the_mail_is_due_at_the_end_plus_the_delay():
    assert followup.due_at(T0, 5) == at(5)
    assert followup.due_at(T0, 0) == T0
    with pytest.raises(ValueError):
        followup.due_at(T0, 11)


def test_the_job_wakes_at_the_due_time_or_now_when_it_passed():
    assert followup.wake_at(at(5), T0) == at(5)
    assert followup.wake_at(at(5), at(30)) == at(30)


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"email": "ada@example.com"}, None),
        ({"email": ""}, "no_email"),
        ({"email": "  "}, "no_email"),
        ({"email": None, "blacklisted": True}, "no_email"),
        ({"email": "ada@example.com", "blacklisted": True, "opt_out": True}, "blacklisted"),
        ({"email": "ada@example.com", "opt_out": True}, "opt_out"),
        ({"email": "ada@example.com", "decision_sent": True}, "decision_sent"),
        ({"email": "ada@example.com", "cancelled": True, "opt_out": True}, "cancelled"),
    ],
)
def test_why_a_candidate_gets_nothing_in_order(kwargs, reason):
    assert followup.skip_reason(**kwargs) == reason


@pytest.mark.parametrize(
    ("last", "months", "allowed"),
    [
        (None, 6, True),
        (datetime(2025, 9, 1), 6, True),  # six months and a day before T0
        (datetime(2025, 9, 2, 10, 0), 6, True),  # exactly six months: asked again
        (datetime(2025, 9, 2, 10, 1), 6, False),
        (datetime(2026, 3, 1), 6, False),
        (datetime(2026, 3, 1), 0, True),  # 0: always ask
    ],
)
def test_a_candidate_surveyed_within_the_interval_is_not_asked_again(last, months, allowed):
    assert followup.survey_allowed(last, T0, months) is allowed


def test_tokens_are_unguessable_and_well_formed():
    tokens = {followup.new_token() for _i in range(200)}
    assert len(tokens) == 200
    assert all(followup.token_well_formed(token) for token in tokens)
    assert all(len(token) == 43 for token in tokens)


@pytest.mark.parametrize(
    "token",
    [
        "",
        None,
        42,
        "short",
        "a" * 42,
        "a" * 44,
        "a" * 42 + "/",
        "a" * 42 + "=",
        "<script>alert(1)</script>" * 2,
        "' OR 1=1 --",
    ],
)
def test_malformed_tokens_are_refused_before_any_lookup(token):
    assert not followup.token_well_formed(token)


def test_tokens_compare_in_constant_time_and_empty_never_matches():
    token = followup.new_token()
    assert followup.token_matches(token, token)
    assert not followup.token_matches(token, followup.new_token())
    assert not followup.token_matches(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert not followup.token_matches("", "")
    assert not followup.token_matches(None, token)
    assert not followup.token_matches(token, None)


def test_the_page_is_open_until_it_expires_or_is_revoked():
    expiry = followup.page_expiry(T0, 90)
    assert expiry == T0 + timedelta(days=90)
    assert followup.page_open(T0, expiry, False)
    assert followup.page_open(expiry - timedelta(seconds=1), expiry, False)
    assert not followup.page_open(expiry, expiry, False)
    assert not followup.page_open(T0, expiry, True)
    assert not followup.page_open(T0, None, False)


def test_five_writes_per_hour_then_refused_until_the_oldest_leaves_the_window():
    times = []
    for minute in range(5):
        allowed, times, retry = followup.rate_limit(times, at(minute))
        assert allowed and retry is None
    allowed, kept, retry = followup.rate_limit(times, at(10))
    assert not allowed
    assert kept == times
    assert retry == at(60)  # the first write leaves the window an hour after it
    allowed, times, __ = followup.rate_limit(times, at(60))
    assert allowed
    assert times == [at(1), at(2), at(3), at(4), at(60)]  # older times are not kept


def test_future_times_do_not_count_and_are_dropped():
    allowed, kept, __ = followup.rate_limit([at(30)] * 10, T0)
    assert allowed and kept == [T0]


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("  Hello\n  ", "Hello"),
        ("a\x00b\x07c\x7fd", "abcd"),
        ("line 1\nline 2\tend", "line 1\nline 2\tend"),
        ("<b>bold</b>", "<b>bold</b>"),  # kept as text: escaping is the renderer's job
        ("", ""),
        (None, ""),
        ("x" * 5000, "x" * 4000),
    ],
)
def test_messages_are_plain_text_without_control_characters_and_bounded(text, clean):
    assert followup.clean_message(text) == clean


def test_nps_summary():
    assert followup.nps_summary([]) == {
        "count": 0,
        "average": None,
        "promoters": None,
        "detractors": None,
        "nps": None,
    }
    summary = followup.nps_summary([10, 9, 8, 7, 6, 0, None])
    assert summary["count"] == 6
    assert summary["average"] == pytest.approx(40 / 6)
    assert summary["promoters"] == pytest.approx(100 * 2 / 6)
    assert summary["detractors"] == pytest.approx(100 * 2 / 6)
    assert summary["nps"] == pytest.approx(0)


def test_minutes_to_mail_median_and_worst():
    assert followup.minutes_summary([]) == (None, None)
    assert followup.minutes_summary([5.2, None, 6.0, 5.5]) == (5.5, 6.0)
    assert followup.minutes_summary([5.0, 6.0]) == (5.5, 6.0)
    assert followup.minutes_between(T0, at(5.5)) == pytest.approx(5.5)
    assert followup.minutes_between(None, T0) is None


@pytest.mark.parametrize(
    ("count", "manager", "visible"), [(0, True, True), (2, False, False), (3, False, True), (1, True, True)]
)
def test_survey_figures_show_to_managers_always_to_others_from_three_answers(count, manager, visible):
    assert followup.aggregates_visible(count, manager) is visible


@pytest.mark.parametrize(("nps", "low"), [(0, True), (6, True), (7, False), (10, False), (None, False)])
def test_a_score_of_six_or_less_is_low(nps, low):
    assert followup.is_low_score(nps) is low


def test_rates():
    assert followup.rate(11, 20) == pytest.approx(55.0)
    assert followup.rate(0, 0) is None
