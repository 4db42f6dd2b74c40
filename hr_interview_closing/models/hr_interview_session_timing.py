"""Interview session: how its times read against the slot — the late marker of a session not
started yet, and the sentences that explain the figures of a held one (late start, end past or
before the planned end)."""

from odoo import api, fields, models

from ..services import timing


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Still scheduled after its planned start.",
    )
    duration_summary = fields.Char(
        string="How the Minutes Add Up",
        compute="_compute_duration_summary",
        help="Planned minutes, less the late start, plus the minutes past the planned end: the minutes held.",
    )
    late_overrun_note = fields.Char(
        string="Past the Planned End",
        compute="_compute_duration_summary",
        help="Set when the interview ended after its planned end although it was not longer than planned: "
        "it started late.",
    )

    def _slot_figures(self):
        self.ensure_one()
        return timing.slot_figures(self.planned_start, self.planned_duration, self.actual_start, self.actual_end)

    @api.depends("state", "planned_start")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for session in self:
            session.is_late = (
                session.state == "scheduled" and bool(session.planned_start) and session.planned_start < now
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        late = [("state", "=", "scheduled"), ("planned_start", "<", fields.Datetime.now())]
        return late if (operator == "=") == value else ["!", "&", *late]

    @api.depends("planned_start", "planned_duration", "actual_start", "actual_end")
    @api.depends_context("lang")
    def _compute_duration_summary(self):
        for session in self:
            session.duration_summary = False
            session.late_overrun_note = False
            if not (session.actual_start and session.actual_end):
                continue
            figures = session._slot_figures()
            parts = [self.env._("%(minutes)s min planned", minutes=figures.planned)]
            if figures.late_start > 0:
                parts.append(self.env._("− %(minutes)s min late start", minutes=figures.late_start))
            elif figures.late_start < 0:
                parts.append(self.env._("+ %(minutes)s min early start", minutes=-figures.late_start))
            if figures.end_offset > 0:
                parts.append(self.env._("+ %(minutes)s min past the planned end", minutes=figures.end_offset))
            elif figures.end_offset < 0:
                parts.append(self.env._("− %(minutes)s min before the planned end", minutes=-figures.end_offset))
            session.duration_summary = self.env._(
                "%(parts)s = %(minutes)s min held", parts=" ".join(parts), minutes=figures.held
            )
            if figures.overtime and figures.held <= figures.planned:
                session.late_overrun_note = self.env._(
                    "Ended %(minutes)s min after the planned end because it started %(late)s min late: the "
                    "late start ate into the slot.",
                    minutes=figures.overtime,
                    late=figures.late_start,
                )
