"""The candidate's page: /interview/<token>, public, no Odoo login.

A valid token shows the interview, what was promised, the survey and a box to write to the
recruiter, in the candidate's language. A malformed, unknown, revoked or expired token gets the
same plain page (404) that reveals nothing. Writes are limited per page and hour; everything is
rendered escaped (t-out), the message is stored as plain text. No mail leaves inside the request:
the interviewers' notifications go through the mail queue.
"""

from werkzeug.utils import redirect

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import format_datetime

HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",  # the token must not leak to the sites the page links to
}


class InterviewFollowupPage(http.Controller):
    @http.route("/interview/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def interview_page(self, token, sent=None, **_params):
        session = request.env["hr.interview.session"]._followup_from_token(token)
        if not session:
            return self._not_found()
        return self._render(session, token, sent=bool(sent))

    @http.route("/interview/<string:token>/message", type="http", auth="public", methods=["POST"], sitemap=False)
    def interview_message(self, token, message="", **_params):
        session = request.env["hr.interview.session"]._followup_from_token(token)
        if not session:
            return self._not_found()
        request.update_context(lang=session.followup_lang)
        session = session.with_context(lang=session.followup_lang)
        try:
            posted, retry_at = session._followup_page_post(message)
        except UserError as error:
            return self._render(session, token, error=error.args[0], message=message, status=400)
        if not posted:
            error = _(
                "You have written to us several times in the last hour. Please try again after %(time)s.",
                time=format_datetime(
                    request.env,
                    retry_at,
                    tz=session.company_id.resource_calendar_id.tz or "UTC",
                    dt_format="short",
                    lang_code=session.followup_lang,
                ),
            )
            return self._render(session, token, error=error, message=message, status=429)
        return redirect(f"/interview/{token}?sent=1", code=303)

    def _render(self, session, token, status=200, **values):
        request.update_context(lang=session.followup_lang)
        values = {**session.with_context(lang=session.followup_lang)._followup_page_values(), "token": token, **values}
        return request.render("hr_interview_closing.interview_followup_page", values, status=status, headers=HEADERS)

    def _not_found(self):
        return request.render("hr_interview_closing.interview_followup_invalid", {}, status=404, headers=HEADERS)
