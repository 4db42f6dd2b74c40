"""REST API for the OA/ERP: /api/hr_interview_closing/v1/ (OpenAPI 3.1: api/openapi.json).

``auth='bearer'``: an API key of the dedicated integration user (group "OA/ERP integration").
Thin handlers: parse (services/api.py), read or decide through the session model, answer JSON.
Every error is ``{"error": {"code", "message"}}`` — including the 401 of a missing or wrong key,
answered by ir.http._handle_error (models/ir_http.py).
"""

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.tools import file_open

from ..models.hr_interview_session_approval import INTEGRATION_GROUP, ApprovalNotRequested, DecisionConflict
from ..services import api

PREFIX = "/api/hr_interview_closing/v1"
RATE_LIMIT_PARAM = "hr_interview_closing.api_rate_limit"
DEFAULT_RATE_LIMIT = 120  # requests per key and minute
HEADERS = [("Cache-Control", "no-store")]
_limiter = api.RateLimiter()


def json_response(data, status=200, headers=()):
    return request.make_json_response(data, status=status, headers=[*HEADERS, *headers])


def error_response(status, code, message, headers=()):
    return json_response(api.error_body(code, message), status=status, headers=headers)


class InterviewApi(http.Controller):
    @http.route(f"{PREFIX}/openapi.json", type="http", auth="none", methods=["GET"], csrf=False, save_session=False)
    def openapi(self):
        with file_open("hr_interview_closing/api/openapi.json", "rb") as document:
            return request.make_response(document.read(), headers=[("Content-Type", "application/json")])

    @http.route(f"{PREFIX}/sessions", type="http", auth="bearer", methods=["GET"], csrf=False, save_session=False)
    def sessions(self, updated_since=None, limit=None, cursor=None, **_params):
        try:
            self._check_caller()
            page_size = api.parse_limit(limit)
            since = api.parse_datetime(updated_since)
            after = api.decode_cursor(cursor)
        except api.ApiError as error:
            return error_response(error.status, error.code, error.message, error.headers)
        sessions, more = request.env["hr.interview.session"]._api_page(page_size, updated_since=since, after=after)
        last = sessions[-1:] if sessions else None
        next_cursor = api.encode_cursor(last.write_date, last.id) if last else cursor or None
        return json_response({"data": sessions._api_documents(), "next_cursor": next_cursor, "has_more": more})

    @http.route(
        f"{PREFIX}/sessions/<int:session_id>",
        type="http",
        auth="bearer",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def session(self, session_id, **_params):
        try:
            self._check_caller()
            session = self._readable_session(session_id)
        except api.ApiError as error:
            return error_response(error.status, error.code, error.message, error.headers)
        return json_response(session._api_documents(detail=True)[0])

    @http.route(
        f"{PREFIX}/sessions/<int:session_id>/decision",
        type="http",
        auth="bearer",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def decision(self, session_id, **_params):
        try:
            self._check_caller()
            session = self._readable_session(session_id)
            body = request.httprequest.get_data()
            decision, comment, decided_by = api.parse_decision(body)
            key = api.parse_idempotency_key(request.httprequest.headers.get("Idempotency-Key"))
        except api.ApiError as error:
            return error_response(error.status, error.code, error.message, error.headers)
        payload = {"decision": decision, "comment": comment, "decided_by": decided_by}
        fingerprint = api.request_fingerprint("POST", request.httprequest.path, payload)
        # the user's own keys: read and written as the superuser once the caller is checked above
        stored, is_new = request.env["hr.interview.api.request"].sudo()._claim(key, fingerprint, session.sudo())
        if not is_new:
            if stored.fingerprint != fingerprint:
                return error_response(
                    422,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used with another request: use a new key for a new request.",
                )
            return json_response(stored.response, status=stored.status, headers=[("Idempotent-Replayed", "true")])
        status, data = self._decide(session, decision, comment, decided_by)
        stored.write({"status": status, "response": data})
        return json_response(data, status=status)

    # ------------------------------------------------------------------

    def _check_caller(self):
        """The integration group, then the key's rate limit (401 is Odoo's bearer check's)."""
        if not request.env.user.has_group(INTEGRATION_GROUP):
            raise api.ApiError(403, "forbidden", "This API key's user is not an OA/ERP integration user.")
        limit = int(request.env["ir.config_parameter"].sudo().get_param(RATE_LIMIT_PARAM, DEFAULT_RATE_LIMIT))
        token = request.httprequest.headers.get("Authorization", "")
        allowed, retry_after = _limiter.hit(api.key_bucket(token), max(limit, 1))
        if not allowed:
            raise api.ApiError(
                429,
                "rate_limited",
                f"Too many requests: at most {limit} a minute per key.",
                headers=[("Retry-After", str(retry_after))],
            )

    def _readable_session(self, session_id):
        """The session, if the integration user may read it (its companies); else 404."""
        session = request.env["hr.interview.session"].browse(session_id)
        if not session.exists() or not session.has_access("read"):
            raise api.ApiError(404, "not_found", f"No interview session {session_id}.")
        return session

    def _decide(self, session, decision, comment, decided_by):
        """(status, body) of recording the decision; the same for a replay of the same request."""
        try:
            with request.env.cr.savepoint():
                result = session._hic_record_decision(
                    decision, comment=comment or False, decided_by=decided_by or False, channel="oa"
                )
        except DecisionConflict as error:
            return 409, api.error_body("decision_conflict", error.args[0])
        except ApprovalNotRequested as error:
            return 409, api.error_body("approval_not_requested", error.args[0])
        except AccessError as error:
            return 403, api.error_body("forbidden", error.args[0])
        except UserError as error:
            return 422, api.error_body("decision_refused", error.args[0])
        session.invalidate_recordset()
        return 200, {"result": result, "session": session._api_documents(detail=True)[0]}
