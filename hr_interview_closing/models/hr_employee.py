from collections import defaultdict

from odoo import fields, models

OFFICER = "hr_recruitment.group_hr_recruitment_user"
HELD_STATES = ("closing", "done")


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    interview_held_count = fields.Integer(
        string="Interviews Held",
        compute="_compute_interview_statistics",
        groups=OFFICER,
        help="Interviews this employee's user conducted that have ended.",
    )
    interview_avg_overtime = fields.Float(
        string="Average Overtime",
        compute="_compute_interview_statistics",
        groups=OFFICER,
        digits=(12, 1),
        help="Average minutes past the planned end, over the interviews held.",
    )
    interview_checklist_completion = fields.Float(
        string="Closing Checklist Completion",
        compute="_compute_interview_statistics",
        groups=OFFICER,
        digits=(12, 1),
        help="Share of the closing checklist steps ticked, over the interviews held (%).",
    )

    def _compute_interview_statistics(self):
        """Three grouped queries for any number of employees; the sessions are read with the
        user's rights (officers see their companies' interviews)."""
        users = self.user_id
        Session = self.env["hr.interview.session"]
        held_domain = [("interviewer_ids", "in", users.ids), ("state", "in", HELD_STATES)]
        stats = {}
        if users:
            for user, count, overtime in Session._read_group(
                held_domain, ["interviewer_ids"], ["__count", "overtime_minutes:avg"]
            ):
                stats[user.id] = (count, overtime or 0.0)
        completion = {}
        if stats:
            sessions_by_user = defaultdict(set)
            sessions = Session.search_fetch(held_domain, ["interviewer_ids"])
            for session in sessions:
                for user in session.interviewer_ids:
                    sessions_by_user[user.id].add(session.id)
            lines = defaultdict(lambda: [0, 0])  # session id: [done, total]
            for session, done, count in self.env["hr.interview.checklist.line"]._read_group(
                [("session_id", "in", sessions.ids)], ["session_id", "done"], ["__count"]
            ):
                lines[session.id][1] += count
                if done:
                    lines[session.id][0] += count
            for user_id, session_ids in sessions_by_user.items():
                done = sum(lines[sid][0] for sid in session_ids)
                total = sum(lines[sid][1] for sid in session_ids)
                completion[user_id] = 100.0 * done / total if total else 0.0
        for employee in self:
            count, overtime = stats.get(employee.user_id.id, (0, 0.0))
            employee.interview_held_count = count
            employee.interview_avg_overtime = overtime
            employee.interview_checklist_completion = completion.get(employee.user_id.id, 0.0)

    def action_open_interview_durations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_interview_closing.action_hr_interview_duration")
        action["domain"] = [("interviewer_ids", "in", self.user_id.ids), ("state", "in", HELD_STATES)]
        action["context"] = {"search_default_group_month": 1}
        action["display_name"] = self.env._("Interviews of %(name)s", name=self.name)
        return action
