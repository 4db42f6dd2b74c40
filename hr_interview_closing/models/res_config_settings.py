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
    interview_answer_days = fields.Integer(
        related="company_id.interview_answer_days",
        readonly=False,
    )
    match_alert_lead_time = fields.Integer(related="company_id.match_alert_lead_time", readonly=False)
    match_low_threshold = fields.Float(related="company_id.match_low_threshold", readonly=False)
    match_strong_threshold = fields.Float(related="company_id.match_strong_threshold", readonly=False)
    match_contradiction_gap = fields.Integer(related="company_id.match_contradiction_gap", readonly=False)
    match_claim_discount = fields.Float(related="company_id.match_claim_discount", readonly=False)
