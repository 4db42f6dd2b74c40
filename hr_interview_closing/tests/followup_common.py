from datetime import timedelta

from odoo.tests import freeze_time

from .common import T0, InterviewCase

END = T0 + timedelta(minutes=40)  # the interviews below end at 10:40 UTC on Monday 2 March 2026
DUE = END + timedelta(minutes=5)  # the company's default delay


class FollowupCase(InterviewCase):
    """Interviews that end, the follow-up job, and the candidates' mails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["survey", "hr_interview_closing"], ["zh_CN"], overwrite=True)
        cls.company.write(
            {
                "interview_followup_delay": 5,
                "interview_followup_ask_feedback": True,
                "interview_followup_cooldown_months": 6,
                "interview_followup_page_days": 90,
                "interview_promise_late_mail": True,
                "email": "jobs@yourcompany.example.com",
            }
        )
        cls.followup_cron = cls.env.ref("hr_interview_closing.ir_cron_interview_followup")
        cls.promise_cron = cls.env.ref("hr_interview_closing.ir_cron_interview_promise")
        cls.mail_cron = cls.env.ref("mail.ir_cron_mail_scheduler_action")
        cls.survey = cls.env.ref("hr_interview_closing.survey_candidate_experience")
        cls.topic_overtime = cls.env.ref("hr_interview_closing.concern_topic_overtime")
        cls.topic_growth = cls.env.ref("hr_interview_closing.concern_topic_growth")

    def ended_session(self, applicant=None, end=END, close=True, attendees=None):
        """An interview of ``applicant`` (Ada by default) run from T0 to ``end``: ended (closing), or
        only running when not ``close``."""
        event = self.create_event(applicant or self.applicant, attendees=attendees or self.interviewer_2)
        session = self.session_of(event)
        with freeze_time(T0):
            session.action_start()
        if close:
            with freeze_time(end):
                session.action_end()
        return session

    def run_followup_job(self, at=DUE, **kwargs):
        with freeze_time(at):
            return self.env["hr.interview.session"]._cron_send_followups(**kwargs)

    def followup_mails(self, sessions):
        return self.env["mail.mail"].search([("model", "=", "hr.interview.session"), ("res_id", "in", sessions.ids)])

    def set_lang(self, applicant, lang):
        applicant.candidate_id.partner_id.lang = lang
