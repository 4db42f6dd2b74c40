"""The REST API answers every error as JSON, the ones raised before its handlers too (a missing or
wrong API key, an unknown path under the API): ``{"error": {"code", "message"}}``."""

import logging

from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError
from odoo.http import request

from ..services.api import error_body

_logger = logging.getLogger(__name__)

API_PREFIX = "/api/hr_interview_closing/"
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        if not request.httprequest.path.startswith(API_PREFIX):
            return super()._handle_error(exception)
        headers = [("Cache-Control", "no-store")]
        if isinstance(exception, HTTPException) and exception.code:
            status = exception.code
            message = {
                401: "Send the integration user's API key: Authorization: Bearer <key>.",
                404: "No such API resource.",
            }.get(status, exception.description or exception.name)
            if status == 401:
                headers.append(("WWW-Authenticate", "Bearer"))
        elif isinstance(exception, (AccessDenied, AccessError)):
            status, message = 403, "Access denied."
        elif isinstance(exception, MissingError):
            status, message = 404, "No such API resource."
        elif isinstance(exception, UserError):
            status, message = 422, exception.args[0]
        else:
            _logger.exception("REST API error on %s", request.httprequest.path)
            status, message = 500, "Internal error."
        code = CODES.get(status, "internal_error" if status >= 500 else "error")
        return request.make_json_response(error_body(code, message), status=status, headers=headers)
