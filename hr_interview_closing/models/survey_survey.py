from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    match_skill_id = fields.Many2one(
        "hr.skill",
        string="Assessed Skill",
        ondelete="set null",
        help="When an applicant completes this survey, its scoring percentage is recorded as an online-test "
        "assessment of this skill in the applicant's match report. The survey must be scored.",
    )
