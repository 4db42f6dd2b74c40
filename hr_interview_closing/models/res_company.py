from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    interview_duration = fields.Integer(
        string="Planned Interview Duration",
        default=40,
        help="Planned length of an interview in minutes, unless its job position says otherwise.",
    )
    interview_overtime_grace = fields.Integer(
        string="Overtime Grace",
        default=5,
        help="Minutes an interview may run past its planned end before a reason is required.",
    )

    _sql_constraints = [
        (
            "interview_duration_positive",
            "CHECK(interview_duration > 0)",
            "The planned interview duration must be a positive number of minutes.",
        ),
        (
            "interview_overtime_grace_positive",
            "CHECK(interview_overtime_grace >= 0)",
            "The overtime grace cannot be negative.",
        ),
    ]
