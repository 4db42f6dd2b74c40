"""Video platform events: which interview an event reaches.

The rule is written down in the README ("Which interview an event reaches") and in
``_match_sessions``; the choice among the candidates is the pure
``services.video_events.choose_interview``.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from ..services import video_events

# An event belongs to the interview whose planned start is nearest its meeting, within this window.
MATCH_WINDOW = timedelta(hours=12)
UNMATCHED_REASONS = [
    (video_events.UNTRUSTED, "Not organized by the account's organizers"),
    (video_events.SEVERAL_ORGANIZERS, "Several organizers"),
    (video_events.TIE, "Equally near"),
]


class HrInterviewVideoEvent(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_video_event.py
    _inherit = "hr.interview.video.event"  # pylint: disable=consider-merging-classes-inherited

    unmatched_reason = fields.Selection(UNMATCHED_REASONS, string="Unmatched Because", readonly=True)
    unmatched_interviews = fields.Char(
        string="Interviews With the Code", readonly=True, help="The interviews that use the event's meeting code."
    )
    unmatched_message = fields.Text(string="Why Unmatched", compute="_compute_unmatched_message")

    @api.depends("unmatched_reason", "unmatched_interviews", "provider_id.name")
    def _compute_unmatched_message(self):
        """Why no interview received the event, in the reader's language (False when no
        interview uses its code around that time, which the form says by itself)."""
        for event in self:
            names = event.unmatched_interviews or ""
            if event.unmatched_reason == video_events.SEVERAL_ORGANIZERS:
                event.unmatched_message = self.env._(
                    "Interviews of different organizers use this meeting code around that time (%(interviews)s): "
                    "someone copied it, and nothing tells which interview the meeting belongs to. Correct the wrong "
                    "meeting, then process the event again.",
                    interviews=names,
                )
            elif event.unmatched_reason == video_events.TIE:
                event.unmatched_message = self.env._(
                    "Interviews %(interviews)s use this meeting code and are planned equally near the meeting's "
                    "time. Correct the wrong meeting, then process the event again.",
                    interviews=names,
                )
            elif event.unmatched_reason == video_events.UNTRUSTED:
                event.unmatched_message = self.env._(
                    "Interviews use this meeting code around that time (%(interviews)s), but their meeting is not "
                    "organized by a meeting organizer of %(platform)s, or was scheduled by someone other than its "
                    "organizer or a recruitment officer: they do not receive this platform's reports.",
                    interviews=names,
                    platform=event.provider_id.name,
                )
            else:
                event.unmatched_message = False

    def _match_sessions(self):
        """Set the interview of the events without one; return why the others have none.

        The rule (README, "Which interview an event reaches"; the choice itself is
        ``services.video_events.choose_interview``):

        1. Candidates: the interviews of the event's company, not cancelled, with the event's
           meeting code (Tencent Meeting: or its long meeting ID), planned within MATCH_WINDOW.
        2. Only trusted candidates count: the meeting is organised by one of the platform
           account's meeting organisers (``organizer_ids``) and was created by that organiser
           or by a recruitment officer. A code and a time are easily copied into one's own
           meeting, and a meeting's organiser is a field its author fills in; its creator is not.
        3. Trusted candidates of different organisers: one copied the code, nobody gets it.
        4. The nearest planned start wins; a tie gives it to nobody, never to the newest.

        An event left without interview is *Unmatched*, shown to officers with the reason, and
        is tried again when an interview with its code is scheduled or changed.

        :return: {event: (reason code or False, names of the interviews concerned or False)} for
            the events left without interview
        """
        todo = self.filtered(lambda e: not e.session_id)
        if not todo:
            return {}
        codes = {e.meeting_code for e in todo if e.meeting_code}
        long_ids = {e.meeting_id for e in todo if e.meeting_id and e.provider_kind == "tencent"}
        domain = [("state", "!=", "cancelled"), ("company_id", "in", todo.company_id.ids)]
        if codes and long_ids:
            domain += ["|", ("video_meeting_code", "in", list(codes)), ("video_meeting_id", "in", list(long_ids))]
        elif codes:
            domain.append(("video_meeting_code", "in", list(codes)))
        elif long_ids:
            domain.append(("video_meeting_id", "in", list(long_ids)))
        else:
            return dict.fromkeys(todo, False)
        sessions = self.env["hr.interview.session"].sudo().search(domain)
        by_code = defaultdict(list)
        by_long_id = defaultdict(list)
        for session in sessions:
            if session.video_meeting_code:
                by_code[session.video_meeting_code].append(session)
            if session.video_meeting_id:
                by_long_id[session.video_meeting_id].append(session)
        by_officer = self._scheduled_by_officers(sessions)
        # archived organisers still count: their past interviews keep receiving their reports
        organizers = {p.id: p.organizer_ids for p in todo.provider_id.with_context(active_test=False)}
        reasons = {}
        for event in todo:
            found = dict.fromkeys(by_code.get(event.meeting_code, ()))
            if event.provider_kind == "tencent" and event.meeting_id:
                found.update(dict.fromkeys(by_long_id.get(event.meeting_id, ())))
            candidates = [
                video_events.Candidate(
                    key=session,
                    planned_start=session.planned_start,
                    organizer=session.user_id,
                    trusted=session.user_id in organizers[event.provider_id.id]
                    and (session.event_id.create_uid == session.user_id or session in by_officer),
                )
                for session in found
                if session.company_id == event.company_id
            ]
            session, refusal = video_events.choose_interview(event._reference_time(), candidates, MATCH_WINDOW)
            if session:
                event.session_id = session
            else:
                reason, found = refusal
                names = ", ".join(s.display_name for s in found)[:1000] if reason else False
                reasons[event] = (reason or False, names)
        return reasons

    @api.model
    def _scheduled_by_officers(self, sessions):
        """The sessions whose meeting was created by a recruitment officer (or manager)."""
        officer = self.env.ref("hr_recruitment.group_hr_recruitment_user")
        officers = sessions.event_id.create_uid.sudo().filtered_domain([("groups_id", "in", officer.id)])
        return sessions.filtered(lambda s: s.event_id.create_uid in officers)

    def _reference_time(self):
        self.ensure_one()
        return self.meeting_start or self.scheduled_start or self.meeting_end or self.event_time
