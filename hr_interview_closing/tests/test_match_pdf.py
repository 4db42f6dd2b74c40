import io

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .match_common import MatchCase


@tagged("post_install", "-at_install")
class TestMatchReportDocument(MatchCase):
    """The printable match report, in English and in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.require(cls.job, cls.java, 80, weight=5, must_have=True)
        cls.require(cls.job, cls.sql, 50, weight=1)
        cls.claim(cls.applicant, cls.java, 100)
        cls.assess(cls.applicant, cls.java, level=15)
        cls.applicant.phone_screen_notes = "Worried about overtime. Java since 2019."
        cls.report = cls.env.ref("hr_interview_closing.action_report_applicant_match")

    def render(self, lang):
        applicant = self.applicant.with_context(lang=lang)
        html, __ = self.report.with_context(lang=lang)._render_qweb_html(self.report.report_name, applicant.ids)
        return html.decode()

    def test_report_in_english(self):
        html = self.render("en_US")
        self.assertIn("Match Report", html)
        self.assertIn("Ada Candidate", html)
        self.assertIn("Contradicted", html)
        self.assertIn("mentioned in phone screen", html)
        self.assertIn("Overtime and working hours", html)
        self.assertIn("Java: claims Expert but was assessed Beginner", html)

    def test_report_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        html = self.render("zh_CN")
        self.assertIn("匹配报告", html)
        self.assertIn("矛盾", html)
        self.assertIn("电话初筛中提到", html)
        self.assertIn("加班", html)
        self.assertIn("自述为 Expert，但评估结果为 Beginner", html)

    def test_print_button_opens_the_report(self):
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = self.applicant.action_print_match_report()
        self.assertEqual(action["report_name"], "hr_interview_closing.report_applicant_match")


@tagged("post_install", "-at_install")
class TestMatchReportPdf(HttpCase):
    """wkhtmltopdf renders the report (it fetches the styles from the running server)."""

    def test_report_renders_as_a_pdf_with_chinese_text(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        candidate = self.env["hr.candidate"].create({"partner_name": "李伟", "email_from": "liwei@example.com"})
        job = self.env["hr.job"].create({"name": "Java PDF"})
        applicant = self.env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": job.id})
        report = self.env.ref("hr_interview_closing.action_report_applicant_match")
        # an unpatched-qt wkhtmltopdf warns that it ignores the header and footer switches
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = report.with_context(force_report_rendering=True, lang="zh_CN")._render_qweb_pdf(
                report.report_name, applicant.ids
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = "".join(page.extract_text() for page in PdfFileReader(io.BytesIO(pdf)).pages)
        self.assertIn("李伟", text)
        self.assertIn("匹配报告", text)
