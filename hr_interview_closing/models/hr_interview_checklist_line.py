from odoo import fields, models


class HrInterviewChecklistLine(models.Model):
    _name = "hr.interview.checklist.line"
    _description = "Interview Closing Checklist Line"
    _order = "sequence, id"

    session_id = fields.Many2one(
        "hr.interview.session",
        required=True,
        index=True,
        ondelete="cascade",
    )
    item_id = fields.Many2one(
        "hr.interview.checklist.item",
        required=True,
        ondelete="restrict",
        help="Archive a checklist item instead of deleting it once interviews used it.",
    )
    name = fields.Char(related="item_id.name")
    description = fields.Text(related="item_id.description")
    sequence = fields.Integer(default=10)
    required = fields.Boolean(default=True)
    done = fields.Boolean()
    done_by_id = fields.Many2one("res.users", string="Ticked By", readonly=True)
    done_date = fields.Datetime(string="Ticked On", readonly=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)

    def write(self, vals):
        if "done" in vals:
            vals = dict(vals)
            if vals["done"]:
                vals.update(done_by_id=self.env.uid, done_date=fields.Datetime.now())
            else:
                vals.update(done_by_id=False, done_date=False)
        return super().write(vals)
