"""Interview session: one interview of one applicant, created from its meeting. This file holds
its fields, computes and CRUD; the other hr_interview_session_*.py files extend the same model by
concern (lifecycle, alerts, video platforms)."""

import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..services import timing, video_events
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
# The outcome of an interview, recorded at closing (the session and the closing dialog share it).
OUTCOMES = [
    ("advance", "Advance to the next step"),
    ("hold", "Hold"),
    ("not_recommended", "Not recommended"),
    ("talent_pool", "Not this job: talent pool"),
]
# Fields only the add-on's code sets (transitions, jobs, video platforms, the closing dialog):
# see hr.interview.protected.mixin.
PROTECTED_FIELDS = (
    "state",
    "overtime_alert_sent_at",
    "match_alert_sent_at",
    "video_provider_id",
    "video_start",
    "video_end",
    "video_recording_url",
    "video_record_file_ids",
    "closing_script",
)
CRON_BATCH_SIZE = 200


class HrInterviewSession(models.Model):
    _name = "hr.interview.session"
    _description = "Interview Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "hr.interview.protected.mixin", "hr.interview.job.mixin"]
    _order = "planned_start desc, id desc"
    _check_company_auto = True
    _protected_fields = PROTECTED_FIELDS
    # a session belongs to one applicant and one meeting, for good
    _set_once_fields = ("applicant_id", "event_id")
    _protected_create_defaults = {"state": "scheduled"}

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
    # Whole minutes between times rounded to the minute (services/timing.py, slot_figures), so that
    # held − planned = end offset − late start, as the form, the list and the report show them.
    actual_duration = fields.Integer(
        string="Held",
        compute="_compute_actual_duration",
        store=True,
        aggregator="avg",
        help="Minutes from the actual start to the actual end.",
    )
    late_start_minutes = fields.Integer(
        string="Late Start",
        compute="_compute_actual_duration",
        store=True,
        aggregator="avg",
        help="Minutes from the planned start to the actual start (negative when it started early). A late "
        "start eats into the slot: overtime is measured from the planned end.",
    )
    end_offset_minutes = fields.Integer(
        string="End vs. Planned End",
        compute="_compute_actual_duration",
        store=True,
        aggregator="avg",
        help="Minutes from the planned end to the actual end (negative when it ended before).",
    )
    overtime_minutes = fields.Integer(
        string="Overtime",
        compute="_compute_actual_duration",
        store=True,
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

    # stored: the session's form and lists show them without reading the applicant
    match_score = fields.Float(related="applicant_id.match_score", string="Match (%)", store=True)
    match_level = fields.Selection(related="applicant_id.match_level", string="Match", store=True)
    match_contradiction_count = fields.Integer(related="applicant_id.match_contradiction_count", store=True)
    match_suggestion = fields.Text(related="applicant_id.match_suggestion")
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
    outcome = fields.Selection(OUTCOMES, tracking=True, copy=False)
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
    duration_variance = fields.Integer(
        string="Over / Under Plan",
        compute="_compute_duration_variance",
        store=True,
        aggregator="avg",
        help="Held minus planned minutes (negative when the interview was shorter than planned): the minutes "
        "past the planned end less the late start.",
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

    @api.depends("actual_start", "actual_end", "planned_start", "planned_duration")
    def _compute_actual_duration(self):
        for session in self:
            figures = session._slot_figures()
            session.actual_duration = figures.held
            session.late_start_minutes = figures.late_start
            session.end_offset_minutes = figures.end_offset
            session.overtime_minutes = figures.overtime
            session.is_overtime = figures.overtime > 0

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

    @api.onchange("raised_topic_ids")
    def _onchange_raised_topic_ids(self):
        """Show the concern of a ticked topic at once (with its prepared answer), and drop the empty
        concern of an unticked one, as the inverse does when the form is saved."""
        for session in self:
            raised = session.raised_topic_ids._origin  # in a form, new records wrapping the topics
            dropped = session.concern_ids.filtered(
                lambda c, raised=raised: c.topic_id._origin not in raised and not c.statement and not c.answered
            )
            added = [
                fields.Command.create({"topic_id": topic.id, "source": "interview"})
                for topic in raised - session.concern_ids.topic_id._origin
            ]
            session.concern_ids = [fields.Command.unlink(concern.id) for concern in dropped] + added

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
            session.duration_variance = session.actual_duration - session.planned_duration if session.actual_end else 0

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------

    _sql_constraints = [
        ("planned_duration_positive", "CHECK(planned_duration > 0)", "The planned duration must be positive."),
        (
            "actual_times_ordered",
            "CHECK(actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)",
            "An interview cannot end before it starts.",
        ),
    ]

    def init(self):
        # One open session per meeting; cancelled ones stay, e.g. when the meeting moved to
        # another applicant (replaces the former unique(event_id)).
        self.env.cr.execute(
            SQL(
                """
                ALTER TABLE hr_interview_session DROP CONSTRAINT IF EXISTS hr_interview_session_event_uniq;
                CREATE UNIQUE INDEX IF NOT EXISTS hr_interview_session_event_open_uniq
                    ON hr_interview_session (event_id) WHERE state != 'cancelled';
                -- what each job picks, in its order: a batch reads a batch, whatever the table holds
                CREATE INDEX IF NOT EXISTS hr_interview_session_overtime_due_index
                    ON hr_interview_session (planned_end, id)
                 WHERE state = 'in_progress' AND overtime_alert_sent_at IS NULL;
                CREATE INDEX IF NOT EXISTS hr_interview_session_match_alert_due_index
                    ON hr_interview_session (match_alert_at, id)
                 WHERE state = 'scheduled' AND match_alert_sent_at IS NULL;
                """
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_protected_create(vals_list)
        applicants = self.env["hr.applicant"].browse(
            [vals["applicant_id"] for vals in vals_list if vals.get("applicant_id")]
        )
        if not self.env.su:
            applicants.check_access("read")  # an interview only for an applicant the user may see
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
        self._check_protected_write(vals)
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
