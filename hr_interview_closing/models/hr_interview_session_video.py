"""Interview session: the video platforms' facts (start, end, recordings) applied to the
interview, with a note when they differ from what was recorded by hand."""

from collections import defaultdict

from markupsafe import Markup

from odoo import api, models
from odoo.tools import format_datetime

from ..services import video_apply


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Video platforms
    # ------------------------------------------------------------------

    def _apply_video_events(self, events):
        """Apply video platform events (hr.interview.video.event, matched to these sessions): the
        rules are services/video_apply.py's; this writes what they decide, runs the transitions
        and words the notes in the organizer's language. Runs as the superuser, in batch: the
        number of queries does not depend on the number of sessions."""
        sessions = self.sudo().with_context(tracking_disable=True)
        notes = defaultdict(list)
        to_start = to_close = ended = sessions.browse()
        recordings = []
        events_by_session = events.sudo().grouped("session_id")
        for session in sessions:
            session_events = events_by_session.get(session)
            if not session_events:
                continue
            session_events = session_events.sorted(lambda e: (e.event_time or e.create_date, e.id))
            outcome = video_apply.apply(
                video_apply.Session(
                    state=session.state,
                    actual_start=session.actual_start or None,
                    actual_end=session.actual_end or None,
                    video_start=session.video_start or None,
                    video_end=session.video_end or None,
                    record_file_ids=tuple(filter(None, (session.video_record_file_ids or "").split(","))),
                ),
                [
                    video_apply.Event(
                        kind=event.kind,
                        meeting_start=event.meeting_start or None,
                        meeting_end=event.meeting_end or None,
                        recording=event.recording_data or None,
                    )
                    for event in session_events
                ],
            )
            env = session._notes_env()
            platform = self._platform_label(env, session_events[-1].provider_kind)
            session.write({"video_provider_id": session_events[-1].provider_id.id, **outcome.vals})
            notes[session.id] += [session._video_note(env, platform, kind, values) for kind, values in outcome.notes]
            recordings += [(session, platform, data) for data in outcome.recordings]
            to_start |= session if outcome.start else sessions.browse()
            to_close |= session if outcome.close else sessions.browse()
            ended |= session if outcome.ended else sessions.browse()
        if to_start:
            to_start.action_start()
        if to_close:
            to_close.action_end()
        self._attach_video_recordings(recordings, notes)
        if notes:
            sessions._message_log_batch(
                bodies={
                    session_id: Markup("<br/>").join(Markup("%s") % line for line in lines)
                    for session_id, lines in notes.items()
                    if lines
                }
            )
        ended._ask_overtime_reason()

    def _video_note(self, env, platform, kind, values):
        """One of services/video_apply.py's notes, in the language and time zone of ``env``."""
        times = {
            name: self._format_note_time(env, value)
            for name, value in values.items()
            if name in ("time", "platform_time", "recorded_time")
        }
        if kind == video_apply.NOTE_STARTED:
            return env._("%(platform)s: the interview started at %(time)s.", platform=platform, **times)
        if kind == video_apply.NOTE_START_KEPT:
            return env._(
                "%(platform)s says the interview started at %(platform_time)s; the start recorded by "
                "hand, %(recorded_time)s, is kept.",
                platform=platform,
                **times,
            )
        if kind == video_apply.NOTE_ENDED:
            return env._(
                "%(platform)s: the interview ended at %(time)s, after %(minutes)s minutes.",
                platform=platform,
                minutes=values["minutes"],
                **times,
            )
        if kind == video_apply.NOTE_END_KEPT:
            return env._(
                "%(platform)s says the interview ended at %(platform_time)s; the end recorded by "
                "hand, %(recorded_time)s, is kept.",
                platform=platform,
                **times,
            )
        return env._(
            "%(platform)s: the recording is ready (record file IDs %(ids)s).",
            platform=platform,
            ids=", ".join(values["ids"]),
        )

    @api.model
    def _platform_label(self, env, kind):
        """ "Zoom" or "Tencent Meeting" (腾讯会议) in the language of ``env``."""
        field = self.env["hr.interview.video.provider"]._fields["kind"]
        return dict(field._description_selection(env)).get(kind, kind or "")

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
