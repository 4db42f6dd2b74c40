import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_datetime

from ..services import phone_screen, timing, video_events
from .hr_interview_closing_script import SCENARIOS

_logger = logging.getLogger(__name__)

STATES = [
    ("scheduled", "Scheduled"),
    ("in_progress", "In Progress"),
    ("closing", "Closing"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("scheduled", "in_progress", "closing")
# Fields only the transition methods (or the superuser) may write.
PROTECTED_FIELDS = {"state", "overtime_alert_sent_at", "match_alert_sent_at"}
CRON_BATCH_SIZE = 200
# The platform's time and the recorded time differ enough to be worth a note (seconds).
VIDEO_TIME_NOTE_THRESHOLD = 60


class HrInterviewSession(models.Model):
    _name = "hr.interview.session"
    _description = "Interview Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "planned_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    event_id = fields.Many2one(
        "calendar.event",
        string="Meeting",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )
    applicant_id = fields.Many2one(
        "hr.applicant",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    candidate_id = fields.Many2one(related="applicant_id.candidate_id", store=True)
    partner_name = fields.Char(
        string="Candidate Name",
        related="applicant_id.partner_name",
        store=True,
        compute_sudo=True,
    )
    job_id = fields.Many2one(related="applicant_id.job_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Organizer",
        related="event_id.user_id",
        store=True,
    )
    interviewer_ids = fields.Many2many(
        "res.users",
        "hr_interview_session_interviewer_rel",
        "session_id",
        "user_id",
        string="Interviewers",
        compute="_compute_interviewer_ids",
        store=True,
        compute_sudo=True,
        help="Internal users attending the meeting, plus the applicant's interviewers.",
    )
    state = fields.Selection(
        STATES,
        default="scheduled",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand="_expand_states",
    )
    videocall_location = fields.Char(related="event_id.videocall_location")

    planned_start = fields.Datetime(required=True, tracking=True, index=True)
    planned_duration = fields.Integer(
        required=True,
        tracking=True,
        aggregator="avg",
        help="Minutes. Defaults to the job position's duration, else the company's.",
    )
    planned_end = fields.Datetime(compute="_compute_planned_end", store=True, index=True)
    actual_start = fields.Datetime(tracking=True, copy=False)
    actual_end = fields.Datetime(tracking=True, copy=False)
    actual_duration = fields.Float(
        compute="_compute_actual_duration",
        store=True,
        digits=(12, 1),
        aggregator="avg",
        help="Minutes from the actual start to the actual end.",
    )
    overtime_minutes = fields.Float(
        string="Overtime",
        compute="_compute_actual_duration",
        store=True,
        digits=(12, 1),
        aggregator="avg",
        help="Minutes the interview ran past its planned end.",
    )
    is_overtime = fields.Boolean(compute="_compute_actual_duration", store=True)
    overtime_reason_required = fields.Boolean(compute="_compute_overtime_reason_required")
    overtime_reason_id = fields.Many2one(
        "hr.interview.overtime.reason",
        tracking=True,
        check_company=True,
    )
    overtime_note = fields.Text()
    overtime_alert_sent_at = fields.Datetime(readonly=True, copy=False)

    match_score = fields.Float(related="applicant_id.match_score", string="Match (%)")
    match_level = fields.Selection(related="applicant_id.match_level", string="Match")
    match_contradiction_count = fields.Integer(related="applicant_id.match_contradiction_count")
    match_alert_at = fields.Datetime(
        string="Weak-Match Alert At",
        compute="_compute_match_alert_at",
        store=True,
        index=True,
        help="When the interviewers of a weak match are warned: the planned start less the company's lead time.",
    )
    match_alert_sent_at = fields.Datetime(string="Weak-Match Alert Sent", readonly=True, copy=False)

    checklist_line_ids = fields.One2many("hr.interview.checklist.line", "session_id", string="Checklist")
    checklist_progress = fields.Float(compute="_compute_checklist")
    checklist_open_required_count = fields.Integer(compute="_compute_checklist")
    checklist_skip_reason = fields.Text(
        string="Reason for Open Items",
        help="Why the interview is finished although required checklist items are still open.",
    )
    closing_notes = fields.Html()

    concern_ids = fields.One2many("hr.interview.concern", "session_id", string="Concerns")
    open_concern_count = fields.Integer(compute="_compute_open_concern_count")
    raised_topic_ids = fields.Many2many(
        "hr.interview.concern.topic",
        string="Concerns Raised",
        compute="_compute_raised_topic_ids",
        inverse="_inverse_raised_topic_ids",
        help="Tick a topic when the candidate raises it: a concern is added, to answer before closing.",
    )
    low_interest_flag = fields.Boolean(
        string="Candidate Seems Not Interested",
        tracking=True,
        help="Your own impression; the closing then suggests the low-interest script.",
    )
    closing_scenario = fields.Selection(SCENARIOS, tracking=True, copy=False)
    closing_script_id = fields.Many2one("hr.interview.closing.script", copy=False, ondelete="set null")
    closing_script = fields.Text(string="Closing Script Used", copy=False)
    outcome = fields.Selection(
        [
            ("advance", "Advance"),
            ("hold", "Hold"),
            ("not_recommended", "Not recommended"),
            ("talent_pool", "Talent pool"),
        ],
        tracking=True,
        copy=False,
    )
    refuse_reason_id = fields.Many2one("hr.applicant.refuse.reason", string="Reason Not Recommended", tracking=True)
    answer_date = fields.Date(string="Answer Promised By", tracking=True, copy=False)
    # Video platforms (Zoom, Tencent Meeting)
    video_meeting_code = fields.Char(
        string="Meeting ID / Code",
        compute="_compute_video_meeting_code",
        store=True,
        compute_sudo=True,
        index="btree_not_null",
        help="The meeting's Zoom meeting ID or Tencent Meeting code: entered on the meeting, or read "
        "from its Zoom link.",
    )
    video_meeting_id = fields.Char(
        string="Tencent Meeting Long ID",
        related="event_id.video_meeting_id",
        store=True,
        index="btree_not_null",
    )
    video_provider_id = fields.Many2one(
        "hr.interview.video.provider",
        string="Reported By",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    video_start = fields.Datetime(
        string="Platform Start",
        readonly=True,
        copy=False,
        help="When the video platform says the meeting started.",
    )
    video_end = fields.Datetime(
        string="Platform End",
        readonly=True,
        copy=False,
        help="When the video platform says the meeting ended.",
    )
    video_recording_url = fields.Char(string="Recording Link", readonly=True, copy=False)
    video_record_file_ids = fields.Char(
        string="Recording File IDs",
        readonly=True,
        copy=False,
        help="Tencent Meeting's record_file_id values; their links come from Tencent Meeting's REST API.",
    )
    video_event_ids = fields.One2many(
        "hr.interview.video.event",
        "session_id",
        string="Video Events",
        groups="hr_recruitment.group_hr_recruitment_user",
    )
    duration_variance = fields.Float(
        string="Over / Under Plan",
        compute="_compute_duration_variance",
        store=True,
        digits=(12, 1),
        aggregator="avg",
        help="Actual minus planned minutes (negative when the interview was shorter than planned).",
    )

    def _expand_states(self, states, domain):
        return [key for key, __ in self._fields["state"].selection]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("partner_name", "job_id.name")
    def _compute_name(self):
        for session in self:
            if session.job_id:
                session.name = f"{session.partner_name or ''} – {session.job_id.name}"
            else:
                session.name = session.partner_name or _("Interview")

    @api.depends("event_id.partner_ids.user_ids", "applicant_id.interviewer_ids")
    def _compute_interviewer_ids(self):
        for session in self:
            attendees = session.event_id.partner_ids.user_ids.filtered(lambda u: not u.share)
            session.interviewer_ids = attendees | session.applicant_id.interviewer_ids

    @api.depends("planned_start", "planned_duration")
    def _compute_planned_end(self):
        for session in self:
            session.planned_end = timing.planned_end(session.planned_start, session.planned_duration)

    @api.depends("planned_start", "company_id.match_alert_lead_time")
    def _compute_match_alert_at(self):
        for session in self:
            lead_time = session.company_id.match_alert_lead_time or 0
            session.match_alert_at = session.planned_start and session.planned_start - timedelta(minutes=lead_time)

    @api.depends("actual_start", "actual_end", "planned_end")
    def _compute_actual_duration(self):
        for session in self:
            session.actual_duration = timing.minutes_between(session.actual_start, session.actual_end)
            session.overtime_minutes = timing.overtime_minutes(session.planned_end, session.actual_end)
            session.is_overtime = session.overtime_minutes > 0

    @api.depends("overtime_minutes", "company_id.interview_overtime_grace")
    def _compute_overtime_reason_required(self):
        for session in self:
            session.overtime_reason_required = timing.needs_overtime_reason(
                session.overtime_minutes, session.company_id.interview_overtime_grace
            )

    @api.depends("concern_ids.topic_id")
    def _compute_raised_topic_ids(self):
        for session in self:
            session.raised_topic_ids = session.concern_ids.topic_id

    def _inverse_raised_topic_ids(self):
        """Ticking a topic adds a concern; unticking removes the concerns of that topic that hold
        nothing yet (no statement, not answered) — never a written one."""
        vals_list = []
        for session in self:
            noted = session.concern_ids.topic_id
            for topic in session.raised_topic_ids - noted:
                vals_list.append({"session_id": session.id, "topic_id": topic.id})
            empty = session.concern_ids.filtered(
                lambda c, s=session: c.topic_id not in s.raised_topic_ids and not c.statement and not c.answered
            )
            empty.unlink()
        self.env["hr.interview.concern"].create(vals_list)

    @api.depends("concern_ids.answered")
    def _compute_open_concern_count(self):
        for session in self:
            session.open_concern_count = len(session.concern_ids.filtered(lambda c: not c.answered))

    @api.depends("checklist_line_ids.done", "checklist_line_ids.required")
    def _compute_checklist(self):
        for session in self:
            lines = session.checklist_line_ids
            session.checklist_progress = 100.0 * len(lines.filtered("done")) / len(lines) if lines else 0.0
            session.checklist_open_required_count = len(lines.filtered(lambda line: line.required and not line.done))

    @api.depends("event_id.video_meeting_code", "event_id.videocall_location")
    def _compute_video_meeting_code(self):
        for session in self:
            event = session.event_id
            session.video_meeting_code = event.video_meeting_code or video_events.zoom_meeting_number(
                event.videocall_location
            )

    @api.depends("actual_duration", "planned_duration", "actual_end")
    def _compute_duration_variance(self):
        for session in self:
            session.duration_variance = (
                session.actual_duration - session.planned_duration if session.actual_end else 0.0
            )

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------

    _sql_constraints = [
        ("event_uniq", "unique(event_id)", "A meeting can hold only one interview session."),
        ("planned_duration_positive", "CHECK(planned_duration > 0)", "The planned duration must be positive."),
        (
            "actual_times_ordered",
            "CHECK(actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)",
            "An interview cannot end before it starts.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        applicants = self.env["hr.applicant"].browse(
            [vals["applicant_id"] for vals in vals_list if vals.get("applicant_id")]
        )
        applicants = applicants.sudo()  # only reads company and job settings of the given applicants
        for vals in vals_list:
            applicant = applicants.browse(vals.get("applicant_id"))
            if not vals.get("company_id") and applicant.company_id:
                vals["company_id"] = applicant.company_id.id
            if not vals.get("planned_duration"):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["planned_duration"] = applicant.job_id.interview_duration or company.interview_duration or 40
        sessions = super().create(vals_list)
        sessions._arm_overtime_alert()
        sessions._prefill_concerns_from_phone_screen()
        self.env["hr.interview.video.event"]._requeue_unmatched(sessions)
        sessions._arm_match_alert()
        return sessions

    def write(self, vals):
        protected = PROTECTED_FIELDS & set(vals)
        if protected and not (self.env.su or self.env.context.get("hr_interview_transition")):
            raise UserError(
                _(
                    "The fields %(fields)s change only through the interview's buttons.",
                    fields=", ".join(sorted(protected)),
                )
            )
        reschedule = bool({"planned_start", "planned_duration"} & set(vals))
        if reschedule and any(session.state in ("done", "cancelled") for session in self):
            raise UserError(_("A finished or cancelled interview cannot be rescheduled."))
        result = super().write(vals)
        if reschedule:
            self._arm_overtime_alert(rearm=True)
            self.env["hr.interview.video.event"]._requeue_unmatched(self)
        if vals.get("overtime_reason_id"):
            self.activity_feedback(
                ["hr_interview_closing.mail_activity_type_interview_overtime_reason"],
                feedback=_("Overtime reason given."),
            )
        if "planned_start" in vals:
            self._arm_match_alert(rearm=True)
        return result

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
        return self.with_context(hr_interview_transition=True)

    def action_start(self):
        self._check_state(("scheduled",), _("Only a scheduled interview can be started; “%(name)s” is %(state)s."))
        now = fields.Datetime.now()
        for session in self:
            session._transition().write({"state": "in_progress", "actual_start": session.actual_start or now})
        self._create_checklist_lines()
        self._prefill_concerns_from_phone_screen()
        self._arm_overtime_alert()
        return True

    def action_close(self):
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
        """What the closing needs from the match report: level, score, threshold, strengths, gaps."""
        self.ensure_one()
        applicant = self.applicant_id.sudo()  # the report is computed from evidence the user may not read
        return {
            "level": applicant.match_level,
            "score": applicant.match_score,
            "threshold": applicant._match_settings().low_threshold,
            "strengths": applicant._match_strengths(),
            "gaps": applicant._match_gaps(),
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
    # Overtime alert
    # ------------------------------------------------------------------

    def _arm_overtime_alert(self, rearm=False):
        """Wake the overtime job at the planned end of the open sessions.

        With ``rearm``, a session whose planned end moved into the future gets its alert back.
        """
        now = fields.Datetime.now()
        sessions = self.filtered(lambda s: s.state in ("scheduled", "in_progress") and s.planned_end)
        if rearm:
            to_reset = sessions.filtered(lambda s: s.overtime_alert_sent_at and s.planned_end > now)
            if to_reset:
                to_reset._transition().write({"overtime_alert_sent_at": False})
        times = sorted({max(s.planned_end, now) for s in sessions if not s.overtime_alert_sent_at})
        if times:
            self.env.ref("hr_interview_closing.ir_cron_interview_overtime_alert").sudo()._trigger(at=times)

    @api.model
    def _cron_send_overtime_alerts(self, batch_size=CRON_BATCH_SIZE):
        """Alert the interviewers of running sessions that reached their planned end.

        One batch per call, picked with SKIP LOCKED so parallel workers never take the same
        session; the alert flag, the activities and the toasts commit together, so a job killed
        mid-way sends nothing and the next run picks the same sessions again.
        """
        now = fields.Datetime.now()
        self.flush_model(["state", "overtime_alert_sent_at", "planned_end"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM hr_interview_session
                 WHERE state = 'in_progress'
                   AND overtime_alert_sent_at IS NULL
                   AND planned_end <= %s
                 ORDER BY planned_end, id
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                now,
                batch_size + 1,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        sessions = self.browse(ids[:batch_size])
        remaining = 0
        if len(ids) > batch_size:  # count the rest only when there is a rest
            self.env.cr.execute(
                SQL(
                    """
                    SELECT count(*) FROM hr_interview_session
                     WHERE state = 'in_progress' AND overtime_alert_sent_at IS NULL AND planned_end <= %s
                    """,
                    now,
                )
            )
            remaining = self.env.cr.fetchone()[0] - len(sessions)
        sessions._send_overtime_alert()
        self.env["ir.cron"]._notify_progress(done=len(sessions), remaining=remaining)
        return sessions

    def _send_overtime_alert(self):
        """Tell the interviewers to wrap up (see _alert_interviewers)."""
        if not self:
            return
        self._transition().write({"overtime_alert_sent_at": fields.Datetime.now()})

        def compose(session, env, tz):
            summary = env._("Time to wrap up: %(name)s", name=session.name)
            message = env._(
                "The interview with %(candidate)s reached its planned end (%(end)s). Start closing: "
                "next steps, timeline, the candidate's questions.",
                candidate=session.partner_name,
                end=format_datetime(env, session.planned_end, tz=tz, dt_format=False),
            )
            return summary, message

        self._alert_interviewers(
            "hr_interview_closing.mail_activity_type_interview_wrap_up",
            compose,
            lambda env, count: env._("Time to wrap up %(count)s interviews", count=count),
        )

    def _alert_interviewers(self, activity_type_xmlid, compose, several_title):
        """One activity per interviewer and session, and one toast per interviewer (listing every
        session when someone has several in the same run), in each interviewer's language and time
        zone. Activities and toasts go out with the transaction: a job killed before its commit
        sends nothing.

        :param compose: function(session, env, tz) → (summary, message), ``env`` in the
            interviewers' language and time zone
        :param several_title: function(env, count) → the title of a toast listing several sessions
        """
        activity_type = self.env.ref(activity_type_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_vals = []
        for (lang, tz), users in self.interviewer_ids.grouped(lambda u: (u.lang, u.tz)).items():
            env = self.with_context(lang=lang or "en_US", tz=tz or "UTC").env
            today = fields.Date.context_today(self.with_env(env))  # the interviewer's today
            toasts = defaultdict(list)
            for session in self.with_env(env).filtered(lambda s, users=users: s.interviewer_ids & users):
                summary, message = compose(session, env, tz)
                for user in session.interviewer_ids & users:
                    activity_vals.append(
                        {
                            "res_model_id": model_id,
                            "res_id": session.id,
                            "activity_type_id": activity_type.id,
                            "automated": True,  # activity_unlink() removes only automated ones
                            "user_id": user.id,
                            "summary": summary,
                            "note": Markup("<p>%s</p>") % message,
                            "date_deadline": today,
                        }
                    )
                    toasts[user].append((summary, message))
            for user, texts in toasts.items():
                if len(texts) == 1:
                    title, message = texts[0]
                else:
                    title = several_title(env, len(texts))
                    message = "\n".join(f"{summary}: {text}" for summary, text in texts)
                user._bus_send(
                    "simple_notification", {"type": "warning", "title": title, "message": message, "sticky": True}
                )
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(activity_vals)

    # ------------------------------------------------------------------
    # Weak-match alert
    # ------------------------------------------------------------------

    def _arm_match_alert(self, rearm=False):
        """Wake the weak-match job at the alert time (planned start less the lead time) of the
        scheduled sessions that start in the future. Whether the match is weak is decided when the
        job runs, on the report of that moment.

        With ``rearm``, a session moved to a future start gets its alert back.
        """
        now = fields.Datetime.now()
        sessions = self.filtered(lambda s: s.state == "scheduled" and s.planned_start and s.planned_start > now)
        if rearm:
            to_reset = sessions.filtered("match_alert_sent_at")
            if to_reset:
                to_reset._transition().write({"match_alert_sent_at": False})
        times = sorted({max(s.match_alert_at, now) for s in sessions if not s.match_alert_sent_at})
        if times:
            self.env.ref("hr_interview_closing.ir_cron_interview_match_alert").sudo()._trigger(at=times)

    def _match_alert_due_query(self, now, limit=None, lock=False):
        """Scheduled sessions past their alert time, not started yet, with a weak match (low, or a
        contradiction) and no alert sent."""
        return SQL(
            """
            SELECT s.id FROM hr_interview_session s
              JOIN hr_applicant a ON a.id = s.applicant_id
             WHERE s.state = 'scheduled'
               AND s.match_alert_sent_at IS NULL
               AND s.match_alert_at <= %(now)s
               AND s.planned_start > %(now)s
               AND (a.match_level = 'low' OR a.match_contradiction_count > 0)
             ORDER BY s.match_alert_at, s.id
             %(limit)s %(lock)s
            """,
            now=now,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
            lock=SQL("FOR UPDATE OF s SKIP LOCKED") if lock else SQL(),
        )

    @api.model
    def _cron_send_match_alerts(self, batch_size=CRON_BATCH_SIZE):
        """Warn the interviewers of weak-match sessions that reached their alert time.

        One batch per call, picked with SKIP LOCKED; the alert flag, the activities, the notes and
        the toasts commit together, so a job killed mid-way sends nothing and the next run sends
        once. Good matches are never picked: they stay silent.
        """
        now = fields.Datetime.now()
        self.flush_model(["state", "match_alert_sent_at", "match_alert_at", "planned_start", "applicant_id"])
        self.env["hr.applicant"].flush_model(["match_level", "match_contradiction_count"])
        self.env.cr.execute(self._match_alert_due_query(now, limit=batch_size + 1, lock=True))
        ids = [row[0] for row in self.env.cr.fetchall()]
        sessions = self.browse(ids[:batch_size])
        remaining = 0
        if len(ids) > batch_size:  # count the rest only when there is a rest
            self.env.cr.execute(SQL("SELECT count(*) FROM (%s) due", self._match_alert_due_query(now)))
            remaining = self.env.cr.fetchone()[0] - len(sessions)
        sessions._send_match_alert()
        self.env["ir.cron"]._notify_progress(done=len(sessions), remaining=remaining)
        return sessions

    def _send_match_alert(self):
        """Warn the interviewers (see _alert_interviewers), and note the suggestion on each session."""
        if not self:
            return
        self._transition().write({"match_alert_sent_at": fields.Datetime.now()})
        Suggestion = self.env["hr.interview.match.suggestion"]
        texts_by_lang = {}

        def compose(session, env, tz):
            lang = env.context["lang"]
            if lang not in texts_by_lang:
                texts_by_lang[lang] = Suggestion.with_env(env)._texts(self.company_id)
            applicant = session.applicant_id
            suggestion = applicant._match_suggestion(texts=texts_by_lang[lang][session.company_id.id])
            summary = env._(
                "Weak match (%(score)s %%): %(name)s",
                score=round(applicant.match_score),
                name=session.name,
            )
            start = format_datetime(env, session.planned_start, tz=tz, dt_format="short")
            message = env._("Interview at %(start)s. %(suggestion)s", start=start, suggestion=suggestion)
            return summary, message

        self._alert_interviewers(
            "hr_interview_closing.mail_activity_type_interview_match_alert",
            compose,
            lambda env, count: env._("Weak matches in %(count)s coming interviews", count=count),
        )
        self._log_match_alert()

    def _log_match_alert(self):
        """The note on each session, in its company's language, naming who was warned."""
        bodies = {}
        for lang, sessions in self.grouped(lambda s: s.company_id.partner_id.lang or "en_US").items():
            env = self.with_context(lang=lang).env
            texts = self.env["hr.interview.match.suggestion"].with_env(env)._texts(sessions.company_id)
            for session in sessions.with_env(env):
                suggestion = session.applicant_id._match_suggestion(texts=texts[session.company_id.id])
                bodies[session.id] = Markup("<p>%s</p><p>%s</p>") % (
                    env._(
                        "Weak match (%(score)s %%) before the interview; alerted: %(users)s.",
                        score=round(session.applicant_id.match_score),
                        users=", ".join(session.interviewer_ids.mapped("name")),
                    ),
                    suggestion,
                )
        self._message_log_batch(bodies=bodies)

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

    # ------------------------------------------------------------------
    # Video platforms
    # ------------------------------------------------------------------

    def _apply_video_events(self, events):
        """Apply video platform events (hr.interview.video.event, matched to these sessions).

        The platform's facts are kept on the session (``video_start`` = earliest start,
        ``video_end`` = latest end: a repeated or a late ``meeting.end`` moves nothing back), and
        the actual times follow them unless someone set those by hand, in which case a note
        records the difference. A start moves a scheduled interview to running and an end moves
        a running one to closing, through the usual transitions; an end without a known start
        waits for it. Runs as the superuser, in batch: the number of queries does not depend on
        the number of sessions.
        """
        sessions = self.sudo().with_context(tracking_disable=True)
        events = events.sudo()
        notes = defaultdict(list)
        to_start = sessions.browse()
        to_close = sessions.browse()
        ended = sessions.browse()
        recordings = []
        events_by_session = events.grouped("session_id")
        for session in sessions:
            session_events = events_by_session.get(session)
            if not session_events:
                continue
            session_events = session_events.sorted(lambda e: (e.event_time or e.create_date, e.id))
            env = session._notes_env()
            platform = self._platform_label(env, session_events[-1].provider_kind)
            old_start, old_end = session.video_start, session.video_end
            starts = [e.meeting_start for e in session_events if e.kind in ("started", "ended") and e.meeting_start]
            ends = [e.meeting_end for e in session_events if e.kind == "ended" and e.meeting_end]
            new_start = min(filter(None, [old_start, *starts]), default=False)
            new_end = max(filter(None, [old_end, *ends]), default=False)
            vals = {"video_provider_id": session_events[-1].provider_id.id}
            if new_start != old_start:
                vals["video_start"] = new_start
            if new_end != old_end:
                vals["video_end"] = new_end
            open_session = session.state in ("scheduled", "in_progress", "closing")

            # start
            actual_start = session.actual_start
            if new_start and new_start != old_start:
                by_hand = session.actual_start and session.actual_start != old_start
                if open_session and not by_hand and (not session.actual_end or new_start <= session.actual_end):
                    vals["actual_start"] = actual_start = new_start
                    notes[session.id].append(
                        env._(
                            "%(platform)s: the interview started at %(time)s.",
                            platform=platform,
                            time=session._format_note_time(env, new_start),
                        )
                    )
                elif session.actual_start and self._differ(new_start, session.actual_start):
                    notes[session.id].append(
                        env._(
                            "%(platform)s says the interview started at %(platform_time)s; the start recorded by "
                            "hand, %(recorded_time)s, is kept.",
                            platform=platform,
                            platform_time=session._format_note_time(env, new_start),
                            recorded_time=session._format_note_time(env, session.actual_start),
                        )
                    )

            # end: applied once a start is known (an end delivered first waits for its start)
            if new_end and actual_start and (new_end != old_end or not session.actual_end):
                by_hand = session.actual_end and session.actual_end != old_end
                if open_session and not by_hand and new_end >= actual_start:
                    vals["actual_end"] = new_end
                    ended |= session
                    notes[session.id].append(
                        env._(
                            "%(platform)s: the interview ended at %(time)s, after %(minutes)s minutes.",
                            platform=platform,
                            time=session._format_note_time(env, new_end),
                            minutes=round(timing.minutes_between(actual_start, new_end)),
                        )
                    )
                elif new_end != old_end and session.actual_end and self._differ(new_end, session.actual_end):
                    notes[session.id].append(
                        env._(
                            "%(platform)s says the interview ended at %(platform_time)s; the end recorded by "
                            "hand, %(recorded_time)s, is kept.",
                            platform=platform,
                            platform_time=session._format_note_time(env, new_end),
                            recorded_time=session._format_note_time(env, session.actual_end),
                        )
                    )

            # recordings
            for event in session_events.filtered(lambda e: e.kind == "recording"):
                data = event.recording_data or {}
                if data.get("share_url"):
                    vals["video_recording_url"] = data["share_url"]
                recordings.append((session, platform, data))
            file_ids = [fid for e in session_events for fid in (e.recording_data or {}).get("record_file_ids") or ()]
            if file_ids:
                known = (session.video_record_file_ids or "").split(",") if session.video_record_file_ids else []
                merged = known + [fid for fid in dict.fromkeys(file_ids) if fid not in known]
                if merged != known:
                    vals["video_record_file_ids"] = ",".join(merged)
                    notes[session.id].append(
                        env._(
                            "%(platform)s: the recording is ready (record file IDs %(ids)s).",
                            platform=platform,
                            ids=", ".join(fid for fid in merged if fid not in known),
                        )
                    )

            session.write(vals)
            if session.state == "scheduled" and actual_start:
                to_start |= session
            if session in ended and session.state in ("scheduled", "in_progress"):
                to_close |= session

        if to_start:
            to_start.action_start()
        if to_close:
            to_close.action_close()
        self._attach_video_recordings(recordings, notes)
        if notes:
            sessions._message_log_batch(
                bodies={
                    session_id: Markup("<br/>").join(Markup("%s") % line for line in lines)
                    for session_id, lines in notes.items()
                }
            )
        ended._ask_overtime_reason()

    @api.model
    def _platform_label(self, env, kind):
        """ "Zoom" or "Tencent Meeting" (腾讯会议) in the language of ``env``."""
        field = self.env["hr.interview.video.provider"]._fields["kind"]
        return dict(field._description_selection(env)).get(kind, kind or "")

    @staticmethod
    def _differ(first, second):
        return abs((first - second).total_seconds()) >= VIDEO_TIME_NOTE_THRESHOLD

    def _notes_env(self):
        """Notes read in the organizer's language and time zone."""
        user = self.user_id or self.env.user
        return self.with_context(lang=user.lang or "en_US", tz=user.tz or self.env.user.tz or "UTC").env

    def _format_note_time(self, env, moment):
        tz = env.context.get("tz") or "UTC"
        return f"{format_datetime(env, moment, tz=tz, dt_format='short')} ({tz})"

    def _attach_video_recordings(self, recordings, notes):
        """Zoom's recording links become URL attachments of the session, each once."""
        if not recordings:
            return
        Attachment = self.env["ir.attachment"].sudo()
        session_ids = list({session.id for session, __, __ in recordings})
        existing = {
            (a.res_id, a.url)
            for a in Attachment.search(
                [("res_model", "=", self._name), ("res_id", "in", session_ids), ("type", "=", "url")]
            )
        }
        vals_list = []
        for session, platform, data in recordings:
            env = session._notes_env()
            links = []
            if data.get("share_url"):
                links.append((env._("%(platform)s recording (shared link)", platform=platform), data["share_url"]))
            for file in data.get("files") or ():
                if file.get("play_url"):
                    label = " ".join(filter(None, [file.get("file_type"), file.get("recording_type")]))
                    links.append(
                        (env._("%(platform)s recording: %(file)s", platform=platform, file=label), file["play_url"])
                    )
            new_links = [(name, url) for name, url in links if (session.id, url) not in existing]
            for name, url in new_links:
                existing.add((session.id, url))
                vals_list.append(
                    {"name": name, "type": "url", "url": url, "res_model": self._name, "res_id": session.id}
                )
            if new_links:
                notes[session.id].append(
                    Markup("%s<ul>%s</ul>")
                    % (
                        env._("%(platform)s: the recording is ready.", platform=platform),
                        Markup().join(
                            Markup('<li><a href="%s" target="_blank" rel="noopener noreferrer">%s</a></li>')
                            % (url, name)
                            for name, url in new_links
                        ),
                    )
                )
        if vals_list:
            Attachment.create(vals_list)

    def _ask_overtime_reason(self):
        """One "overtime reason" activity per interviewer on interviews that ended after their
        planned end without a reason, unless one is already open."""
        sessions = self.filtered(
            lambda s: s.is_overtime and not s.overtime_reason_id and s.state in ("in_progress", "closing")
        )
        if not sessions:
            return
        activity_type = self.env.ref("hr_interview_closing.mail_activity_type_interview_overtime_reason")
        Activity = self.env["mail.activity"].sudo()
        asked = {
            (a.res_id, a.user_id.id)
            for a in Activity.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", sessions.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for session in sessions:
            for user in session.interviewer_ids or session.user_id:
                if (session.id, user.id) in asked:
                    continue
                user_env = session.with_context(lang=user.lang or "en_US", tz=user.tz or "UTC").env
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": session.id,
                        "activity_type_id": activity_type.id,
                        "automated": True,
                        "user_id": user.id,
                        "summary": user_env._("Why did “%(name)s” run over?", name=session.name),
                        "note": Markup("<p>%s</p>")
                        % user_env._(
                            "The interview ended %(minutes)s minutes after its planned end (%(end)s). "
                            "Choose the overtime reason on the interview.",
                            minutes=round(session.overtime_minutes),
                            end=session._format_note_time(user_env, session.planned_end),
                        ),
                        "date_deadline": fields.Date.context_today(session.with_env(user_env)),
                    }
                )
        if vals_list:
            Activity.with_context(mail_activity_quick_update=True).create(vals_list)
