import functools
from datetime import timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time, tagged, users, warmup
from odoo.tools import SQL

from odoo.addons.hr_interview_closing.models.hr_interview_job_mixin import RUN_AGAIN_AFTER

from .common import T0
from .followup_common import DUE, END, FollowupCase


@tagged("post_install", "-at_install")
class TestFollowupSchedule(FollowupCase):
    def test_ending_the_interview_schedules_the_mail_at_the_end_plus_the_delay(self):
        session = self.ended_session(close=False)
        with freeze_time(END), self.capture_triggers(self.followup_cron.id) as capture:
            session.action_end()
        self.assertEqual(session.followup_state, "scheduled")
        self.assertEqual(session.followup_due_at, DUE)
        self.assertEqual(capture.records.mapped("call_at"), [DUE])

    def test_the_company_delay_counts_and_ten_minutes_is_the_most(self):
        self.company.interview_followup_delay = 10
        session = self.ended_session()
        self.assertEqual(session.followup_due_at, END + timedelta(minutes=10))
        self.company.interview_followup_delay = 0
        at_once = self.ended_session(applicant=self.other_applicant)
        self.assertEqual(at_once.followup_due_at, END)

    def test_a_delay_above_ten_minutes_is_refused_with_a_message(self):
        for delay in (11, 60, -1):
            with self.subTest(delay=delay), self.assertRaises(ValidationError) as refused:
                self.company.interview_followup_delay = delay
            self.assertIn("within 10 minutes", str(refused.exception))
            self.assertIn(str(delay), str(refused.exception))

    def test_the_settings_refuse_a_delay_above_ten_minutes(self):
        settings = Form(self.env["res.config.settings"])
        settings.interview_followup_delay = 15
        with self.assertRaises(ValidationError):
            settings.save().execute()
        self.assertEqual(self.company.interview_followup_delay, 5)

    def test_the_mail_is_queued_at_the_due_time_and_not_before(self):
        session = self.ended_session()
        self.assertFalse(self.run_followup_job(at=DUE - timedelta(seconds=1)))
        self.assertEqual(session.followup_state, "scheduled")
        self.assertFalse(self.followup_mails(session))
        with self.capture_triggers(self.mail_cron.id) as mail_queue:
            self.assertEqual(self.run_followup_job(at=DUE), session)
        mail = self.followup_mails(session)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertEqual(session.followup_state, "queued")
        self.assertEqual(session.followup_queued_at, DUE)
        self.assertEqual(session.followup_mail_id, mail)
        # the job wakes Odoo's mail queue at once: the mail leaves with the queue run that follows
        self.assertEqual(mail_queue.records.mapped("call_at"), [DUE])

    def test_the_mail_queue_run_that_follows_sends_it_within_ten_minutes(self):
        self.company.interview_followup_delay = 10
        session = self.ended_session()
        self.run_followup_job(at=END + timedelta(minutes=10))
        with freeze_time(END + timedelta(minutes=10)), self.mock_mail_gateway():
            self.env["mail.mail"].process_email_queue()
        self.assertSentEmail(self.company.email_formatted, [self.applicant.candidate_id.partner_id])
        self.assertEqual(session.followup_state, "sent")
        self.assertEqual(session.followup_sent_at, END + timedelta(minutes=10))
        self.assertEqual(session.followup_minutes, 10.0)

    def test_the_closing_dialog_schedules_the_mail(self):
        session = self.ended_session(close=False)
        with freeze_time(END), self.capture_triggers(self.followup_cron.id) as capture:
            wizard = Form(self.env["hr.interview.closing.wizard"].with_context(default_session_id=session.id))
            wizard.outcome = "advance"
            wizard.checklist_skip_reason = "Short call"
            wizard.save().action_confirm()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.followup_due_at, DUE)
        self.assertEqual(capture.records.mapped("call_at"), [DUE])

    def test_finish_after_end_keeps_one_schedule(self):
        session = self.ended_session()
        session.checklist_line_ids.done = True
        with freeze_time(END + timedelta(minutes=3)), self.capture_triggers(self.followup_cron.id) as capture:
            session.action_done()
        self.assertEqual(session.followup_due_at, DUE, "finishing later does not move the mail")
        self.assertFalse(capture.records)

    def test_the_button_and_the_video_end_both_arriving_send_once(self):
        session = self.ended_session()
        # the video platform's meeting.ended arrives after the button: the end stays the one
        # recorded by hand, the schedule stays, the job sends one mail
        session._schedule_followup()
        session.sudo()._apply_video_events(self.env["hr.interview.video.event"])
        self.run_followup_job()
        self.run_followup_job(at=DUE + timedelta(minutes=1))
        self.assertEqual(len(self.followup_mails(session)), 1)

    def test_correcting_the_end_before_the_mail_leaves_moves_it(self):
        session = self.ended_session()
        with self.capture_triggers(self.followup_cron.id) as capture:
            session.actual_end = END - timedelta(minutes=2)
        self.assertEqual(session.followup_due_at, DUE - timedelta(minutes=2))
        self.assertEqual(capture.records.mapped("call_at"), [DUE - timedelta(minutes=2)])

    def test_the_schedule_is_protected_from_rpc_writes(self):
        session = self.ended_session()
        for vals in (
            {"followup_state": "none"},
            {"followup_due_at": T0},
            {"followup_token": "x" * 43},
            {"promise_state": "kept"},
            {"followup_page_revoked": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                session.with_user(self.manager).write(vals)


@tagged("post_install", "-at_install")
class TestFollowupExactlyOnce(FollowupCase):
    def test_a_repeated_run_sends_once(self):
        session = self.ended_session()
        self.run_followup_job()
        self.run_followup_job(at=DUE + timedelta(minutes=1))
        self.run_followup_job(at=DUE + timedelta(days=1))
        self.assertEqual(len(self.followup_mails(session)), 1)

    def test_a_job_killed_mid_batch_sends_nothing_and_the_next_run_sends_once(self):
        sessions = self.ended_session() | self.ended_session(applicant=self.other_applicant)

        class Killed(Exception):
            pass

        with self.assertRaises(Killed), self.env.cr.savepoint():
            self.run_followup_job()
            self.assertEqual(len(self.followup_mails(sessions)), 2)
            raise Killed  # the worker dies before its transaction commits
        self.env.invalidate_all()
        self.assertFalse(self.followup_mails(sessions))
        self.assertEqual(set(sessions.mapped("followup_state")), {"scheduled"})
        self.assertFalse(self.env["survey.user_input"].search([("interview_session_id", "in", sessions.ids)]))
        self.run_followup_job()
        self.assertEqual(len(self.followup_mails(sessions)), 2)
        self.assertEqual(set(sessions.mapped("followup_state")), {"queued"})

    def test_a_session_changed_while_the_job_picks_makes_it_run_again_at_once(self):
        """Under repeatable read, PostgreSQL refuses to lock a row changed since the transaction
        began: the job then re-triggers itself for now instead of failing (a failed cron job loses
        its past triggers until its next regular run)."""
        session = self.ended_session()
        refusal = SQL("DO $$ BEGIN RAISE EXCEPTION 'concurrent update' USING ERRCODE = '40001'; END $$")
        Session = self.env["hr.interview.session"]
        with freeze_time(DUE), self.capture_triggers(self.followup_cron.id) as capture:
            taken, remaining = Session._lock_due_batch(
                lambda limit=None, lock=False: refusal, 10, "hr_interview_closing.ir_cron_interview_followup"
            )
            self.assertEqual((taken, remaining), (Session, 0))
        self.assertEqual(capture.records.mapped("call_at"), [DUE + RUN_AGAIN_AFTER])
        self.assertEqual(self.run_followup_job(), session, "the transaction goes on")

    def test_a_batch_refused_by_a_concurrent_change_is_undone_and_run_again(self):
        """Two machines' jobs touching the same interview: PostgreSQL refuses one of them; its
        batch is undone (no mail, no state) and the job runs again after this run."""
        session = self.ended_session()
        refusal = SQL("DO $$ BEGIN RAISE EXCEPTION 'concurrent update' USING ERRCODE = '40001'; END $$")
        Session = self.env["hr.interview.session"]

        def process(sessions):
            sessions._send_followup()
            self.env.flush_all()
            self.env.cr.execute(refusal)

        with freeze_time(DUE), self.capture_triggers(self.followup_cron.id) as capture:
            due = functools.partial(Session._followup_due_query, DUE)
            taken = Session._run_due_batch(due, process, 10, "hr_interview_closing.ir_cron_interview_followup")
        self.assertFalse(taken)
        self.assertEqual(capture.records.mapped("call_at"), [DUE + RUN_AGAIN_AFTER])
        self.assertEqual(session.followup_state, "scheduled", "nothing of the batch happened")
        self.assertFalse(self.followup_mails(session))
        self.assertEqual(self.run_followup_job(), session, "the next run sends it")

    def test_the_job_processes_a_bounded_batch_and_reports_progress(self):
        sessions = self.ended_session()
        for _i in range(4):
            sessions |= self.ended_session(applicant=self.create_applicant(f"Batch {_i} Candidate"))
        __, progress = self.followup_cron.with_context(ir_cron_progress_id=None)._add_progress()
        Session = self.env["hr.interview.session"].with_context(ir_cron_progress_id=progress.id)
        with freeze_time(DUE):
            first = Session._cron_send_followups(batch_size=3)
            self.assertEqual((len(first), progress.done, progress.remaining), (3, 3, 2))
            second = Session._cron_send_followups(batch_size=3)
            self.assertEqual((len(second), progress.done, progress.remaining), (2, 2, 0))
        self.assertEqual(first | second, sessions)
        self.env["ir.config_parameter"].sudo().set_param("hr_interview_closing.followup_batch_size", "4")
        self.assertEqual(Session._followup_batch_size(), 4)

    def test_a_session_cancelled_before_its_mail_is_queued_sends_nothing(self):
        session = self.ended_session()
        with freeze_time(END + timedelta(minutes=2)):
            session.action_cancel()
        self.run_followup_job()
        self.assertFalse(self.followup_mails(session))
        self.assertEqual(session.followup_state, "cancelled")
        self.assertEqual(session.followup_skip_reason, "cancelled")

    def test_a_session_cancelled_before_its_queued_mail_leaves_sends_nothing(self):
        session = self.ended_session()
        self.run_followup_job()
        with freeze_time(DUE):
            session.action_cancel()
        self.assertEqual(session.followup_mail_id.state, "cancel")
        with freeze_time(DUE), self.mock_mail_gateway():
            self.env["mail.mail"].process_email_queue()
            self.assertNotSentEmail([self.applicant.candidate_id.partner_id])
        self.assertEqual(session.followup_state, "cancelled")

    def test_a_mail_that_left_stays_sent_when_the_session_is_cancelled_and_is_never_sent_again(self):
        session = self.ended_session()
        self.run_followup_job()
        with freeze_time(DUE), self.mock_mail_gateway():
            self.env["mail.mail"].process_email_queue()
        with freeze_time(DUE + timedelta(minutes=1)):
            session.action_cancel()
            session.action_reset_to_scheduled()
            session.action_start()
            session.action_end()
        self.assertEqual(session.followup_state, "sent")
        self.run_followup_job(at=DUE + timedelta(minutes=10))
        self.assertEqual(len(self.followup_mails(session)), 1)

    def test_a_failed_delivery_is_shown_on_the_session(self):
        session = self.ended_session()
        self.run_followup_job()
        MailServer = type(self.env["ir.mail_server"])
        with freeze_time(DUE), patch.object(MailServer, "connect", side_effect=OSError("SMTP server down")):
            self.env["mail.mail"].browse(session.followup_mail_id.id).send()
        self.assertEqual(session.followup_state, "failed")
        self.assertIn("SMTP server down", session.followup_mail_failure)

    def test_the_meeting_cancelled_cancels_the_mail(self):
        session = self.ended_session()
        session.event_id.action_archive()
        self.assertEqual(session.state, "cancelled")
        self.assertEqual(session.followup_state, "cancelled")


@tagged("post_install", "-at_install")
class TestFollowupRecipients(FollowupCase):
    def assert_skipped(self, session, reason, text):
        self.run_followup_job()
        self.assertFalse(self.followup_mails(session))
        self.assertEqual(session.followup_state, "skipped")
        self.assertEqual(session.followup_skip_reason, reason)
        self.assertIn(text, session.message_ids[0].body)

    def test_a_candidate_without_email_gets_nothing_and_the_session_says_why(self):
        applicant = self.create_applicant("Nemo Nomail")
        applicant.candidate_id.email_from = False
        self.assert_skipped(self.ended_session(applicant), "no_email", "no valid e-mail address")

    def test_a_blacklisted_candidate_gets_nothing(self):
        self.env["mail.blacklist"]._add("ada@example.com")
        self.assert_skipped(self.ended_session(), "blacklisted", "blacklisted")

    def test_a_candidate_who_opted_out_gets_nothing(self):
        self.applicant.candidate_id.interview_followup_opt_out = True
        self.assert_skipped(self.ended_session(), "opt_out", "asked not to receive")

    def test_a_deleted_template_skips_with_a_reason(self):
        self.env.ref("hr_interview_closing.mail_template_interview_thank_you").unlink()
        self.assert_skipped(self.ended_session(), "no_template", "template was deleted")

    def test_the_candidate_receives_it_at_their_address(self):
        session = self.ended_session()
        self.run_followup_job()
        mail = self.followup_mails(session)
        self.assertEqual(mail.recipient_ids, self.applicant.candidate_id.partner_id)
        self.assertEqual(mail.email_from, self.company.email_formatted)


class JobAnswerCase(FollowupCase):
    """The job has its own answer to the growth concern."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.interview.concern.answer"].create(
            {
                "topic_id": cls.env.ref("hr_interview_closing.concern_topic_growth").id,
                "job_id": cls.job.id,
                "answer": "<p>Backend engineers lead a team after two years.</p>",
            }
        )


@tagged("post_install", "-at_install")
class TestFollowupContent(JobAnswerCase):
    def closed_with_summary(self, applicant=None):
        session = self.ended_session(applicant)
        for topic in (self.topic_overtime, self.topic_growth):
            self.env["hr.interview.concern"].create({"session_id": session.id, "topic_id": topic.id})
        session._transition().write({"closing_script": "Thank you, Ada. We will call you about the team round."})
        session.answer_date = "2026-03-05"
        return session

    def test_the_mail_holds_the_summary_the_answers_the_date_the_page_and_the_survey(self):
        session = self.closed_with_summary()
        self.run_followup_job()
        mail = self.followup_mails(session)
        self.assertEqual(mail.subject, "Thank you for your interview, Ada Candidate")
        body = mail.body_html
        self.assertIn("Dear Ada Candidate", body)
        self.assertIn("Backend Engineer", body)
        self.assertIn("We will call you about the team round.", body)
        self.assertIn("Backend engineers lead a team after two years.", body, "the job's own answer wins")
        self.assertIn(self.topic_overtime.name, body)
        self.assertIn("03/05/2026", body)
        self.assertIn(session.sudo().followup_url, body)
        self.assertIn(session.sudo().followup_survey_url, body)
        self.assertNotIn("Closing notes", body)
        self.assertNotIn("Interview Session", body, "headed by the company, not by the model's name")

    def test_the_summary_written_for_the_candidate_wins_and_notes_stay_internal(self):
        session = self.closed_with_summary()
        session.write({"followup_summary": "Our summary for you.", "closing_notes": "<p>Seemed arrogant</p>"})
        self.run_followup_job()
        body = self.followup_mails(session).body_html
        self.assertIn("Our summary for you.", body)
        self.assertNotIn("We will call you", body)
        self.assertNotIn("arrogant", body)

    def test_without_an_answer_date_the_promised_date_is_computed(self):
        session = self.ended_session()
        self.assertFalse(session.answer_date)
        self.run_followup_job()
        self.assertEqual(str(session.answer_date), "2026-03-05")  # three working days after Monday
        self.assertIn("03/05/2026", self.followup_mails(session).body_html)

    def test_the_mail_is_in_the_candidates_language(self):
        self.set_lang(self.applicant, "zh_CN")
        session = self.closed_with_summary()
        self.run_followup_job()
        mail = self.followup_mails(session)
        self.assertIn("感谢", mail.subject)
        self.assertIn("您好", mail.body_html)
        self.assertIn("2026年03月05日", mail.body_html)
        self.assertIn("/zh_CN/survey/start/", mail.body_html)
        self.assertEqual(session.followup_lang, "zh_CN")

    def test_a_hostile_name_stays_text(self):
        applicant = self.create_applicant("Eve <script>alert(1)</script>")
        session = self.ended_session(applicant)
        self.run_followup_job()
        body = self.followup_mails(session).body_html
        self.assertNotIn("<script>", body)
        self.assertIn("&lt;script&gt;", body)


@tagged("post_install", "-at_install")
class TestFollowupPerformance(JobAnswerCase):
    def due_sessions(self, count):
        sessions = self.env["hr.interview.session"]
        for i in range(count):
            session = self.ended_session(applicant=self.create_applicant(f"Perf{count}x{i} Candidate"))
            self.env["hr.interview.concern"].create(
                [
                    {"session_id": session.id, "topic_id": self.topic_overtime.id},
                    {"session_id": session.id, "topic_id": self.topic_growth.id},
                ]
            )
            sessions |= session
        self.env.flush_all()
        self.env.invalidate_all()
        return sessions

    @users("__system__")
    @warmup
    def test_job_query_count_does_not_depend_on_the_number_of_sessions(self):
        for count in (1, 10):
            with self.subTest(count=count):
                sessions = self.due_sessions(count)
                with freeze_time(DUE), self.assertExactQueryCount(50):
                    self.env["hr.interview.session"]._cron_send_followups()
                self.assertEqual(set(sessions.mapped("followup_state")), {"queued"})
