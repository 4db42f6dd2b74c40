from markupsafe import Markup

from odoo import _, api, fields, models

SYNC_FIELDS = {"applicant_id", "start", "stop", "active", "allday"}


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    interview_session_ids = fields.One2many("hr.interview.session", "event_id", string="Interview Sessions")
    interview_session_id = fields.Many2one(
        "hr.interview.session",
        compute="_compute_interview_session_id",
    )

    @api.depends("interview_session_ids")
    def _compute_interview_session_id(self):
        for event in self:
            event.interview_session_id = event.interview_session_ids[:1]

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._sync_interview_sessions()
        return events

    def write(self, vals):
        result = super().write(vals)
        if SYNC_FIELDS & set(vals):
            self._sync_interview_sessions()
        return result

    def unlink(self):
        # sudo: the user may delete the meeting, so its session follows whatever their rights on it
        self.sudo().interview_session_ids._cancel_from_event(_("The interview meeting was deleted."))
        return super().unlink()

    def _sync_interview_sessions(self):
        """Keep one interview session per meeting with an applicant.

        sudo: sessions are a consequence of meetings the user was allowed to create or change;
        interviewers have no right to create sessions themselves.
        """
        events = self.sudo().with_context(active_test=False)
        Session = self.env["hr.interview.session"].sudo()
        sessions = Session.search([("event_id", "in", events.ids)])
        session_by_event = {session.event_id.id: session for session in sessions}
        to_create = []
        for event in events:
            session = session_by_event.get(event.id)
            if not event.applicant_id or not event.active:
                if session:
                    reason = (
                        _("The interview meeting was cancelled.")
                        if not event.active
                        else _("The meeting no longer concerns an applicant.")
                    )
                    session._cancel_from_event(reason)
                continue
            if not session:
                to_create.append(
                    {
                        "event_id": event.id,
                        "applicant_id": event.applicant_id.id,
                        "planned_start": event.start,
                    }
                )
                continue
            if session.state == "cancelled" and event.active:
                continue
            vals = {}
            if session.applicant_id != event.applicant_id and session.state == "scheduled":
                vals["applicant_id"] = event.applicant_id.id
            if session.planned_start != event.start and session.state in ("scheduled", "in_progress"):
                vals["planned_start"] = event.start
            if vals:
                session.write(vals)
                if "planned_start" in vals:
                    session.message_post(
                        body=Markup("<p>%s</p>") % _("The interview was moved to %s.", session._planned_start_text()),
                        subtype_xmlid="mail.mt_note",
                    )
        if to_create:
            Session.create(to_create)

    def action_open_interview_session(self):
        self.ensure_one()
        session = self.interview_session_ids[:1]
        return session._action_open_sessions([("event_id", "=", self.id)], single=session)
