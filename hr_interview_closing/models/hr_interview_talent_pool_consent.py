"""Consent log: every decision on a talent pool membership — asked, given, declined, withdrawn,
expired — with its time, the version of the text the candidate read, the channel and the
request's metadata (IP address, user agent). Written only by the add-on's code (as the
superuser, after the token or the user's access was checked); read by recruitment officers.
The retention job keeps the decisions and clears their metadata when it forgets a candidate."""

from odoo import fields, models

CONSENT_DECISIONS = [
    ("requested", "Asked"),
    ("given", "Given"),
    ("declined", "Declined"),
    ("withdrawn", "Withdrawn"),
    ("expired", "Expired"),
]
CONSENT_CHANNELS = [
    ("request_mail", "Consent request e-mail"),
    ("thank_you_mail", "Thank-you e-mail"),
    ("consent_page", "Consent page"),
    ("withdraw_link", "Withdrawal link"),
    ("retention_job", "Retention job"),
]


class HrInterviewTalentPoolConsent(models.Model):
    _name = "hr.interview.talent.pool.consent"
    _description = "Talent Pool Consent Decision"
    _order = "decided_at desc, id desc"
    _rec_name = "decision"

    member_id = fields.Many2one(
        "hr.interview.talent.pool.member", string="Talent", index=True, ondelete="set null", readonly=True
    )
    pool_id = fields.Many2one("hr.interview.talent.pool", string="Talent Pool", ondelete="set null", readonly=True)
    candidate_id = fields.Many2one("hr.candidate", index=True, ondelete="set null", readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    decision = fields.Selection(CONSENT_DECISIONS, required=True, readonly=True)
    decided_at = fields.Datetime(string="When", required=True, readonly=True)
    text_version = fields.Char(readonly=True, help="The version of the consent text shown.")
    channel = fields.Selection(CONSENT_CHANNELS, required=True, readonly=True)
    lang = fields.Char(string="Language", readonly=True)
    ip_address = fields.Char(string="IP Address", readonly=True)
    user_agent = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", string="Recorded By", readonly=True, ondelete="set null")
