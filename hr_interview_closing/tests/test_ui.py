from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

HAN = "[\u4e00-\u9fff]"

# Seconds a whole tour may take (Odoo's default is 60): the first one also builds the web client's
# assets, and CI runs on a busy 2-core machine.
TIMEOUT = 240


@tagged("post_install", "-at_install")
class TestInterviewSessionTour(HttpCase):
    def interview_tara(self, starts_in, attendee=None):
        """An applicant, Tara Tour, and her interview meeting with the admin (or ``attendee``),
        ``starts_in`` from now."""
        candidate = self.env["hr.candidate"].create({"partner_name": "Tara Tour", "email_from": "tara@example.com"})
        job = self.env["hr.job"].create({"name": "Tour Engineer"})
        applicant = self.env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": job.id})
        start = fields.Datetime.now().replace(microsecond=0) + starts_in
        event = (
            self.env["calendar.event"]
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "name": "Interview Tara",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "applicant_id": applicant.id,
                    "partner_ids": [(4, (attendee or self.env.ref("base.user_admin")).partner_id.id)],
                }
            )
        )
        return applicant, event

    def test_tour_start_time_tick_and_finish_an_interview(self):
        applicant, event = self.interview_tara(starts_in=timedelta(minutes=5))
        session = event.interview_session_id
        self.assertEqual(session.state, "scheduled")

        action = self.env.ref("hr_recruitment.crm_case_categ0_act_job")
        self.start_tour(
            f"/odoo/action-{action.id}/{applicant.id}",
            "hr_interview_closing_session_tour",
            login="admin",
            timeout=TIMEOUT,
        )

        session.invalidate_recordset()
        self.assertEqual(session.state, "done")
        self.assertTrue(session.actual_start)
        self.assertTrue(session.actual_end)
        self.assertTrue(all(session.checklist_line_ids.mapped("done")))
        self.assertIn("remote work", session.closing_notes)
        self.assertEqual(session.checklist_line_ids.done_by_id, self.env.ref("base.user_admin"))

    def interviewer(self, lang="en_US"):
        """A user who is only an interviewer (hr_recruitment's interviewer group), in ``lang``."""
        return new_test_user(
            self.env,
            login=f"hic_tour_interviewer_{lang}",
            name="Ian Interviewer",
            groups="base.group_user,hr_recruitment.group_hr_recruitment_interviewer",
            lang=lang,
        )

    def load_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)

    def running_interview_of_tara(self, interviewer):
        """Tara Tour (English-speaking) in a running interview with ``interviewer``."""
        applicant, event = self.interview_tara(starts_in=timedelta(minutes=-10), attendee=interviewer)
        applicant.partner_id.lang = "en_US"
        session = event.interview_session_id
        session.action_start()
        self.assertFalse(session.with_user(interviewer).checklist_line_ids.filtered("done"))
        return applicant, session

    def test_tour_an_interviewer_closes_an_interview_through_the_dialog(self):
        self.load_chinese()
        interviewer = self.interviewer()
        applicant, session = self.running_interview_of_tara(interviewer)
        action = self.env.ref("hr_interview_closing.action_hr_interview_session")
        self.start_tour(
            f"/odoo/action-{action.id}/{session.id}",
            "hr_interview_closing_wizard_tour",
            login=interviewer.login,
            timeout=TIMEOUT,
        )

        session.invalidate_recordset()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.outcome, "advance")
        self.assertEqual(session.concern_ids.topic_id, self.env.ref("hr_interview_closing.concern_topic_travel"))
        self.assertEqual(session.concern_ids.source, "interview")
        self.assertTrue(session.concern_ids.answered)
        self.assertIn("Tara Tour", session.closing_script)
        self.assertRegex(session.closing_script, HAN, "the interviewer switched the script to Chinese")
        self.assertIn("strong on SQL", session.closing_notes)
        notes_step = session.checklist_line_ids.filtered(lambda line: line.kind == "closing_notes")
        self.assertTrue(notes_step.done, "the closing notes ticked their step")
        self.assertEqual(notes_step.done_by_id, interviewer)
        self.assertTrue(all(session.checklist_line_ids.mapped("done")))
        self.assertIn("Interview closed", applicant.message_ids[0].body)
        self.assertEqual(applicant.message_ids[0].author_id, interviewer.partner_id)

    def test_tour_the_dialog_speaks_chinese_to_a_chinese_interviewer(self):
        self.load_chinese()
        interviewer = self.interviewer("zh_CN")
        __, session = self.running_interview_of_tara(interviewer)
        action = self.env.ref("hr_interview_closing.action_hr_interview_session")
        self.start_tour(
            f"/odoo/action-{action.id}/{session.id}",
            "hr_interview_closing_wizard_zh_tour",
            login=interviewer.login,
            timeout=TIMEOUT,
        )
        self.assertEqual(session.state, "in_progress")
