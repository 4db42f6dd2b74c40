from odoo import fields, models


class HrCandidate(models.Model):
    # the follow-up's side of the candidate, apart from the match report (hr_candidate.py)
    _inherit = "hr.candidate"  # pylint: disable=consider-merging-classes-inherited

    interview_followup_opt_out = fields.Boolean(
        string="No Mails after Interviews",
        tracking=True,
        help="The candidate asked not to receive the thank-you mail, the survey and the late-answer mail "
        "after their interviews.",
    )
    partner_lang = fields.Selection(
        related="partner_id.lang",
        string="Language",
        readonly=False,
        help="The candidate's language: closing scripts, thank-you mails and their page use it.",
    )
