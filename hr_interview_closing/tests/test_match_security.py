from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .match_common import MatchCase


@tagged("post_install", "-at_install")
class TestMatchAccess(MatchCase):
    """Interviewers read the match data of the applicants they can see; officers manage assessments;
    managers configure requirements and suggestions; nobody writes a report line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_job = cls.env["hr.job"].create({"name": "Sales"})
        cls.other_applicant.job_id = cls.other_job  # Bob: Igor's applicant, on another job
        cls.req_own = cls.require(cls.job, cls.java, 80)
        cls.req_other = cls.require(cls.other_job, cls.sql, 50)
        cls.assessment_own = cls.assess(cls.applicant, cls.java, level=50)
        cls.assessment_other = cls.assess(cls.other_applicant, cls.sql, level=50)

    def test_interviewer_reads_only_the_match_data_of_their_applicants(self):
        Assessment = self.env["hr.applicant.assessment"].with_user(self.interviewer)
        both = (self.assessment_own | self.assessment_other).ids
        self.assertEqual(Assessment.search([("id", "in", both)]), self.assessment_own)
        with self.assertRaises(AccessError):
            self.assessment_other.with_user(self.interviewer).read(["score"])
        Line = self.env["hr.applicant.match.line"].with_user(self.interviewer)
        lines = (self.applicant | self.other_applicant).match_line_ids
        self.assertEqual(Line.search([("id", "in", lines.ids)]), self.applicant.match_line_ids)
        with self.assertRaises(AccessError):
            self.other_applicant.match_line_ids.with_user(self.interviewer).read(["status"])
        Requirement = self.env["hr.job.skill.requirement"].with_user(self.interviewer)
        requirements = (self.req_own | self.req_other).ids
        self.assertEqual(Requirement.search([("id", "in", requirements)]), self.req_own)
        # and the report on the applicant form
        report = self.applicant.with_user(self.interviewer)
        self.assertEqual(report.match_line_ids.skill_id, self.java)
        self.assertIn("Java", report._match_gaps())

    def test_interviewer_cannot_record_or_change_assessments(self):
        with self.assertRaises(AccessError):
            self.env["hr.applicant.assessment"].with_user(self.interviewer).create(
                {"applicant_id": self.applicant.id, "skill_id": self.java.id, "skill_level_id": self.levels[80].id}
            )
        with self.assertRaises(AccessError):
            self.assessment_own.with_user(self.interviewer).write({"score": 90})
        with self.assertRaises(AccessError):
            self.assessment_own.with_user(self.interviewer).unlink()

    def test_officer_manages_assessments_and_the_report_follows(self):
        Assessment = self.env["hr.applicant.assessment"].with_user(self.officer)
        assessment = Assessment.create(
            {"applicant_id": self.other_applicant.id, "skill_id": self.sql.id, "skill_level_id": self.levels[15].id}
        )
        self.assertEqual(self.other_applicant.match_line_ids.assessment_id, assessment)
        assessment.write({"skill_level_id": self.levels[50].id})
        assessment.unlink()
        self.assertEqual(self.other_applicant.match_line_ids.assessment_id, self.assessment_other)

    def test_only_managers_configure_requirements_and_suggestions(self):
        vals = {"job_id": self.job.id, "skill_id": self.sql.id, "skill_level_id": self.levels[50].id}
        for user in (self.interviewer, self.officer):
            with self.assertRaises(AccessError):
                self.env["hr.job.skill.requirement"].with_user(user).create(vals)
            with self.assertRaises(AccessError):
                self.req_own.with_user(user).write({"weight": 1})
        requirement = self.env["hr.job.skill.requirement"].with_user(self.manager).create(vals)
        self.assertIn("SQL", self.applicant.match_line_ids.skill_id.mapped("name"))
        requirement.with_user(self.manager).unlink()

        suggestion = self.env.ref("hr_interview_closing.match_suggestion_low_match")
        self.assertTrue(suggestion.with_user(self.interviewer).text)
        for user in (self.interviewer, self.officer):
            with self.assertRaises(AccessError):
                suggestion.with_user(user).write({"text": "Mine"})
        suggestion.with_user(self.manager).write({"text": "Match {{ score }} %."})
        self.assertEqual(suggestion.text, "Match {{ score }} %.")

    def test_officer_editing_expected_skills_gets_default_requirements(self):
        self.job.with_user(self.officer).write({"skill_ids": [(4, self.english.id)]})
        self.assertIn(self.english, self.job.match_requirement_ids.skill_id)

    def test_nobody_writes_report_lines(self):
        line = self.applicant.match_line_ids
        for user in (self.interviewer, self.officer, self.manager):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"status": "met"})
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()

    def test_user_without_recruitment_rights_sees_nothing(self):
        employee = new_test_user(self.env, login="hic_match_employee", groups="base.group_user")
        for model in ("hr.applicant.assessment", "hr.applicant.match.line", "hr.job.skill.requirement"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(employee).search([])


@tagged("post_install", "-at_install")
class TestMatchMultiCompany(MatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Branch Office B"})
        cls.job_b = cls.env["hr.job"].create({"name": "Java B", "company_id": cls.company_b.id})
        cls.req_b = cls.require(cls.job_b, cls.java, 80)
        cls.applicant_b = cls.create_applicant("Dora Candidate", job=cls.job_b, company=cls.company_b)
        cls.assessment_b = cls.assess(cls.applicant_b, cls.java, level=50)
        cls.suggestion_b = cls.env["hr.interview.match.suggestion"].create(
            {"situation": "low_match", "text": "Branch B: {{ score }} %.", "company_id": cls.company_b.id}
        )

    def test_match_data_belongs_to_the_applicant_company(self):
        self.assertEqual(self.assessment_b.company_id, self.company_b)
        self.assertEqual(self.applicant_b.match_line_ids.company_id, self.company_b)
        self.assertEqual(self.req_b.company_id, self.company_b)

    def test_officer_of_company_a_cannot_see_company_b(self):
        for record in (self.assessment_b, self.applicant_b.match_line_ids, self.req_b, self.suggestion_b):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.officer).read(["company_id"])
        Assessment = self.env["hr.applicant.assessment"].with_user(self.officer)
        self.assertFalse(Assessment.search([("id", "=", self.assessment_b.id)]))

    def test_each_company_gets_its_own_suggestion_text(self):
        # Dora: Java assessed beginner (the latest assessment), 15 of 80: a low match
        self.env["hr.applicant.assessment"].create(
            {"applicant_id": self.applicant_b.id, "skill_id": self.java.id, "skill_level_id": self.levels[15].id}
        )
        self.assertEqual(self.applicant_b._match_suggestion(), "Branch B: 18.8 %.")
        self.assertNotIn("Branch B", self.applicant._match_suggestion() or "")
