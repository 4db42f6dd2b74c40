"""The OA push service without Odoo or a database: Standard Webhooks signing (against the
standard's own test vector), secrets, URLs, the payload bytes and the verdict after each attempt.

The test vector is the one of the Standard Webhooks reference libraries' tests
(github.com/standard-webhooks/standard-webhooks, libraries/*): secret
``whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw``, id ``msg_p5jXN8AQM9LWM0D4loKWxJek``, timestamp
1614265330, body ``{"test": 2432232314}``; also checked with OpenSSL:
``printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' | openssl dgst -sha256
-mac HMAC -macopt hexkey:$(printf MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 256)
-binary | base64``.
"""

import base64
import itertools
import json
import pathlib
from datetime import datetime, timedelta, timezone

import pytest
from hic_services import oa_push
from hic_services.oa_push import BadSignature

VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
VECTOR_TS = 1614265330
VECTOR_BODY = b'{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
SCHEMA = pathlib.Path(__file__).resolve().parent.parent / "docs" / "oa-push-v1.schema.json"


# ---------------------------------------------------------------------------------------------
# Signatures
# ---------------------------------------------------------------------------------------------


def test_the_standard_webhooks_test_vector_signs_as_documented():
    assert oa_push.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TS, VECTOR_BODY) == VECTOR_SIGNATURE


def test_the_reference_verification_accepts_the_test_vector_within_five_minutes():
    assert oa_push.verify(VECTOR_SECRET, VECTOR_ID, str(VECTOR_TS), VECTOR_BODY, VECTOR_SIGNATURE, now=VECTOR_TS + 299)


@pytest.mark.parametrize(
    "change",
    [
        {"body": b'{"test": 2432232315}'},
        {"msg_id": "msg_p5jXN8AQM9LWM0D4loKWxJeK"},
        {"timestamp": VECTOR_TS + 1},
        {"secret": "whsec_" + base64.b64encode(b"another secret of 24 bytes").decode()},
        {"header": "v2," + VECTOR_SIGNATURE[3:]},
        {"header": ""},
    ],
)
def test_any_change_breaks_the_signature(change):
    args = {
        "secret": VECTOR_SECRET,
        "msg_id": VECTOR_ID,
        "timestamp": VECTOR_TS,
        "body": VECTOR_BODY,
        "header": VECTOR_SIGNATURE,
    }
    args.update(change)
    with pytest.raises(BadSignature):
        oa_push.verify(**args, now=args["timestamp"])


def test_a_stale_or_future_timestamp_is_refused():
    for now in (VECTOR_TS + 301, VECTOR_TS - 301):
        with pytest.raises(BadSignature, match="tolerance"):
            oa_push.verify(VECTOR_SECRET, VECTOR_ID, VECTOR_TS, VECTOR_BODY, VECTOR_SIGNATURE, now=now)


def test_two_active_secrets_sign_twice_and_each_verifies_alone():
    new = oa_push.new_secret()
    header = oa_push.signature_header([new, VECTOR_SECRET], VECTOR_ID, VECTOR_TS, VECTOR_BODY)
    first, second = header.split(" ")
    assert second == VECTOR_SIGNATURE
    assert first == oa_push.sign(new, VECTOR_ID, VECTOR_TS, VECTOR_BODY)
    # the OA still on the old secret, and the OA already on the new one, both accept it
    assert oa_push.verify(VECTOR_SECRET, VECTOR_ID, VECTOR_TS, VECTOR_BODY, header, now=VECTOR_TS)
    assert oa_push.verify(new, VECTOR_ID, VECTOR_TS, VECTOR_BODY, header, now=VECTOR_TS)


def test_signing_without_a_secret_is_refused():
    with pytest.raises(ValueError):
        oa_push.signature_header([], VECTOR_ID, VECTOR_TS, VECTOR_BODY)


def test_the_headers_carry_the_same_id_as_idempotency_key():
    sent = oa_push.headers([VECTOR_SECRET], VECTOR_ID, VECTOR_TS, VECTOR_BODY)
    assert sent["webhook-id"] == sent["Idempotency-Key"] == VECTOR_ID
    assert sent["webhook-timestamp"] == str(VECTOR_TS)
    assert sent["webhook-signature"] == VECTOR_SIGNATURE
    assert sent["Content-Type"].startswith("application/json")


def test_new_secrets_are_whsec_base64_of_24_random_bytes():
    first, second = oa_push.new_secret(), oa_push.new_secret()
    assert first != second
    assert first.startswith("whsec_")
    assert len(oa_push.secret_key(first)) == 24


@pytest.mark.parametrize(
    "secret",
    ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not base64!", "whsec_" + base64.b64encode(b"short").decode(), ""],
)
def test_a_malformed_secret_is_refused_with_a_reason(secret):
    with pytest.raises(ValueError):
        oa_push.secret_key(secret)


def test_message_ids_are_unique_and_prefixed():
    ids = {oa_push.new_message_id() for _i in range(100)}
    assert len(ids) == 100
    assert all(i.startswith("msg_") for i in ids)


# ---------------------------------------------------------------------------------------------
# URLs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://oa.example.com/hooks/interviews", "http://127.0.0.1:8231/hook", "http://localhost/x", "http://[::1]:80/"],
)
def test_https_anywhere_and_http_to_loopback_are_accepted(url):
    assert oa_push.check_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://oa.example.com/hook",
        "http://10.0.0.5/hook",
        "ftp://oa.example.com/",
        "oa.example.com/hook",
        "https://user:pw@oa.example.com/",
        "",
        None,
    ],
)
def test_plain_http_across_a_network_and_odd_urls_are_refused(url):
    with pytest.raises(ValueError):
        oa_push.check_url(url)


# ---------------------------------------------------------------------------------------------
# Payload
# ---------------------------------------------------------------------------------------------


def test_the_body_bytes_are_stable_compact_utf8():
    doc = oa_push.envelope(oa_push.RESULT, "msg_1", datetime(2026, 3, 2, 10, 0, 5, 123), {"b": "李伟", "a": 1})
    body = oa_push.dumps(doc)
    assert body == oa_push.dumps(json.loads(body))
    assert "李伟".encode() in body
    assert b" " not in body
    assert json.loads(body)["timestamp"] == "2026-03-02T10:00:05Z"


def test_an_unknown_event_type_is_refused():
    with pytest.raises(ValueError):
        oa_push.envelope("session.deleted", "msg_1", datetime(2026, 3, 2), {})


def test_aware_datetimes_are_written_in_utc():
    aware = datetime(2026, 3, 2, 18, 0, tzinfo=timezone(timedelta(hours=8)))
    assert oa_push.iso_utc(aware) == "2026-03-02T10:00:00Z"
    assert oa_push.iso_utc(None) is None


def test_the_schema_file_declares_its_version_and_both_event_types():
    schema = json.loads(SCHEMA.read_text())
    assert schema["properties"]["schema_version"]["const"] == oa_push.SCHEMA_VERSION
    assert set(schema["properties"]["type"]["enum"]) == set(oa_push.EVENT_TYPES)


def test_an_example_result_validates_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for example in schema["examples"]:
        jsonschema.validate(example, schema)
    bad = dict(schema["examples"][0], schema_version="2")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


# ---------------------------------------------------------------------------------------------
# Backoff and verdicts
# ---------------------------------------------------------------------------------------------


def test_backoff_doubles_from_a_minute_up_to_six_hours():
    middle = [oa_push.backoff(n, rnd=lambda: 0.5) for n in range(1, 13)]
    assert middle[:4] == [60, 120, 240, 480]
    assert middle[-1] == oa_push.BACKOFF_CAP == 6 * 3600
    assert all(a <= b for a, b in itertools.pairwise(middle))


def test_backoff_jitter_stays_within_twenty_percent_and_under_the_cap():
    assert oa_push.backoff(1, rnd=lambda: 0.0) == pytest.approx(48)
    assert oa_push.backoff(1, rnd=lambda: 0.999999) == pytest.approx(72, rel=1e-4)
    assert oa_push.backoff(30, rnd=lambda: 0.999999) == oa_push.BACKOFF_CAP
    draws = {round(oa_push.backoff(3), 3) for _i in range(50)}
    assert len(draws) > 1, "jitter spreads the retries"
    assert all(192 <= d <= 288 for d in draws)


@pytest.mark.parametrize("status", [200, 201, 202, 204, 299])
def test_2xx_is_sent(status):
    assert oa_push.verdict(status, 1, 12).state == "sent"


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408, None])
def test_5xx_and_timeouts_retry_with_backoff(status):
    result = oa_push.verdict(status, 2, 12, error=TimeoutError("read timed out"), rnd=lambda: 0.5)
    assert (result.state, result.delay) == ("retry", 120)


def test_a_timeout_reason_names_the_error():
    assert oa_push.verdict(None, 1, 12, error=TimeoutError("read timed out")).reason == ("TimeoutError: read timed out")


def test_429_honours_retry_after_in_seconds_and_as_a_date():
    assert oa_push.verdict(429, 1, 12, retry_after="7").delay == 7
    now = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
    assert oa_push.verdict(429, 1, 12, retry_after="Mon, 02 Mar 2026 10:02:00 GMT", now=now).delay == 120
    assert oa_push.verdict(429, 1, 12, retry_after="999999").delay == oa_push.RETRY_AFTER_CAP
    assert oa_push.verdict(429, 3, 12, retry_after="soon", rnd=lambda: 0.5).delay == 240, "unreadable: backoff"


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_other_4xx_fail_without_retry(status):
    result = oa_push.verdict(status, 1, 12)
    assert (result.state, result.delay, result.reason) == ("failed", None, f"HTTP {status}")


def test_410_stops_the_endpoint():
    assert oa_push.verdict(410, 1, 12).state == "gone"


def test_the_last_attempt_makes_it_dead():
    assert oa_push.verdict(503, 11, 12).state == "retry"
    dead = oa_push.verdict(503, 12, 12)
    assert dead.state == "dead"
    assert "12 of 12" in dead.reason
    assert oa_push.verdict(200, 12, 12).state == "sent"


def test_errors_are_one_bounded_line():
    text = oa_push.short_error(OSError("connection\nrefused " + "x" * 1000))
    assert "\n" not in text
    assert len(text) == oa_push.MAX_ERROR_LENGTH
