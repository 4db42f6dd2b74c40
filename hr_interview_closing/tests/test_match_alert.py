from datetime import timedelta

from odoo.tests import freeze_time, tagged

from .common import T0
from .match_common import MatchCase

START = T0 + timedelta(hours=2)  # the interview, two hours after the frozen "now"
ALERT = START - timedelta(minutes=10)


@tagged("post_install", "-at_install")
class TestMatchAlert(MatchCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.match_cron = cls.env.ref("hr_interview_closing.ir_cron_interview_match_alert")
        cls.require(cls.job, cls.java, 80, weight=5)
        cls.require(cls.job, cls.sql, 50, weight=1)
        # Ada: Java assessed at beginner level against senior required: (5 × 15/80 + 1 × 25/50) / 6 = 24 %
        cls.assess(cls.applicant, cls.java, level=15)
        cls.assess(cls.applicant, cls.sql, level=25)
        # Bob: a strong match
        cls.assess(cls.other_applicant, cls.java, level=80)
        cls.assess(cls.other_applicant, cls.sql, level=50)

    def setUp(self):
        super().setUp()
        # Ivy is Ada's interviewer, Igor attends the meeting.
        with self.capture_triggers(self.match_cron.id) as self.capture:
            self.event = self.create_event(self.applicant, start=START, attendees=self.interviewer_2)
        self.session = self.session_of(self.event)

    def run_job(self):
        return self.env["hr.interview.session"]._cron_send_match_alerts()

    def alert_activities(self, sessions=None):
        activity_type = self.env.ref("hr_interview_closing.mail_activity_type_interview_match_alert")
        domain = [("res_model", "=", "hr.interview.session"), ("activity_type_id", "=", activity_type.id)]
        if sessions is not None:
            domain.append(("res_id", "in", sessions.ids))
        return self.env["mail.activity"].search(domain)

    def alert_notes(self, session):
        return session.message_ids.filtered(lambda m: "Weak match" in (m.body or ""))

    def assert_alerted_once(self, session, users):
        activities = self.alert_activities(session)
        self.assertEqual(activities.user_id, users)
        self.assertEqual(len(activities), len(users), "exactly one activity per interviewer")
        self.assertEqual(len(self.alert_notes(session)), 1, "exactly one note on the session")
        self.assertTrue(session.match_alert_sent_at)

    def test_creating_the_interview_arms_the_job_at_start_minus_lead_time(self):
        self.assertEqual(self.session.match_alert_at, ALERT)
        self.assertEqual(self.capture.records.mapped("call_at"), [ALERT])

    def test_lead_time_is_a_company_setting(self):
        self.company.match_alert_lead_time = 25
        self.assertEqual(self.session.match_alert_at, START - timedelta(minutes=25))
        with self.capture_triggers(self.match_cron.id) as capture:
            event = self.create_event(self.applicant, start=START + timedelta(days=1))
        self.assertEqual(capture.records.mapped("call_at"), [START + timedelta(days=1, minutes=-25)])
        self.assertEqual(self.session_of(event).match_alert_at, START + timedelta(days=1, minutes=-25))

    def test_alert_exactly_once_at_the_right_minute(self):
        with freeze_time(ALERT - timedelta(minutes=1)), self.mock_bus():
            self.assertFalse(self.run_job())
            self.assertEqual(self.toasts(), [])
        self.assertFalse(self.alert_activities(self.session))
        self.assertFalse(self.session.match_alert_sent_at)

        with freeze_time(ALERT), self.mock_bus():
            self.assertEqual(self.run_job(), self.session)
            toasts = self.toasts()
        suggestion = (
            "Match 24 %: Java at Beginner level against Senior required. Plan 20 minutes and ask how they "
            "are closing the Java gap."
        )

        def payload(local_start):
            return {
                "type": "warning",
                "title": "Weak match (24 %): Ada Candidate – Backend Engineer",
                "message": f"Interview at {local_start}. {suggestion}",
                "sticky": True,
            }

        # each in their own time zone: Ivy in Shanghai (UTC+8), Igor in Brussels (UTC+1)
        self.assertCountEqual(
            toasts,
            [
                (self.interviewer.partner_id.id, payload("03/02/2026 20:00")),
                (self.interviewer_2.partner_id.id, payload("03/02/2026 13:00")),
            ],
        )
        self.assert_alerted_once(self.session, self.interviewer | self.interviewer_2)
        note = self.alert_notes(self.session)
        self.assertIn(suggestion, note.body)
        self.assertIn("Ivy Interviewer", note.body)
        activity = self.alert_activities(self.session).filtered(lambda a: a.user_id == self.interviewer)
        self.assertIn(suggestion, activity.note)

        # the job runs again (another trigger, the daily safety run): nothing new
        with freeze_time(ALERT + timedelta(minutes=1)), self.mock_bus():
            self.assertFalse(self.run_job())
            self.assertEqual(self.toasts(), [])
        self.assert_alerted_once(self.session, self.interviewer | self.interviewer_2)

    def test_contradiction_alone_is_worth_an_alert(self):
        self.claim(self.other_applicant, self.java, 100)  # Bob claims expert; assessed senior: 20 points
        self.company.match_contradiction_gap = 20
        self.assertEqual(self.other_applicant.match_level, "strong")
        self.assertEqual(self.other_applicant.match_contradiction_count, 1)
        session = self.session_of(self.create_event(self.other_applicant, start=START))
        with freeze_time(ALERT), self.mock_bus():
            self.run_job()
            toasts = dict(self.toasts())
        self.assertIn(
            "Java: claims Expert but was assessed Senior.", toasts[self.interviewer_2.partner_id.id]["message"]
        )
        self.assert_alerted_once(session, self.interviewer_2)

    def test_silent_for_a_good_match(self):
        session = self.session_of(self.create_event(self.other_applicant, start=START))
        with freeze_time(ALERT), self.mock_bus():
            alerted = self.run_job()
            toasts = dict(self.toasts())
        self.assertEqual(alerted, self.session)
        # Igor interviews Ada (weak) and Bob (strong): his toast speaks of Ada only
        self.assertNotIn(
            "Bob",
            toasts[self.interviewer_2.partner_id.id]["title"] + toasts[self.interviewer_2.partner_id.id]["message"],
        )
        self.assertFalse(self.alert_activities(session))
        self.assertFalse(self.alert_notes(session))
        self.assertFalse(session.match_alert_sent_at)

    def test_silent_without_requirements(self):
        job = self.env["hr.job"].create({"name": "No requirements"})
        applicant = self.create_applicant("Una Known", job=job, interviewers=self.interviewer)
        self.assertEqual(applicant.match_level, "unknown")
        session = self.session_of(self.create_event(applicant, start=START))
        with freeze_time(ALERT):
            self.run_job()
        self.assertFalse(self.alert_activities(session))

    def test_never_for_a_cancelled_interview(self):
        self.event.action_archive()
        self.assertEqual(self.session.state, "cancelled")
        with freeze_time(ALERT), self.mock_bus():
            self.assertFalse(self.run_job())
            self.assertEqual(self.toasts(), [])
        self.assertFalse(self.alert_activities(self.session))

    def test_never_for_an_interview_already_started(self):
        with freeze_time(ALERT - timedelta(minutes=5)):
            self.session.action_start()  # the candidate came early
        with freeze_time(ALERT), self.mock_bus():
            self.assertFalse(self.run_job())
            self.assertEqual(self.toasts(), [])
        self.assertFalse(self.alert_activities(self.session))

    def test_never_once_the_planned_start_has_passed(self):
        with freeze_time(START + timedelta(minutes=1)), self.mock_bus():
            self.assertFalse(self.run_job())  # the job ran late: too late to prepare
            self.assertEqual(self.toasts(), [])

    def test_moving_the_interview_moves_the_alert(self):
        new_start = START + timedelta(hours=1)
        with freeze_time(T0), self.capture_triggers(self.match_cron.id) as capture:
            self.event.write({"start": new_start, "stop": new_start + timedelta(hours=1)})
        self.assertEqual(capture.records.mapped("call_at"), [new_start - timedelta(minutes=10)])
        with freeze_time(ALERT):
            self.assertFalse(self.run_job(), "not at the old time")
        with freeze_time(new_start - timedelta(minutes=10)):
            self.assertEqual(self.run_job(), self.session)
        self.assert_alerted_once(self.session, self.interviewer | self.interviewer_2)

    def test_moving_an_alerted_interview_alerts_again_at_the_new_time(self):
        with freeze_time(ALERT), self.mock_bus():
            self.run_job()
            self.assertEqual(len(self.toasts()), 2)
        self.alert_activities(self.session).action_feedback(feedback="Read")
        new_start = START + timedelta(days=1)
        with freeze_time(ALERT + timedelta(minutes=2)), self.capture_triggers(self.match_cron.id) as capture:
            self.event.write({"start": new_start, "stop": new_start + timedelta(hours=1)})
        self.assertFalse(self.session.match_alert_sent_at, "the alert is re-armed")
        self.assertEqual(capture.records.mapped("call_at"), [new_start - timedelta(minutes=10)])
        with freeze_time(new_start - timedelta(minutes=10)), self.mock_bus():
            self.run_job()
            self.assertEqual(len(self.toasts()), 2)
        self.assertEqual(len(self.alert_activities(self.session)), 2)

    def test_the_match_is_judged_when_the_job_runs(self):
        session = self.session_of(self.create_event(self.other_applicant, start=START))
        # between scheduling and the alert, a test shows Bob's Java is weak after all
        self.assess(self.other_applicant, self.java, level=15, day=3)
        self.assess(self.other_applicant, self.sql, level=25, day=3)
        self.assertEqual(self.other_applicant.match_level, "low")
        with freeze_time(ALERT):
            self.run_job()
        self.assert_alerted_once(session, self.interviewer_2)

    def test_toast_and_activity_in_the_interviewers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.interviewer_2.lang = "zh_CN"
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        with freeze_time(ALERT), self.mock_bus():
            self.run_job()
            toasts = dict(self.toasts())
        chinese = toasts[self.interviewer_2.partner_id.id]
        self.assertIn("匹配度 24 %", chinese["message"])
        # the date as the web client shows it in Chinese, in Igor's time zone (Brussels), no seconds
        self.assertIn("2026年03月02日 13时00分", chinese["message"])
        self.assertIn("面试", chinese["message"])
        self.assertIn("Match 24 %", toasts[self.interviewer.partner_id.id]["message"])
        activity = self.alert_activities(self.session).filtered(lambda a: a.user_id == self.interviewer_2)
        self.assertIn("匹配度", activity.note)

    def test_suggestions_are_configurable(self):
        self.env.ref(
            "hr_interview_closing.match_suggestion_low_match"
        ).text = "Only {{ score }} % – keep it to {{ skill }}."
        with freeze_time(ALERT), self.mock_bus():
            self.run_job()
            toasts = dict(self.toasts())
        self.assertTrue(toasts[self.interviewer.partner_id.id]["message"].endswith("Only 24 % – keep it to Java."))

    def test_a_job_killed_mid_way_sends_nothing_and_the_next_run_sends_once(self):
        class Killed(Exception):
            pass

        with freeze_time(ALERT), self.mock_bus():
            with self.assertRaises(Killed), self.env.cr.savepoint():
                self.run_job()
                raise Killed  # the worker dies before its transaction commits
            self.env.invalidate_all()
            self.assertFalse(self.session.match_alert_sent_at)
            self.assertFalse(self.alert_activities(self.session))
            self.assertFalse(self.alert_notes(self.session))
            self.run_job()
            self.assertEqual(len(self.toasts()), 2)
        self.assert_alerted_once(self.session, self.interviewer | self.interviewer_2)

    def test_job_processes_a_bounded_batch_and_reports_progress(self):
        sessions = self.session
        for __ in range(4):
            sessions |= self.session_of(self.create_event(self.applicant, start=START))
        cron = self.match_cron.with_context(ir_cron_progress_id=None)
        cron, progress = cron._add_progress()
        Session = self.env["hr.interview.session"].with_context(ir_cron_progress_id=progress.id)
        with freeze_time(ALERT):
            first = Session._cron_send_match_alerts(batch_size=3)
        self.assertEqual(len(first), 3)
        self.assertEqual((progress.done, progress.remaining), (3, 2))
        with freeze_time(ALERT):
            second = Session._cron_send_match_alerts(batch_size=3)
        self.assertEqual(len(second), 2)
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        self.assertEqual(first | second, sessions)

    def test_several_weak_interviews_due_together_make_one_toast_per_interviewer(self):
        carl = self.create_applicant("Carl Candidate", interviewers=self.interviewer)
        second = self.session_of(self.create_event(carl, start=START))  # Carl: nothing at all, 0 %
        with freeze_time(ALERT), self.mock_bus():
            self.run_job()
            toasts = dict(self.toasts())
        ivy = toasts[self.interviewer.partner_id.id]
        self.assertEqual(ivy["title"], "Weak matches in 2 coming interviews")
        self.assertIn("Ada Candidate", ivy["message"])
        self.assertIn("Carl Candidate", ivy["message"])
        self.assertIn("Match 0 %: no evidence of Java (Senior required).", ivy["message"])
        self.assertEqual(len(self.alert_activities(self.session | second)), 3)

    def test_cancelling_removes_the_alert_activity(self):
        with freeze_time(ALERT):
            self.run_job()
        self.session.action_cancel()
        self.assertFalse(self.alert_activities(self.session))
