from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrInterviewChecklistItem(models.Model):
    """A step every interview close should include.

    Items without a job position are the company's defaults. A job position that has items of
    its own uses those instead of the defaults (an override, not an addition).
    """

    _name = "hr.interview.checklist.item"
    _description = "Interview Closing Checklist Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="Shown to the interviewer as a hint.")
    sequence = fields.Integer(default=10)
    required = fields.Boolean(
        default=True,
        help="A required item must be ticked before the interview is done, or a reason given.",
    )
    kind = fields.Selection(
        [("manual", "By hand"), ("closing_notes", "By the closing notes")],
        string="Ticked",
        default="manual",
        required=True,
        help="By the closing notes: the step ticks itself when the interview's closing notes are written, "
        "and unticks when they are emptied.",
    )
    active = fields.Boolean(default=True)
    job_id = fields.Many2one(
        "hr.job",
        string="Job Position",
        index="btree_not_null",
        ondelete="cascade",
        help="Set to make this item part of the job position's own checklist.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        help="Leave empty to use this item in every company.",
    )

    @api.depends("job_id.company_id")
    def _compute_company_id(self):
        for item in self:
            if item.job_id:
                item.company_id = item.job_id.company_id

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.env["hr.interview.checklist.line"].sudo().search([("item_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(
                _(
                    "“%(item)s” is part of past interviews' checklists: archive it instead of deleting it.",
                    item=used.item_id.name,
                )
            )

    @api.model
    def _items_for_jobs(self, jobs, company):
        """Return {job id (or False): items} for the given jobs in one pass.

        :param jobs: hr.job recordset (may be empty)
        :param company: res.company the defaults are taken from
        """
        items = self.search(
            [
                "|",
                ("job_id", "in", jobs.ids),
                "&",
                ("job_id", "=", False),
                ("company_id", "in", [company.id, False]),
            ]
        )
        defaults = items.filtered(lambda i: not i.job_id)
        result = {False: defaults}
        for job in jobs:
            own = items.filtered(lambda i, job=job: i.job_id == job)
            result[job.id] = own or defaults
        return result
