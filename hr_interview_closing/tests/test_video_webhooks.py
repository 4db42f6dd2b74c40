import json
import logging
import socket
import time
from datetime import timedelta
from urllib.parse import quote, urlsplit

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.test_ir_cron import CronMixinCase
from odoo.addons.hr_interview_closing.services.video_events import MAX_BODY_BYTES

from .video_common import (
    TENCENT_AES_KEY,
    TENCENT_CODE,
    TENCENT_TOKEN,
    ZOOM_NUMBER,
    ZOOM_SECRET,
    create_providers,
    tencent_check,
    tencent_message,
    tencent_post,
    zoom_body,
    zoom_headers,
)

CONTROLLER_LOGGER = "odoo.addons.hr_interview_closing.controllers.video_webhooks"


@tagged("post_install", "-at_install")
class TestVideoWebhooks(HttpCase, CronMixinCase):
    """Every answer of the two receivers, over real HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zoom, cls.tencent = create_providers(cls.env)
        Provider = cls.env["hr.interview.video.provider"]
        cls.tencent_aes = Provider.create(
            {
                "name": "Tencent encrypted",
                "kind": "tencent",
                "tencent_token": TENCENT_TOKEN,
                "tencent_encoding_aes_key": TENCENT_AES_KEY,
            }
        )
        cls.Event = cls.env["hr.interview.video.event"]
        cls.process_cron = cls.env.ref("hr_interview_closing.ir_cron_process_video_events")
        candidate = cls.env["hr.candidate"].create({"partner_name": "Wendy Webhook"})
        applicant = cls.env["hr.applicant"].create({"candidate_id": candidate.id})
        cls.start = fields.Datetime.now().replace(second=0) - timedelta(minutes=50)
        cls.meeting = (
            cls.env["calendar.event"]
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "name": "Interview Wendy",
                    "start": cls.start,
                    "stop": cls.start + timedelta(hours=1),
                    "applicant_id": applicant.id,
                    "videocall_location": f"https://acme.zoom.us/j/{ZOOM_NUMBER}",
                }
            )
        )
        cls.session = cls.meeting.interview_session_id

    def url(self, provider, token=None):
        return f"/hr_interview_closing/webhook/{provider.kind}/{token or provider.sudo().url_token}"

    def post(self, provider, body, headers, token=None):
        return self.url_open(self.url(provider, token), data=body, headers=headers, timeout=30)

    def stored(self, provider):
        return self.Event.search([("provider_id", "=", provider.id)])

    def wake_ups(self, capture):
        """The captured triggers of the processing job due at once."""
        now = fields.Datetime.now()
        return capture.records.filtered(lambda trigger: trigger.call_at <= now)

    # ------------------------------------------------------------------
    # Zoom
    # ------------------------------------------------------------------

    def test_zoom_signed_event_is_accepted_stored_and_the_job_woken(self):
        body = zoom_body("meeting.started", ZOOM_NUMBER, start=self.start)
        with self.capture_triggers(self.process_cron.id) as capture:
            response = self.post(self.zoom, body, zoom_headers(body))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "accepted"})
        self.assertEqual(len(self.wake_ups(capture)), 1)
        event = self.stored(self.zoom)
        self.assertEqual((event.kind, event.state, event.meeting_code), ("started", "pending", ZOOM_NUMBER))
        self.assertEqual(self.session.state, "scheduled", "the request only stores; the job applies")

    def test_zoom_url_validation_is_answered_as_documented(self):
        body = json.dumps(
            {
                "payload": {"plainToken": "qgg8vlvZRS6UYooatFL8Aw"},
                "event_ts": 1654503849680,
                "event": "endpoint.url_validation",
            }
        ).encode()
        response = self.post(self.zoom, body, zoom_headers(body))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        self.assertEqual(
            response.json(),
            {
                "plainToken": "qgg8vlvZRS6UYooatFL8Aw",
                # printf '%s' qgg8vlvZRS6UYooatFL8Aw | openssl dgst -sha256 -hmac zoom-secret-token-for-tests
                "encryptedToken": "9d644a9fdedca2004fd16a8fa586497eb15eb3fc2fedf6dd3b0c4748fb78d655",
            },
        )
        self.assertFalse(self.stored(self.zoom), "a validation is not an event")

    @mute_logger(CONTROLLER_LOGGER)
    def test_zoom_url_validation_without_a_valid_signature_is_refused(self):
        body = json.dumps({"payload": {"plainToken": "abc"}, "event": "endpoint.url_validation"}).encode()
        response = self.post(self.zoom, body, {"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 401)
        self.assertNotIn("encryptedToken", response.text)

    def test_zoom_replaying_one_delivery_five_times_stores_and_applies_it_once(self):
        body = zoom_body("meeting.ended", ZOOM_NUMBER, start=self.start, end=self.start + timedelta(minutes=45))
        answers = [self.post(self.zoom, body, zoom_headers(body)).json()["status"] for _i in range(5)]
        self.assertEqual(answers, ["accepted", "duplicate", "duplicate", "duplicate", "duplicate"])
        self.assertEqual(len(self.stored(self.zoom)), 1)
        self.Event._cron_process_events()
        self.Event._cron_process_events()
        self.assertEqual(self.session.state, "closing")
        self.assertEqual(self.session.actual_end, self.start + timedelta(minutes=45))
        notes = self.session.message_ids.filtered(lambda m: "Zoom:" in (m.body or ""))
        self.assertEqual(len(notes), 1)

    def test_zoom_events_the_add_on_does_not_use_are_answered_and_not_stored(self):
        body = zoom_body("meeting.participant_joined", ZOOM_NUMBER, participant={"user_name": "Wendy"})
        response = self.post(self.zoom, body, zoom_headers(body))
        self.assertEqual((response.status_code, response.json()), (200, {"status": "ignored"}))
        self.assertFalse(self.stored(self.zoom))

    @mute_logger(CONTROLLER_LOGGER)
    def test_zoom_bad_missing_or_stale_signatures_are_refused_with_401(self):
        body = zoom_body("meeting.started", ZOOM_NUMBER, start=self.start)
        headers = zoom_headers(body)
        cases = {
            "missing signature": {k: v for k, v in headers.items() if k != "x-zm-signature"},
            "missing timestamp": {k: v for k, v in headers.items() if k != "x-zm-request-timestamp"},
            "wrong secret": zoom_headers(body, secret="not the secret"),
            # an hour away: far outside the 5-minute window whatever the server's latency
            "stale": zoom_headers(body, timestamp=int(time.time()) - 3600),
            "future": zoom_headers(body, timestamp=int(time.time()) + 3600),
            "tampered body": headers,
        }
        for case, case_headers in cases.items():
            sent = body.replace(b"Interview", b"Interviex") if case == "tampered body" else body
            with self.subTest(case=case):
                self.assertEqual(self.post(self.zoom, sent, case_headers).status_code, 401)
        self.assertFalse(self.stored(self.zoom))

    @mute_logger(CONTROLLER_LOGGER)
    def test_zoom_malformed_signed_bodies_are_refused_with_400(self):
        for body in (b"not json", b"[1, 2]", b'{"event": "meeting.ended", "payload": {"object": {"uuid": "x"}}}'):
            with self.subTest(body=body):
                self.assertEqual(self.post(self.zoom, body, zoom_headers(body)).status_code, 400)
        self.assertFalse(self.stored(self.zoom))

    @mute_logger(CONTROLLER_LOGGER)
    def test_unknown_or_archived_or_other_platforms_tokens_are_404(self):
        body = zoom_body("meeting.started", ZOOM_NUMBER, start=self.start)
        headers = zoom_headers(body)
        self.assertEqual(self.post(self.zoom, body, headers, token="nope").status_code, 404)
        tencent_token = self.tencent.sudo().url_token
        self.assertEqual(
            self.url_open(
                f"/hr_interview_closing/webhook/zoom/{tencent_token}", data=body, headers=headers
            ).status_code,
            404,
        )
        self.zoom.active = False
        self.assertEqual(self.post(self.zoom, body, headers).status_code, 404)
        self.zoom.active = True
        self.assertEqual(self.post(self.zoom, body, headers).status_code, 200)

    def test_a_new_webhook_url_retires_the_old_one(self):
        body = zoom_body("meeting.started", ZOOM_NUMBER, start=self.start)
        old_token = self.zoom.sudo().url_token
        self.zoom.action_regenerate_url_token()
        with mute_logger(CONTROLLER_LOGGER):
            self.assertEqual(self.post(self.zoom, body, zoom_headers(body), token=old_token).status_code, 404)
        self.assertEqual(self.post(self.zoom, body, zoom_headers(body)).status_code, 200)

    def test_zoom_wrong_method_is_405(self):
        for method in ("GET", "PUT", "DELETE"):
            with self.subTest(method=method):
                response = self.opener.request(method, self.base_url() + self.url(self.zoom), timeout=30)
                self.assertEqual(response.status_code, 405)
                self.assertEqual(response.headers["Allow"], "POST")

    @mute_logger(CONTROLLER_LOGGER)
    def test_bodies_over_one_megabyte_are_refused_with_413(self):
        big = b'{"event": "meeting.started", "pad": "' + b"x" * (1024 * 1024) + b'"}'
        response = self.post(self.zoom, big, zoom_headers(big))
        self.assertEqual(response.status_code, 413)
        # without Content-Length (chunked): refused by the size actually read
        chunks = (big[i : i + 65536] for i in range(0, len(big), 65536))
        response = self.opener.post(
            self.base_url() + self.url(self.zoom), data=chunks, headers=zoom_headers(big), timeout=30
        )
        self.assertNotIn("Content-Length", response.request.headers)
        self.assertEqual(response.status_code, 413)
        # exactly at the limit is fine (then refused for its signature only)
        limit = b" " * (1024 * 1024)
        self.assertEqual(self.post(self.zoom, limit, {"Content-Type": "application/json"}).status_code, 401)
        self.assertFalse(self.stored(self.zoom))

    def test_refused_deliveries_are_logged_without_their_secrets(self):
        body = zoom_body("meeting.started", ZOOM_NUMBER, start=self.start)
        headers = zoom_headers(body, secret="attacker guess")
        with self.assertLogs(CONTROLLER_LOGGER, "WARNING") as logs:
            self.assertEqual(self.post(self.zoom, body, headers).status_code, 401)
        (line,) = logs.output
        self.assertIn("signature mismatch", line)
        self.assertIn(f"provider {self.zoom.id}", line)
        for secret in (ZOOM_SECRET, headers["x-zm-signature"], self.zoom.sudo().url_token, "Interview"):
            self.assertNotIn(secret, line)

    # ------------------------------------------------------------------
    # Tencent Meeting
    # ------------------------------------------------------------------

    def get_check(self, provider, check_str, headers, token=None):
        return self.url_open(f"{self.url(provider, token)}?check_str={quote(check_str, safe='')}", headers=headers)

    def test_tencent_url_check_answers_the_decoded_check_str(self):
        check_str, headers = tencent_check(b"7263412958437")
        response = self.get_check(self.tencent, check_str, headers)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"7263412958437")
        self.assertTrue(response.headers["Content-Type"].startswith("text/plain"))

    def test_tencent_url_check_with_aes_and_millisecond_timestamp(self):
        check_str, headers = tencent_check(b"hello", aes_key=TENCENT_AES_KEY, timestamp=int(time.time() * 1000))
        response = self.get_check(self.tencent_aes, check_str, headers)
        self.assertEqual((response.status_code, response.content), (200, b"hello"))

    def test_tencent_url_check_survives_an_unencoded_plus(self):
        plain = b"\xfb\xef\xbe"  # base64 "++++"
        check_str, headers = tencent_check(plain)
        self.assertIn("+", check_str)
        response = self.url_open(f"{self.url(self.tencent)}?check_str={check_str}", headers=headers)
        self.assertEqual((response.status_code, response.content), (200, plain))

    @mute_logger(CONTROLLER_LOGGER)
    def test_tencent_url_check_refusals(self):
        check_str, headers = tencent_check(b"abc")
        bad_signature = dict(headers, signature="0" * 40)
        self.assertEqual(self.get_check(self.tencent, check_str, bad_signature).status_code, 401)
        stale = tencent_check(b"abc", timestamp=int(time.time()) - 3600)[1]
        self.assertEqual(self.get_check(self.tencent, check_str, stale).status_code, 401)
        no_headers = self.get_check(self.tencent, check_str, {})
        self.assertEqual(no_headers.status_code, 401)
        self.assertNotIn(b"abc", no_headers.content)
        self.assertEqual(self.url_open(self.url(self.tencent), headers=headers).status_code, 400)  # no check_str
        self.assertEqual(self.get_check(self.tencent, check_str, headers, token="nope").status_code, 404)

    def test_tencent_signed_event_is_accepted_with_the_documented_answer(self):
        body, headers = tencent_post(tencent_message("meeting.started", TENCENT_CODE, trace="t-1"))
        with self.capture_triggers(self.process_cron.id) as capture:
            response = self.post(self.tencent, body, headers)
        self.assertEqual((response.status_code, response.content), (200, b"successfully received callback"))
        self.assertEqual(len(self.wake_ups(capture)), 1)
        self.assertEqual(self.stored(self.tencent).mapped("kind"), ["started"])

    def test_tencent_encrypted_event_is_decrypted_and_replays_store_once(self):
        body, headers = tencent_post(
            tencent_message("meeting.end", TENCENT_CODE, trace="t-aes", meeting_end_type=2), aes_key=TENCENT_AES_KEY
        )
        for _i in range(5):
            self.assertEqual(self.post(self.tencent_aes, body, headers).status_code, 200)
        event = self.stored(self.tencent_aes)
        self.assertEqual((len(event), event.kind, event.end_type), (1, "ended", 2))

    @mute_logger(CONTROLLER_LOGGER)
    def test_tencent_refusals(self):
        message = tencent_message("meeting.started", TENCENT_CODE)
        body, headers = tencent_post(message)
        self.assertEqual(self.post(self.tencent, body, dict(headers, nonce="1")).status_code, 401)
        self.assertEqual(self.post(self.tencent, body, {"Content-Type": "application/json"}).status_code, 401)
        stale_body, stale_headers = tencent_post(message, timestamp=int(time.time() * 1000) - 3_600_000)
        self.assertEqual(self.post(self.tencent, stale_body, stale_headers).status_code, 401)
        self.assertEqual(self.post(self.tencent, b"not json", headers).status_code, 400)
        garbage, garbage_headers = tencent_post(b"this is not json")
        self.assertEqual(self.post(self.tencent, garbage, garbage_headers).status_code, 400)
        # encrypted for an account without EncodingAESKey, and plain for one with it
        encrypted, encrypted_headers = tencent_post(message, aes_key=TENCENT_AES_KEY)
        self.assertEqual(self.post(self.tencent, encrypted, encrypted_headers).status_code, 400)
        self.assertEqual(self.post(self.tencent_aes, body, headers).status_code, 400)
        response = self.opener.request(
            "PUT", self.base_url() + self.url(self.tencent), data=body, headers=headers, timeout=30
        )
        self.assertEqual((response.status_code, response.headers["Allow"]), (405, "GET, POST"))
        self.assertFalse(self.Event.search([("provider_id", "in", (self.tencent | self.tencent_aes).ids)]))

    # ------------------------------------------------------------------
    # Hostile or unusable deliveries
    # ------------------------------------------------------------------

    def test_tencent_unsigned_deep_nesting_is_refused_before_any_parsing(self):
        deep = b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        copied_headers = tencent_post(tencent_message("meeting.started", TENCENT_CODE))[1]
        with self.assertNoLogs(level="ERROR"), mute_logger(CONTROLLER_LOGGER):
            unsigned = self.post(self.tencent, deep, {"Content-Type": "application/json"})
            forged = self.post(self.tencent, deep, copied_headers)
        self.assertEqual((unsigned.status_code, unsigned.json()), (401, {"error": "missing signature or nonce"}))
        self.assertEqual(forged.status_code, 400)
        self.assertIn("documented shape", forged.json()["error"])

    def test_signed_but_unusable_deliveries_are_refused_with_400_and_a_reason(self):
        deep = b"[" * 100_000 + b"]" * 100_000
        zoom_cases = {
            "far future": zoom_body("meeting.started", ZOOM_NUMBER, start_time="9999-12-31T23:59:59-23:59"),
            "deep nesting": b'{"event": "meeting.started", "payload": ' + deep + b"}",
            "long meeting number": zoom_body("meeting.started", ZOOM_NUMBER, id="9" * 40),
        }
        tencent_cases = {
            "year one in China": tencent_message("meeting.started", TENCENT_CODE, operate_time="0001-01-01 00:00:00"),
            "deep nesting": deep,
        }
        answers = {}
        with self.assertNoLogs(level="ERROR"), mute_logger(CONTROLLER_LOGGER):
            for case, body in zoom_cases.items():
                answers[f"zoom {case}"] = self.post(self.zoom, body, zoom_headers(body))
            for case, message in tencent_cases.items():
                answers[f"tencent {case}"] = self.post(self.tencent, *tencent_post(message))
        reasons = {case: (answer.status_code, answer.json()["error"]) for case, answer in answers.items()}
        self.assertEqual(
            reasons,
            {
                "zoom far future": (400, "time out of range: '9999-12-31T23:59:59-23:59'"),
                "zoom deep nesting": (400, "body is not JSON"),
                "zoom long meeting number": (400, "meeting number too long"),
                "tencent year one in China": (400, "time out of range: '0001-01-01 00:00:00'"),
                "tencent deep nesting": (400, "decoded data is not JSON"),
            },
        )
        self.assertFalse(self.Event.search([("provider_id", "in", (self.zoom | self.tencent).ids)]))

    def test_a_chunked_body_is_refused_as_soon_as_it_passes_one_megabyte(self):
        """The body is read from the stream with a hard cap: past 1 MB the answer comes at once,
        without reading (nor waiting for) the rest, whatever the sender announces."""
        url = urlsplit(self.base_url())
        request_head = (
            f"POST {self.url(self.zoom)} HTTP/1.1\r\nHost: {url.netloc}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        ).encode()
        sent = MAX_BODY_BYTES + 1
        with mute_logger(CONTROLLER_LOGGER), socket.create_connection((url.hostname, url.port), timeout=30) as sock:
            # one chunk announced one byte longer than what is sent; the body's end never comes
            sock.sendall(request_head + b"%x\r\n" % (sent + 1) + b"{" + b" " * (sent - 1))
            answer = b""
            while b"\r\n\r\n" not in answer:
                part = sock.recv(65536)
                if not part:
                    break
                answer += part
        self.assertEqual(answer.split(b" ", 2)[1:2], [b"413"], answer[:200])
        self.assertFalse(self.stored(self.zoom))

    def test_recording_links_other_than_https_are_not_stored(self):
        body = zoom_body(
            "recording.completed",
            ZOOM_NUMBER,
            start=self.start,
            share_url="javascript:alert(document.domain)",
            recording_files=[
                {"id": "a", "play_url": "http://evil.example/a"},
                {"id": "b", "play_url": "https://zoom.us/rec/play/b"},
                {"id": "c", "play_url": "data:text/html,<script>alert(1)</script>"},
            ],
        )
        self.assertEqual(self.post(self.zoom, body, zoom_headers(body)).status_code, 200)
        data = self.stored(self.zoom).recording_data
        self.assertIsNone(data["share_url"])
        self.assertEqual([f["play_url"] for f in data["files"]], ["", "https://zoom.us/rec/play/b", ""])

    def test_a_recording_listing_5000_files_is_stored_with_its_first_50(self):
        files = [{"id": f"f{i}", "play_url": f"https://zoom.us/rec/play/{i}"} for i in range(5000)]
        body = zoom_body("recording.completed", ZOOM_NUMBER, start=self.start, recording_files=files)
        self.assertEqual(self.post(self.zoom, body, zoom_headers(body)).status_code, 200)
        data = self.stored(self.zoom).recording_data
        self.assertEqual((len(data["files"]), data["files_omitted"]), (50, 4950))

    def test_the_url_token_stays_out_of_the_request_log(self):
        body = zoom_body("meeting.started", ZOOM_NUMBER, start=self.start)
        check_str, check_headers = tencent_check(b"ping")
        with self.assertLogs("werkzeug", logging.INFO) as logs:  # Odoo names its level 25 "INFO"
            self.assertEqual(self.post(self.zoom, body, zoom_headers(body)).status_code, 200)
            self.assertEqual(self.get_check(self.tencent, check_str, check_headers).status_code, 200)
        log = "\n".join(logs.output)
        self.assertIn('"POST /hr_interview_closing/webhook/zoom/*** HTTP/1.1" 200', log)
        self.assertIn('"GET /hr_interview_closing/webhook/tencent/***?check_str=', log)
        for provider in (self.zoom, self.tencent):
            self.assertNotIn(provider.sudo().url_token, log)
