from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    interview_duration = fields.Integer(
        help="Planned interview length in minutes for this position. Leave 0 to use the company's.",
    )
    interview_checklist_item_ids = fields.One2many(
        "hr.interview.checklist.item",
        "job_id",
        string="Closing Checklist",
        help="Leave empty to use the company's default checklist.",
    )

    _sql_constraints = [
        (
            "interview_duration_not_negative",
            "CHECK(interview_duration >= 0)",
            "The interview duration cannot be negative.",
        ),
    ]
