from datetime import date, datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .followup_common import DUE, FollowupCase

# Ada's interview ends on Monday 2 March 2026; three working days later: Thursday 5 March. The
# company works 8:00-17:00 in Brussels (UTC+1).
ANSWER_DATE = date(2026, 3, 5)
REMINDER = datetime(2026, 3, 4, 7, 0)  # Wednesday 8:00 in Brussels: one working day before
LATE = datetime(2026, 3, 5, 23, 0)  # the end of Thursday in Brussels


@tagged("post_install", "-at_install")
class TestFollowupPromise(FollowupCase):
    def promised_session(self, applicant=None):
        session = self.ended_session(applicant)
        self.run_followup_job()
        return session

    def run_promise_job(self, at, **kwargs):
        with freeze_time(at):
            return self.env["hr.interview.session"]._cron_keep_promises(**kwargs)

    def answer_due_activities(self, session):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", session._name),
                ("res_id", "=", session.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("hr_interview_closing.mail_activity_type_interview_answer_due").id,
                ),
            ]
        )

    def refuse_wizard(self, reason):
        return self.env["applicant.get.refuse.reason"].create(
            {"refuse_reason_id": reason.id, "applicant_ids": [(6, 0, self.applicant.ids)]}
        )

    def late_mails(self, session):
        return self.followup_mails(session) - session.followup_mail_id

    def test_the_mail_starts_the_promise_and_wakes_the_job_at_the_reminder_and_at_the_date(self):
        session = self.ended_session()
        with self.capture_triggers(self.promise_cron.id) as capture:
            self.run_followup_job()
        self.assertEqual(session.answer_date, ANSWER_DATE)
        self.assertEqual(session.promise_state, "pending")
        self.assertEqual((session.promise_reminder_at, session.promise_due_at), (REMINDER, LATE))
        self.assertEqual(sorted(capture.records.mapped("call_at")), [REMINDER, LATE])

    def test_the_interviewers_get_an_activity_one_working_day_before(self):
        session = self.promised_session()
        self.run_promise_job(REMINDER - timedelta(minutes=1))
        self.assertFalse(self.answer_due_activities(session))
        self.run_promise_job(REMINDER)
        activities = self.answer_due_activities(session)
        self.assertEqual(activities.user_id, self.interviewer | self.interviewer_2)
        self.assertEqual(set(activities.mapped("date_deadline")), {ANSWER_DATE})
        self.assertIn("promised an answer by 03/05/2026", activities[0].note)
        self.run_promise_job(REMINDER + timedelta(hours=1))
        self.assertEqual(len(self.answer_due_activities(session)), 2, "reminded once")

    def test_a_monday_answer_is_reminded_on_the_friday_before(self):
        session = self.ended_session()
        session.answer_date = date(2026, 3, 9)
        self.run_followup_job()
        self.assertEqual(session.promise_reminder_at, datetime(2026, 3, 6, 7, 0))

    def test_a_public_holiday_before_the_answer_date_is_skipped(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.company.resource_calendar_id.id,
                "date_from": datetime(2026, 3, 3, 23, 0),
                "date_to": datetime(2026, 3, 4, 22, 59),
            }
        )  # Wednesday 4 March off
        session = self.ended_session()
        session.answer_date = ANSWER_DATE
        self.run_followup_job()
        self.assertEqual(session.promise_reminder_at, datetime(2026, 3, 3, 7, 0))

    def test_a_missed_promise_sends_its_mail_once_and_counts_late(self):
        session = self.promised_session()
        self.run_promise_job(LATE - timedelta(minutes=1))
        self.assertEqual(session.promise_state, "pending")
        with self.capture_triggers(self.mail_cron.id) as mail_queue:
            self.run_promise_job(LATE)
        self.assertEqual(session.promise_state, "late")
        self.assertEqual(session.promise_late_at, LATE)
        self.assertEqual(session.promise_new_date, date(2026, 3, 11), "three working days after Friday 6")
        mail = self.late_mails(session)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail, session.promise_late_mail_id)
        self.assertIn("we need a little more time", mail.subject)
        self.assertIn("03/11/2026", mail.body_html)
        self.assertIn("03/05/2026", mail.body_html)
        self.assertIn(session.sudo().followup_url, mail.body_html)
        self.assertEqual(mail_queue.records.mapped("call_at"), [LATE])
        self.assertIn("is late", session.message_ids[0].body)
        self.run_promise_job(LATE + timedelta(days=1))
        self.run_promise_job(LATE + timedelta(days=10))
        self.assertEqual(len(self.late_mails(session)), 1, "once")

    def test_the_late_mail_in_chinese(self):
        self.set_lang(self.applicant, "zh_CN")
        session = self.promised_session()
        self.run_promise_job(LATE)
        mail = self.late_mails(session)
        self.assertIn("更多时间", mail.subject)
        self.assertIn("2026年03月11日", mail.body_html)

    def test_the_late_mail_can_be_turned_off(self):
        self.company.interview_promise_late_mail = False
        session = self.promised_session()
        self.run_promise_job(LATE)
        self.assertEqual(session.promise_state, "late")
        self.assertEqual(session.promise_late_skip_reason, "disabled")
        self.assertFalse(self.late_mails(session))

    def test_a_late_promise_tells_nothing_to_a_candidate_who_opted_out_since(self):
        session = self.promised_session()
        self.applicant.candidate_id.interview_followup_opt_out = True
        self.run_promise_job(LATE)
        self.assertEqual((session.promise_state, session.promise_late_skip_reason), ("late", "opt_out"))
        self.assertFalse(self.late_mails(session))

    def test_a_job_killed_mid_way_sends_nothing_and_the_next_run_sends_once(self):
        session = self.promised_session()

        class Killed(Exception):
            pass

        with self.assertRaises(Killed), self.env.cr.savepoint():
            self.run_promise_job(LATE)
            raise Killed
        self.env.invalidate_all()
        self.assertEqual(session.promise_state, "pending")
        self.assertFalse(self.late_mails(session))
        self.run_promise_job(LATE)
        self.assertEqual(len(self.late_mails(session)), 1)

    def test_the_refusal_mail_keeps_the_promise(self):
        session = self.promised_session()
        self.run_promise_job(REMINDER)
        refuse_reason = self.env.ref("hr_recruitment.refuse_reason_1")  # has a refusal template
        with freeze_time(REMINDER + timedelta(hours=2)):
            wizard = self.refuse_wizard(refuse_reason)
            self.assertTrue(wizard.send_mail)
            wizard.action_refuse_reason_apply()
        self.assertEqual(session.promise_state, "kept")
        self.assertEqual(session.promise_decision_at, REMINDER + timedelta(hours=2))
        self.assertFalse(self.answer_due_activities(session), "the reminders are done")
        self.run_promise_job(LATE)
        self.assertFalse(self.late_mails(session))

    def test_refusing_without_the_mail_does_not_keep_it(self):
        session = self.promised_session()
        wizard = self.refuse_wizard(self.env.ref("hr_recruitment.refuse_reason_1"))
        wizard.send_mail = False
        wizard.action_refuse_reason_apply()
        self.assertEqual(session.promise_state, "pending")

    def test_a_stage_with_a_template_keeps_the_promise(self):
        session = self.promised_session()
        stage = self.env["hr.recruitment.stage"].create(
            {
                "name": "Team round",
                "template_id": self.env.ref("hr_recruitment.email_template_data_applicant_interest").id,
            }
        )
        silent = self.env["hr.recruitment.stage"].create({"name": "Silent review"})
        with freeze_time(REMINDER):
            self.applicant.stage_id = silent
            self.env.cr.precommit.run()  # stage mails leave with the tracking, at commit
        self.assertEqual(session.promise_state, "pending", "a stage without mail tells the candidate nothing")
        with freeze_time(REMINDER):
            self.applicant.stage_id = stage
            self.env.cr.precommit.run()
        self.assertEqual(session.promise_state, "kept")

    def test_hiring_keeps_the_promise(self):
        session = self.promised_session()
        hired = self.env["hr.recruitment.stage"].create({"name": "Hired!", "hired_stage": True})
        with freeze_time(REMINDER):
            self.applicant.stage_id = hired
        self.assertEqual(session.promise_state, "kept")

    def test_a_decision_after_the_date_stays_late(self):
        session = self.promised_session()
        self.run_promise_job(LATE)
        with freeze_time(LATE + timedelta(days=1)):
            self.applicant._interview_decision_sent()
        self.assertEqual(session.promise_state, "late")
        self.assertEqual(session.promise_decision_at, LATE + timedelta(days=1))

    def test_a_decision_before_the_thank_you_mail_skips_it(self):
        session = self.ended_session()
        with freeze_time(DUE - timedelta(minutes=2)):
            self.applicant._interview_decision_sent()
        self.run_followup_job()
        self.assertEqual((session.followup_state, session.followup_skip_reason), ("skipped", "decision_sent"))

    def test_a_new_answer_date_moves_the_promise(self):
        session = self.promised_session()
        with self.capture_triggers(self.promise_cron.id) as capture:
            session.answer_date = date(2026, 3, 9)
        self.assertEqual(session.promise_due_at, datetime(2026, 3, 9, 23, 0))
        self.assertIn(datetime(2026, 3, 9, 23, 0), capture.records.mapped("call_at"))
        self.run_promise_job(LATE)
        self.assertEqual(session.promise_state, "pending")

    def test_the_answer_given_button_for_a_phone_call(self):
        session = self.promised_session()
        with self.assertRaises(UserError):
            session.with_user(self.interviewer).action_promise_kept()
        with freeze_time(REMINDER):
            session.with_user(self.officer).action_promise_kept()
        self.assertEqual(session.promise_state, "kept")
        self.assertIn("recorded by hand", session.message_ids[0].body)

    def test_the_job_processes_bounded_batches(self):
        sessions = self.promised_session()
        for i in range(3):
            sessions |= self.promised_session(self.create_applicant(f"Prom{i} Candidate"))
        __, progress = self.promise_cron.with_context(ir_cron_progress_id=None)._add_progress()
        Session = self.env["hr.interview.session"].with_context(ir_cron_progress_id=progress.id)
        with freeze_time(LATE):
            __, late = Session._cron_keep_promises(batch_size=3)
            self.assertEqual((len(late), progress.remaining), (3, 1))  # past their date: no reminder
            Session._cron_keep_promises(batch_size=3)
            Session._cron_keep_promises(batch_size=3)
        self.assertEqual(set(sessions.mapped("promise_state")), {"late"})
