"""Webhook receivers of the video platforms: verify, store once, wake the job, answer.

Answers: 200 accepted (or a duplicate, or an event the add-on does not use), 400 malformed,
401 bad or missing signature (or stale timestamp), 404 unknown URL token, 405 wrong method,
413 body over 1 MB. No outbound HTTP and no mail here: Odoo may replay a request after a
serialization failure, and the job does the rest.
"""

import logging

from odoo import http
from odoo.http import request

from ..services import tencent_meeting, video_events, zoom
from ..services.video_events import MAX_BODY_BYTES, WebhookError

_logger = logging.getLogger(__name__)

ROUTE_OPTIONS = {
    "type": "http",
    "auth": "public",
    "csrf": False,
    "save_session": False,
    "max_content_length": MAX_BODY_BYTES,  # form bodies; raw bodies are checked in _read_body
}


class BodyTooLarge(WebhookError):
    status = 413


class VideoWebhookController(http.Controller):
    @http.route("/hr_interview_closing/webhook/zoom/<string:token>", **ROUTE_OPTIONS)
    def zoom_webhook(self, token, **_params):
        httprequest = request.httprequest
        if httprequest.method != "POST":
            return self._method_not_allowed("POST")
        provider = self._provider("zoom", token)
        if not provider:
            return self._refuse("zoom", None, 404, "unknown webhook URL token")
        try:
            body = self._read_body()
            zoom.verify(
                provider["secret"],
                httprequest.headers.get(zoom.SIGNATURE_HEADER),
                httprequest.headers.get(zoom.TIMESTAMP_HEADER),
                body,
            )
            data = zoom.parse(body)
            if data["event"] == zoom.URL_VALIDATION:
                answer = zoom.url_validation_answer(provider["secret"], data.get("payload", {}).get("plainToken"))
                return request.make_json_response(answer, status=200)
            event = zoom.normalize(data, body)
        except WebhookError as error:
            return self._refuse("zoom", provider, error.status, error.reason)
        if event is None:
            return request.make_json_response({"status": "ignored"}, status=200)
        stored = self._store(provider, [event])
        return request.make_json_response({"status": "accepted" if stored else "duplicate"}, status=200)

    @http.route("/hr_interview_closing/webhook/tencent/<string:token>", **ROUTE_OPTIONS)
    def tencent_webhook(self, token, **_params):
        httprequest = request.httprequest
        if httprequest.method not in ("GET", "POST"):
            return self._method_not_allowed("GET, POST")
        provider = self._provider("tencent", token)
        if not provider:
            return self._refuse("tencent", None, 404, "unknown webhook URL token")
        headers = httprequest.headers
        timestamp = headers.get(tencent_meeting.TIMESTAMP_HEADER)
        nonce = headers.get(tencent_meeting.NONCE_HEADER)
        signature = headers.get(tencent_meeting.SIGNATURE_HEADER)
        try:
            if httprequest.method == "GET":
                check_str = httprequest.args.get("check_str")
                if not check_str:
                    raise video_events.MalformedDelivery("no check_str")
                check_str = self._verify_tencent(provider, timestamp, nonce, check_str, signature)
                plain = tencent_meeting.decode_data(check_str, provider["aes_key"])
                return request.make_response(plain, headers=[("Content-Type", "text/plain; charset=utf-8")])
            body = self._read_body()
            data = tencent_meeting.body_data(body)
            self._verify_tencent(provider, timestamp, nonce, data, signature)
            events = tencent_meeting.normalize(tencent_meeting.decode_data(data, provider["aes_key"]))
        except WebhookError as error:
            return self._refuse("tencent", provider, error.status, error.reason)
        self._store(provider, events)
        return request.make_response(tencent_meeting.ACK_BODY, headers=[("Content-Type", "text/plain; charset=utf-8")])

    # ------------------------------------------------------------------

    @staticmethod
    def _provider(kind, token):
        return request.env["hr.interview.video.provider"]._webhook_config(kind, token)

    @staticmethod
    def _verify_tencent(provider, timestamp, nonce, data, signature):
        """Check the signature over ``data`` as received; a check_str whose "+" an URL decoder
        turned into spaces is tried with its "+" back. Returns the data that verified."""
        try:
            tencent_meeting.verify(provider["secret"], timestamp, nonce, data, signature)
            return data
        except video_events.BadSignature:
            repaired = data.replace(" ", "+")
            if repaired == data:
                raise
        tencent_meeting.verify(provider["secret"], timestamp, nonce, repaired, signature)
        return repaired

    @staticmethod
    def _read_body():
        """The raw body, refused above 1 MB by its announced length and by what was read."""
        httprequest = request.httprequest
        length = httprequest.content_length
        if length is not None and length > MAX_BODY_BYTES:
            raise BodyTooLarge("body over 1 MB (announced)")
        body = httprequest.get_data()
        if len(body) > MAX_BODY_BYTES:
            raise BodyTooLarge("body over 1 MB")
        return body

    @staticmethod
    def _store(provider, events):
        # sudo: a public route; the delivery's signature was checked with the provider's secret
        return (
            request.env["hr.interview.video.event"]
            .sudo()
            ._store_deliveries(provider["id"], provider["company_id"], events)
        )

    @staticmethod
    def _method_not_allowed(allowed):
        return request.make_json_response({"error": "method not allowed"}, headers=[("Allow", allowed)], status=405)

    @staticmethod
    def _refuse(kind, provider, status, reason):
        """Answer a refused delivery; log it with its reason, never with its secrets or body."""
        level = logging.INFO if status == 404 else logging.WARNING
        _logger.log(
            level,
            "Refused a %s webhook delivery (provider %s, from %s): %s %s",
            kind,
            provider["id"] if provider else "unknown",
            request.httprequest.remote_addr,
            status,
            reason,
        )
        return request.make_json_response({"error": reason}, status=status)
