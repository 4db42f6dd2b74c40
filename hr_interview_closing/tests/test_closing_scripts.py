from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import InterviewCase

ALL_PLACEHOLDERS = (
    "{{ candidate_name }}|{{ job }}|{{ strengths }}|{{ gaps }}|{{ open_concerns }}|"
    "{{ answer_date }}|{{ interviewer }}|{{ company }}"
)
VALUES = {
    "candidate_name": "Ada",
    "job": "Backend Engineer",
    "strengths": "Python",
    "gaps": "Rust",
    "open_concerns": "travel",
    "answer_date": "03/06/2026",
    "interviewer": "Ivy",
    "company": "YourCompany",
}


@tagged("post_install", "-at_install")
class TestClosingScripts(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Script = cls.env["hr.interview.closing.script"]
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)

    def test_every_placeholder_is_rendered(self):
        script = self.Script.create({"name": "All", "scenario": "custom", "body": ALL_PLACEHOLDERS})
        self.assertEqual(script._render(VALUES), "Ada|Backend Engineer|Python|Rust|travel|03/06/2026|Ivy|YourCompany")

    def test_empty_values_take_the_default(self):
        script = self.Script.create({"name": "D", "scenario": "custom", "body": "Gaps: {{ gaps ||| none }}."})
        self.assertEqual(script._render(dict(VALUES, gaps="")), "Gaps: none.")

    def test_default_scripts_cover_five_scenarios_in_english_and_chinese(self):
        scenarios = ["low_match", "low_interest", "time_overrun", "strong_fit", "talent_pool"]
        for scenario in scenarios:
            with self.subTest(scenario=scenario):
                script = self.Script._best_for(scenario, self.job, self.company)
                self.assertTrue(script, f"no default script for {scenario}")
                english = script.with_context(lang="en_US")._render(VALUES)
                chinese = script.with_context(lang="zh_CN")._render(VALUES)
                self.assertIn("Ada", english)
                self.assertIn("Ada", chinese)
                self.assertNotIn("{{", english + chinese)
                self.assertRegex(chinese, "[\u4e00-\u9fff]", "the Chinese script is Chinese")
                self.assertNotRegex(english, "[\u4e00-\u9fff]")

    def test_values_are_never_evaluated(self):
        script = self.Script._best_for("strong_fit", self.job, self.company)
        hostile = dict(VALUES, candidate_name="<script>alert(1)</script> {{ object.env }} {{ 7*7 }}")
        text = script._render(hostile)
        self.assertIn("<script>alert(1)</script> {{ object.env }} {{ 7*7 }}", text)
        self.assertNotIn("49", text)

    def test_unknown_placeholder_is_refused_at_save_and_named(self):
        with self.assertRaisesRegex(ValidationError, r"\{\{ salary \}\} is unknown"):
            self.Script.create({"name": "Bad", "scenario": "custom", "body": "We pay {{ salary }}."})
        script = self.Script._best_for("low_match", self.job, self.company)
        with self.assertRaisesRegex(ValidationError, r"\{\{ candidat_name \}\} is unknown"):
            script.body = "Thanks {{ candidat_name }}"

    def test_bad_syntax_is_refused_at_save(self):
        for body in ("Thanks {{ candidate_name", "Thanks {{ object.name }}", "Thanks {{ }}"):
            with self.subTest(body=body), self.assertRaisesRegex(ValidationError, "syntax error"):
                self.Script.create({"name": "Bad", "scenario": "custom", "body": body})

    def test_a_bad_chinese_translation_is_refused_too(self):
        script = self.Script._best_for("strong_fit", self.job, self.company)
        with self.assertRaisesRegex(ValidationError, r"[(（]Chinese \(Simplified\) / 简体中文[)）].*\{\{ 候选人 \}\}"):
            script.with_context(lang="zh_CN").body = "谢谢 {{ 候选人 }}"

    def test_the_refusal_names_the_language_not_its_code(self):
        script = self.Script._best_for("strong_fit", self.job, self.company)
        with self.assertRaises(ValidationError) as refusal:
            script.with_context(lang="en_US").body = "Thanks {{ salary }}"
        message = str(refusal.exception)
        self.assertIn("(English (US)): The placeholder {{ salary }} is unknown", message)
        self.assertNotIn("en_US", message)

    def test_preview_is_a_fictitious_candidate_named_as_such(self):
        script = self.Script._best_for("strong_fit", self.job, self.company)
        self.assertIn("Thank you, Sample Candidate,", script.preview)
        self.assertIn("fictitious sample candidate", script.preview_note)
        for applicant in self.env["hr.applicant"].search([]):
            self.assertNotIn(applicant.partner_name, script.preview, "never a real applicant's name")

    def test_preview_for_a_real_applicant_uses_only_their_real_data(self):
        script = self.Script._best_for("strong_fit", self.job, self.company)
        with Form(script.with_user(self.manager)) as form:
            form.preview_applicant_id = self.applicant
            self.assertIn("Thank you, Ada Candidate,", form.preview)
            self.assertIn("Backend Engineer", form.preview)
            # Ada's report has no met requirement: the script's own default, no invented strength
            self.assertIn("Your experience with the work you described fits", form.preview)
            self.assertNotIn("Python, SQL", form.preview)
            self.assertIn("The real data of Ada Candidate", form.preview_note)
        self.assertFalse(script.preview_applicant_id, "a choice for the preview, not saved")

    def test_job_script_wins_over_the_company_default(self):
        own = self.Script.create(
            {"name": "Ours", "scenario": "strong_fit", "job_id": self.job.id, "body": "Welcome {{ candidate_name }}"}
        )
        self.assertEqual(self.Script._best_for("strong_fit", self.job, self.company), own)
        other_job = self.env["hr.job"].create({"name": "Other"})
        self.assertNotEqual(self.Script._best_for("strong_fit", other_job, self.company), own)
