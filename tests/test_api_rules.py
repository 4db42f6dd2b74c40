"""The REST API's rules of services/api.py, without Odoo or a database."""

import base64
import json
from datetime import datetime

import pytest
from hic_services import api


def test_the_cursor_round_trips_with_microseconds():
    moment = datetime(2026, 3, 2, 10, 0, 0, 123456)
    assert api.decode_cursor(api.encode_cursor(moment, 42)) == (moment, 42)
    assert api.decode_cursor(None) is None
    assert api.decode_cursor("") is None


@pytest.mark.parametrize("cursor", ["garbage", "e30", api.encode_cursor(datetime(2026, 1, 1), 1)[:-3] + "!!!"])
def test_a_forged_cursor_is_a_400(cursor):
    with pytest.raises(api.ApiError) as caught:
        api.decode_cursor(cursor)
    assert (caught.value.status, caught.value.code) == (400, "invalid_cursor")


def test_a_cursor_with_a_negative_or_boolean_id_is_refused():
    for record_id in (-1, True, "3"):
        raw = json.dumps(["2026-03-02T10:00:00.000000Z", record_id]).encode()
        with pytest.raises(api.ApiError):
            api.decode_cursor(base64.urlsafe_b64encode(raw).decode())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 50),
        ("", 50),
        ("1", 1),
        ("200", 200),
    ],
)
def test_limit(value, expected):
    assert api.parse_limit(value) == expected


@pytest.mark.parametrize("value", ["0", "201", "-3", "x", "1.5"])
def test_a_bad_limit_is_a_400(value):
    with pytest.raises(api.ApiError) as caught:
        api.parse_limit(value)
    assert caught.value.status == 400


def test_updated_since_is_rfc3339_in_utc():
    assert api.parse_datetime("2026-03-02T10:00:00Z") == datetime(2026, 3, 2, 10, 0)
    assert api.parse_datetime("2026-03-02T18:00:00+08:00") == datetime(2026, 3, 2, 10, 0)
    assert api.parse_datetime("2026-03-02T10:00:00.5") == datetime(2026, 3, 2, 10, 0, 0, 500000)
    with pytest.raises(api.ApiError):
        api.parse_datetime("yesterday")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 400),
        (b"{", 400),
        (b"[]", 422),
        (b'{"decision": "maybe"}', 422),
        (b'{"decision": "approved", "x": 1}', 422),
        (b'{"decision": "approved", "comment": 1}', 422),
        (b'{"decision": "approved", "decided_by": "  "}', 422),
        (b'{"decision": "approved", "decided_by": 3}', 422),
    ],
)
def test_bad_decision_bodies(body, status):
    with pytest.raises(api.ApiError) as caught:
        api.parse_decision(body)
    assert caught.value.status == status


def test_a_decision_body_is_trimmed():
    body = b'{"decision": "rejected", "comment": " Budget frozen ", "decided_by": " Wang Fang "}'
    assert api.parse_decision(body) == ("rejected", "Budget frozen", "Wang Fang")
    assert api.parse_decision(b'{"decision": "approved", "comment": null}') == ("approved", None, None)


def test_the_fingerprint_ignores_key_order_but_not_values():
    one = api.request_fingerprint("POST", "/x", {"decision": "approved", "comment": None})
    assert one == api.request_fingerprint("POST", "/x", {"comment": None, "decision": "approved"})
    assert one != api.request_fingerprint("POST", "/x", {"decision": "rejected", "comment": None})
    assert one != api.request_fingerprint("POST", "/y", {"decision": "approved", "comment": None})


def test_the_idempotency_key_is_required_and_bounded():
    assert api.parse_idempotency_key(" abc ") == "abc"
    for value in (None, "", "  ", "x" * 256, "a\nb"):
        with pytest.raises(api.ApiError):
            api.parse_idempotency_key(value)


def test_the_rate_limit_is_a_sliding_window_per_bucket():
    now = [1000.0]
    limiter = api.RateLimiter(clock=lambda: now[0])
    assert [limiter.hit("a", 2)[0] for __ in range(3)] == [True, True, False]
    assert limiter.hit("b", 2) == (True, 0), "another key has its own budget"
    allowed, retry_after = limiter.hit("a", 2)
    assert not allowed and retry_after == 60
    now[0] += 59.5
    assert not limiter.hit("a", 2)[0]
    now[0] += 1
    assert limiter.hit("a", 2)[0], "the first hits left the window"


def test_the_bucket_does_not_keep_the_key():
    assert "secret-key" not in api.key_bucket("Bearer secret-key")
    assert api.key_bucket("Bearer a") != api.key_bucket("Bearer b")
