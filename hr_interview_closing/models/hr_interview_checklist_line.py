from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class HrInterviewChecklistLine(models.Model):
    """One step of an interview's closing checklist, copied from the checklist items when the
    interview starts. Users tick it (``done``); who ticked it and when follow by themselves, and
    everything else is the application's (see hr.interview.protected.mixin)."""

    _name = "hr.interview.checklist.line"
    _description = "Interview Closing Checklist Line"
    _inherit = ["hr.interview.protected.mixin"]
    _order = "sequence, id"
    _protected_fields = ("session_id", "item_id", "sequence", "required", "done_by_id", "done_date")

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
    kind = fields.Selection(related="item_id.kind")
    done = fields.Boolean(compute="_compute_done", store=True, readonly=False, precompute=True)
    done_by_id = fields.Many2one(
        "res.users", string="Ticked By", compute="_compute_done", store=True, readonly=True, precompute=True
    )
    done_date = fields.Datetime(string="Ticked On", compute="_compute_done", store=True, readonly=True, precompute=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)

    @api.depends("session_id.closing_notes")
    def _compute_done(self):
        """A "closing notes" step follows the session's notes: written → ticked, emptied → open.
        Steps ticked by hand keep what the interviewer chose."""
        for line in self:
            if line.kind != "closing_notes":
                line.done, line.done_by_id, line.done_date = line.done, line.done_by_id, line.done_date
                continue
            written = not is_html_empty(line.session_id.closing_notes)
            if written != line.done:
                # recomputed when the notes are saved, in whatever environment flushes them: the
                # step is ticked by who wrote the notes (in a form not saved yet, the user)
                author = line.session_id.write_uid if line.id else self.env.user
                line.done = written
                line.done_by_id = author if written else False
                line.done_date = fields.Datetime.now() if written else False
            else:
                line.done_by_id, line.done_date = line.done_by_id, line.done_date

    @api.model_create_multi
    def create(self, vals_list):
        self._check_protected_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_protected_write(vals)
        if not self.env.su and any(line.session_id.state in ("done", "cancelled") for line in self):
            raise UserError(_("The checklist of a finished or cancelled interview cannot change."))
        if "done" in vals:
            self.check_access("write")
            vals = dict(vals)
            if vals["done"]:
                vals.update(done_by_id=self.env.uid, done_date=fields.Datetime.now())
            else:
                vals.update(done_by_id=False, done_date=False)
            return super(HrInterviewChecklistLine, self.sudo()).write(vals)  # stamps checked above
        return super().write(vals)
