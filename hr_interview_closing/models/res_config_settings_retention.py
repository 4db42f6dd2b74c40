from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    # the talent pool's and retention's settings, apart from the closing's (res_config_settings.py)
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    interview_pool_consent_months = fields.Integer(related="company_id.interview_pool_consent_months", readonly=False)
    interview_retention_months = fields.Integer(related="company_id.interview_retention_months", readonly=False)
