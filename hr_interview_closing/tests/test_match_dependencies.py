"""The match report follows each of its sources by itself, in the transaction that changes it,
deletions included: one test per dependency path."""

from odoo.tests import tagged

from .match_common import MatchCase


@tagged("post_install", "-at_install")
class TestMatchReportFollowsItsSources(MatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.req_java = cls.require(cls.job, cls.java, 80, weight=3)
        cls.req_sql = cls.require(cls.job, cls.sql, 50, weight=1)
        cls.claim_java = cls.claim(cls.applicant, cls.java, 80)  # 80 × 0.8 = 64 of 80: partial
        cls.assessment_sql = cls.assess(cls.applicant, cls.sql, level=50)  # met
        # a former application of the same candidate, archived: its report follows too
        cls.archived = cls.env["hr.applicant"].create(
            {"candidate_id": cls.applicant.candidate_id.id, "job_id": cls.job.id, "active": False}
        )

    def report(self, applicant=None):
        applicant = applicant or self.applicant
        return (applicant.match_score, applicant.match_level, self.statuses(applicant))

    def assertFresh(self):
        """What the ORM kept up to date is what a full recompute gives, for the applicant and for the
        candidate's archived application."""
        applicants = self.applicant | self.archived

        def seen():
            return [(self.report(a), a.match_gaps_text, a.match_phone_concern_names) for a in applicants]

        before = seen()
        applicants._match_recompute()
        self.env.invalidate_all()
        self.assertEqual(seen(), before)
        return before[0][0]

    def test_initial_report(self):
        self.assertEqual(self.report(), (85.0, "strong", {"Java": "partial", "SQL": "met"}))

    def test_deleting_a_skill_removes_its_requirement_from_the_report(self):
        self.claim_java.unlink()  # a claimed skill cannot be deleted (Odoo's restrict)
        self.java.unlink()  # its requirement goes by database cascade: no ORM hook runs
        self.assertEqual(self.assertFresh(), (100.0, "strong", {"SQL": "met"}))
        self.assertEqual(len(self.applicant.match_line_ids), 1)

    def test_renaming_a_skill_renames_it_in_the_report_and_the_phone_screen_scan(self):
        self.applicant.phone_screen_notes = "Loves Kotlin and SQL."
        self.assertFalse(self.applicant.match_line_ids.filtered(lambda line: line.skill_id == self.java).mentioned)
        self.java.name = "Kotlin"
        self.assertIn("Kotlin", self.applicant.match_gaps_text)
        self.assertTrue(self.applicant.match_line_ids.filtered(lambda line: line.skill_id == self.java).mentioned)
        self.assertFresh()

    def test_a_skill_level_change_changes_the_score(self):
        self.req_java.skill_level_id = self.levels[40]  # claimed 80 − 20 % = 64: met
        self.assertEqual(self.assertFresh()[0], 100.0)
        self.levels[40].level_progress = 70  # 64 of 70 now
        self.assertEqual(self.assertFresh()[0], 93.6)

    def test_renaming_a_skill_level_renames_it_in_the_suggestion(self):
        self.assess(self.applicant, self.java, level=15)  # claims 80, assessed 15: a contradiction
        self.levels[15].name = "Novice"
        self.assertIn("Novice", self.applicant.match_suggestion)
        self.assertFresh()

    def test_deleting_a_skill_type_empties_the_report(self):
        skill_type = self.env["hr.skill.type"].create(
            {
                "name": "Languages (tests)",
                "skill_level_ids": [(0, 0, {"name": "B2", "level_progress": 60})],
                "skill_ids": [(0, 0, {"name": "German"})],
            }
        )
        self.env["hr.job.skill.requirement"].create(
            {
                "job_id": self.job.id,
                "skill_id": skill_type.skill_ids.id,
                "skill_level_id": skill_type.skill_level_ids.id,
                "weight": 4,
            }
        )
        self.assertEqual(self.assertFresh()[0], 100.0 * 3.4 / 8)
        skill_type.unlink()  # its skill and level, and the requirement, go by database cascade
        self.assertEqual(self.assertFresh(), (85.0, "strong", {"Java": "partial", "SQL": "met"}))

    def test_requirements_created_changed_and_removed(self):
        english = self.require(self.job, self.english, 50, weight=4, must_have=True)
        self.assertEqual(self.assertFresh()[1], "low")  # a must-have without evidence
        english.must_have = False
        english.weight = 1
        self.assertEqual(self.assertFresh()[1], "fair")
        english.unlink()
        self.assertEqual(self.assertFresh()[0], 85.0)

    def test_claims_created_changed_and_removed(self):
        claim_sql = self.claim(self.applicant, self.english, 100)
        self.assertFresh()
        self.claim_java.skill_level_id = self.levels[100]
        self.assertEqual(self.assertFresh()[0], 100.0)
        self.claim_java.unlink()
        claim_sql.unlink()
        self.assertEqual(self.assertFresh(), (25.0, "low", {"Java": "missing", "SQL": "met"}))

    def test_assessments_created_changed_and_removed(self):
        java = self.assess(self.applicant, self.java, level=100, day=1)
        self.assertEqual(self.assertFresh()[0], 100.0)
        java.skill_level_id = self.levels[40]
        self.assertEqual(self.assertFresh()[0], 100.0 * (3 * 0.5 + 1) / 4)
        java.unlink()
        self.assessment_sql.unlink()
        self.assertEqual(self.assertFresh(), (60.0, "fair", {"Java": "partial", "SQL": "missing"}))

    def test_a_score_change_flows_into_the_report(self):
        assessment = self.assess(self.applicant, self.java, score=50, day=1, source="online_test")
        self.assertEqual(self.statuses(self.applicant)["Java"], "partial")
        assessment.score = 80
        self.assertEqual(self.assertFresh()[2]["Java"], "met")

    def test_changing_the_job_of_the_applicant(self):
        other_job = self.env["hr.job"].create({"name": "Data Analyst"})
        self.require(other_job, self.sql, 80)
        self.applicant.job_id = other_job
        self.assertEqual(self.assertFresh(), (62.5, "fair", {"SQL": "partial"}))
        self.applicant.job_id = False
        self.assertEqual(self.assertFresh(), (0.0, "unknown", {}))

    def test_an_archived_application_keeps_a_fresh_report(self):
        self.assertEqual(self.report(self.archived)[0], 60.0)  # Java 64 of 80, no SQL assessment
        self.claim_java.skill_level_id = self.levels[100]
        self.assertEqual(self.report(self.archived)[0], 75.0)
        self.archived.action_unarchive()
        self.applicant.action_archive()
        self.assertEqual(self.assertFresh()[0], 100.0)

    def test_the_company_and_job_settings(self):
        self.company.match_strong_threshold = 90
        self.assertEqual(self.assertFresh()[1], "fair")
        self.company.match_claim_discount = 0
        self.assertEqual(self.assertFresh(), (100.0, "strong", {"Java": "met", "SQL": "met"}))
        self.job.match_low_threshold = 100
        self.assertEqual(self.assertFresh()[1], "strong", "at 100 % nothing is under the threshold")
        self.company.match_claim_discount = 20
        self.assertEqual(self.assertFresh()[1], "low")

    def test_a_new_keyword_of_a_concern_topic_is_found_in_the_notes(self):
        self.applicant.phone_screen_notes = "She asked twice whether hongbao are paid."
        self.assertFalse(self.applicant.match_phone_concern_names)
        salary = self.env.ref("hr_interview_closing.concern_topic_salary")
        salary.keywords = f"{salary.keywords}, hongbao"
        self.assertEqual(self.applicant.match_phone_concern_names, salary.name)
        salary.keywords = "salary"
        self.assertFalse(self.applicant.match_phone_concern_names)
        self.assertFresh()


@tagged("post_install", "-at_install")
class TestMatchLineIds(MatchCase):
    def test_lines_of_two_consecutive_applicants_never_share_an_id(self):
        """The former ids (applicant id × 1000 + position) collided past 999 lines."""
        skills = self.env["hr.skill"].create(
            [{"name": f"Skill {i}", "skill_type_id": self.skill_type.id} for i in range(1001)]
        )
        level = self.levels[50]
        self.env["hr.job.skill.requirement"].create(
            [{"job_id": self.job.id, "skill_id": skill.id, "skill_level_id": level.id} for skill in skills]
        )
        first = self.create_applicant("First Candidate")
        second = self.create_applicant("Next Candidate")
        self.assertEqual(second.id, first.id + 1)
        applicants = first | second
        lines = self.env["hr.applicant.match.line"].search([("applicant_id", "in", applicants.ids)])
        self.assertEqual(len(lines), 2 * 1001)
        self.assertEqual(len(set(lines.ids)), 2 * 1001)
        self.env.invalidate_all()
        # read back by id: each line belongs to its own applicant
        by_id = {line.id: line.applicant_id for line in self.env["hr.applicant.match.line"].browse(lines.ids)}
        self.assertEqual(
            {applicant: sum(1 for a in by_id.values() if a == applicant) for applicant in applicants},
            {first: 1001, second: 1001},
        )
