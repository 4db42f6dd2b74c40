"""The talent's answer to an invitation to apply (/talent/invitation/<token>), public, no Odoo
login. Thin: the model checks the token (an unknown, answered or expired token, or a talent who
left the pool, gets the same plain 404 page); accepting creates the application once; Odoo checks
the CSRF token of the POSTs; every value is rendered escaped."""

from odoo import http
from odoo.http import request

from .followup_page import HEADERS, InterviewFollowupPage


class TalentInvitation(http.Controller):
    @http.route("/talent/invitation/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def talent_invitation(self, token, **_params):
        record = request.env["hr.interview.talent.match"]._from_token(token)
        if not record:
            return InterviewFollowupPage()._not_found()
        lang = record.lang
        request.update_context(lang=lang)
        record = record.with_context(lang=lang)
        return request.render(
            "hr_interview_closing.talent_invitation_page",
            {
                "company": record.company_id,
                "name": record.candidate_id.partner_name or "",
                "job": record.job_id.name or "",
                "description": record.job_id.description or "",
                "token": token,
            },
            headers=HEADERS,
        )

    @http.route(
        "/talent/invitation/<string:token>/<any(accept,decline):decision>",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def talent_invitation_answer(self, token, decision, **_params):
        record = request.env["hr.interview.talent.match"]._from_token(token)
        if not record:
            return InterviewFollowupPage()._not_found()
        lang = record.lang
        done = record._accept() if decision == "accept" else record._decline()
        if not done:  # answered meanwhile (a second click, another tab)
            return InterviewFollowupPage()._not_found()
        request.update_context(lang=lang)
        return request.render(
            "hr_interview_closing.talent_invitation_answered_page",
            {
                "company": record.company_id,
                "accepted": decision == "accept",
                "job": record.job_id.with_context(lang=lang).name,
            },
            headers=HEADERS,
        )
