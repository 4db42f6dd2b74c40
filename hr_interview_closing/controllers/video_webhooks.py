"""Webhook receivers of the video platforms: verify, store once, wake the job, answer.

Answers: 200 accepted (or a duplicate, or an event the add-on does not use), 400 signed but
unusable, 401 bad or missing signature (or stale timestamp), 404 unknown URL token, 405 wrong
method, 413 body over 1 MB. Nothing is parsed before the signature is verified, and no input
gives a 500: a platform retries a 500 for days. No outbound HTTP and no mail here: Odoo may replay
a request after a serialization failure, and the job does the rest.

The URL token is kept out of the request log (see :class:`WebhookTokenFilter`).
"""

import logging
import re

from odoo import http
from odoo.http import request

from ..services import tencent_meeting, video_events, zoom
from ..services.video_events import MAX_BODY_BYTES, WebhookError

_logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/hr_interview_closing/webhook/"
ROUTE_OPTIONS = {
    "type": "http",
    "auth": "public",
    "csrf": False,
    "save_session": False,
    "max_content_length": MAX_BODY_BYTES,  # form bodies; raw bodies are checked in _read_body
}
READ_SIZE = 64 * 1024


class BodyTooLarge(WebhookError):
    status = 413


class WebhookTokenFilter(logging.Filter):
    """Replace the URL token of the webhook routes by ``***`` in log records.

    Installed on werkzeug's logger, which writes the request log (``"POST /path HTTP/1.1" 200``)
    of Odoo's HTTP server: the token is the URL's only secret besides the signature.
    """

    PATTERN = re.compile(r"(/hr_interview_closing/webhook/[A-Za-z0-9_-]+/)[^/?#\s\"']+")

    def filter(self, record):
        if isinstance(record.msg, str) and WEBHOOK_PATH in record.msg:
            record.msg = self.PATTERN.sub(r"\1***", record.msg)
        if isinstance(record.args, tuple) and any(isinstance(a, str) and WEBHOOK_PATH in a for a in record.args):
            record.args = tuple(self.PATTERN.sub(r"\1***", arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


def _install_token_filter():
    logger = logging.getLogger("werkzeug")
    if not any(type(f).__name__ == WebhookTokenFilter.__name__ for f in logger.filters):
        logger.addFilter(WebhookTokenFilter())


_install_token_filter()


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
            tencent_meeting.verify_headers(provider["secret"], timestamp, nonce, signature)
            if httprequest.method == "GET":
                check_str = httprequest.args.get("check_str")
                if not check_str:
                    raise video_events.MalformedDelivery("no check_str")
                check_str = self._verify_tencent(provider, timestamp, nonce, check_str, signature)
                plain = tencent_meeting.decode_data(check_str, provider["aes_key"])
                return request.make_response(plain, headers=[("Content-Type", "text/plain; charset=utf-8")])
            # the signature covers the body's "data" string: take it out without parsing the body
            data = tencent_meeting.body_data(self._read_body())
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
        """The raw body, read from the stream up to 1 MB and one byte, whatever the transfer
        encoding: an announced length over 1 MB is refused before reading, and a chunked body is
        refused as soon as it passes 1 MB, without reading (nor waiting for) the rest."""
        httprequest = request.httprequest
        length = httprequest.content_length
        if length is not None and length > MAX_BODY_BYTES:
            raise BodyTooLarge("body over 1 MB (announced)")
        # werkzeug's input stream (de-chunked, or limited to the announced length); Odoo's
        # HTTPRequest wraps it without exposing it, as bus/websocket.py reaches its environ
        stream = httprequest._HTTPRequest__wrapped.stream
        parts = []
        size = 0
        while size <= MAX_BODY_BYTES:
            part = stream.read(min(READ_SIZE, MAX_BODY_BYTES + 1 - size))
            if not part:
                break
            parts.append(part)
            size += len(part)
        if size > MAX_BODY_BYTES:
            raise BodyTooLarge("body over 1 MB")
        return b"".join(parts)

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
