from odoo import api, fields, models


class HrInterviewConcern(models.Model):
    """A concern the candidate raised, to answer before they leave."""

    _name = "hr.interview.concern"
    _description = "Candidate Concern"
    _inherit = ["hr.interview.protected.mixin"]
    _order = "answered, raised_at, id"
    # a concern stays on the interview it was raised in
    _set_once_fields = ("session_id",)

    session_id = fields.Many2one("hr.interview.session", required=True, ondelete="cascade", index=True)
    topic_id = fields.Many2one("hr.interview.concern.topic", required=True, ondelete="restrict")
    statement = fields.Text(string="What the Candidate Said")
    raised_at = fields.Datetime(default=fields.Datetime.now, required=True)
    source = fields.Selection(
        [("interview", "Interview"), ("phone_screen", "Phone Screen")],
        default="interview",
        required=True,
    )
    answered = fields.Boolean()
    answer_given = fields.Html(help="What was actually answered, when it differs from the prepared answer.")
    prepared_answer = fields.Html(compute="_compute_prepared_answer")
    lack_of_interest = fields.Boolean(related="topic_id.lack_of_interest")
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    applicant_id = fields.Many2one(related="session_id.applicant_id", store=True, index=True)

    @api.depends("topic_id", "session_id.job_id")
    @api.depends_context("lang")
    def _compute_prepared_answer(self):
        pairs = {(c.topic_id.id, c.session_id.job_id.id) for c in self if c.topic_id}
        answers = self.env["hr.interview.concern.topic"].sudo()._answers_for(pairs)  # configuration text
        for concern in self:
            concern.prepared_answer = answers.get((concern.topic_id.id, concern.session_id.job_id.id), False)

    def write(self, vals):
        self._check_protected_write(vals)
        return super().write(vals)
