"""Talent pool member: the consent — asked by mail with a personal link (the request mail, or the
thank-you mail when the interview's outcome is the talent pool), answered on a public page
(accept or decline, once per link), withdrawn at any time from the link in every later mail,
and recorded decision by decision in hr.interview.talent.pool.consent. The routes are
controllers/talent_pool_consent.py."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from odoo.addons.base.models.res_partner import _lang_get

from ..services import talent_pool

ASKABLE_STATES = ("requested", "expired")


class HrInterviewTalentPoolMember(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_talent_pool_member.py
    _inherit = "hr.interview.talent.pool.member"  # pylint: disable=consider-merging-classes-inherited

    consent_log_ids = fields.One2many(
        "hr.interview.talent.pool.consent", "member_id", string="Consent History", readonly=True
    )
    consent_lang = fields.Selection(
        _lang_get, string="Candidate's Language", compute="_compute_consent_lang", compute_sudo=True
    )

    @api.depends("candidate_id.partner_id.lang", "company_id.partner_id.lang")
    def _compute_consent_lang(self):
        installed = {code for code, __ in self.env["res.lang"].get_installed()}
        for member in self:
            lang = member.candidate_id.partner_id.lang
            if lang not in installed:
                lang = member.company_id.partner_id.lang
            member.consent_lang = lang if lang in installed else "en_US"

    # ------------------------------------------------------------------
    # Links (read as the superuser: the tokens are for the candidate's mails only)
    # ------------------------------------------------------------------

    def _consent_url(self):
        self.ensure_one()
        token = self.sudo().consent_token
        return f"{self.get_base_url()}/talent-pool/consent/{token}" if token else ""

    def _withdraw_url(self):
        self.ensure_one()
        token = self.sudo().withdraw_token
        return f"{self.get_base_url()}/talent-pool/withdraw/{token}" if token else ""

    def _interview_pool_withdraw_links(self):
        return self.candidate_id._interview_pool_withdraw_links()

    # ------------------------------------------------------------------
    # Asking
    # ------------------------------------------------------------------

    def action_request_consent(self):
        """Mail the candidates a personal link to accept or decline the pool (queued: the mail
        queue sends it after this transaction)."""
        self.check_access("write")
        members = self.filtered(lambda m: m.consent_state in ASKABLE_STATES)
        if not members:
            raise UserError(_("Only talents whose consent is asked or has expired can be asked (again)."))
        no_email = members.filtered(lambda m: not m.candidate_id.email_normalized)
        if no_email:
            raise UserError(
                _(
                    "These candidates have no valid e-mail address: %(names)s.",
                    names=", ".join(no_email.mapped(lambda m: m.candidate_id.partner_name or "?")),
                )
            )
        members._consent_prepare_request("request_mail")
        template = self.env.ref("hr_interview_closing.mail_template_talent_pool_consent_request")
        # as the superuser, after the check above: the template reads the members' tokens
        template.sudo().send_mail_batch(members.ids)
        self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The consent request is on its way to %(count)s candidate(s).", count=len(members)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _consent_prepare_request(self, channel):
        """A fresh personal link for each member, the state back to requested, and the request
        logged. Called by the request button and by the thank-you mail's job."""
        now = fields.Datetime.now()
        for member in self:
            member._transition().write(
                {
                    "consent_state": "requested",
                    "consent_requested_at": now,
                    "consent_token": talent_pool.new_token(),
                    "consent_token_expires_at": talent_pool.request_expiry(now),
                    "consent_token_used_at": False,
                }
            )
        self._consent_log("requested", channel)

    def _consent_log(self, decision, channel, request_meta=None, when=None):
        """Record a decision of these members (as the superuser: the log is written by code only)."""
        meta = request_meta or {}
        when = when or fields.Datetime.now()
        return (
            self.env["hr.interview.talent.pool.consent"]
            .sudo()
            .create(
                [
                    {
                        "member_id": member.id,
                        "pool_id": member.pool_id.id,
                        "candidate_id": member.candidate_id.id,
                        "company_id": member.company_id.id,
                        "decision": decision,
                        "decided_at": when,
                        "text_version": talent_pool.CONSENT_TEXT_VERSION,
                        "channel": channel,
                        "lang": meta.get("lang") or member.consent_lang,
                        "ip_address": meta.get("ip_address") or False,
                        "user_agent": talent_pool.clean_user_agent(meta.get("user_agent")) or False,
                        "user_id": self.env.uid if not self.env.user._is_public() and not self.env.su else False,
                    }
                    for member in self
                ]
            )
        )

    # ------------------------------------------------------------------
    # Answering (public page)
    # ------------------------------------------------------------------

    @api.model
    def _consent_from_token(self, token, kind):
        """The member (as the superuser) whose consent link (``kind`` 'consent') or withdrawal link
        ('withdraw') is ``token``, or an empty recordset for a malformed, unknown, used or expired
        token — the caller tells them apart to nobody."""
        Member = self.sudo()
        if not talent_pool.token_well_formed(token):
            return Member.browse()
        field = "consent_token" if kind == "consent" else "withdraw_token"
        member = Member.search([(field, "=", token)], limit=1)
        if not talent_pool.token_matches(member[field], token):
            return Member.browse()
        if kind == "consent":
            if member.consent_state not in ASKABLE_STATES or not talent_pool.request_open(
                fields.Datetime.now(), member.consent_token_expires_at, member.consent_token_used_at
            ):
                return Member.browse()
        elif member.consent_state != "given":
            return Member.browse()
        return member

    def _consent_decide(self, decision, request_meta=None):
        """The candidate's ``decision`` (accept, decline, withdraw) from their link: the new state,
        the link used up, the decision logged. Call only on a member found by its token."""
        self.ensure_one()
        new_state = talent_pool.decide(self.consent_state, decision)
        if not new_state:
            raise UserError(_("This decision is not possible any more."))
        now = fields.Datetime.now()
        vals = {"consent_state": new_state, "consent_date": now}
        if decision in ("accept", "decline"):
            vals.update(consent_token=False, consent_token_used_at=now)
        if new_state == "given":
            vals.update(
                consent_expiry=talent_pool.consent_expiry(
                    fields.Date.context_today(self), self.company_id.interview_pool_consent_months
                ),
                withdraw_token=talent_pool.new_token(),
            )
        if decision == "withdraw":
            vals["withdraw_token"] = False
        # locked first: two clicks at once decide once (the second waits, then finds the link used)
        self.env.cr.execute(
            SQL("SELECT id FROM hr_interview_talent_pool_member WHERE id = %s FOR NO KEY UPDATE", self.id)
        )
        self.invalidate_recordset()
        self._transition().write(vals)
        channel = "withdraw_link" if decision == "withdraw" else "consent_page"
        self._consent_log(new_state, channel, request_meta, when=now)
        labels = dict(self._fields["consent_state"]._description_selection(self.env))
        self.sudo().message_post(
            body=_("Consent from the candidate: %(state)s.", state=labels[new_state]),
            subtype_xmlid="mail.mt_note",
        )
        return new_state

    def _consent_page_values(self):
        """What the consent page shows, in the candidate's language (plain values)."""
        self.ensure_one()
        member = self.with_context(lang=self.consent_lang)
        company = member.company_id
        return {
            "member": member,
            "company": company,
            "lang": self.consent_lang,
            "candidate_name": member.candidate_id.partner_name or "",
            "pool_name": member.pool_id.name or "",
            "consent_months": company.interview_pool_consent_months,
            "retention_months": company.interview_retention_months,
            "consent_until": format_date(
                member.env,
                talent_pool.consent_expiry(fields.Date.context_today(member), company.interview_pool_consent_months),
                lang_code=self.consent_lang,
            ),
            "text_version": talent_pool.CONSENT_TEXT_VERSION,
        }
