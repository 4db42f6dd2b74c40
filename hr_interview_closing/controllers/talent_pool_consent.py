"""The talent pool's public pages: /talent-pool/consent/<token> (accept or decline, once) and
/talent-pool/withdraw/<token> (withdraw a given consent), in the candidate's language, no Odoo
login. A malformed, unknown, used or expired token gets the same plain page (404) that reveals
nothing. Each decision is recorded with its time, the text's version, the channel, the IP
address and the user agent; no mail leaves inside the request."""

from odoo import http
from odoo.http import request

from .followup_page import HEADERS


class TalentPoolConsent(http.Controller):
    @http.route("/talent-pool/consent/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def consent_page(self, token, **_params):
        member = request.env["hr.interview.talent.pool.member"]._consent_from_token(token, "consent")
        if not member:
            return self._not_found()
        return self._render("hr_interview_closing.talent_pool_consent_page", member, token)

    @http.route("/talent-pool/consent/<string:token>", type="http", auth="public", methods=["POST"], sitemap=False)
    def consent_decide(self, token, decision=None, **_params):
        member = request.env["hr.interview.talent.pool.member"]._consent_from_token(token, "consent")
        if not member or decision not in ("accept", "decline"):
            return self._not_found()
        return self._decide(member, decision)

    @http.route("/talent-pool/withdraw/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def withdraw_page(self, token, **_params):
        member = request.env["hr.interview.talent.pool.member"]._consent_from_token(token, "withdraw")
        if not member:
            return self._not_found()
        return self._render("hr_interview_closing.talent_pool_withdraw_page", member, token)

    @http.route("/talent-pool/withdraw/<string:token>", type="http", auth="public", methods=["POST"], sitemap=False)
    def withdraw_decide(self, token, decision=None, **_params):
        member = request.env["hr.interview.talent.pool.member"]._consent_from_token(token, "withdraw")
        if not member or decision != "withdraw":
            return self._not_found()
        return self._decide(member, "withdraw")

    def _decide(self, member, decision):
        meta = {
            "ip_address": request.httprequest.remote_addr,
            "user_agent": request.httprequest.headers.get("User-Agent"),
            "lang": member.consent_lang,
        }
        state = member._consent_decide(decision, meta)
        values = {"state": state, "withdraw_url": member._withdraw_url() if state == "given" else ""}
        return self._render("hr_interview_closing.talent_pool_done_page", member, None, **values)

    def _render(self, template, member, token, **values):
        request.update_context(lang=member.consent_lang)
        member = member.with_context(lang=member.consent_lang)
        values = {**member._consent_page_values(), "token": token, **values}
        return request.render(template, values, headers=HEADERS)

    def _not_found(self):
        return request.render("hr_interview_closing.interview_followup_invalid", {}, status=404, headers=HEADERS)
