"""The talent pool's consent and retention rules, without a database."""

from datetime import date, datetime, timedelta

from hic_services import talent_pool

NOW = datetime(2026, 3, 2, 10, 0)


def test_a_consent_lasts_the_company_months_or_24():
    assert talent_pool.consent_expiry(date(2026, 3, 2), 24) == date(2028, 3, 2)
    assert talent_pool.consent_expiry(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert talent_pool.consent_expiry(date(2026, 3, 2), 0) == date(2028, 3, 2)


def test_decisions_follow_the_states():
    assert talent_pool.decide("requested", "accept") == "given"
    assert talent_pool.decide("requested", "decline") == "declined"
    assert talent_pool.decide("expired", "accept") == "given"
    assert talent_pool.decide("given", "withdraw") == "withdrawn"
    # nothing else: a used or withdrawn consent is not decided again from an old link
    for state in ("given", "declined", "withdrawn"):
        assert talent_pool.decide(state, "accept") is None
        assert talent_pool.decide(state, "decline") is None
    assert talent_pool.decide("requested", "withdraw") is None
    assert talent_pool.decide("requested", "anything") is None


def test_a_request_link_answers_once_before_it_expires():
    expires = talent_pool.request_expiry(NOW)
    assert expires == NOW + timedelta(days=30)
    assert talent_pool.request_open(NOW + timedelta(days=29), expires, None)
    assert not talent_pool.request_open(expires, expires, None)
    assert not talent_pool.request_open(NOW, expires, NOW)
    assert not talent_pool.request_open(NOW, None, None)


def test_the_user_agent_is_printable_and_bounded():
    assert talent_pool.clean_user_agent("Mozilla/5.0\n\x00<x>") == "Mozilla/5.0<x>"
    assert len(talent_pool.clean_user_agent("a" * 1000)) == talent_pool.MAX_USER_AGENT
    assert talent_pool.clean_user_agent(None) == ""


def test_tokens_are_unguessable_and_compared_whole():
    token = talent_pool.new_token()
    assert talent_pool.token_well_formed(token)
    assert talent_pool.token_matches(token, token)
    assert not talent_pool.token_matches(token, token[:-1] + "x")
    assert not talent_pool.token_matches(False, token)
