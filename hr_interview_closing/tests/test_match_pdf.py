import io

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from ..report.ir_actions_report import wkhtmltopdf_prints_headers
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
        # the level names are translated too (Odoo's standard names: this add-on ships them)
        self.assertIn("自述为 专家，但评估结果为 初级", html)
        self.assertIn("<td><span>专家</span></td>", html)
        self.assertNotIn("Beginner", html)
        # a requirement's level, not a mandatory field
        self.assertIn("<th>要求水平</th>", html)
        self.assertNotIn("必填", html)

    def test_an_applicant_without_requirements_reads_no_requirements(self):
        job = self.env["hr.job"].create({"name": "No Requirements Job"})
        applicant = self.create_applicant("Nora Noreq", job=job)
        html, __ = self.report._render_qweb_html(self.report.report_name, applicant.ids)
        self.assertIn("No requirements", html.decode())
        self.assertNotIn("0.0 %", html.decode())

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

    def test_pdf_has_the_company_header_and_footer(self):
        """On any wkhtmltopdf: Debian's (this machine's) prints no separate header or footer page, so
        the report carries them in its body there."""
        self.env.company.write(
            {
                "street": "88 Header Street",
                "report_header": "Hiring with care",
                "report_footer": "HIC footer line",
                "external_report_layout_id": self.env.ref("web.external_layout_standard").id,
            }
        )
        candidate = self.env["hr.candidate"].create({"partner_name": "Petra PDF", "email_from": "petra@example.com"})
        job = self.env["hr.job"].create({"name": "Header PDF"})
        applicant = self.env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": job.id})
        report = self.env.ref("hr_interview_closing.action_report_applicant_match")
        html = report._render_qweb_html(report.report_name, applicant.ids, data={"report_type": "pdf"})[0]
        bodies, __, header, footer, __ = report._prepare_html(html, report_model="hr.applicant")
        # what wkhtmltopdf prints: the body, and the header and footer pages only if it can
        printed = bodies[0] + (header + footer if wkhtmltopdf_prints_headers() else "")
        for text in ("Petra PDF", "88 Header Street", "Hiring with care", "HIC footer line"):
            self.assertIn(text, printed)
        if not wkhtmltopdf_prints_headers():
            self.assertNotIn('<span class="page"', bodies[0])  # no "Page  / " where no number can be filled
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
                report.report_name, applicant.ids
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
