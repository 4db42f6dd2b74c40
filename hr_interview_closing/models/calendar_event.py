from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import video_events

SYNC_FIELDS = {"applicant_id", "start", "stop", "active", "allday"}
VIDEO_FIELDS = {"video_meeting_code", "video_meeting_id", "videocall_location"}


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    interview_session_ids = fields.One2many("hr.interview.session", "event_id", string="Interview Sessions")
    interview_session_id = fields.Many2one(
        "hr.interview.session",
        compute="_compute_interview_session_id",
    )

    video_meeting_code = fields.Char(
        string="Video Meeting ID / Code",
        help="The Zoom meeting ID or the Tencent Meeting code (e.g. 123 456 789), so that the video "
        "platform's reports reach the interview. Not needed for a Zoom link: its ID is read from it.",
    )
    video_meeting_id = fields.Char(
        string="Tencent Meeting Long ID",
        help="Optional: Tencent Meeting's long meeting_id, when the nine-digit code is not enough.",
    )

    @api.depends("interview_session_ids.state")
    def _compute_interview_session_id(self):
        for event in self:
            sessions = event.interview_session_ids.sorted("id", reverse=True)
            event.interview_session_id = sessions.filtered(lambda s: s.state != "cancelled")[:1] or sessions[:1]

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_video_codes(vals) for vals in vals_list]
        events = super().create(vals_list)
        events._check_applicant_access()
        events._sync_interview_sessions()
        return events

    def write(self, vals):
        vals = self._normalize_video_codes(vals)
        result = super().write(vals)
        if {"applicant_id", "partner_ids"} & set(vals):
            self._check_applicant_access()
        if SYNC_FIELDS & set(vals):
            self._sync_interview_sessions()
        if VIDEO_FIELDS & set(vals):
            # sudo: sessions follow the meetings the user may change (see _sync_interview_sessions)
            self.env["hr.interview.video.event"]._requeue_unmatched(self.sudo().interview_session_ids)
        return result

    @api.model
    def _normalize_video_codes(self, vals):
        """Store meeting codes as digits: "123 456 789" and "123-456-789" mean 123456789."""
        if not {"video_meeting_code", "video_meeting_id"} & set(vals):
            return vals
        vals = dict(vals)
        if "video_meeting_code" in vals:
            try:
                vals["video_meeting_code"] = video_events.normalize_meeting_code(vals["video_meeting_code"]) or False
            except ValueError:
                raise ValidationError(
                    _(
                        "“%(code)s” is not a video meeting ID or code: enter the 9 to 11 digits Zoom or "
                        "Tencent Meeting shows (spaces and dashes are fine).",
                        code=vals["video_meeting_code"],
                    )
                ) from None
        if "video_meeting_id" in vals:
            try:
                vals["video_meeting_id"] = video_events.normalize_meeting_id(vals["video_meeting_id"]) or False
            except ValueError:
                raise ValidationError(
                    _(
                        "“%(value)s” is not a Tencent Meeting long ID: it is made of digits only.",
                        value=vals["video_meeting_id"],
                    )
                ) from None
        return vals

    def _check_applicant_access(self):
        """Whoever links a meeting to an applicant, or changes who attends it, must be allowed to
        see that applicant (in their allowed companies): the attendees of an interview meeting
        read its interview session."""
        # on no applicant, check_access would check the model: a meeting without applicant is
        # anybody's (calendar users without recruitment rights included)
        if self.env.su or not self.applicant_id:
            return
        self.applicant_id.check_access("read")

    def unlink(self):
        # sudo: the user may delete the meeting, so its session follows whatever their rights on it
        self.sudo().interview_session_ids._cancel_from_event(_("The interview meeting was deleted."))
        return super().unlink()

    def _sync_interview_sessions(self):
        """Keep one open interview session per meeting with an applicant.

        A session belongs to its applicant for good: when the meeting moves to another applicant,
        the scheduled session of the former one is cancelled and a new one is created (refused
        once the interview has started). sudo: sessions are a consequence of meetings the user was
        allowed to create or change (see _check_applicant_access); interviewers have no right to
        create sessions themselves.
        """
        events = self.sudo().with_context(active_test=False)
        Session = self.env["hr.interview.session"].sudo()
        sessions_by_event = Session.search([("event_id", "in", events.ids)], order="id desc").grouped("event_id")
        to_create = []
        for event in events:
            sessions = sessions_by_event.get(event, Session)
            if not event.applicant_id or not event.active:
                reason = (
                    _("The interview meeting was cancelled.")
                    if not event.active
                    else _("The meeting no longer concerns an applicant.")
                )
                sessions._cancel_from_event(reason)
                continue
            session = sessions.filtered(lambda s, event=event: s.applicant_id == event.applicant_id)[:1]
            former = (sessions - session).filtered(lambda s: s.state != "cancelled")
            if former:
                if any(s.state != "scheduled" for s in former):
                    raise UserError(
                        _(
                            "The interview of this meeting has started: its applicant cannot change. "
                            "Schedule a new meeting for %(applicant)s.",
                            applicant=event.applicant_id.partner_name,
                        )
                    )
                former._cancel_from_event(_("The meeting now concerns another applicant."))
            if not session:
                to_create.append(
                    {
                        "event_id": event.id,
                        "applicant_id": event.applicant_id.id,
                        "planned_start": event.start,
                    }
                )
                continue
            if session.state == "cancelled":
                continue
            if session.planned_start != event.start and session.state in ("scheduled", "in_progress"):
                session.write({"planned_start": event.start})
                session.message_post(
                    body=Markup("<p>%s</p>") % _("The interview was moved to %s.", session._planned_start_text()),
                    subtype_xmlid="mail.mt_note",
                )
        if to_create:
            Session.flush_model(["state"])  # the former sessions' cancellation, before the unique index
            Session.create(to_create)

    def action_open_interview_session(self):
        self.ensure_one()
        session = self.interview_session_id
        return session._action_open_sessions([("event_id", "=", self.id)], single=session)
