"""The Zoom and Tencent Meeting protocol services, without Odoo or a database.

Known answers come from outside this code: Tencent Meeting's own signature example (its
documentation, "签名校验"), and for Zoom and AES values computed with OpenSSL's command line
(`openssl dgst -sha256 -hmac`, `openssl enc -aes-256-cbc -K ... -iv ...`), written down here.
"""

import base64
import json
from datetime import datetime, timedelta

import pytest
from hic_services import tencent_meeting, video_events, zoom
from hic_services.video_events import BadSignature, MalformedDelivery

# ---------------------------------------------------------------------------------------------
# Zoom
# ---------------------------------------------------------------------------------------------

ZOOM_SECRET = "Vfq4dvH7QUGk8pX7Tq2c9A"
ZOOM_TS = "1772445600"
ZOOM_BODY = (
    b'{"event":"meeting.started","event_ts":1772445600123,"payload":{"account_id":"AAAAAABBBB",'
    b'"object":{"uuid":"4444AAAiAAAAAiAiAiiAii==","id":81234567890,"host_id":"x1yCzABCDEfg",'
    b'"topic":"Interview","type":2,"start_time":"2026-03-02T10:02:00Z","timezone":"Asia/Shanghai",'
    b'"duration":40}}}'
)
# printf '%s' "v0:1772445600:$BODY" | openssl dgst -sha256 -hmac Vfq4dvH7QUGk8pX7Tq2c9A
ZOOM_SIGNATURE = "v0=0f2583ebbf7a0bf3ad7f9adcd0d4b8379f2124996866944c1d11a947a2adb14a"
# printf '%s' qgg8vlvZRS6UYooatFL8Aw | openssl dgst -sha256 -hmac Vfq4dvH7QUGk8pX7Tq2c9A
ZOOM_PLAIN_TOKEN = "qgg8vlvZRS6UYooatFL8Aw"
ZOOM_ENCRYPTED_TOKEN = "37305baa3fce73c4f6709de12d139da4c14a0e8b5b45ff413d53ae1737ef8616"
NOW = 1772445600.0


def test_zoom_signature_matches_the_known_answer():
    assert zoom.sign(ZOOM_SECRET, ZOOM_TS, ZOOM_BODY) == ZOOM_SIGNATURE
    zoom.verify(ZOOM_SECRET, ZOOM_SIGNATURE, ZOOM_TS, ZOOM_BODY, now=NOW)


def test_zoom_signature_is_over_the_raw_bytes_not_the_reserialised_json():
    reserialised = json.dumps(json.loads(ZOOM_BODY)).encode()  # spaces after separators
    assert reserialised != ZOOM_BODY
    with pytest.raises(BadSignature, match="mismatch"):
        zoom.verify(ZOOM_SECRET, ZOOM_SIGNATURE, ZOOM_TS, reserialised, now=NOW)


@pytest.mark.parametrize(
    ("secret", "signature", "timestamp", "body", "reason"),
    [
        (ZOOM_SECRET, ZOOM_SIGNATURE, ZOOM_TS, ZOOM_BODY + b" ", "mismatch"),
        ("another secret", ZOOM_SIGNATURE, ZOOM_TS, ZOOM_BODY, "mismatch"),
        (ZOOM_SECRET, ZOOM_SIGNATURE, "1772445601", ZOOM_BODY, "mismatch"),
        (ZOOM_SECRET, ZOOM_SIGNATURE.upper(), ZOOM_TS, ZOOM_BODY, "mismatch"),
        (ZOOM_SECRET, ZOOM_SIGNATURE[:-1], ZOOM_TS, ZOOM_BODY, "mismatch"),
        (ZOOM_SECRET, "v0=☃", ZOOM_TS, ZOOM_BODY, "mismatch"),
        (ZOOM_SECRET, None, ZOOM_TS, ZOOM_BODY, "missing signature"),
        (ZOOM_SECRET, "", ZOOM_TS, ZOOM_BODY, "missing signature"),
        (ZOOM_SECRET, ZOOM_SIGNATURE, None, ZOOM_BODY, "missing timestamp"),
        (ZOOM_SECRET, ZOOM_SIGNATURE, "yesterday", ZOOM_BODY, "not a number"),
        ("", ZOOM_SIGNATURE, ZOOM_TS, ZOOM_BODY, "no secret"),
    ],
)
def test_zoom_refuses_a_bad_or_missing_signature(secret, signature, timestamp, body, reason):
    with pytest.raises(BadSignature, match=reason) as caught:
        zoom.verify(secret, signature, timestamp, body, now=NOW)
    assert caught.value.status == 401


@pytest.mark.parametrize(("offset", "fresh"), [(-301, False), (-300, True), (0, True), (300, True), (301, False)])
def test_zoom_timestamp_tolerance_is_five_minutes_both_ways(offset, fresh):
    timestamp = str(int(NOW) + offset)
    signature = zoom.sign(ZOOM_SECRET, timestamp, ZOOM_BODY)
    if fresh:
        zoom.verify(ZOOM_SECRET, signature, timestamp, ZOOM_BODY, now=NOW)
    else:
        with pytest.raises(BadSignature, match="stale"):
            zoom.verify(ZOOM_SECRET, signature, timestamp, ZOOM_BODY, now=NOW)


def test_zoom_url_validation_answer_matches_the_known_answer():
    assert zoom.url_validation_answer(ZOOM_SECRET, ZOOM_PLAIN_TOKEN) == {
        "plainToken": ZOOM_PLAIN_TOKEN,
        "encryptedToken": ZOOM_ENCRYPTED_TOKEN,
    }
    with pytest.raises(MalformedDelivery):
        zoom.url_validation_answer(ZOOM_SECRET, None)


def test_zoom_meeting_started_is_normalised():
    event = zoom.normalize(zoom.parse(ZOOM_BODY), ZOOM_BODY)
    assert event.provider == "zoom"
    assert event.kind == "started"
    assert event.meeting_code == "81234567890"
    assert event.meeting_id == "4444AAAiAAAAAiAiAiiAii=="
    assert event.start == datetime(2026, 3, 2, 10, 2)
    assert event.end is None
    assert event.event_time == datetime(2026, 3, 2, 10, 0)
    assert event.delivery_key == "zoom:meeting.started:4444AAAiAAAAAiAiAiiAii==:1772445600123"
    assert event.reference_time == datetime(2026, 3, 2, 10, 2)


def zoom_body(event, **obj):
    return json.dumps(
        {
            "event": event,
            "event_ts": 1772448000000,
            "download_token": "secret-download-token",
            "payload": {"account_id": "A", "object": {"uuid": "u-1==", "id": "812 3456 7890", **obj}},
        }
    ).encode()


def test_zoom_meeting_ended_carries_the_real_start_and_end_and_ignores_the_scheduled_duration():
    body = zoom_body("meeting.ended", start_time="2026-03-02T10:02:00Z", end_time="2026-03-02T10:51:30Z", duration=0)
    event = zoom.normalize(zoom.parse(body), body)
    assert (event.kind, event.start, event.end) == (
        "ended",
        datetime(2026, 3, 2, 10, 2),
        datetime(2026, 3, 2, 10, 51, 30),
    )
    assert event.meeting_code == "81234567890"


def test_zoom_recording_keeps_the_links_but_never_the_download_token():
    body = zoom_body(
        "recording.completed",
        start_time="2026-03-02T10:02:00Z",
        share_url="https://zoom.us/rec/share/abc",
        recording_files=[
            {
                "id": "f1",
                "file_type": "MP4",
                "recording_type": "shared_screen_with_speaker_view",
                "play_url": "https://zoom.us/rec/play/f1",
                "download_url": "https://zoom.us/rec/download/f1",
                "status": "completed",
            },
            {"id": "f2", "file_type": "M4A", "play_url": "https://zoom.us/rec/play/f2"},
        ],
    )
    event = zoom.normalize(zoom.parse(body), body)
    assert event.kind == "recording"
    assert event.recording_url == "https://zoom.us/rec/share/abc"
    assert [f["play_url"] for f in event.recording_files] == [
        "https://zoom.us/rec/play/f1",
        "https://zoom.us/rec/play/f2",
    ]
    assert "secret-download-token" not in json.dumps(event.recording_data())
    assert "download" not in json.dumps(event.recording_data())


def test_zoom_events_the_add_on_does_not_use_are_ignored():
    body = zoom_body("meeting.participant_joined", participant={"user_name": "Ada"})
    assert zoom.normalize(zoom.parse(body), body) is None


def test_zoom_delivery_key_falls_back_to_the_body_digest_and_is_stable_across_retries():
    body = json.dumps({"event": "meeting.started", "payload": {"object": {"id": 812345678}}}).encode()
    first = zoom.normalize(zoom.parse(body), body)
    again = zoom.normalize(zoom.parse(body), body)
    assert first.delivery_key == again.delivery_key
    assert first.delivery_key.startswith("zoom:meeting.started:")


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'{"payload": {}}',
        b'{"event": 3}',
        b'{"event": "meeting.started", "payload": []}',
    ],
)
def test_zoom_malformed_bodies_are_refused(body):
    with pytest.raises(MalformedDelivery) as caught:
        zoom.parse(body)
    assert caught.value.status == 400


@pytest.mark.parametrize(
    "payload",
    [{}, {"object": "x"}, {"object": {"uuid": "u"}}, {"object": {"id": "abc"}}],
)
def test_zoom_used_events_without_a_meeting_are_malformed(payload):
    body = json.dumps({"event": "meeting.ended", "payload": payload}).encode()
    with pytest.raises(MalformedDelivery):
        zoom.normalize(zoom.parse(body), body)


def test_zoom_bad_dates_are_malformed():
    body = zoom_body("meeting.ended", start_time="yesterday", end_time="2026-03-02T10:51:30Z")
    with pytest.raises(MalformedDelivery, match="not a date"):
        zoom.normalize(zoom.parse(body), body)


# ---------------------------------------------------------------------------------------------
# Tencent Meeting
# ---------------------------------------------------------------------------------------------

# Tencent Meeting's documented example ("签名校验" / signature check).
TENCENT_TOKEN = "bVPU6F8Htxl5XkAbp3jGV2xWp"
TENCENT_TS = "1609239040864"  # milliseconds, as in the documentation
TENCENT_NONCE = "14964161"
TENCENT_DATA = (
    "eyJldmVudCI6Im1lZXRpbmcuY3JlYXRlZCIsInVuaXF1ZV9zZXF1ZW5jZSI6ImYyMDA5NmVlLThhYzgtNGRmMi1hN2RlLTA1NzQ2"
    "NDlmMjExYiIsInBheWxvYWQiOlt7Im9wZXJhdGVfdGltZSI6IjIwMjAtMTItMjkgMTc6NDE6MDYiLCJvcGVyYXRvciI6eyJ1c2Vy"
    "aWQiOiJ0ZXN0ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJ9LCJtZWV0aW5nX2luZm8iOnsibWVldGluZ19pZCI6"
    "IjYwNTg4OTAzODU0ODA5MjEwNTIiLCJtZWV0aW5nX2NvZGUiOiI1MzA4MTI0NTIiLCJzdWJqZWN0IjoibWVkaWEgdGVzdGVyIG1l"
    "ZXRpbmciLCJjcmVhdG9yX2lkIjoidGVzdGVyMDAwMDZiYTViYWIzMzk4NThjMTNjOTMwY2NhOTU2ODQiLCJob3N0cyI6WyJ0ZXN0"
    "ZXIwMDAwNmJhNWJhYjMzOTg1OGMxM2M5MzBjY2E5NTY4NCJdLCJtZWV0aW5nX3R5cGUiOjAsInN0YXJ0X3RpbWUiOiIyMDIwLTEy"
    "LTI5IDE3OjQxOjA0IiwiZW5kX3RpbWUiOiIyMDIwLTEyLTI5IDE4OjAxOjA0In19XX0"
)
TENCENT_SIGNATURE = "b11e507817336a91d7df0c8536ee2aca18bbbae8"
TENCENT_NOW = 1609239040.864

# EncodingAESKey of the 32 bytes 00..1f; the ciphertexts come from
# openssl enc -aes-256-cbc -K 000102...1f -iv 000102...0f -base64
AES_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"
AES_KNOWN = {
    b"hello tencent": "77WK2Dq+XmGmAHWP86tOIQ==",
    b'{"event":"meeting.started","trace_id":"t-1"}': "IIMrPKsNAhDTxse+vTz1Iazoy5k1G5RQ2L7yP0fMiFTx5Jzz1Clk4ixKzh1U8hDJ",
}


def test_tencent_signature_matches_the_documented_example():
    assert tencent_meeting.sign(TENCENT_TOKEN, TENCENT_TS, TENCENT_NONCE, TENCENT_DATA) == TENCENT_SIGNATURE
    tencent_meeting.verify(TENCENT_TOKEN, TENCENT_TS, TENCENT_NONCE, TENCENT_DATA, TENCENT_SIGNATURE, now=TENCENT_NOW)


def test_tencent_signature_sorts_by_plain_character_order():
    # digits sort before upper case, upper case before lower case: sorted() as is, no casefolding
    assert tencent_meeting.sign("b", "1", "A", "a") == tencent_meeting.sign("a", "A", "1", "b")
    joined = "".join(sorted(["token", "Zed", "123", "abc"]))
    assert joined == "123Zedabctoken"


@pytest.mark.parametrize(
    ("token", "timestamp", "nonce", "data", "signature", "reason"),
    [
        ("another token 25 chars...", TENCENT_TS, TENCENT_NONCE, TENCENT_DATA, TENCENT_SIGNATURE, "mismatch"),
        (TENCENT_TOKEN, TENCENT_TS, "14964162", TENCENT_DATA, TENCENT_SIGNATURE, "mismatch"),
        (TENCENT_TOKEN, TENCENT_TS, TENCENT_NONCE, TENCENT_DATA + "x", TENCENT_SIGNATURE, "mismatch"),
        (TENCENT_TOKEN, TENCENT_TS, TENCENT_NONCE, TENCENT_DATA, None, "missing"),
        (TENCENT_TOKEN, TENCENT_TS, None, TENCENT_DATA, TENCENT_SIGNATURE, "missing"),
        (TENCENT_TOKEN, None, TENCENT_NONCE, TENCENT_DATA, TENCENT_SIGNATURE, "missing timestamp"),
        ("", TENCENT_TS, TENCENT_NONCE, TENCENT_DATA, TENCENT_SIGNATURE, "no token"),
    ],
)
def test_tencent_refuses_a_bad_or_missing_signature(token, timestamp, nonce, data, signature, reason):
    with pytest.raises(BadSignature, match=reason):
        tencent_meeting.verify(token, timestamp, nonce, data, signature, now=TENCENT_NOW)


def test_tencent_signature_accepts_upper_case_hex():
    tencent_meeting.verify(
        TENCENT_TOKEN, TENCENT_TS, TENCENT_NONCE, TENCENT_DATA, TENCENT_SIGNATURE.upper(), now=TENCENT_NOW
    )


@pytest.mark.parametrize(
    ("timestamp", "now", "fresh"),
    [
        ("1609239040864", 1609239040.864, True),  # milliseconds, as in the documentation
        ("1609239040", 1609239040.0, True),  # seconds, as in other material
        ("1609239040864", 1609239040.864 + 300, True),
        ("1609239040864", 1609239040.864 + 301, False),
        ("1609239040", 1609239040.0 - 301, False),  # from the future
        ("1609239040864", 1609239040.864 + 86400, False),
    ],
)
def test_tencent_timestamp_may_be_seconds_or_milliseconds_within_five_minutes(timestamp, now, fresh):
    signature = tencent_meeting.sign(TENCENT_TOKEN, timestamp, TENCENT_NONCE, TENCENT_DATA)
    if fresh:
        tencent_meeting.verify(TENCENT_TOKEN, timestamp, TENCENT_NONCE, TENCENT_DATA, signature, now=now)
    else:
        with pytest.raises(BadSignature, match="stale"):
            tencent_meeting.verify(TENCENT_TOKEN, timestamp, TENCENT_NONCE, TENCENT_DATA, signature, now=now)


def test_tencent_documented_data_decodes_although_unpadded():
    assert len(TENCENT_DATA) % 4  # the documentation's sample lacks its base64 padding
    message = json.loads(tencent_meeting.decode_data(TENCENT_DATA))
    assert message["event"] == "meeting.created"
    assert message["payload"][0]["meeting_info"]["meeting_code"] == "530812452"


def test_tencent_aes_key_is_the_base64_of_the_encoding_aes_key_plus_padding():
    assert tencent_meeting.aes_key(AES_KEY) == bytes(range(32))
    for bad in ("", "short", AES_KEY + "A", AES_KEY[:-1] + "*"):
        with pytest.raises(ValueError):
            tencent_meeting.aes_key(bad)


@pytest.mark.parametrize(("plain", "cipher_b64"), list(AES_KNOWN.items()))
def test_tencent_aes_matches_openssl(plain, cipher_b64):
    key = tencent_meeting.aes_key(AES_KEY)
    assert base64.b64encode(tencent_meeting.encrypt(plain, key)).decode() == cipher_b64
    assert tencent_meeting.decode_data(cipher_b64, AES_KEY) == plain


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 31, 32, 1000])
def test_tencent_aes_round_trip_with_pkcs7_padding(size):
    plain = bytes((i * 7) % 256 for i in range(size))
    encoded = tencent_meeting.encode_data(plain, AES_KEY)
    assert len(base64.b64decode(encoded)) == (size // 16 + 1) * 16  # PKCS#7 always pads
    assert tencent_meeting.decode_data(encoded, AES_KEY) == plain


def test_tencent_aes_with_a_wrong_key_or_truncated_data_is_malformed():
    encoded = tencent_meeting.encode_data(b'{"event":"meeting.started"}', AES_KEY)
    other_key = base64.b64encode(bytes(range(1, 33))).decode()[:43]
    with pytest.raises(MalformedDelivery):
        tencent_meeting.decode_data(encoded, other_key)
    truncated = base64.b64encode(base64.b64decode(encoded)[:-3]).decode()
    with pytest.raises(MalformedDelivery, match="blocks"):
        tencent_meeting.decode_data(truncated, AES_KEY)
    with pytest.raises(MalformedDelivery, match="base64"):
        tencent_meeting.decode_data("***", None)


def tencent_plain(event, *, trace="trace-1", operate_time=1772445720000, **info):
    meeting_info = {"meeting_id": "6058890385480921052", "meeting_code": "530812452", "subject": "Interview"}
    meeting_info.update(info)
    return json.dumps(
        {
            "event": event,
            "trace_id": trace,
            "payload": [{"operate_time": operate_time, "operator": {"userid": "x"}, "meeting_info": meeting_info}],
        }
    ).encode()


def test_tencent_meeting_started_takes_its_time_from_operate_time():
    plain = tencent_plain("meeting.started", start_time=1772445600, end_time=1772448000)
    (event,) = tencent_meeting.normalize(plain)
    assert event.kind == "started"
    assert event.start == datetime(2026, 3, 2, 10, 2)  # operate_time (ms)
    assert event.scheduled_start == datetime(2026, 3, 2, 10, 0)  # meeting_info.start_time (s)
    assert (event.meeting_code, event.meeting_id) == ("530812452", "6058890385480921052")
    assert event.delivery_key == "tencent:trace-1:0"


def test_tencent_meeting_end_may_repeat_under_distinct_deliveries():
    first = tencent_meeting.normalize(tencent_plain("meeting.end", trace="a", meeting_end_type=0))[0]
    again = tencent_meeting.normalize(
        tencent_plain("meeting.end", trace="b", operate_time=1772445780000, meeting_end_type=1)
    )[0]
    assert first.kind == again.kind == "ended"
    assert first.delivery_key != again.delivery_key
    assert (first.end, again.end) == (datetime(2026, 3, 2, 10, 2), datetime(2026, 3, 2, 10, 3))
    assert (first.end_type, again.end_type) == (0, 1)


def test_tencent_older_samples_use_unique_sequence_and_china_time_strings():
    plain = json.dumps(
        {
            "event": "meeting.started",
            "unique_sequence": "f20096ee",
            "payload": [
                {
                    "operate_time": "2020-12-29 17:41:06",
                    "meeting_info": {"meeting_code": "530812452", "start_time": "2020-12-29 17:41:04"},
                }
            ],
        }
    ).encode()
    (event,) = tencent_meeting.normalize(plain)
    assert event.delivery_key == "tencent:f20096ee:0"
    assert event.start == datetime(2020, 12, 29, 9, 41, 6)  # 17:41:06 in China is 09:41:06 UTC


def test_tencent_recording_completed_keeps_the_record_file_ids():
    plain = json.dumps(
        {
            "event": "recording.completed",
            "trace_id": "rec-1",
            "payload": [
                {
                    "operate_time": 1772448000000,
                    "meeting_info": {"meeting_code": "530812452", "meeting_id": "605889"},
                    "recording_files": [{"record_file_id": "1400001"}, {"record_file_id": "1400002"}],
                }
            ],
        }
    ).encode()
    (event,) = tencent_meeting.normalize(plain)
    assert event.kind == "recording"
    assert event.record_file_ids == ("1400001", "1400002")
    assert event.recording_data()["record_file_ids"] == ["1400001", "1400002"]


def test_tencent_unused_events_give_nothing_and_several_payload_items_several_events():
    # the documented sample is a meeting.created: not used by the add-on
    assert tencent_meeting.normalize(tencent_meeting.decode_data(TENCENT_DATA)) == []
    plain = json.loads(tencent_plain("meeting.started"))
    plain["payload"].append(dict(plain["payload"][0], operate_time=1772445780000))
    events = tencent_meeting.normalize(json.dumps(plain).encode())
    assert [e.delivery_key for e in events] == ["tencent:trace-1:0", "tencent:trace-1:1"]


@pytest.mark.parametrize(
    "plain",
    [
        b"nope",
        b"{}",
        b'{"event": "meeting.started"}',
        b'{"event": "meeting.started", "payload": []}',
        b'{"event": "meeting.started", "payload": [{"operate_time": 1}]}',
        b'{"event": "meeting.started", "payload": [{"meeting_info": {"subject": "no code"}}]}',
    ],
)
def test_tencent_malformed_events_are_refused(plain):
    with pytest.raises(MalformedDelivery):
        tencent_meeting.normalize(plain)


@pytest.mark.parametrize("body", [b"", b"nope", b"[]", b'{"data": ""}', b'{"data": 3}', b'{"other": "x"}'])
def test_tencent_post_body_without_data_is_malformed(body):
    with pytest.raises(MalformedDelivery):
        tencent_meeting.body_data(body)


# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("123 456 789", "123456789"),
        ("123-456-7890", "1234567890"),
        (" 812 3456 7890 ", "81234567890"),
        ("123\u00a0456\u00a0789", "123456789"),
        ("", None),
        ("   ", None),
        (None, None),
        (False, None),  # the web client sends false for an empty field
    ],
)
def test_meeting_codes_are_normalised_to_digits(value, expected):
    assert video_events.normalize_meeting_code(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("1234 5678 9012", "123456789012"), ("", None), (None, None), (False, None)]
)
def test_tencent_long_ids_are_normalised_to_digits(value, expected):
    assert video_events.normalize_meeting_id(value) == expected


@pytest.mark.parametrize("value", ["12345678", "123456789012", "123 456 78a", "https://zoom.us/j/123456789"])
def test_meeting_codes_that_are_not_9_to_11_digits_are_refused(value):
    with pytest.raises(ValueError):
        video_events.normalize_meeting_code(value)


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("https://example.zoom.us/j/81234567890?pwd=demo", "81234567890"),
        ("https://zoom.us/j/123456789", "123456789"),
        ("https://us02web.zoom.us/w/9876543210?tk=x", "9876543210"),
        ("https://acme.zoom.com.cn/j/123456789#success", "123456789"),
        ("https://zoom.us/wc/join/123456789", "123456789"),
        ("https://zoom.us/my/ada.lovelace", None),
        ("https://notzoom.us/j/123456789", None),
        ("https://zoom.us.evil.example/j/123456789", None),
        ("https://meeting.tencent.com/dm/AbCdEf12345", None),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_zoom_meeting_number_is_read_from_a_zoom_link_only(url, number):
    assert video_events.zoom_meeting_number(url) == number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1772445600, datetime(2026, 3, 2, 10, 0)),
        (1772445600123, datetime(2026, 3, 2, 10, 0)),
        ("1772445600", datetime(2026, 3, 2, 10, 0)),
        (None, None),
        (0, None),
    ],
)
def test_epochs_in_seconds_or_milliseconds(value, expected):
    assert video_events.epoch_to_utc(value) == expected


def test_iso_dates_with_offsets_become_naive_utc():
    assert video_events.parse_iso_utc("2026-03-02T18:00:00+08:00") == datetime(2026, 3, 2, 10, 0)
    assert video_events.parse_iso_utc("2026-03-02T10:00:00Z") == datetime(2026, 3, 2, 10, 0)
    with pytest.raises(MalformedDelivery):
        video_events.parse_iso_utc(12)


# ---------------------------------------------------------------------------------------------
# Signed but unusable input: refused as malformed (400), never a crash (500)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "obj",
    [
        {"start_time": "9999-12-31T23:59:59-23:59"},
        {"start_time": "0001-01-01T00:00:00+14:00"},
        {"start_time": "1800-01-01T00:00:00Z"},
        {"start_time": "2026-03-02T10:02:00Z", "end_time": "9999-12-31T23:59:59-23:59"},
    ],
)
def test_zoom_times_out_of_range_are_malformed(obj):
    body = zoom_body("meeting.ended", **obj)
    with pytest.raises(MalformedDelivery, match="out of range"):
        zoom.normalize(zoom.parse(body), body)


@pytest.mark.parametrize("event_ts", [10**400, 1e300, "9" * 16], ids=["huge-int", "huge-float", "16-digits"])
def test_zoom_event_times_out_of_range_are_malformed(event_ts):
    body = json.dumps(
        {"event": "meeting.started", "event_ts": event_ts, "payload": {"object": {"uuid": "u", "id": 812345678}}}
    ).encode()
    with pytest.raises(MalformedDelivery):
        zoom.normalize(zoom.parse(body), body)


@pytest.mark.parametrize("operate_time", ["0001-01-01 00:00:00", "9999-12-31 23:59:59", 253402300800000, -5])
def test_tencent_times_out_of_range_are_malformed(operate_time):
    with pytest.raises(MalformedDelivery):
        tencent_meeting.normalize(tencent_plain("meeting.started", operate_time=operate_time))


def deep(depth):
    return b"[" * depth + b"]" * depth


def test_deeply_nested_json_is_malformed_not_a_crash():
    for parse in (zoom.parse, tencent_meeting.normalize, tencent_meeting.body_data):
        with pytest.raises(MalformedDelivery):
            parse(deep(100_000))
    nested = b'{"event": "meeting.started", "payload": {"object": ' + deep(100_000) + b"}}"
    with pytest.raises(MalformedDelivery):
        zoom.parse(nested)


def test_oversized_meeting_numbers_and_occurrence_ids_are_malformed():
    for obj in ({"id": "9" * 5000}, {"uuid": "u" * 5000}):
        body = json.dumps({"event": "meeting.started", "payload": {"object": {"uuid": "u", "id": 812345678, **obj}}})
        with pytest.raises(MalformedDelivery):
            zoom.normalize(zoom.parse(body.encode()), body.encode())
    with pytest.raises(MalformedDelivery):
        tencent_meeting.normalize(tencent_plain("meeting.started", meeting_code="5" * 5000))


def test_tencent_end_type_outside_the_documented_values_is_dropped():
    (event,) = tencent_meeting.normalize(tencent_plain("meeting.end", meeting_end_type=10**30))
    assert event.end_type is None


# ---------------------------------------------------------------------------------------------
# Tencent: the signed ``data`` is taken from the body without parsing it
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "data"),
    [
        (b'{"data":"eyJhIjoxfQ=="}', "eyJhIjoxfQ=="),
        (b'{ "data" : "ab+/cd_-" }\n', "ab+/cd_-"),
        (b'{"data": "ab\\/cd"}', "ab/cd"),  # a JSON encoder that escapes "/"
    ],
)
def test_tencent_body_data_is_taken_from_the_documented_shape(body, data):
    assert tencent_meeting.body_data(body) == data


@pytest.mark.parametrize(
    "body",
    [
        b'{"data": "abc", "other": 1}',
        b'{"other": "x", "data": "abc"}',
        b'{"data": ["abc"]}',
        b'{"data": "a\\u0062c"}',
        b'{"data": "ab c"}',
        b'{"data": "abc"} {"data": "abc"}',
        b'{"data": "' + b"A" * 100 + b"",
    ],
    ids=lambda body: body[:40].decode(),
)
def test_tencent_body_of_another_shape_is_malformed(body):
    with pytest.raises(MalformedDelivery, match="documented shape"):
        tencent_meeting.body_data(body)


def test_tencent_headers_are_checked_before_the_body_is_looked_at():
    with pytest.raises(BadSignature, match="missing"):
        tencent_meeting.verify_headers(TENCENT_TOKEN, TENCENT_TS, TENCENT_NONCE, None, now=TENCENT_NOW)
    with pytest.raises(BadSignature, match="stale"):
        tencent_meeting.verify_headers(TENCENT_TOKEN, "1609239000", TENCENT_NONCE, "x", now=TENCENT_NOW + 3600)
    tencent_meeting.verify_headers(TENCENT_TOKEN, TENCENT_TS, TENCENT_NONCE, TENCENT_SIGNATURE, now=TENCENT_NOW)


# ---------------------------------------------------------------------------------------------
# Recordings: https links only, bounded lists
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://zoom.us/rec/share/abc", True),
        ("HTTPS://acme.zoom.us/rec/play/1", True),
        ("http://127.0.0.1:8069/rec/1", True),  # loopback, for local tests
        ("http://localhost/rec/1", True),
        ("http://zoom.us/rec/share/abc", False),
        ("javascript:alert(document.cookie)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("ftp://zoom.us/rec", False),
        ("https://zoom.us/rec/\nplay", False),
        ("https://" + "a" * 3000 + ".example/", False),  # longer than a URL attachment takes
        ("", False),
        (None, False),
        (["https://zoom.us"], False),
    ],
    ids=lambda value: str(value)[:40] if not isinstance(value, bool) else None,
)
def test_only_https_recording_links_are_kept(url, kept):
    assert video_events.safe_url(url) == (url if kept else None)
    body = zoom_body(
        "recording.completed", start_time="2026-03-02T10:02:00Z", share_url=url, recording_files=[{"play_url": url}]
    )
    event = zoom.normalize(zoom.parse(body), body)
    assert event.recording_url == (url if kept else None)
    assert event.recording_files[0]["play_url"] == (url if kept else "")


def test_recording_lists_are_capped():
    files = [{"id": f"f{i}", "play_url": f"https://zoom.us/rec/play/{i}"} for i in range(5000)]
    body = zoom_body("recording.completed", start_time="2026-03-02T10:02:00Z", recording_files=files)
    event = zoom.normalize(zoom.parse(body), body)
    assert len(event.recording_files) == video_events.MAX_RECORDING_FILES == 50
    assert event.recording_files[-1]["id"] == "f49"
    assert event.recording_data()["files_omitted"] == 4950
    plain = json.dumps(
        {
            "event": "recording.completed",
            "trace_id": "many",
            "payload": [
                {
                    "operate_time": 1772448000000,
                    "meeting_info": {"meeting_code": "530812452"},
                    "recording_files": [{"record_file_id": str(1400000 + i)} for i in range(5000)],
                }
            ],
        }
    ).encode()
    (tencent_event,) = tencent_meeting.normalize(plain)
    assert len(tencent_event.record_file_ids) == 50
    assert tencent_event.recording_data()["files_omitted"] == 4950


# ---------------------------------------------------------------------------------------------
# Which interview an event reaches
# ---------------------------------------------------------------------------------------------

MEETING_TIME = datetime(2026, 3, 2, 10, 5)


def candidate(key, minutes_after_ten, organizer="olga", trusted=True):
    planned = datetime(2026, 3, 2, 10, 0) + timedelta(minutes=minutes_after_ten)
    return video_events.Candidate(key=key, planned_start=planned, organizer=organizer, trusted=trusted)


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        ([], (None, (None, []))),
        ([candidate("olga", 0)], ("olga", None)),
        # one organiser's personal meeting room, morning and afternoon: the nearest
        ([candidate("morning", 0), candidate("afternoon", 240)], ("morning", None)),
        # an untrusted copy of the code and time is not even considered
        ([candidate("olga", 0), candidate("copy", 0, "mallory", trusted=False)], ("olga", None)),
        ([candidate("copy", 5, "mallory", trusted=False)], (None, (video_events.UNTRUSTED, ["copy"]))),
        # two trusted organisers with one code: one copied it, nobody gets the event
        (
            [candidate("olga", 0), candidate("copy", 5, "mallory")],
            (None, (video_events.SEVERAL_ORGANIZERS, ["olga", "copy"])),
        ),
        # equally near (five minutes each side): nobody, never the newest
        ([candidate("first", 0), candidate("second", 10)], (None, (video_events.TIE, ["first", "second"]))),
        ([candidate("olga", 13 * 60)], (None, (None, []))),  # beyond the 12 hours
    ],
    ids=["none", "one", "nearest", "untrusted-ignored", "untrusted-only", "two-organizers", "tie", "too-far"],
)
def test_an_event_reaches_one_trusted_interview_or_none(candidates, expected):
    assert video_events.choose_interview(MEETING_TIME, candidates, timedelta(hours=12)) == expected
