"""Interview session: the promised answer date as a tracked commitment — an activity for the
interviewers one working day before; when the date passes without a decision sent to the
candidate, a "still deciding — new date" mail (once) and the promise counted as late. Sending the
decision (see hr_applicant_followup.py) keeps it."""

import functools
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from .hr_interview_session import CRON_BATCH_SIZE
from .hr_interview_session_followup import FOLLOWUP_SKIP_REASONS

PROMISE_STATES = [
    ("none", "No Promise"),
    ("pending", "Pending"),
    ("kept", "Kept"),
    ("late", "Late"),
]
OFFICER = "hr_recruitment.group_hr_recruitment_user"


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    promise_state = fields.Selection(
        PROMISE_STATES, string="Answer Promise", default="none", required=True, readonly=True, copy=False, index=True
    )
    promise_reminder_at = fields.Datetime(
        string="Reminder On",
        readonly=True,
        copy=False,
        help="One working day before the promised answer date: the interviewers get an activity.",
    )
    promise_due_at = fields.Datetime(
        string="Late From",
        readonly=True,
        copy=False,
        help="The end of the promised answer date, in the company's time zone.",
    )
    promise_reminder_sent_at = fields.Datetime(string="Reminder Sent On", readonly=True, copy=False)
    promise_late_at = fields.Datetime(string="Counted Late On", readonly=True, copy=False)
    promise_new_date = fields.Date(string="New Answer Date", readonly=True, copy=False)
    promise_late_mail_id = fields.Many2one(
        "mail.mail", string="Late-Answer E-mail", readonly=True, copy=False, ondelete="set null", index="btree_not_null"
    )
    promise_late_skip_reason = fields.Selection(
        [*FOLLOWUP_SKIP_REASONS, ("disabled", "The company does not send late-answer mails")],
        string="Why No Late-Answer Mail",
        readonly=True,
        copy=False,
    )
    promise_decision_at = fields.Datetime(string="Decision Sent On", readonly=True, copy=False)

    def write(self, vals):
        result = super().write(vals)
        if "answer_date" in vals:
            # a new date is a new promise (once the thank-you mail has been processed)
            self.filtered(
                lambda s: (
                    s.promise_state in ("none", "pending")
                    and s.followup_state not in ("none", "scheduled", "cancelled")
                    and not s.promise_decision_at
                )
            )._promise_start(restart=True)
        return result

    # ------------------------------------------------------------------
    # The promise
    # ------------------------------------------------------------------

    def _promise_start(self, restart=False):
        """Track the answer date of these sessions: reminder and lateness times, and the job woken
        at both. A decision already sent keeps the promise at once."""
        states = ("none", "pending") if restart else ("none",)
        sessions = self.filtered(lambda s: s.answer_date and s.promise_state in states and s.state != "cancelled")
        if not sessions:
            return
        now = fields.Datetime.now()
        cache = {}
        wake = set()
        for session in sessions._transition():
            key = (session.company_id, session.answer_date)
            if key not in cache:
                cache[key] = session._promise_times(session.company_id, session.answer_date)
            reminder_at, due_at = cache[key]
            vals = {
                "promise_state": "pending",
                "promise_reminder_at": reminder_at,
                "promise_due_at": due_at,
                "promise_reminder_sent_at": False,
            }
            if session.promise_decision_at:
                vals["promise_state"] = "kept" if session.promise_decision_at <= due_at else "late"
            else:
                wake.update({max(reminder_at, now), max(due_at, now)})
            session.write(vals)
        if wake:
            self.env.ref("hr_interview_closing.ir_cron_interview_promise").sudo()._trigger(at=sorted(wake))

    @api.model
    def _promise_times(self, company, answer_date):
        """(reminder, lateness) in UTC for an answer promised by ``answer_date``: the start of the
        working day before it on the company's working calendar (public holidays included), and
        the end of the answer day in the calendar's time zone."""
        calendar = company.resource_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        answer_day = tz.localize(datetime.combine(answer_date, time.min))
        due_at = (answer_day + timedelta(days=1)).astimezone(pytz.utc).replace(tzinfo=None)
        reminder = None
        if calendar:
            day_before = calendar.plan_days(-1, answer_day, compute_leaves=True)
            if day_before:
                day_start = tz.localize(datetime.combine(day_before.astimezone(tz).date(), time.min))
                intervals = calendar._work_intervals_batch(day_start, day_start + timedelta(days=1))[False]
                reminder = next(iter(intervals))[0] if intervals else day_before
        if reminder is None:
            day = answer_date - timedelta(days=1)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            reminder = tz.localize(datetime.combine(day, time(9)))
        return reminder.astimezone(pytz.utc).replace(tzinfo=None), due_at

    def _promise_decision_sent(self):
        """The decision reached the candidate: the promise is kept (or was late), the reminders go."""
        sessions = self.filtered(lambda s: not s.promise_decision_at and s.state in ("closing", "done"))
        if not sessions:
            return
        now = fields.Datetime.now()
        for session in sessions._transition():
            vals = {"promise_decision_at": now}
            if session.promise_state == "pending":
                vals["promise_state"] = "kept" if now <= session.promise_due_at else "late"
            session.write(vals)
        sessions.activity_feedback(
            ["hr_interview_closing.mail_activity_type_interview_answer_due"], feedback=_("Decision sent.")
        )

    def action_promise_kept(self):
        """The recruiter told the candidate the decision another way (a phone call)."""
        self.check_access("write")
        if not self.env.user.has_group(OFFICER):
            raise UserError(_("Only recruitment officers can record that a decision was sent."))
        sessions = self.filtered(lambda s: s.promise_state in ("pending", "late") and not s.promise_decision_at)
        sessions._promise_decision_sent()
        for session in sessions:
            session.message_post(
                body=_("Decision given to the candidate (recorded by hand)."), subtype_xmlid="mail.mt_note"
            )
        return True

    # ------------------------------------------------------------------
    # The job: reminders, then promises that passed
    # ------------------------------------------------------------------

    def _promise_due_query(self, column, now, limit=None, lock=False, extra=None):
        return SQL(
            """
            SELECT id FROM hr_interview_session
             WHERE promise_state = 'pending' AND %(column)s <= %(now)s %(extra)s
             ORDER BY %(column)s, id %(limit)s %(lock)s
            """,
            column=SQL.identifier(column),
            now=now,
            extra=extra or SQL(),
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
            lock=SQL("FOR NO KEY UPDATE SKIP LOCKED") if lock else SQL(),
        )

    def _promise_pick(self, column, now, batch_size, extra=None):
        return self._lock_due_batch(
            functools.partial(self._promise_due_query, column, now, extra=extra),
            batch_size,
            "hr_interview_closing.ir_cron_interview_promise",
        )

    @api.model
    def _cron_keep_promises(self, batch_size=CRON_BATCH_SIZE):
        """Remind the interviewers of answers due tomorrow, then handle the promises that passed:
        counted late, and the candidate told once that we are still deciding, with a new date.

        One bounded batch of each per call, picked with SKIP LOCKED; every effect commits with the
        sessions' new state, so a run killed mid-way sends nothing and the next run sends once."""
        now = fields.Datetime.now()
        self.flush_model(["promise_state", "promise_reminder_at", "promise_due_at", "promise_reminder_sent_at"])
        reminders, remaining_reminders = self._promise_pick(
            "promise_reminder_at",
            now,
            batch_size,
            SQL("AND promise_reminder_sent_at IS NULL AND promise_due_at > %s", now),
        )
        reminders._promise_remind()
        late, remaining_late = self._promise_pick("promise_due_at", now, batch_size)
        late._promise_missed()
        self.env["ir.cron"]._notify_progress(
            done=len(reminders) + len(late), remaining=remaining_reminders + remaining_late
        )
        return reminders, late

    def _promise_remind(self):
        if not self:
            return
        self._transition().write({"promise_reminder_sent_at": fields.Datetime.now()})

        def compose(session, env):
            summary = env._("Answer due: %(name)s", name=session.name)
            message = env._(
                "%(candidate)s was promised an answer by %(date)s. Send the decision (refusal, next "
                "stage or offer) before then, or the candidate is told that we need more time.",
                candidate=session.partner_name,
                date=format_date(env, session.answer_date),
            )
            return summary, message, session.answer_date

        self._schedule_activities(
            "hr_interview_closing.mail_activity_type_interview_answer_due",
            [
                (session, user, functools.partial(compose, session))
                for session in self
                for user in session.interviewer_ids or session.user_id
            ],
        )

    def _promise_missed(self):
        """The promised date passed without a decision: the promise is late, and the candidate gets
        the "still deciding" mail with a new date (once, when the company sends them)."""
        if not self:
            return
        now = fields.Datetime.now()
        sessions = self._transition()
        template = self.env.ref("hr_interview_closing.mail_template_interview_still_deciding", raise_if_not_found=False)
        reasons = sessions._followup_skip_reasons(template)
        for session in sessions:
            tz = pytz.timezone(session.company_id.resource_calendar_id.tz or "UTC")
            today = pytz.utc.localize(now).astimezone(tz).date()
            reason = reasons.get(session.id) or (not session.company_id.interview_promise_late_mail and "disabled")
            session.write(
                {
                    "promise_state": "late",
                    "promise_late_at": now,
                    "promise_new_date": session._promise_new_date(today),
                    "promise_late_skip_reason": reason or False,
                }
            )
        to_mail = sessions.filtered(lambda s: not s.promise_late_skip_reason)
        if to_mail:
            mails = template.send_mail_batch(to_mail.ids)
            mail_by_session = {mail.res_id: mail for mail in mails}
            for session in to_mail:
                session.write({"promise_late_mail_id": mail_by_session[session.id].id})
            self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        sessions._message_log_batch(
            bodies={
                session.id: Markup("<p>%s</p>")
                % session._notes_env()._(
                    "The answer promised by %(date)s is late. %(told)s",
                    date=format_date(session._notes_env(), session.answer_date),
                    told=session._notes_env()._(
                        "The candidate was told we need more time, with a new date: %(date)s.",
                        date=format_date(session._notes_env(), session.promise_new_date),
                    )
                    if session.promise_late_mail_id
                    else session._notes_env()._("The candidate was not told (no late-answer mail)."),
                )
                for session in sessions
            }
        )

    def _promise_new_date(self, today):
        """The new answer date: as many working days after today as the first promise gave."""
        self.ensure_one()
        days = self.job_id.interview_answer_days or self.company_id.interview_answer_days or 3
        calendar = self.company_id.resource_calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        if calendar:
            end = calendar.plan_days(days, tz.localize(datetime.combine(today + timedelta(days=1), time.min)), True)
            if end:
                return end.astimezone(tz).date()
        day = today
        while days:
            day += timedelta(days=1)
            days -= day.weekday() < 5
        return day
