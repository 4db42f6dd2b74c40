"""Talent pool member: one candidate in one pool, with the interview that brought them in and
their consent (state, date, expiry). The consent's decisions and mails are in
hr_interview_talent_pool_member_consent.py; retention in hr_candidate_retention.py."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import talent_pool

CONSENT_STATES = [
    ("requested", "Requested"),
    ("given", "Given"),
    ("declined", "Declined"),
    ("withdrawn", "Withdrawn"),
    ("expired", "Expired"),
]
# Set by the consent's code paths only (the candidate's answer, the retention job): see
# hr.interview.protected.mixin. An officer cannot give consent in the candidate's name.
MEMBER_PROTECTED_FIELDS = (
    "consent_state",
    "consent_date",
    "consent_expiry",
    "consent_requested_at",
    "consent_token",
    "consent_token_expires_at",
    "consent_token_used_at",
    "withdraw_token",
)


class HrInterviewTalentPoolMember(models.Model):
    _name = "hr.interview.talent.pool.member"
    _description = "Talent Pool Member"
    _inherit = ["mail.thread", "hr.interview.protected.mixin"]
    _order = "pool_id, consent_state, id desc"
    _rec_name = "candidate_id"
    _check_company_auto = True
    _protected_fields = MEMBER_PROTECTED_FIELDS
    _set_once_fields = ("pool_id", "candidate_id")
    _protected_create_defaults = {"consent_state": "requested"}

    pool_id = fields.Many2one(
        "hr.interview.talent.pool",
        string="Talent Pool",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    candidate_id = fields.Many2one("hr.candidate", required=True, index=True, ondelete="cascade", check_company=True)
    session_id = fields.Many2one(
        "hr.interview.session",
        string="Source Interview",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="The interview after which the candidate was invited to the pool.",
    )
    source_job_id = fields.Many2one(related="session_id.job_id", string="Source Job", store=True)
    partner_name = fields.Char(related="candidate_id.partner_name", string="Name")
    email_from = fields.Char(related="candidate_id.email_from", string="Email")
    company_id = fields.Many2one(related="pool_id.company_id", store=True, index=True, precompute=True)
    consent_state = fields.Selection(
        CONSENT_STATES, string="Consent", default="requested", required=True, readonly=True, tracking=True, index=True
    )
    consent_date = fields.Datetime(string="Consent Decided", readonly=True, copy=False)
    consent_expiry = fields.Date(
        string="Consent Expires",
        readonly=True,
        copy=False,
        default=lambda self: talent_pool.consent_expiry(
            fields.Date.context_today(self), self.env.company.interview_pool_consent_months
        ),
        help="After this day the consent lapses and the retention job forgets the candidate.",
    )
    consent_requested_at = fields.Datetime(string="Consent Asked", readonly=True, copy=False)
    consent_token = fields.Char(readonly=True, copy=False, index="btree_not_null", groups="base.group_system")
    consent_token_expires_at = fields.Datetime(readonly=True, copy=False, groups="base.group_system")
    consent_token_used_at = fields.Datetime(readonly=True, copy=False, groups="base.group_system")
    withdraw_token = fields.Char(readonly=True, copy=False, index="btree_not_null", groups="base.group_system")
    tag_ids = fields.Many2many(
        "hr.applicant.category",
        "hr_interview_talent_pool_member_tag_rel",
        "member_id",
        "tag_id",
        string="Tags",
    )
    note = fields.Text()

    _sql_constraints = [
        ("pool_candidate_unique", "UNIQUE(pool_id, candidate_id)", "This candidate is already in this talent pool."),
    ]

    @api.depends("candidate_id.partner_name", "pool_id.name")
    def _compute_display_name(self):
        for member in self:
            member.display_name = _(
                "%(candidate)s in %(pool)s",
                candidate=member.candidate_id.partner_name or "",
                pool=member.pool_id.name or "",
            )

    @api.constrains("candidate_id", "pool_id")
    def _check_candidate_company(self):
        for member in self:
            company = member.candidate_id.company_id
            if company and company != member.pool_id.company_id:
                raise ValidationError(_("A talent pool keeps only candidates of its own company."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_protected_create(vals_list)
        if not self.env.su:
            # a member only for a candidate (and an interview) the user may see
            self.env["hr.candidate"].browse(
                {vals.get("candidate_id") for vals in vals_list} - {False, None}
            ).check_access("read")
            self.env["hr.interview.session"].browse(
                {vals.get("session_id") for vals in vals_list} - {False, None}
            ).check_access("read")
        return super().create(vals_list)

    def write(self, vals):
        self._check_protected_write(vals)
        return super().write(vals)

    def _transition(self):
        """These members as the superuser, to write the consent's fields: call only after the
        caller's access was checked (or from the public page, after the token was)."""
        self.check_access("write")
        return self.sudo()
