"""Interview session: the alerts to the interviewers (overtime at the planned end, weak match
before the start, the overtime-reason question after an overrun) and their batch jobs."""

import functools

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_datetime
from odoo.tools.misc import babel_locale_parse, get_lang, posix_to_ldml

from ..services import match
from .hr_interview_session import CRON_BATCH_SIZE


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

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

    def _overtime_alert_due_query(self, now, limit=None, lock=False):
        """Running sessions past their planned end, not alerted yet."""
        return SQL(
            """
            SELECT id FROM hr_interview_session
             WHERE state = 'in_progress'
               AND overtime_alert_sent_at IS NULL
               AND planned_end <= %(now)s
             ORDER BY planned_end, id
             %(limit)s %(lock)s
            """,
            now=now,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
            lock=SQL("FOR NO KEY UPDATE SKIP LOCKED") if lock else SQL(),
        )

    @api.model
    def _cron_send_overtime_alerts(self, batch_size=CRON_BATCH_SIZE):
        """Alert the interviewers of running sessions that reached their planned end: one batch
        (_run_due_batch); the alert flag, the activities and the toasts commit together, so a job
        killed mid-way sends nothing and the next run picks the same sessions again."""
        self.flush_model(["state", "overtime_alert_sent_at", "planned_end"])
        due = functools.partial(self._overtime_alert_due_query, fields.Datetime.now())
        return self._run_due_batch(
            due,
            lambda sessions: sessions._send_overtime_alert(),
            batch_size,
            "hr_interview_closing.ir_cron_interview_overtime_alert",
        )

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
                end=self._format_alert_time(env, session.planned_end, tz),
            )
            return summary, message

        self._alert_interviewers(
            "hr_interview_closing.mail_activity_type_interview_wrap_up",
            compose,
            lambda env, count: env._("Time to wrap up %(count)s interviews", count=count),
        )

    @api.model
    def _format_alert_time(self, env, moment, tz):
        """A date and time as the web client shows it without seconds: the date and short time
        formats of ``env``'s language, in the time zone ``tz``."""
        lang = get_lang(env)
        locale = babel_locale_parse(lang.code)
        pattern = f"{posix_to_ldml(lang.date_format, locale)} {posix_to_ldml(lang.short_time_format, locale)}"
        return format_datetime(env, moment, tz=tz, dt_format=pattern)

    def _alert_interviewers(self, activity_type_xmlid, compose, several_title):
        """One activity per interviewer and session, and one toast per interviewer (listing every
        session when someone has several in the same run), in each interviewer's language and time
        zone. Activities and toasts go out with the transaction: a job killed before its commit
        sends nothing.

        :param compose: function(session, env, tz) → (summary, message), ``env`` in the
            interviewers' language and time zone
        :param several_title: function(env, count) → the title of a toast listing several sessions
        """
        texts = {}

        def text(session, env):
            key = (session.id, env.context["lang"], env.context["tz"])
            if key not in texts:
                texts[key] = compose(session.with_env(env), env, env.context["tz"])
            return texts[key]

        for user in self.interviewer_ids:
            env = self.with_context(lang=user.lang or "en_US", tz=user.tz or "UTC").env
            items = [text(session, env) for session in self if user in session.interviewer_ids]
            if len(items) == 1:
                title, message = items[0]
            else:
                title = several_title(env, len(items))
                message = "\n".join(f"{summary}: {line}" for summary, line in items)
            user._bus_send(
                "simple_notification", {"type": "warning", "title": title, "message": message, "sticky": True}
            )
        self._schedule_activities(
            activity_type_xmlid,
            [(session, user, functools.partial(text, session)) for session in self for user in session.interviewer_ids],
        )

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
            lock=SQL("FOR NO KEY UPDATE OF s SKIP LOCKED") if lock else SQL(),
        )

    @api.model
    def _cron_send_match_alerts(self, batch_size=CRON_BATCH_SIZE):
        """Warn the interviewers of weak-match sessions that reached their alert time: one batch
        (_run_due_batch); the alert flag, the activities, the notes and the toasts commit together,
        so a job killed mid-way sends nothing and the next run sends once. Good matches are never
        picked: they stay silent."""
        self.flush_model(["state", "match_alert_sent_at", "match_alert_at", "planned_start", "applicant_id"])
        self.env["hr.applicant"].flush_model(["match_level", "match_contradiction_count"])
        due = functools.partial(self._match_alert_due_query, fields.Datetime.now())
        return self._run_due_batch(
            due,
            lambda sessions: sessions._send_match_alert(),
            batch_size,
            "hr_interview_closing.ir_cron_interview_match_alert",
        )

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
                score=match.format_number(applicant.match_score),
                name=session.name,
            )
            start = self._format_alert_time(env, session.planned_start, tz)
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
                        score=match.format_number(session.applicant_id.match_score),
                        users=", ".join(session.interviewer_ids.mapped("name")),
                    ),
                    suggestion,
                )
        self._message_log_batch(bodies=bodies)

    def _ask_overtime_reason(self):
        """One "overtime reason" activity per interviewer on interviews that ended after their
        planned end without a reason, unless one is already open."""
        sessions = self.filtered(
            lambda s: s.is_overtime and not s.overtime_reason_id and s.state in ("in_progress", "closing")
        )

        def compose(session, env):
            return (
                env._("Why did “%(name)s” run over?", name=session.name),
                env._(
                    "The interview ended %(minutes)s minutes after its planned end (%(end)s). "
                    "Choose the overtime reason on the interview.",
                    minutes=round(session.overtime_minutes),
                    end=self._format_alert_time(env, session.planned_end, env.context["tz"]),
                ),
            )

        self._schedule_activities(
            "hr_interview_closing.mail_activity_type_interview_overtime_reason",
            [
                (session, user, functools.partial(compose, session))
                for session in sessions
                for user in session.interviewer_ids or session.user_id
            ],
            once=True,
        )
