"""Applicant: its interview sessions and phone-screen notes. The match report is in
hr_applicant_match.py."""

from odoo import api, fields, models


class HrApplicant(models.Model):
    _inherit = "hr.applicant"

    interview_session_ids = fields.One2many("hr.interview.session", "applicant_id", string="Interview Sessions")
    interview_session_count = fields.Integer(compute="_compute_interview_session_count")

    phone_screen_notes = fields.Text(
        help="What the candidate said in the phone screen. Skills and concerns named here are shown in the "
        "match report (in English or Chinese).",
    )

    @api.depends("interview_session_ids")
    def _compute_interview_session_count(self):
        counts = dict(
            self.env["hr.interview.session"]._read_group(
                [("applicant_id", "in", self.ids)], ["applicant_id"], ["__count"]
            )
        )
        for applicant in self:
            applicant.interview_session_count = counts.get(applicant._origin, 0)

    def write(self, vals):
        result = super().write(vals)
        if "phone_screen_notes" in vals:
            # sudo: the concerns follow the notes on the interviews still to come or running
            self.sudo().interview_session_ids._prefill_concerns_from_phone_screen()
        return result

    def action_open_interview_sessions(self):
        self.ensure_one()
        sessions = self.env["hr.interview.session"].search([("applicant_id", "=", self.id)])
        return sessions._action_open_sessions(
            [("applicant_id", "=", self.id)],
            single=sessions if len(sessions) == 1 else None,
        )

    def action_print_match_report(self):
        return self.env.ref("hr_interview_closing.action_report_applicant_match").report_action(self)
