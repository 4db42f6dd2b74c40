from markupsafe import Markup

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .match_common import MatchCase


@tagged("post_install", "-at_install")
class TestMatchBadInput(MatchCase):
    """Bad input is refused with a message that says what is wrong, and nothing is half-saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.req_java = cls.require(cls.job, cls.java, 80, weight=5)

    def test_weight_zero_or_negative_or_above_five_is_refused(self):
        for weight in (0, -1, 6):
            with self.subTest(weight=weight), self.assertRaises(ValidationError) as error:
                self.require(self.job, self.sql, 50, weight=weight)
            self.assertIn(f"{weight} is not allowed", str(error.exception))
            self.assertIn("from 1 (nice to have) to 5 (essential)", str(error.exception))
        with self.assertRaises(ValidationError):
            self.req_java.weight = 0
        self.assertEqual(self.req_java.weight, 5)
        self.assertEqual(self.job.match_requirement_ids, self.req_java, "nothing half-saved")

    def test_duplicate_requirement_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.require(self.job, self.java, 50)
        self.assertEqual(
            str(error.exception),
            "“Java” is already required for “Backend Engineer”: change that requirement instead of adding it twice.",
        )
        Requirement = self.env["hr.job.skill.requirement"]
        with self.assertRaises(ValidationError):  # twice in the same call
            Requirement.create(
                [
                    {"job_id": self.job.id, "skill_id": self.sql.id, "skill_level_id": self.levels[50].id},
                    {"job_id": self.job.id, "skill_id": self.sql.id, "skill_level_id": self.levels[80].id},
                ]
            )
        sql = self.require(self.job, self.sql, 50)
        with self.assertRaises(ValidationError):  # turned into a duplicate
            sql.skill_id = self.java
        self.assertEqual(self.job.match_requirement_ids.skill_id, self.java | self.sql)

    def test_level_of_another_skill_type_is_refused(self):
        other_type = self.env["hr.skill.type"].create(
            {"name": "Other", "skill_level_ids": [(0, 0, {"name": "O1", "level_progress": 50})]}
        )
        with self.assertRaises(ValidationError):
            self.req_java.skill_level_id = other_type.skill_level_ids
        with self.assertRaises(ValidationError):
            self.assess(self.applicant, self.java, skill_level_id=other_type.skill_level_ids.id)

    def test_assessment_without_level_score_or_survey_is_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.assess(self.applicant, self.java)
        self.assertIn("needs an assessed level, a score, or a scored survey answer", str(error.exception))
        self.assertFalse(self.applicant.assessment_ids)

    def test_score_outside_0_100_is_refused(self):
        for score in (120, -5):
            with self.subTest(score=score), self.assertRaises(ValidationError) as error:
                self.assess(self.applicant, self.java, score=score)
            self.assertIn("between 0 and 100 %", str(error.exception))
        assessment = self.assess(self.applicant, self.java, score=40)
        with self.assertRaises(ValidationError):
            assessment.score = 101

    def test_bad_placeholder_in_a_suggestion_is_refused_and_named(self):
        suggestion = self.env.ref("hr_interview_closing.match_suggestion_low_match")
        with self.assertRaises(ValidationError) as error:
            suggestion.text = "Match {scroe} %"
        self.assertIn("{scroe}", str(error.exception))
        with self.assertRaises(ValidationError):  # a second text for the same situation
            self.env["hr.interview.match.suggestion"].create({"situation": "low_match", "text": "Again"})


@tagged("post_install", "-at_install")
class TestMatchSurveyAssessment(MatchCase):
    """An online test (a scored survey) becomes an assessment; an unscored survey gives none and
    says why."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.require(cls.job, cls.java, 80, weight=1)

    def make_survey(self, scored):
        survey = self.env["survey.survey"].create(
            {
                "title": "Java test" if scored else "Interview form",
                "scoring_type": "scoring_with_answers" if scored else "no_scoring",
                "match_skill_id": self.java.id,
            }
        )
        questions = self.env["survey.question"].create(
            [
                {
                    "survey_id": survey.id,
                    "title": f"Question {i}",
                    "question_type": "simple_choice",
                    "suggested_answer_ids": [
                        (0, 0, {"value": "Right", "is_correct": True, "answer_score": 10}),
                        (0, 0, {"value": "Wrong", "answer_score": 0}),
                    ],
                }
                for i in range(4)
            ]
        )
        return survey, questions

    def answer(self, survey, questions, right):
        """An answer of the applicant with ``right`` questions right out of 4, not completed yet."""
        user_input = self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "applicant_id": self.applicant.id,
                "partner_id": self.applicant.partner_id.id,
                "predefined_question_ids": [(6, 0, questions.ids)],
            }
        )
        for i, question in enumerate(questions):
            answer = question.suggested_answer_ids[0 if i < right else 1]
            user_input._save_lines(question, answer.id)
        return user_input

    def test_completing_a_scored_survey_records_an_online_test_assessment(self):
        survey, questions = self.make_survey(scored=True)
        user_input = self.answer(survey, questions, right=3)
        self.assertFalse(self.applicant.assessment_ids, "not before it is completed")
        user_input._mark_done()
        assessment = self.applicant.assessment_ids
        self.assertEqual(len(assessment), 1)
        self.assertEqual(
            (assessment.source, assessment.skill_id, assessment.user_input_id), ("online_test", self.java, user_input)
        )
        self.assertAlmostEqual(assessment.score, 75.0)
        self.assertAlmostEqual(self.applicant.match_score, 93.8)  # 75 of 80
        self.assertEqual(self.applicant.match_line_ids.assessed_label, "75 %")

    def test_a_rescored_survey_answer_flows_into_the_report(self):
        survey, questions = self.make_survey(scored=True)
        user_input = self.answer(survey, questions, right=1)
        user_input._mark_done()
        self.assertAlmostEqual(self.applicant.match_score, 31.3)  # 25 of 80
        user_input._save_lines(questions[1], questions[1].suggested_answer_ids[0].id)  # corrected: 2 right
        self.assertAlmostEqual(self.applicant.assessment_ids.score, 50.0)
        self.assertAlmostEqual(self.applicant.match_score, 62.5)  # 50 of 80
        self.assertEqual(self.applicant.match_line_ids.assessed_label, "50 %")

    def test_completing_an_unscored_survey_gives_no_assessment_and_says_why(self):
        survey, questions = self.make_survey(scored=False)
        user_input = self.answer(survey, questions, right=3)
        user_input._mark_done()
        self.assertFalse(self.applicant.assessment_ids)
        note = self.applicant.message_ids.filtered(lambda m: "is not scored" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertEqual(
            note.body,
            Markup(
                "<p>The survey “Interview form” is not scored, so it measures no skill: no assessment was recorded. "
                "Give the survey a scoring (with points on the answers), or record the assessed level by hand.</p>"
            ),
        )

    def test_linking_an_unscored_or_unfinished_survey_by_hand_is_refused(self):
        survey, questions = self.make_survey(scored=False)
        unscored = self.answer(survey, questions, right=4)
        unscored._mark_done()
        with self.assertRaises(ValidationError) as error:
            self.assess(self.applicant, self.java, user_input_id=unscored.id)
        self.assertIn("is not scored", str(error.exception))
        scored_survey, scored_questions = self.make_survey(scored=True)
        unfinished = self.answer(scored_survey, scored_questions, right=4)
        with self.assertRaises(ValidationError) as error:
            self.assess(self.applicant, self.java, user_input_id=unfinished.id)
        self.assertIn("is not completed yet", str(error.exception))
        self.assertFalse(self.applicant.assessment_ids)

    def test_survey_answer_of_another_applicant_is_refused(self):
        survey, questions = self.make_survey(scored=True)
        user_input = self.answer(survey, questions, right=2)
        user_input.applicant_id = self.other_applicant
        user_input._mark_done()
        with self.assertRaises(ValidationError) as error:
            self.assess(self.applicant, self.java, user_input_id=user_input.id)
        self.assertIn("belongs to Bob Candidate", str(error.exception))
