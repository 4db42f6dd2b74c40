"""Referrals: the referrer's form (/interview/<token>/refer, reached from the candidate's page)
and the referred person's consent page (/referral/<token>), public, no Odoo login.

Thin: the tokens are checked by the models (an unknown, answered or expired token gets the same
plain 404 page that reveals nothing), the form's values are handed over by name (no other field
is read), every value is rendered escaped (t-out), spam is limited per page and per network
address, a hidden field catches robots, and Odoo checks the CSRF token of every POST. No mail
leaves inside the request: the consent mail goes through the mail queue.
"""

from werkzeug.utils import redirect

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from ..services import referral
from .followup_page import HEADERS, InterviewFollowupPage

FORM_FIELDS = ("name", "email", "job_id", "note")


class InterviewReferral(http.Controller):
    # ------------------------------------------------------------------
    # The referrer's form
    # ------------------------------------------------------------------

    @http.route("/interview/<string:token>/refer", type="http", auth="public", methods=["GET"], sitemap=False)
    def referral_form(self, token, sent=None, **_params):
        session = request.env["hr.interview.session"]._followup_from_token(token)
        if not session:
            return InterviewFollowupPage()._not_found()
        return self._render_form(session, token, sent=bool(sent))

    @http.route("/interview/<string:token>/refer", type="http", auth="public", methods=["POST"], sitemap=False)
    def referral_post(self, token, **params):
        session = request.env["hr.interview.session"]._followup_from_token(token)
        if not session:
            return InterviewFollowupPage()._not_found()
        request.update_context(lang=session.followup_lang)
        values = {name: params.get(name) for name in FORM_FIELDS}
        if params.get(referral.HONEYPOT):
            # a robot filled in the field people do not see: thanked, and nothing recorded
            return redirect(f"/interview/{token}/refer?sent=1", code=303)
        Referral = request.env["hr.interview.referral"].with_context(lang=session.followup_lang)
        try:
            accepted = Referral._create_from_page(session, values, request.httprequest.remote_addr)
        except UserError as error:
            return self._render_form(session, token, error=error.args[0], values=values, status=400)
        if not accepted:
            error = _("You have recommended several people in a short time. Please try again tomorrow.")
            return self._render_form(session, token, error=error, values=values, status=429)
        return redirect(f"/interview/{token}/refer?sent=1", code=303)

    def _render_form(self, session, token, status=200, values=None, **extra):
        lang = session.followup_lang
        request.update_context(lang=lang)
        session = session.with_context(lang=lang)
        jobs = request.env["hr.interview.referral"]._open_jobs(session.company_id).with_context(lang=lang)
        render_values = {
            "company": session.company_id,
            "candidate_name": session.partner_name or "",
            "jobs": [(job.id, job.name) for job in jobs],
            "values": values or {},
            "selected_job": referral.parse_id((values or {}).get("job_id")),
            "token": token,
            "days": referral.CONSENT_DAYS,
            "honeypot": referral.HONEYPOT,
            **extra,
        }
        return request.render("hr_interview_closing.referral_form_page", render_values, status=status, headers=HEADERS)

    # ------------------------------------------------------------------
    # The referred person's consent page
    # ------------------------------------------------------------------

    @http.route("/referral/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def referral_consent(self, token, **_params):
        record = request.env["hr.interview.referral"]._from_token(token)
        if not record:
            return InterviewFollowupPage()._not_found()
        return self._render_consent(record, token)

    @http.route(
        "/referral/<string:token>/<any(accept,decline):decision>",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def referral_decide(self, token, decision, **_params):
        record = request.env["hr.interview.referral"]._from_token(token)
        if not record:
            return InterviewFollowupPage()._not_found()
        done = record._accept() if decision == "accept" else record._decline()
        if not done:  # answered meanwhile (a second click, another tab)
            return InterviewFollowupPage()._not_found()
        lang = record.lang or "en_US"
        request.update_context(lang=lang)
        return request.render(
            "hr_interview_closing.referral_answered_page",
            {
                "company": record.company_id,
                "accepted": decision == "accept",
                "job": record.job_id.with_context(lang=lang).name,
            },
            headers=HEADERS,
        )

    def _render_consent(self, record, token):
        lang = record.lang or "en_US"
        request.update_context(lang=lang)
        record = record.with_context(lang=lang)
        return request.render(
            "hr_interview_closing.referral_consent_page",
            {
                "company": record.company_id,
                "name": record.name or "",
                "referrer": record.referrer_id.partner_name or "",
                "job": record.job_id.name or "",
                "note": record.note or "",
                "email": record.email or "",
                "days": referral.CONSENT_DAYS,
                "token": token,
            },
            headers=HEADERS,
        )
