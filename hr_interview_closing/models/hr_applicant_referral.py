"""Applicant: the referral it came from (the candidate who recommended them), for the pipeline
and the recruitment reports. Set by the referral when the referred person accepts, never by a
client (hr_interview_referral.py)."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

OFFICER = "hr_recruitment.group_hr_recruitment_user"
REFERRAL_FIELDS = ("interview_referral_id", "interview_referrer_id")


class HrApplicant(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_applicant.py
    _inherit = "hr.applicant"  # pylint: disable=consider-merging-classes-inherited

    interview_referral_id = fields.Many2one(
        "hr.interview.referral",
        string="Referral",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        groups=OFFICER,
    )
    interview_referrer_id = fields.Many2one(
        "hr.candidate",
        string="Referred By",
        related="interview_referral_id.referrer_id",
        store=True,
        groups=OFFICER,
        help="The candidate who recommended this applicant.",
    )

    def _check_referral_vals(self, vals_list):
        if not self.env.su and any(name in vals for vals in vals_list for name in REFERRAL_FIELDS):
            raise AccessError(_("The referral of an applicant is set by the referred person's answer only."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_referral_vals(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_referral_vals([vals])
        return super().write(vals)
