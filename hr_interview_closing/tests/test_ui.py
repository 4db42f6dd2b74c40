from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

# Seconds a whole tour may take (Odoo's default is 60): the first one also builds the web client's
# assets, and CI runs on a busy 2-core machine.
TIMEOUT = 240


@tagged("post_install", "-at_install")
class TestInterviewSessionTour(HttpCase):
    def interview_tara(self, starts_in):
        """An applicant, Tara Tour, and her interview meeting with the admin, ``starts_in`` from now."""
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
                    "partner_ids": [(4, self.env.ref("base.partner_admin").id)],
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

    def test_tour_close_an_interview_through_the_dialog(self):
        applicant, event = self.interview_tara(starts_in=timedelta(minutes=-10))
        session = event.interview_session_id
        session.action_start()
        action = self.env.ref("hr_interview_closing.action_hr_interview_session")
        self.start_tour(
            f"/odoo/action-{action.id}/{session.id}", "hr_interview_closing_wizard_tour", login="admin", timeout=TIMEOUT
        )

        session.invalidate_recordset()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.outcome, "advance")
        self.assertEqual(session.concern_ids.topic_id, self.env.ref("hr_interview_closing.concern_topic_travel"))
        self.assertTrue(session.concern_ids.answered)
        self.assertIn("Tara Tour", session.closing_script)
        self.assertIn("Interview closed", applicant.message_ids[0].body)
