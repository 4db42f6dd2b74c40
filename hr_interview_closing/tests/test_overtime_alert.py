from datetime import timedelta

from odoo.tests import freeze_time, tagged

from .common import T0, InterviewCase

PLANNED_END = T0 + timedelta(minutes=40)


@tagged("post_install", "-at_install")
class TestOvertimeAlert(InterviewCase):
    maxDiff = None

    def setUp(self):
        super().setUp()
        # Ivy is the applicant's interviewer, Igor attends the meeting.
        self.event = self.create_event(self.applicant, attendees=self.interviewer_2)
        self.session = self.session_of(self.event)
        with freeze_time(T0):
            self.session.action_start()

    def assert_alerted_once(self, session, users):
        activities = self.wrap_up_activities(session)
        self.assertEqual(activities.user_id, users)
        self.assertEqual(len(activities), len(users), "exactly one wrap-up activity per interviewer")
        self.assertTrue(session.overtime_alert_sent_at)

    def test_start_arms_the_job_at_the_planned_end(self):
        event = self.create_event(self.applicant, start=T0 + timedelta(hours=3))
        session = self.session_of(event)
        with freeze_time(T0 + timedelta(hours=3)), self.capture_triggers(self.cron.id) as capture:
            session.action_start()
        self.assertEqual(capture.records.mapped("call_at"), [T0 + timedelta(hours=3, minutes=40)])

    def test_no_alert_before_the_planned_end(self):
        with freeze_time(PLANNED_END - timedelta(minutes=1)), self.mock_bus():
            self.run_overtime_job()
            self.assertEqual(self.toasts(), [])
        self.assertFalse(self.wrap_up_activities(self.session))
        self.assertFalse(self.session.overtime_alert_sent_at)

    def test_each_interviewer_gets_exactly_one_toast_and_one_activity(self):
        interviewers = self.interviewer | self.interviewer_2
        self.assertEqual(self.session.interviewer_ids, interviewers)
        with freeze_time(PLANNED_END), self.mock_bus():
            self.run_overtime_job()
            toasts = self.toasts()

        def payload(local_end):
            return {
                "type": "warning",
                "title": "Time to wrap up: Ada Candidate – Backend Engineer",
                "message": self.expected_message(local_end),
                "sticky": True,
            }

        # each in their own time zone: Ivy in Shanghai (UTC+8), Igor in Brussels (UTC+1)
        self.assertCountEqual(
            toasts,
            [
                (self.interviewer.partner_id.id, payload("03/02/2026 18:40")),
                (self.interviewer_2.partner_id.id, payload("03/02/2026 11:40")),
            ],
        )
        self.assert_alerted_once(self.session, interviewers)
        # the job runs again (another trigger, the daily safety run): nothing new
        with freeze_time(PLANNED_END + timedelta(minutes=5)), self.mock_bus():
            self.run_overtime_job()
            self.assertEqual(self.toasts(), [])
        self.assert_alerted_once(self.session, interviewers)

    def test_bus_notifications_of_the_alert(self):
        """Odoo's own assertion: the interviewers' channels, and the toast's exact payload."""
        with freeze_time(PLANNED_END), self.mock_bus():
            self.run_overtime_job()
            self.assertBusNotifications(
                [
                    # toasts, in the order of the interviewers (Igor, Ivy)...
                    self.user_channel(self.interviewer_2),
                    self.user_channel(self.interviewer),
                    # ...then Odoo's activity counter refresh (mail.activity.create notifies one user)
                    self.user_channel(self.interviewer),
                ],
                message_items=[
                    {
                        "type": "simple_notification",
                        "payload": {
                            "type": "warning",
                            "title": "Time to wrap up: Ada Candidate – Backend Engineer",
                            "message": self.expected_message("03/02/2026 18:40"),
                            "sticky": True,
                        },
                    },
                    {"type": "mail.activity/updated", "payload": {"activity_created": True}},
                ],
            )

    def expected_message(self, local_end):
        return (
            f"The interview with Ada Candidate reached its planned end ({local_end}). Start closing: "
            "next steps, timeline, the candidate's questions."
        )

    def test_finishing_or_cancelling_the_interview_removes_the_wrap_up_activities(self):
        other = self.session_of(self.create_event(self.applicant, attendees=self.interviewer_2))
        with freeze_time(T0):
            other.action_start()
        with freeze_time(PLANNED_END):
            self.run_overtime_job()
        self.assertEqual(len(self.wrap_up_activities(self.session | other)), 4)
        with freeze_time(PLANNED_END + timedelta(minutes=2)):
            self.session.action_end()
            self.session.checklist_line_ids.done = True
            self.session.action_done()
            other.action_cancel()
        self.assertFalse(self.wrap_up_activities(self.session | other))

    def test_several_sessions_due_together_make_one_toast_per_interviewer(self):
        carl = self.create_applicant("Carl Candidate")
        second = self.session_of(self.create_event(carl, attendees=self.interviewer))
        with freeze_time(T0):
            second.action_start()
        with freeze_time(PLANNED_END), self.mock_bus():
            self.run_overtime_job()
            toasts = dict(self.toasts())
        # Ivy interviews both, Igor only Ada: one toast each, and one activity per session each
        self.assertEqual(set(toasts), {self.interviewer.partner_id.id, self.interviewer_2.partner_id.id})
        self.assertEqual(toasts[self.interviewer.partner_id.id]["title"], "Time to wrap up 2 interviews")
        self.assertIn("Ada Candidate", toasts[self.interviewer.partner_id.id]["message"])
        self.assertIn("Carl Candidate", toasts[self.interviewer.partner_id.id]["message"])
        self.assertEqual(
            toasts[self.interviewer_2.partner_id.id]["title"], "Time to wrap up: Ada Candidate – Backend Engineer"
        )
        self.assertEqual(len(self.wrap_up_activities(self.session | second)), 3)

    def test_toast_is_in_the_interviewers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.interviewer_2.lang = "zh_CN"
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        with freeze_time(PLANNED_END), self.mock_bus():
            self.run_overtime_job()
            toasts = dict(self.toasts())
        # the same date format as the weak-match toast: the web client's, in Chinese, no seconds
        self.assertIn("（2026年03月02日 11时40分）", toasts[self.interviewer_2.partner_id.id]["message"])
        activity = self.wrap_up_activities(self.session).filtered(lambda a: a.user_id == self.interviewer_2)
        self.assertIn("收尾", activity.summary)
        activity_en = self.wrap_up_activities(self.session).filtered(lambda a: a.user_id == self.interviewer)
        self.assertIn("Time to wrap up", activity_en.summary)

    def test_not_sent_for_sessions_that_are_not_running(self):
        scheduled = self.session_of(self.create_event(self.applicant, attendees=self.interviewer_2))
        closing = self.session_of(self.create_event(self.applicant, attendees=self.interviewer_2))
        cancelled = self.session_of(self.create_event(self.applicant, attendees=self.interviewer_2))
        with freeze_time(T0):
            closing.action_start()
            cancelled.action_start()
        with freeze_time(T0 + timedelta(minutes=30)):
            closing.action_end()
            cancelled.action_cancel()
        with freeze_time(PLANNED_END + timedelta(minutes=1)):
            alerted = self.run_overtime_job()
        self.assertEqual(alerted, self.session)
        self.assertFalse(self.wrap_up_activities(scheduled | closing | cancelled))

    def test_moving_the_event_rearms_the_alert(self):
        new_start = T0 + timedelta(minutes=30)  # the interview was given 30 more minutes
        with freeze_time(T0 + timedelta(minutes=20)), self.capture_triggers(self.cron.id) as capture:
            self.event.write({"start": new_start, "stop": new_start + timedelta(hours=1)})
        self.assertEqual(self.session.planned_end, new_start + timedelta(minutes=40))
        self.assertEqual(capture.records.mapped("call_at"), [new_start + timedelta(minutes=40)])
        with freeze_time(PLANNED_END):
            self.run_overtime_job()
        self.assertFalse(self.wrap_up_activities(self.session), "not at the old planned end")
        with freeze_time(new_start + timedelta(minutes=40)):
            self.run_overtime_job()
        self.assert_alerted_once(self.session, self.interviewer | self.interviewer_2)

    def test_extending_after_the_alert_alerts_again_at_the_new_end(self):
        with freeze_time(PLANNED_END):
            self.run_overtime_job()
        self.wrap_up_activities(self.session).action_feedback(feedback="Extended by 20 minutes")
        with freeze_time(PLANNED_END + timedelta(minutes=1)), self.capture_triggers(self.cron.id) as capture:
            self.session.planned_duration = 60
        self.assertFalse(self.session.overtime_alert_sent_at, "the alert is re-armed")
        self.assertEqual(capture.records.mapped("call_at"), [T0 + timedelta(minutes=60)])
        with freeze_time(T0 + timedelta(minutes=60)):
            self.run_overtime_job()
        self.assert_alerted_once(self.session, self.interviewer | self.interviewer_2)

    def test_a_job_killed_mid_way_sends_nothing_and_the_next_run_sends_once(self):
        class Killed(Exception):
            pass

        with freeze_time(PLANNED_END), self.mock_bus():
            with self.assertRaises(Killed), self.env.cr.savepoint():
                self.run_overtime_job()
                raise Killed  # the worker dies before its transaction commits
            self.env.invalidate_all()
            self.assertFalse(self.session.overtime_alert_sent_at)
            self.assertFalse(self.wrap_up_activities(self.session))
            self.run_overtime_job()
            self.assertEqual(len(self.toasts()), 2)
        self.assert_alerted_once(self.session, self.interviewer | self.interviewer_2)

    def test_job_processes_a_bounded_batch_and_reports_progress(self):
        sessions = self.session
        for _i in range(4):
            session = self.session_of(self.create_event(self.applicant))
            with freeze_time(T0):
                session.action_start()
            sessions |= session
        cron = self.cron.with_context(ir_cron_progress_id=None)
        cron, progress = cron._add_progress()
        Session = self.env["hr.interview.session"].with_context(ir_cron_progress_id=progress.id)
        with freeze_time(PLANNED_END):
            first = Session._cron_send_overtime_alerts(batch_size=3)
        self.assertEqual(len(first), 3)
        self.assertEqual((progress.done, progress.remaining), (3, 2))
        with freeze_time(PLANNED_END):
            second = Session._cron_send_overtime_alerts(batch_size=3)
        self.assertEqual(len(second), 2)
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        self.assertEqual(first | second, sessions)
