from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interview_duration = fields.Integer(
        related="company_id.interview_duration",
        readonly=False,
    )
    interview_overtime_grace = fields.Integer(
        related="company_id.interview_overtime_grace",
        readonly=False,
    )
