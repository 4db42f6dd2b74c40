"""Company settings of the talent pool and of retention: how long a consent lasts, how long a
candidate without consent is kept after the final decision."""

from odoo import fields, models

from ..services import talent_pool


class ResCompany(models.Model):
    # the talent pool's and retention's settings, apart from the closing's (res_company.py)
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    interview_pool_consent_months = fields.Integer(
        string="Talent Pool Consent Lasts",
        default=talent_pool.DEFAULT_CONSENT_MONTHS,
        help="Months a candidate's consent to the talent pool lasts; then it expires and the retention job "
        "forgets them unless they consent again.",
    )
    interview_retention_months = fields.Integer(
        string="Keep Candidates Without Consent",
        default=talent_pool.DEFAULT_RETENTION_MONTHS,
        help="Months after the final decision on their last application after which a candidate who gave no "
        "talent pool consent is anonymised.",
    )

    _sql_constraints = [
        (
            "interview_pool_consent_months_positive",
            "CHECK(interview_pool_consent_months > 0)",
            "A talent pool consent lasts at least one month.",
        ),
        (
            "interview_retention_months_positive",
            "CHECK(interview_retention_months > 0)",
            "Candidates are kept at least one month after the final decision.",
        ),
    ]
