"""Interview session: the video platforms' facts (start, end, recordings) applied to the
interview, with a note when they differ from what was recorded by hand."""

from collections import defaultdict

from markupsafe import Markup

from odoo import api, models
from odoo.tools import format_datetime

from ..services import timing

# The platform's time and the recorded time differ enough to be worth a note (seconds).
VIDEO_TIME_NOTE_THRESHOLD = 60


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

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
