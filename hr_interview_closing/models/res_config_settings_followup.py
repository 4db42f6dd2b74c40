from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    # the follow-up's settings, apart from the closing's (res_config_settings.py)
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    interview_followup_delay = fields.Integer(related="company_id.interview_followup_delay", readonly=False)
    interview_followup_ask_feedback = fields.Boolean(
        related="company_id.interview_followup_ask_feedback", readonly=False
    )
    interview_followup_survey_id = fields.Many2one(related="company_id.interview_followup_survey_id", readonly=False)
    interview_followup_cooldown_months = fields.Integer(
        related="company_id.interview_followup_cooldown_months", readonly=False
    )
    interview_followup_page_days = fields.Integer(related="company_id.interview_followup_page_days", readonly=False)
    interview_followup_alert_user_id = fields.Many2one(
        related="company_id.interview_followup_alert_user_id", readonly=False
    )
    interview_promise_late_mail = fields.Boolean(related="company_id.interview_promise_late_mail", readonly=False)
