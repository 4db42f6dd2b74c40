"""Interview session: the follow-up after the interview — the thank-you mail, scheduled at the end
plus the company's delay and queued exactly once by a batch job that wakes Odoo's mail queue. The
candidate's page is in hr_interview_session_page.py, the survey's side in
hr_interview_session_feedback.py, the promised answer date in hr_interview_session_promise.py."""

import functools
import logging

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import _lang_get

from ..services import followup
from .hr_interview_session import CRON_BATCH_SIZE, PROTECTED_FIELDS

_logger = logging.getLogger(__name__)

FOLLOWUP_STATES = [
    ("none", "Not Yet"),
    ("scheduled", "Scheduled"),
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("skipped", "Not Sent"),
    ("cancelled", "Cancelled"),
]
FOLLOWUP_SKIP_REASONS = [
    ("cancelled", "The interview was cancelled before the mail left"),
    ("no_email", "The candidate has no valid e-mail address"),
    ("blacklisted", "The candidate's address is blacklisted"),
    ("opt_out", "The candidate asked not to receive these e-mails"),
    ("decision_sent", "A decision was sent before the thank-you mail"),
    ("no_template", "The thank-you mail template was deleted"),
]
# Every field the follow-up's code sets (this file, _feedback and _promise): see
# hr.interview.protected.mixin. Written through _transition() only.
FOLLOWUP_PROTECTED_FIELDS = (
    "followup_state",
    "followup_due_at",
    "followup_queued_at",
    "followup_sent_at",
    "followup_minutes",
    "followup_skip_reason",
    "followup_mail_id",
    "followup_token",
    "followup_page_expires_at",
    "followup_page_revoked",
    "followup_page_posts",
    "followup_survey_state",
    "followup_survey_input_id",
    "followup_answered_at",
    "followup_nps",
    "followup_on_time",
    "followup_next_steps",
    "followup_questions_answered",
    "followup_comment",
    "promise_state",
    "promise_reminder_at",
    "promise_due_at",
    "promise_reminder_sent_at",
    "promise_late_at",
    "promise_new_date",
    "promise_late_mail_id",
    "promise_late_skip_reason",
    "promise_decision_at",
)
OFFICER = "hr_recruitment.group_hr_recruitment_user"
FOLLOWUP_BATCH_PARAM = "hr_interview_closing.followup_batch_size"


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited
    _protected_fields = (*PROTECTED_FIELDS, *FOLLOWUP_PROTECTED_FIELDS)

    followup_state = fields.Selection(
        FOLLOWUP_STATES,
        string="Thank-You Mail",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    followup_due_at = fields.Datetime(string="Thank-You Mail Due", readonly=True, copy=False)
    followup_queued_at = fields.Datetime(string="Thank-You Mail Queued", readonly=True, copy=False)
    followup_sent_at = fields.Datetime(string="Thank-You Mail Sent", readonly=True, copy=False)
    followup_minutes = fields.Float(
        string="Minutes to Mail",
        readonly=True,
        copy=False,
        digits=(12, 1),
        aggregator="avg",
        help="Minutes from the end of the interview to the thank-you mail leaving.",
    )
    followup_skip_reason = fields.Selection(
        FOLLOWUP_SKIP_REASONS, string="Why Nothing Was Sent", readonly=True, copy=False
    )
    followup_mail_id = fields.Many2one(
        "mail.mail", string="Thank-You E-mail", readonly=True, copy=False, ondelete="set null", index="btree_not_null"
    )
    followup_mail_failure = fields.Char(string="Delivery Failure", compute="_compute_followup_mail_failure")
    followup_summary = fields.Text(
        string="Summary for the Candidate",
        copy=False,
        help="Sent in the thank-you mail and shown on the candidate's page. Empty: the closing script said "
        "at the end of the interview. Write for the candidate: your internal closing notes stay internal.",
    )
    followup_lang = fields.Selection(
        _lang_get, string="Candidate's Language", compute="_compute_followup_lang", compute_sudo=True
    )
    followup_token = fields.Char(string="Page Token", readonly=True, copy=False, index="btree_not_null", groups=OFFICER)
    followup_page_expires_at = fields.Datetime(string="Page Open Until", readonly=True, copy=False)
    followup_page_revoked = fields.Boolean(string="Page Revoked", readonly=True, copy=False)
    followup_page_posts = fields.Json(string="Page Messages", readonly=True, copy=False, groups="base.group_system")
    followup_url = fields.Char(string="Candidate's Page", compute="_compute_followup_url", groups=OFFICER)

    def init(self):
        result = super().init()
        # what the follow-up and promise jobs pick, in their order (see hr_interview_session.init)
        self.env.cr.execute(
            SQL(
                """
                CREATE INDEX IF NOT EXISTS hr_interview_session_followup_due_index
                    ON hr_interview_session (followup_due_at, id) WHERE followup_state = 'scheduled';
                CREATE INDEX IF NOT EXISTS hr_interview_session_promise_due_index
                    ON hr_interview_session (promise_due_at, id) WHERE promise_state = 'pending';
                CREATE INDEX IF NOT EXISTS hr_interview_session_promise_reminder_index
                    ON hr_interview_session (promise_reminder_at, id) WHERE promise_state = 'pending';
                """
            )
        )
        return result

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("candidate_id.partner_id.lang", "company_id.partner_id.lang")
    def _compute_followup_lang(self):
        installed = {code for code, __ in self.env["res.lang"].get_installed()}
        for session in self:
            lang = session.candidate_id.partner_id.lang
            if lang not in installed:
                lang = session.company_id.partner_id.lang
            session.followup_lang = lang if lang in installed else "en_US"

    @api.depends("followup_token")
    def _compute_followup_url(self):
        for session in self:
            token = session.sudo().followup_token  # the field's group is checked by this one's
            session.followup_url = f"{session.get_base_url()}/interview/{token}" if token else False

    @api.depends("followup_mail_id")
    def _compute_followup_mail_failure(self):
        for session in self:
            # sudo: only administrators read mail.mail; the reason is the session's own
            session.followup_mail_failure = session.sudo().followup_mail_id.failure_reason or False

    # ------------------------------------------------------------------
    # Transitions: the end of the interview schedules the mail; cancelling stops it
    # ------------------------------------------------------------------

    def write(self, vals):
        result = super().write(vals)
        if "actual_end" in vals:
            # the end was corrected before the mail left: the mail follows it
            self.filtered(lambda s: s.followup_state == "scheduled")._schedule_followup(reschedule=True)
        return result

    def action_end(self):
        result = super().action_end()
        self._schedule_followup()
        return result

    def action_done(self):
        result = super().action_done()
        self._schedule_followup()
        return result

    def action_cancel(self):
        result = super().action_cancel()
        self._cancel_followup()
        return result

    def _cancel_from_event(self, reason):
        result = super()._cancel_from_event(reason)
        self.filtered(lambda s: s.state == "cancelled")._cancel_followup()
        return result

    def action_reset_to_scheduled(self):
        result = super().action_reset_to_scheduled()
        # a mail that never left may be scheduled again at the next end; one that left, never again
        self.filtered(lambda s: s.followup_state == "cancelled" and not s.followup_mail_id)._transition().write(
            {"followup_state": "none", "followup_skip_reason": False, "followup_due_at": False}
        )
        return result

    def _schedule_followup(self, reschedule=False):
        """Schedule the thank-you mail of the ended sessions at their end plus their company's
        delay, and wake the job then. Once: a session already scheduled (the closing dialog after
        the video platform's end, a second Finish) keeps its time, unless ``reschedule``."""
        states = ("none", "scheduled") if reschedule else ("none",)
        sessions = self.filtered(
            lambda s: s.followup_state in states and s.actual_end and s.state in ("closing", "done")
        )
        if not sessions:
            return
        now = fields.Datetime.now()
        wake = set()
        for session in sessions._transition():
            due = followup.due_at(session.actual_end, session.company_id.interview_followup_delay)
            session.write({"followup_state": "scheduled", "followup_due_at": due})
            wake.add(followup.wake_at(due, now))
        self.env.ref("hr_interview_closing.ir_cron_interview_followup").sudo()._trigger(at=sorted(wake))

    def _cancel_followup(self):
        """Nothing leaves for a cancelled interview: a scheduled mail is dropped, a queued one that
        has not left yet is cancelled in the mail queue (a concurrent send makes this transaction
        fail and retry, so the queue never sends a mail cancelled here)."""
        sessions = self.filtered(lambda s: s.followup_state in ("scheduled", "queued", "failed"))
        if not sessions:
            return
        mails = sessions.sudo().followup_mail_id  # sudo: only administrators write mail.mail
        left = mails.filtered(lambda m: m.state == "sent")
        mails.filtered(lambda m: m.state in ("outgoing", "exception")).write({"state": "cancel"})
        sessions.filtered(lambda s: s.sudo().followup_mail_id not in left)._transition().write(
            {"followup_state": "cancelled", "followup_skip_reason": "cancelled", "promise_state": "none"}
        )

    # ------------------------------------------------------------------
    # The job
    # ------------------------------------------------------------------

    @api.model
    def _followup_batch_size(self):
        param = self.env["ir.config_parameter"].sudo().get_param(FOLLOWUP_BATCH_PARAM)
        return int(param) if param and param.isdigit() and int(param) > 0 else CRON_BATCH_SIZE

    @api.model
    def _cron_send_followups(self, batch_size=None):
        """Queue the thank-you mails that are due.

        One bounded batch per call, picked with SKIP LOCKED so that parallel runs never take the
        same session; the mails (mail.mail), the survey invitations and the sessions' new state are
        written in this one transaction: a run killed before its commit leaves nothing, and the
        next run sends once. Then Odoo's mail queue is woken so that the mails leave at once.
        """
        self.flush_model(["followup_state", "followup_due_at"])
        due = functools.partial(self._followup_due_query, fields.Datetime.now())
        return self._run_due_batch(
            due,
            lambda sessions: sessions._send_followup(),
            batch_size or self._followup_batch_size(),
            "hr_interview_closing.ir_cron_interview_followup",
        )

    def _followup_due_query(self, now, limit=None, lock=False):
        """Sessions whose thank-you mail is due."""
        return SQL(
            """
            SELECT id FROM hr_interview_session
             WHERE followup_state = 'scheduled' AND followup_due_at <= %(now)s
             ORDER BY followup_due_at, id %(limit)s %(lock)s
            """,
            now=now,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
            lock=SQL("FOR NO KEY UPDATE SKIP LOCKED") if lock else SQL(),
        )

    def _send_followup(self):
        """Queue the thank-you mail of these sessions, or record why it is not sent."""
        if not self:
            return self.env["mail.mail"]
        now = fields.Datetime.now()
        template = self.env.ref("hr_interview_closing.mail_template_interview_thank_you", raise_if_not_found=False)
        # the mail shows what the job sets (answer date, survey): no tracking message per session;
        # the survey invitations are records of the job, not followed by the job's user
        sessions = self.sudo().with_context(tracking_disable=True, mail_create_nosubscribe=True, mail_create_nolog=True)
        reasons = sessions._followup_skip_reasons(template)
        skipped = sessions.filtered(lambda s: s.id in reasons)
        for reason, group in skipped.grouped(lambda s: reasons[s.id]).items():
            group.write({"followup_state": "skipped", "followup_skip_reason": reason})
        to_send = sessions - skipped
        mails = self.env["mail.mail"]
        if to_send:
            to_send._followup_prepare(now)
            mails = template.send_mail_batch(to_send.ids)
            mail_by_session = {mail.res_id: mail for mail in mails}
            for session in to_send:
                session.write(
                    {
                        "followup_state": "queued",
                        "followup_queued_at": now,
                        "followup_mail_id": mail_by_session[session.id].id,
                    }
                )
            self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        sessions._promise_start()
        skipped._log_followup_skipped()
        return mails

    def _followup_skip_reasons(self, template):
        """{session id: why no mail}, for the sessions that get none."""
        reasons = {}
        for session in self:
            candidate = session.candidate_id
            reason = followup.skip_reason(
                cancelled=session.state == "cancelled",
                email=candidate.email_normalized,
                blacklisted=candidate.is_blacklisted,
                opt_out=candidate.interview_followup_opt_out,
                decision_sent=bool(session.promise_decision_at),
            )
            if not reason and not template:
                reason = "no_template"
            if reason:
                reasons[session.id] = reason
        return reasons

    def _followup_prepare(self, now):
        """What the mail shows and links to: the promised answer date (computed now when the
        closing dialog did not set it), the page's token and expiry, the survey invitation."""
        answer_dates = {}
        for session in self:
            vals = {
                "followup_token": followup.new_token(),
                "followup_page_expires_at": followup.page_expiry(
                    session.actual_end or now, session.company_id.interview_followup_page_days
                ),
            }
            if not session.answer_date:
                # computed once per job delay, calendar and day of the interview (the same inputs
                # as _promised_answer_date's), not once per session
                key = session._followup_answer_date_key(now)
                if key not in answer_dates:
                    answer_dates[key] = session._promised_answer_date()
                vals["answer_date"] = answer_dates[key]
            session.write(vals)
        self._followup_invite_to_survey(now)

    def _followup_answer_date_key(self, now):
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        tz = pytz.timezone(calendar.tz or self.env.user.tz or "UTC")
        days = self.job_id.interview_answer_days or self.company_id.interview_answer_days or 3
        return days, calendar.id, pytz.utc.localize(self.actual_end or now).astimezone(tz).date()

    def _log_followup_skipped(self):
        """A note on each session saying why the candidate got no thank-you mail."""
        if not self:
            return
        labels = {}
        bodies = {}
        for session in self:
            env = session._notes_env()
            if env.lang not in labels:
                labels[env.lang] = dict(self._fields["followup_skip_reason"]._description_selection(env))
            bodies[session.id] = Markup("<p>%s</p>") % env._(
                "No thank-you mail: %(reason)s.", reason=labels[env.lang][session.followup_skip_reason]
            )
        self._message_log_batch(bodies=bodies)

    @api.model
    def _followup_mails_processed(self, mails):
        """The mail queue tried these mails: record when the thank-you mails left, or that they
        failed."""
        if not any(mail.model == self._name for mail in mails):
            return
        now = fields.Datetime.now()
        sessions = self.sudo().search([("followup_mail_id", "in", mails.ids), ("followup_state", "=", "queued")])
        for session in sessions:
            mail = session.followup_mail_id
            if mail in mails:
                sent = mail.state == "sent"
                session.write(
                    {
                        "followup_state": "sent" if sent else "failed",
                        "followup_sent_at": now if sent else False,
                        "followup_minutes": followup.minutes_between(session.actual_end, now) if sent else 0.0,
                    }
                )
