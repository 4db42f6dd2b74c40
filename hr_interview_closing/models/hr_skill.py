from odoo import fields, models


class HrSkill(models.Model):
    _inherit = "hr.skill"

    # read by the match report with the skill's name in every language (see hr_applicant_match.py)
    keywords = fields.Char(
        string="Other Names",
        help="Other names of the skill that count as a mention in the phone-screen notes, besides its "
        "name in every language; separated by commas, e.g. 英语, 英文.",
    )
