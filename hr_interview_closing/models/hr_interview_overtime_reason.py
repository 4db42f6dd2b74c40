from odoo import fields, models


class HrInterviewOvertimeReason(models.Model):
    _name = "hr.interview.overtime.reason"
    _description = "Interview Overtime Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to offer this reason in every company.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "This overtime reason already exists."),
    ]
