import re
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .followup_common import DUE, FollowupCase


class SurveyCase(FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.q_nps = cls.env.ref("hr_interview_closing.survey_candidate_experience_nps")
        cls.q_on_time = cls.env.ref("hr_interview_closing.survey_candidate_experience_on_time")
        cls.q_next = cls.env.ref("hr_interview_closing.survey_candidate_experience_next_steps")
        cls.q_questions = cls.env.ref("hr_interview_closing.survey_candidate_experience_questions")
        cls.q_comment = cls.env.ref("hr_interview_closing.survey_candidate_experience_comment")

    def mailed_session(self, applicant=None, at=DUE):
        session = self.ended_session(applicant, end=at - timedelta(minutes=5))
        self.run_followup_job(at=at)
        return session

    def answer(self, session, nps=9, on_time=5, next_steps=4, questions=5, comment=""):
        answer = session.sudo().followup_survey_input_id
        for question, value in (
            (self.q_nps, nps),
            (self.q_on_time, on_time),
            (self.q_next, next_steps),
            (self.q_questions, questions),
        ):
            answer._save_lines(question, str(value))
        if comment:
            answer._save_lines(self.q_comment, comment)
        answer._mark_done()
        return answer

    def low_score_activities(self, answers=None):
        domain = [
            ("res_model", "=", "survey.user_input"),
            ("activity_type_id", "=", self.env.ref("hr_interview_closing.mail_activity_type_interview_low_score").id),
        ]
        if answers is not None:
            domain.append(("res_id", "in", answers.ids))
        return self.env["mail.activity"].search(domain)


@tagged("post_install", "-at_install")
class TestFollowupSurvey(SurveyCase):
    def test_one_personal_answer_per_session_linked_to_the_applicant_and_the_session(self):
        session = self.mailed_session()
        answer = session.sudo().followup_survey_input_id
        self.assertEqual(session.followup_survey_state, "asked")
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.applicant_id, self.applicant)
        self.assertEqual(answer.interview_session_id, session)
        self.assertEqual(answer.partner_id, self.applicant.candidate_id.partner_id)
        self.assertEqual(answer.deadline, session.followup_page_expires_at)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["survey.user_input"].create({"survey_id": self.survey.id, "interview_session_id": session.id})

    def test_answers_flow_back_to_the_session(self):
        session = self.mailed_session()
        with freeze_time(DUE + timedelta(minutes=3)):
            answer = self.answer(session, nps=9, on_time=5, next_steps=4, questions=5, comment="Friendly and clear.")
        self.assertEqual(session.followup_survey_state, "answered")
        self.assertEqual(
            (session.followup_nps, session.followup_on_time, session.followup_next_steps),
            (9, 5, 4),
        )
        self.assertEqual(session.followup_questions_answered, 5)
        self.assertEqual(session.followup_comment, "Friendly and clear.")
        self.assertEqual(session.followup_answered_at, DUE + timedelta(minutes=3))
        self.assertIn("answered the candidate-experience survey", session.message_ids[0].body)
        self.assertFalse(self.low_score_activities(answer))

    def test_a_score_of_six_or_less_alerts_the_recruitment_manager(self):
        self.company.interview_followup_alert_user_id = self.manager
        low = self.mailed_session()
        answer = self.answer(low, nps=6, comment="Nobody told me what comes next.")
        activity = self.low_score_activities(answer)
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn("6/10", activity.summary)
        self.assertIn("Nobody told me what comes next.", activity.note)
        seven = self.mailed_session(applicant=self.other_applicant)
        self.assertFalse(self.low_score_activities(self.answer(seven, nps=7)))

    def test_the_alert_goes_to_the_recruiter_when_a_manager_else_the_administrator(self):
        self.job.user_id = self.manager
        answer = self.answer(self.mailed_session(), nps=2)
        self.assertEqual(self.low_score_activities(answer).user_id, self.manager)
        self.job.user_id = self.officer  # not a recruitment manager
        other = self.answer(self.mailed_session(applicant=self.other_applicant), nps=3)
        self.assertEqual(self.low_score_activities(other).user_id, self.env.ref("base.user_admin"))

    def test_a_candidate_surveyed_in_the_last_six_months_is_not_asked_again(self):
        first = self.mailed_session()
        self.assertEqual(first.followup_survey_state, "asked")
        later = DUE + timedelta(days=60)
        again = self.mailed_session(at=later)
        self.assertEqual(again.followup_survey_state, "recent")
        self.assertFalse(again.sudo().followup_survey_input_id)
        self.assertEqual(again.followup_state, "queued", "the thank-you mail still goes, without the survey")
        self.assertNotIn("/survey/start/", again.followup_mail_id.body_html)
        much_later = DUE + timedelta(days=200)
        self.assertEqual(self.mailed_session(at=much_later).followup_survey_state, "asked")

    def test_the_same_candidate_twice_in_one_batch_is_asked_once(self):
        sessions = self.ended_session() | self.ended_session()
        self.run_followup_job()
        self.assertEqual(sorted(sessions.mapped("followup_survey_state")), ["asked", "recent"])

    def test_no_survey_when_the_company_does_not_ask(self):
        self.company.interview_followup_ask_feedback = False
        session = self.mailed_session()
        self.assertEqual(session.followup_survey_state, "not_asked")
        self.assertEqual(session.followup_state, "queued")

    def test_the_survey_in_both_languages(self):
        self.assertEqual(self.survey.with_context(lang="zh_CN").title, "您的面试体验")
        self.assertEqual(self.q_next.with_context(lang="zh_CN").title, "我知道接下来会发生什么。")
        self.assertEqual(self.survey.title, "Your interview with us")


@tagged("post_install", "-at_install")
class TestFollowupSurveyAccess(HttpCase, SurveyCase):
    """Individual answers are for recruitment managers; interviewers see their own aggregates once
    there are three answers; over JSON-RPC, as the real users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.interviewer, cls.interviewer_2, cls.officer, cls.manager):
            user.password = user.login

    def call(self, user, model, method, *args, **kwargs):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {"context": {}, **kwargs}},
        )

    def three_answers(self):
        sessions = self.env["hr.interview.session"]
        for i, nps in enumerate((10, 8, 3)):
            session = self.mailed_session(
                applicant=self.create_applicant(f"Cand{i} Survey", interviewers=self.interviewer)
            )
            self.answer(session, nps=nps, next_steps=i + 2)
            sessions |= session
        return sessions

    def test_interviewers_and_officers_cannot_read_individual_answers(self):
        session = self.mailed_session()
        answer = self.answer(session, nps=2, comment="Rude.")
        for user in (self.interviewer, self.interviewer_2, self.officer):
            with self.subTest(user=user.login):
                self.assertEqual(self.call(user, "survey.user_input", "search", [("id", "=", answer.id)]), [])
                with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
                    self.call(user, "survey.user_input", "read", [answer.id], ["scoring_percentage"])
                with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
                    self.call(user, "hr.interview.session", "read", [session.id], ["followup_nps"])
                self.assertEqual(
                    self.call(user, "survey.user_input.line", "search", [("user_input_id", "=", answer.id)]), []
                )
                self.assertEqual(
                    self.call(user, "mail.activity", "search", [("res_model", "=", "survey.user_input")]), []
                )
        self.assertEqual(self.call(self.manager, "survey.user_input", "search", [("id", "=", answer.id)]), [answer.id])
        values = self.call(
            self.manager, "hr.interview.session", "read", [session.id], ["followup_nps", "followup_comment"]
        )
        self.assertEqual((values[0]["followup_nps"], values[0]["followup_comment"]), (2, "Rude."))

    def test_other_recruitment_surveys_stay_readable_as_before(self):
        other_survey = self.env["survey.survey"].create({"title": "Tech test", "survey_type": "recruitment"})
        answer = other_survey._create_answer(
            partner=self.applicant.candidate_id.partner_id, applicant_id=self.applicant.id
        )
        self.assertEqual(
            self.call(self.interviewer, "survey.user_input", "search", [("id", "=", answer.id)]), [answer.id]
        )

    def test_interviewers_see_their_own_aggregates_from_three_answers(self):
        sessions = self.three_answers()
        fields = ["followup_my_visible", "followup_my_answer_count", "followup_my_nps", "followup_my_next_steps"]
        mine = self.call(self.interviewer, "hr.interview.session", "read", [sessions[0].id], fields)[0]
        self.assertEqual(mine["followup_my_answer_count"], 3)
        self.assertTrue(mine["followup_my_visible"])
        self.assertAlmostEqual(mine["followup_my_nps"], 7.0)
        self.assertAlmostEqual(mine["followup_my_next_steps"], 3.0)
        # figures of the current user, not of the session: the officer interviews none of them
        officer = self.call(self.officer, "hr.interview.session", "read", [sessions[0].id], fields)[0]
        self.assertEqual((officer["followup_my_answer_count"], officer["followup_my_visible"]), (0, False))

    def test_under_three_answers_the_aggregates_stay_hidden(self):
        session = self.mailed_session(applicant=self.create_applicant("Solo Survey", interviewers=self.interviewer))
        self.answer(session, nps=1)
        mine = self.call(
            self.interviewer, "hr.interview.session", "read", [session.id], ["followup_my_visible", "followup_my_nps"]
        )[0]
        self.assertFalse(mine["followup_my_visible"])
        self.assertEqual(mine["followup_my_nps"], 0)

    def test_the_candidate_answers_through_the_real_survey_pages(self):
        session = self.mailed_session()
        answer = session.sudo().followup_survey_input_id
        start = self.url_open(answer.get_start_url())
        self.assertEqual(start.status_code, 200)
        csrf = self._csrf(start.text)
        base = f"{self.survey.get_base_url()}/survey"
        self.opener.post(f"{base}/begin/{self.survey.access_token}/{answer.access_token}", json={})
        post = {
            str(self.q_nps.id): "4",
            str(self.q_on_time.id): "2",
            str(self.q_next.id): "1",
            str(self.q_questions.id): "3",
            str(self.q_comment.id): "No news since.",
            "csrf_token": csrf,
            "token": answer.access_token,
            "button_submit": "finish",
        }
        response = self.opener.post(
            f"{base}/submit/{self.survey.access_token}/{answer.access_token}", json={"params": post}
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json())
        self.assertEqual(answer.state, "done")
        self.assertEqual((session.followup_nps, session.followup_next_steps), (4, 1))
        self.assertEqual(session.followup_comment, "No news since.")
        self.assertTrue(self.low_score_activities(answer))

    def _csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
