from odoo import api, fields, models


class HrApplicant(models.Model):
    _inherit = "hr.applicant"

    interview_session_ids = fields.One2many("hr.interview.session", "applicant_id", string="Interview Sessions")
    interview_session_count = fields.Integer(compute="_compute_interview_session_count")

    @api.depends("interview_session_ids")
    def _compute_interview_session_count(self):
        counts = dict(
            self.env["hr.interview.session"]._read_group(
                [("applicant_id", "in", self.ids)], ["applicant_id"], ["__count"]
            )
        )
        for applicant in self:
            applicant.interview_session_count = counts.get(applicant._origin, 0)

    def action_open_interview_sessions(self):
        self.ensure_one()
        sessions = self.env["hr.interview.session"].search([("applicant_id", "=", self.id)])
        return sessions._action_open_sessions(
            [("applicant_id", "=", self.id)],
            single=sessions if len(sessions) == 1 else None,
        )
