"""Interview session: the state machine (start, end, finish, cancel, reschedule), the checklist
and the closing helpers, the concerns found in the phone screen, and the window actions."""

from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from ..services import match, phone_screen, timing
from .hr_interview_session import OPEN_STATES


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------

    def _check_state(self, allowed, message):
        """Raise ``message`` (with %(name)s and %(state)s) for sessions not in ``allowed``."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        for session in self:
            if session.state not in allowed:
                raise UserError(message % {"name": session.name, "state": labels[session.state]})

    def _transition(self):
        """These sessions, to write the fields only the add-on's code sets (state, alert stamps...):
        after checking that the user may write them (access rules included), as the superuser."""
        self.check_access("write")
        return self.sudo()

    def action_start(self):
        self._check_state(("scheduled",), _("Only a scheduled interview can be started; “%(name)s” is %(state)s."))
        now = fields.Datetime.now()
        for session in self:
            session._transition().write({"state": "in_progress", "actual_start": session.actual_start or now})
        self._create_checklist_lines()
        self._prefill_concerns_from_phone_screen()
        self._arm_overtime_alert()
        return True

    def action_end(self):
        """The conversation is over: record the end and move to the closing steps."""
        self._check_state(("in_progress",), _("Only a running interview can be ended; “%(name)s” is %(state)s."))
        now = fields.Datetime.now()
        for session in self:
            session._transition().write({"state": "closing", "actual_end": session.actual_end or now})
        return True

    def action_done(self):
        self._check_state(("closing",), _("End the interview before finishing it; “%(name)s” is %(state)s."))
        for session in self:
            if session.overtime_reason_required and not session.overtime_reason_id:
                raise UserError(
                    _(
                        "The interview “%(name)s” ran %(minutes)s minutes over its planned end, more than "
                        "the %(grace)s minutes of grace: choose an overtime reason before finishing it.",
                        name=session.name,
                        minutes=round(session.overtime_minutes),
                        grace=session.company_id.interview_overtime_grace,
                    )
                )
            open_required = session.checklist_line_ids.filtered(lambda line: line.required and not line.done)
            if open_required:
                if not (session.checklist_skip_reason or "").strip():
                    raise UserError(
                        _(
                            "These required closing steps are still open: %(items)s. Tick them, or give "
                            "a reason for leaving them open.",
                            items=", ".join(open_required.mapped("name")),
                        )
                    )
                session.message_post(
                    body=Markup("<p>%s</p><ul>%s</ul><p>%s</p>")
                    % (
                        _("Finished with required closing steps open:"),
                        Markup().join(Markup("<li>%s</li>") % name for name in open_required.mapped("name")),
                        _("Reason: %s", session.checklist_skip_reason),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        self._transition().write({"state": "done"})
        self.activity_unlink(["hr_interview_closing.mail_activity_type_interview_wrap_up"])
        return True

    def action_cancel(self):
        self._check_state(OPEN_STATES, _("The interview “%(name)s” is already %(state)s: it cannot be cancelled."))
        self._transition().write({"state": "cancelled"})
        self.activity_unlink(
            [
                "hr_interview_closing.mail_activity_type_interview_wrap_up",
                "hr_interview_closing.mail_activity_type_interview_match_alert",
            ]
        )
        return True

    def action_reset_to_scheduled(self):
        self._check_state(
            ("cancelled",), _("Only a cancelled interview can be scheduled again; “%(name)s” is %(state)s.")
        )
        if any(not session.event_id.active for session in self):
            raise UserError(_("Restore the interview meeting first: its session follows the meeting."))
        for session in self:
            event = session.event_id.sudo()  # the meeting's applicant, whoever may read it
            if event and (event.applicant_id != session.applicant_id or event.interview_session_id != session):
                raise UserError(
                    _(
                        "The meeting of “%(name)s” now holds another interview: schedule a new meeting instead.",
                        name=session.name,
                    )
                )
        self._transition().write(
            {"state": "scheduled", "actual_start": False, "actual_end": False, "overtime_alert_sent_at": False}
        )
        self._arm_overtime_alert()
        self._arm_match_alert(rearm=True)
        return True

    def _cancel_from_event(self, reason):
        """Cancel the open sessions of meetings that were cancelled or deleted."""
        sessions = self.filtered(lambda s: s.state in OPEN_STATES)
        if not sessions:
            return
        sessions._transition().write({"state": "cancelled"})
        for session in sessions:
            session.message_post(body=reason, subtype_xmlid="mail.mt_note")

    def _create_checklist_lines(self):
        """Copy the applicable checklist items onto sessions that have none yet."""
        todo = self.filtered(lambda s: not s.checklist_line_ids)
        if not todo:
            return
        Item = self.env["hr.interview.checklist.item"].sudo()  # configuration data, copied as is
        vals_list = []
        for company, sessions in todo.grouped("company_id").items():
            items_by_job = Item._items_for_jobs(sessions.job_id, company)
            for session in sessions:
                for item in items_by_job.get(session.job_id.id, items_by_job[False]):
                    vals_list.append(
                        {
                            "session_id": session.id,
                            "item_id": item.id,
                            "sequence": item.sequence,
                            "required": item.required,
                        }
                    )
        self.env["hr.interview.checklist.line"].sudo().create(vals_list)

    def _closing_match_facts(self):
        """What the closing needs from the match report (names in the context's language): level,
        score, threshold, strengths, gaps, the must-haves without evidence and the contradictions
        as (skill, claimed level, assessed level)."""
        self.ensure_one()
        applicant = self.applicant_id.sudo()  # the report is computed from evidence the user may not read
        report = applicant._match_report()
        return {
            "level": applicant.match_level,
            "score": applicant.match_score,
            "threshold": report.settings.low_threshold,
            "strengths": [line.requirement.label for line in match.strengths(report)],
            "gaps": [line.requirement.label for line in match.gaps(report)],
            "missing_must_haves": [line.requirement.label for line in report.missing_must_haves],
            "contradictions": [
                (line.requirement.label, line.claimed.label, line.assessed.label)
                for line in report.lines
                if line.status == match.CONTRADICTED
            ],
        }

    def _running_overtime(self):
        """Minutes past the planned end of a session still running (0 when ended or in time)."""
        self.ensure_one()
        if self.state != "in_progress":
            return 0.0
        return timing.overtime_minutes(self.planned_end, fields.Datetime.now())

    def _promised_answer_date(self):
        """The day the candidate is promised an answer: the job's (else the company's) number of
        working days after the interview, on the company's working calendar, in its time zone."""
        self.ensure_one()
        days = self.job_id.interview_answer_days or self.company_id.interview_answer_days or 3
        calendar = self.company_id.resource_calendar_id
        tz = pytz.timezone(calendar.tz or self.env.user.tz or "UTC")
        start = self.actual_end or fields.Datetime.now()
        local_day = pytz.utc.localize(start).astimezone(tz).date()
        if not calendar:
            day = local_day
            while days:
                day += timedelta(days=1)
                days -= day.weekday() < 5
            return day
        next_morning = tz.localize(datetime.combine(local_day + timedelta(days=1), time.min))
        end = calendar.plan_days(days, next_morning, compute_leaves=True)
        return end.astimezone(tz).date() if end else local_day + timedelta(days=days)

    def _prefill_concerns_from_phone_screen(self):
        """Open a concern for each topic whose keywords appear in the applicant's phone-screen notes.

        Safe to repeat: a topic already noted on the session is not added twice.
        """
        sessions = self.filtered(
            lambda s: s.state in ("scheduled", "in_progress") and s.applicant_id.phone_screen_notes
        )
        if not sessions:
            return
        topics = self.env["hr.interview.concern.topic"].sudo().search([("keywords", "!=", False)])  # configuration
        vals_list = []
        for session in sessions.sudo():  # the concerns follow the applicant's notes, whoever schedules
            company_topics = topics.filtered(lambda t, s=session: not t.company_id or t.company_id == s.company_id)
            mentions = phone_screen.find_sentences(
                session.applicant_id.phone_screen_notes,
                {topic.id: topic._keyword_list() for topic in company_topics},
            )
            known = set(session.concern_ids.topic_id.ids)
            for topic_id, sentence in mentions.items():
                if topic_id not in known:
                    vals_list.append(
                        {
                            "session_id": session.id,
                            "topic_id": topic_id,
                            "statement": sentence,
                            "source": "phone_screen",
                        }
                    )
        self.env["hr.interview.concern"].sudo().create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_closing_wizard(self):
        self.ensure_one()
        self._check_state(
            ("in_progress", "closing"), _("Only a running or ending interview can be closed; “%(name)s” is %(state)s.")
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Close the Interview"),
            "res_model": "hr.interview.closing.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_session_id": self.id},
        }

    def action_open_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.event_id.id,
            "view_mode": "form",
        }

    def action_open_applicant(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.applicant",
            "res_id": self.applicant_id.id,
            "view_mode": "form",
        }

    @api.model
    def _action_open_sessions(self, domain, context=None, single=None):
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_interview_closing.action_hr_interview_session")
        action["domain"] = domain
        action["context"] = dict(context or {}, create=False)
        if single:
            action.update(res_id=single.id, view_mode="form", views=[(False, "form")])
        return action

    def _planned_start_text(self):
        self.ensure_one()
        return format_datetime(self.env, self.planned_start, dt_format="short")
