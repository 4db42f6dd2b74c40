"""Candidate-experience figures (report, job form) and the follow-up's access rights over JSON-RPC."""

from datetime import timedelta

from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .followup_common import DUE
from .test_followup_promise import LATE
from .test_followup_survey import SurveyCase


class FiguresCase(SurveyCase):
    def history(self):
        """Four interviews for Backend Engineer: mails after 5, 6 and 9 minutes (one candidate
        without e-mail), three survey answers (NPS 10, 8, 3), one promise kept and two late."""
        sessions = []
        for i, (_nps, minutes) in enumerate(((10, 5), (8, 6), (3, 9), (None, None))):
            applicant = self.create_applicant(f"Fig{i} Candidate", interviewers=self.interviewer)
            if minutes is None:
                applicant.candidate_id.email_from = False
            session = self.ended_session(applicant)
            sessions.append(session)
        self.run_followup_job()
        for session, (nps, minutes) in zip(sessions, ((10, 5), (8, 6), (3, 9), (None, None)), strict=True):
            if minutes:
                session.followup_mail_id.state = "sent"
                with freeze_time(session.actual_end + timedelta(minutes=minutes)):
                    self.env["hr.interview.session"]._followup_mails_processed(session.followup_mail_id)
            if nps is not None:
                self.answer(session, nps=nps)
        with freeze_time(DUE + timedelta(days=1)):
            sessions[0].applicant_id._interview_decision_sent()
        with freeze_time(LATE):
            self.env["hr.interview.session"]._cron_keep_promises()
        return sessions


@tagged("post_install", "-at_install")
class TestFollowupFigures(FiguresCase):
    def test_the_report_gives_mails_feedback_nps_minutes_and_promises(self):
        sessions = self.history()
        Report = self.env["hr.interview.experience.report"]
        rows = Report.search([("session_id", "in", [s.id for s in sessions])])
        self.assertEqual(len(rows), 4)
        [totals] = Report.read_group(
            [("id", "in", rows.ids)],
            [
                "mail_count:sum",
                "skipped_count:sum",
                "survey_answered_count:sum",
                "feedback_rate:avg",
                "nps:avg",
                "minutes_to_mail:avg",
                "minutes_to_mail_worst:max",
                "promise_on_time_rate:avg",
                "promise_late_count:sum",
            ],
            [],
        )
        self.assertEqual((totals["mail_count"], totals["skipped_count"], totals["survey_answered_count"]), (3, 1, 3))
        self.assertAlmostEqual(totals["feedback_rate"], 100.0)
        self.assertAlmostEqual(totals["nps"], 7.0)
        self.assertAlmostEqual(totals["minutes_to_mail"], 20 / 3, places=1)
        self.assertAlmostEqual(totals["minutes_to_mail_worst"], 9.0)
        # one kept on time, two late (the candidate without e-mail got no date)
        self.assertEqual(totals["promise_late_count"], 2)
        self.assertAlmostEqual(totals["promise_on_time_rate"], 100 / 3, places=1)
        by_interviewer = Report.read_group([("id", "in", rows.ids)], ["nps:avg"], ["interviewer_ids"])
        self.assertEqual(
            {g["interviewer_ids"][0] for g in by_interviewer}, {self.interviewer.id, self.interviewer_2.id}
        )
        by_month = Report.read_group([("id", "in", rows.ids)], ["mail_count:sum"], ["date:month"])
        self.assertEqual([g["mail_count"] for g in by_month], [3])

    def test_the_job_form_figures(self):
        self.history()
        job = self.job.with_user(self.manager)
        self.assertEqual((job.followup_mail_count, job.followup_answer_count), (3, 3))
        self.assertAlmostEqual(job.followup_feedback_rate, 100.0)
        self.assertAlmostEqual(job.followup_nps_avg, 7.0)
        self.assertAlmostEqual(job.followup_minutes_median, 6.0)
        self.assertAlmostEqual(job.followup_minutes_worst, 9.0)
        self.assertEqual(job.promise_count, 3)
        self.assertAlmostEqual(job.promise_on_time_rate, 100 / 3, places=1)

    def test_the_job_score_shows_to_officers_from_three_answers(self):
        sessions = self.history()
        self.assertTrue(self.job.with_user(self.officer).followup_nps_visible)
        sessions[0].sudo().followup_survey_state = "asked"  # two answers left
        self.env.invalidate_all()
        officer_view = self.job.with_user(self.officer)
        self.assertFalse(officer_view.followup_nps_visible)
        self.assertEqual(officer_view.followup_nps_avg, 0.0)
        self.assertTrue(self.job.with_user(self.manager).followup_nps_visible)


@tagged("post_install", "-at_install")
class TestFollowupAccessRpc(HttpCase, FiguresCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.interviewer, cls.officer, cls.manager):
            user.password = user.login

    def call(self, user, model, method, *args, **kwargs):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {"context": {}, **kwargs}},
        )

    def refused(self, user, model, method, *args, **kwargs):
        """Call as ``user`` and return the error's class and message (the call must fail)."""
        self.authenticate(user.login, user.login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": {"context": {}, **kwargs}},
        }
        with mute_logger("odoo.http"):
            answer = self.opener.post(f"{self.base_url()}/web/dataset/call_kw/{model}/{method}", json=payload).json()
        self.assertIn("error", answer, f"{method} should have been refused")
        return f"{answer['error']['data']['name']}: {answer['error']['data']['message']}"

    def test_nobody_writes_the_follow_up_by_hand(self):
        session = self.ended_session()
        self.run_followup_job()
        for user in (self.interviewer, self.manager):
            for vals in (
                {"followup_state": "none"},
                {"followup_page_revoked": True},
                {"promise_state": "kept"},
                {"followup_nps": 10},
                {"followup_page_expires_at": "2030-01-01 00:00:00"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    error = self.refused(user, session._name, "write", [session.id], vals)
                    self.assertIn("AccessError", error)
                    if user == self.manager or "followup_nps" not in vals:  # else: the field's group refuses
                        self.assertIn("set by the application", error)
        # what the interviewer may write: the summary for the candidate and the answer date
        self.call(self.interviewer, session._name, "write", [session.id], {"followup_summary": "Our summary"})
        self.assertEqual(session.followup_summary, "Our summary")

    def test_the_page_link_is_for_officers(self):
        session = self.ended_session()
        self.run_followup_job()
        self.refused(self.interviewer, session._name, "read", [session.id], ["followup_url"])
        self.refused(self.interviewer, session._name, "read", [session.id], ["followup_token"])
        url = self.call(self.officer, session._name, "read", [session.id], ["followup_url"])[0]["followup_url"]
        self.assertIn("/interview/", url)
        self.assertIn(
            "revoke a candidate's page",
            self.refused(self.interviewer, session._name, "action_revoke_followup_page", [session.id]),
        )
        self.call(self.officer, session._name, "action_revoke_followup_page", [session.id])
        self.assertTrue(session.followup_page_revoked)

    def test_the_report_is_for_recruitment_managers(self):
        sessions = self.history()
        for user in (self.interviewer, self.officer):
            self.refused(user, "hr.interview.experience.report", "search_read", [], ["nps"])
        rows = self.call(
            self.manager,
            "hr.interview.experience.report",
            "search_read",
            [("session_id", "in", [s.id for s in sessions])],
            ["nps"],
        )
        self.assertEqual(len(rows), 4)

    def test_the_page_helpers_are_not_callable_over_rpc(self):
        session = self.ended_session()
        self.run_followup_job()
        for method in ("_followup_page_post", "_send_followup", "_followup_from_token"):
            with self.subTest(method=method):
                self.refused(self.manager, session._name, method, [session.id], "hello")
