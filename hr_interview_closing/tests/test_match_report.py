from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .match_cases import CASES
from .match_common import MatchCase


@tagged("post_install", "-at_install")
class TestMatchCasesThroughTheOrm(MatchCase):
    """The engine's table of cases (match_cases.py), built as jobs, claimed skills and assessments."""

    def test_engine_cases_through_the_orm(self):
        for case in CASES:
            with self.subTest(case=case["name"]):
                settings = case.get("settings", {})
                self.company.write(
                    {
                        "match_contradiction_gap": settings.get("contradiction_gap", 40),
                        "match_claim_discount": settings.get("claim_discount", 20),
                    }
                )
                job = self.env["hr.job"].create(
                    {"name": f"Job {case['name']}", "match_low_threshold": settings.get("low_threshold", 0)}
                )
                for skill, level, weight, must_have in case["requirements"]:
                    self.require(job, self.skills[skill], level, weight, must_have)
                applicant = self.create_applicant(f"Case {case['name']}", job=job)
                for skill, level in case.get("claimed", {}).items():
                    self.claim(applicant, self.skills[skill], level)
                for skill, entries in case.get("assessed", {}).items():
                    for progress, day, kind in entries:
                        if kind == "level":
                            self.assess(applicant, self.skills[skill], level=progress, day=day)
                        else:
                            self.assess(applicant, self.skills[skill], score=progress, day=day)

                expected = case["expected"]
                self.assertAlmostEqual(applicant.match_score, expected["score"], places=1)
                self.assertEqual(applicant.match_level, expected["level"])
                self.assertEqual(self.statuses(applicant), expected["statuses"])
                if "contradictions" in expected:
                    self.assertEqual(applicant.match_contradiction_count, expected["contradictions"])
                if expected.get("capped"):
                    self.assertTrue(applicant.match_must_have_missing)
                for skill, effective in expected.get("effective", {}).items():
                    line = applicant.match_line_ids.filtered(lambda line, s=skill: line.skill_id.name == s)
                    self.assertAlmostEqual(line.effective_progress, effective, places=1)


@tagged("post_install", "-at_install")
class TestMatchReport(MatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.req_java = cls.require(cls.job, cls.java, 80, weight=5, must_have=True)
        cls.req_sql = cls.require(cls.job, cls.sql, 50, weight=3)
        # Ada: claims expert Java and intermediate SQL
        cls.claim_java = cls.claim(cls.applicant, cls.java, 100)
        cls.claim(cls.applicant, cls.sql, 50)

    def test_report_lines_show_every_requirement_and_its_evidence(self):
        self.assertEqual(self.applicant.match_line_ids.skill_id, self.java | self.sql)
        java = self.applicant.match_line_ids.filtered(lambda line: line.skill_id == self.java)
        self.assertEqual(java.required_level_id, self.levels[80])
        self.assertEqual(java.claimed_level_id, self.levels[100])
        self.assertFalse(java.assessment_id)
        self.assertEqual((java.weight, java.must_have, java.status), (5, True, "met"))
        self.assertAlmostEqual(java.effective_progress, 80.0)
        self.assertAlmostEqual(java.contribution, 62.5)
        # (5 × 1 + 3 × 40/50) / 8
        self.assertAlmostEqual(self.applicant.match_score, 92.5)
        self.assertEqual(self.applicant.match_level, "strong")
        self.assertEqual(self.applicant.match_line_ids[0].skill_id, self.java, "must-haves first")

    def test_claims_expert_java_assessed_beginner_is_flagged(self):
        assessment = self.assess(self.applicant, self.java, level=15, source="online_test")
        java = self.applicant.match_line_ids.filtered(lambda line: line.skill_id == self.java)
        self.assertEqual(java.status, "contradicted")
        self.assertEqual(java.assessment_id, assessment)
        self.assertEqual(java.assessed_label, "Beginner")
        self.assertEqual(self.applicant.match_contradiction_count, 1)
        # (5 × 15/80 + 3 × 0.8) / 8: a fair score, but the contradiction is flagged all the same
        self.assertAlmostEqual(self.applicant.match_score, 41.7)
        self.assertEqual(self.applicant.match_level, "fair")
        self.assertIn("Java: claims Expert but was assessed Beginner", self.applicant._match_suggestion())
        self.assertEqual(self.applicant._match_gaps()[0], "Java")

    def test_recompute_on_requirement_changes(self):
        self.assertAlmostEqual(self.applicant.match_score, 92.5)
        self.req_sql.weight = 1  # (5 + 0.8) / 6
        self.assertAlmostEqual(self.applicant.match_score, 96.7)
        self.req_sql.skill_level_id = self.levels[40]  # SQL claimed 50 → 40: met
        self.assertAlmostEqual(self.applicant.match_score, 100.0)
        english = self.require(self.job, self.english, 75, weight=4)  # nothing on English
        self.assertAlmostEqual(self.applicant.match_score, 60.0)
        self.assertEqual(self.statuses(self.applicant)["English"], "missing")
        english.unlink()
        self.assertAlmostEqual(self.applicant.match_score, 100.0)
        self.job.match_requirement_ids.unlink()
        self.assertEqual((self.applicant.match_level, self.applicant.match_score), ("unknown", 0.0))
        self.assertFalse(self.applicant.match_line_ids)

    def test_recompute_on_claimed_skill_changes(self):
        self.claim_java.skill_level_id = self.levels[50]  # 40 of 80
        self.assertAlmostEqual(self.applicant.match_score, 61.3)  # (2.5 + 2.4) / 8 = 61.25
        self.claim_java.unlink()  # the must-have has no evidence any more
        self.assertEqual(self.applicant.match_level, "low")
        self.assertTrue(self.applicant.match_must_have_missing)
        self.assertAlmostEqual(self.applicant.match_score, 30.0)
        # the way the applicant form edits them: through the candidate's skills
        self.applicant.write(
            {
                "candidate_skill_ids": [
                    (
                        0,
                        0,
                        {
                            "skill_id": self.java.id,
                            "skill_type_id": self.skill_type.id,
                            "skill_level_id": self.levels[100].id,
                        },
                    )
                ]
            }
        )
        self.assertAlmostEqual(self.applicant.match_score, 92.5)

    def test_recompute_on_assessment_changes(self):
        old = self.assess(self.applicant, self.sql, level=50, day=1)
        self.assertAlmostEqual(self.applicant.match_score, 100.0)
        newer = self.assess(self.applicant, self.sql, score=25, day=2)  # latest counts: 25 of 50
        self.assertAlmostEqual(self.applicant.match_score, 81.3)  # (5 + 1.5) / 8 = 81.25
        self.assertEqual(
            self.applicant.match_line_ids.filtered(lambda line: line.skill_id == self.sql).assessed_label, "25 %"
        )
        newer.write({"date": old.date - (newer.date - old.date)})  # now the older one
        self.assertAlmostEqual(self.applicant.match_score, 100.0)
        old.unlink()
        self.assertAlmostEqual(self.applicant.match_score, 81.3)

    def test_recompute_on_skill_level_progress_change(self):
        level = self.levels[50]  # SQL claimed at 50, required at 50
        self.assertAlmostEqual(self.applicant.match_score, 92.5)
        level.level_progress = 60  # both move: claimed 60 → 48 of 60
        self.assertAlmostEqual(self.applicant.match_score, 92.5)
        self.levels[100].level_progress = 90  # claimed Java 90 → 72 of 80
        self.assertAlmostEqual(self.applicant.match_score, 86.3)  # (4.5 + 2.4) / 8 = 86.25

    def test_recompute_on_applicant_and_settings_changes(self):
        other_job = self.env["hr.job"].create({"name": "Data Engineer"})
        self.require(other_job, self.sql, 100, weight=1)
        self.applicant.job_id = other_job  # SQL 40 of 100
        self.assertAlmostEqual(self.applicant.match_score, 40.0)
        self.assertEqual(self.applicant.match_level, "fair")
        other_job.match_low_threshold = 45
        self.assertEqual(self.applicant.match_level, "low")
        self.company.match_claim_discount = 0
        self.assertAlmostEqual(self.applicant.match_score, 50.0)
        self.assertEqual(self.applicant.match_level, "fair")
        self.assess(self.applicant, self.sql, level=25)  # claims 50, assessed 25
        self.assertEqual(self.applicant.match_contradiction_count, 0)
        self.company.match_contradiction_gap = 25
        self.assertEqual(self.applicant.match_contradiction_count, 1)
        self.company.match_strong_threshold = 90
        self.company.match_low_threshold = 10  # the job keeps its own 45
        self.assertEqual(self.applicant.match_level, "low")

    def test_phone_screen_notes_show_skills_and_concerns(self):
        self.applicant.phone_screen_notes = (
            "电话初筛：自称精通Java，担心加班，问了薪资。Mostly SQLite, never SQL Server."
        )
        lines = {line.skill_id.name: line.mentioned for line in self.applicant.match_line_ids}
        self.assertEqual(lines, {"Java": True, "SQL": True})
        overtime = self.env.ref("hr_interview_closing.concern_topic_overtime")
        salary = self.env.ref("hr_interview_closing.concern_topic_salary")
        self.assertEqual(self.applicant.match_phone_concerns, f"{overtime.id},{salary.id}")
        self.assertEqual(self.applicant.match_phone_concern_names, "Overtime and working hours, Salary and benefits")
        self.applicant.phone_screen_notes = "Asked about travel."
        self.assertFalse(any(self.applicant.match_line_ids.mapped("mentioned")))
        self.assertEqual(self.applicant.match_phone_concern_names, "Business travel")

    def test_requirements_are_seeded_from_the_expected_skills(self):
        job = self.env["hr.job"].create({"name": "Polyglot", "skill_ids": [(6, 0, (self.java | self.sql).ids)]})
        self.assertEqual(job.match_requirement_ids.skill_id, self.java | self.sql)
        # the level nearest the middle of the scale, weight 3, not a must-have
        middle = min(self.skill_type.skill_level_ids, key=lambda lv: (abs(lv.level_progress - 50), lv.level_progress))
        self.assertEqual(job.match_requirement_ids.skill_level_id, middle)
        self.assertEqual(set(job.match_requirement_ids.mapped("weight")), {3})
        self.assertFalse(any(job.match_requirement_ids.mapped("must_have")))
        job.match_requirement_ids.filtered(lambda r: r.skill_id == self.java).weight = 5
        job.skill_ids = [(4, self.english.id), (3, self.sql.id)]
        self.assertEqual(job.match_requirement_ids.skill_id, self.java | self.sql | self.english, "never removed")
        self.assertEqual(job.match_requirement_ids.filtered(lambda r: r.skill_id == self.java).weight, 5)

    def test_batch_recompute_of_many_applicants_matches_one_by_one(self):
        others = [self.create_applicant(f"Batch {i}") for i in range(3)]
        for i, applicant in enumerate(others):
            self.claim(applicant, self.java, [15, 50, 100][i])
        self.env["hr.applicant.assessment"].create(
            [{"applicant_id": a.id, "skill_id": self.sql.id, "skill_level_id": self.levels[25].id} for a in others]
        )
        scores = [a.match_score for a in others]
        # Java claimed 15, 50, 100 → 12, 40, 80 of 80; SQL assessed 25 of 50
        self.assertEqual(scores, [28.1, 50.0, 81.3])

    def test_report_fields_cannot_be_written(self):
        with self.assertRaises(UserError):
            self.applicant.write({"match_score": 99})
        with self.assertRaises(UserError):
            self.applicant.with_user(self.manager).write({"match_level": "strong"})

    def test_helpers_for_the_closing_scripts(self):
        self.assertEqual(self.applicant._match_strengths(), ["Java"])
        self.assertEqual(self.applicant._match_gaps(), ["SQL"])
        self.assertEqual(self.applicant._match_suggestion(), "", "a strong match needs no suggestion")
        self.claim_java.unlink()
        self.assertEqual(
            self.applicant._match_suggestion(),
            "Match 30 %: no evidence of Java, a must-have (Senior required). Ask about Java first and keep the "
            "interview short if there is none.",
        )

    def test_the_assessments_button_records_an_assessment(self):
        action = self.applicant.with_user(self.officer).action_open_assessments()
        self.assertEqual(action["domain"], [("applicant_id", "=", self.applicant.id)])
        list_view = self.env["ir.ui.view"].browse(action["views"][0][0])
        self.assertIn('editable="bottom"', list_view.arch)
        Assessment = self.env["hr.applicant.assessment"].with_user(self.officer).with_context(**action["context"])
        with Form(Assessment, view=list_view) as line:
            line.skill_id = self.java
            line.skill_level_id = self.levels[15]
            line.source = "phone_screen"
        self.assertEqual(self.applicant.match_contradiction_count, 1)
        self.assertEqual(self.applicant.assessment_ids.author_id, self.officer)
        self.assertEqual(self.applicant.assessment_count, 1)


@tagged("post_install", "-at_install")
class TestMatchViews(MatchCase):
    def test_manager_edits_requirements_in_the_job_form(self):
        with Form(self.job.with_user(self.manager)) as form:
            with form.match_requirement_ids.new() as line:
                line.skill_id = self.java
                line.skill_level_id = self.levels[80]
                line.weight = 4
                line.must_have = True
            form.match_low_threshold = 40
        requirement = self.job.match_requirement_ids
        self.assertEqual((requirement.skill_id, requirement.weight, requirement.must_have), (self.java, 4, True))
        self.assertEqual(requirement.skill_type_id, self.skill_type)
        self.assertEqual(self.applicant.match_level, "low")  # nothing on Java: a missing must-have

    def test_views_show_the_report_to_each_group(self):
        self.require(self.job, self.java, 80)
        for user in (self.interviewer, self.officer):
            Applicant = self.env["hr.applicant"].with_user(user)
            views = Applicant.get_views([(False, "form"), (False, "kanban"), (False, "list"), (False, "search")])
            form = views["views"]["form"]["arch"]
            self.assertIn('name="match_report"', form)
            self.assertIn('name="match_report_html"', form)
            self.assertIn('name="action_open_assessments"', form)
            self.assertIn('name="match_level"', views["views"]["kanban"]["arch"])
            self.assertIn('name="match_score"', views["views"]["list"]["arch"])
            self.assertIn('name="match_low"', views["views"]["search"]["arch"])
            applicant = Applicant.browse(self.applicant.id)
            self.assertEqual(applicant.match_line_ids.skill_id, self.java)
            self.assertIn("Java", applicant.match_report_html)
        settings = (
            self.env["res.config.settings"].with_user(self.env.ref("base.user_admin")).get_views([(False, "form")])
        )
        self.assertIn('name="match_alert_lead_time"', settings["views"]["form"]["arch"])

    def test_the_report_table_escapes_what_admins_and_candidates_typed(self):
        self.sql.name = '<img src=x onerror="alert(1)"> & SQL'
        self.levels[80].name = "<b>Senior</b>"
        self.require(self.job, self.sql, 80, must_have=True)
        self.claim(self.applicant, self.sql, 80)
        html = str(self.applicant.match_report_html)
        self.assertIn("&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; SQL", html)
        self.assertIn("&lt;b&gt;Senior&lt;/b&gt;", html)
        self.assertNotIn("<img", html)
        self.assertNotIn("<b>", html)
        # and the table's own markup stays markup: the must-have badge, the status pill, the tick
        self.assertIn('<span class="badge text-bg-secondary">Must-have</span>', html)
        self.assertIn('<span class="badge rounded-pill text-bg-', html)
        self.assertEqual(html.count("<tr"), 3)  # the header, the one requirement, the total
