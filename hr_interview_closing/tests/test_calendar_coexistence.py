"""Meetings saved the way the web client saves them: every field of the form, ``false`` for the
empty ones, through JSON-RPC as the real user."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCalendarFormSave(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="hic_cal_interviewer",
            password="hic_cal_interviewer",
            groups="base.group_user,hr_recruitment.group_hr_recruitment_interviewer",
        )
        candidate = cls.env["hr.candidate"].create({"partner_name": "Cal Candidate", "email_from": "cal@example.com"})
        cls.applicant = cls.env["hr.applicant"].create(
            {"candidate_id": candidate.id, "interviewer_ids": [(6, 0, cls.user.ids)]}
        )

    def web_save(self, vals, record_id=None, context=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/calendar.event/web_save",
            {
                "model": "calendar.event",
                "method": "web_save",
                "args": [[record_id] if record_id else [], vals],
                "kwargs": {
                    "context": {"lang": "en_US", "tz": "Europe/Brussels", **(context or {})},
                    "specification": {"video_meeting_code": {}, "video_meeting_id": {}, "name": {}},
                },
            },
        )

    def form_vals(self, **vals):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
        return {
            "name": "Team lunch",
            "start": fields.Datetime.to_string(start),
            "stop": fields.Datetime.to_string(start + timedelta(hours=1)),
            "allday": False,
            "applicant_id": False,
            "videocall_location": False,
            "video_meeting_code": False,
            "video_meeting_id": False,
            "description": False,
            "location": False,
            "partner_ids": [[4, self.user.partner_id.id]],
            **vals,
        }

    def test_a_meeting_without_applicant_and_empty_codes_saves_from_the_full_form(self):
        self.authenticate("hic_cal_interviewer", "hic_cal_interviewer")
        result = self.web_save(self.form_vals())
        event = self.env["calendar.event"].browse(result[0]["id"])
        self.assertEqual(event.name, "Team lunch")
        self.assertFalse(event.video_meeting_code)
        self.assertFalse(event.video_meeting_id)
        self.assertFalse(event.interview_session_ids)
        # saved again, the empty fields still sent as false
        self.web_save({"name": "Team lunch (moved)", "video_meeting_code": False, "video_meeting_id": False}, event.id)
        self.assertEqual(event.name, "Team lunch (moved)")

    def test_a_user_without_recruitment_rights_plans_a_meeting(self):
        """Every user of the company's Calendar app, not only recruiters."""
        new_test_user(self.env, login="hic_cal_employee", password="hic_cal_employee", groups="base.group_user")
        self.authenticate("hic_cal_employee", "hic_cal_employee")
        result = self.web_save(self.form_vals(partner_ids=[]))
        event = self.env["calendar.event"].browse(result[0]["id"])
        self.assertEqual(event.name, "Team lunch")
        self.web_save({"name": "Team lunch (moved)", "partner_ids": [[4, self.user.partner_id.id]]}, event.id)
        self.assertIn(self.user.partner_id, event.partner_ids)

    def test_an_applicant_meeting_saves_with_empty_codes_and_with_a_code(self):
        self.authenticate("hic_cal_interviewer", "hic_cal_interviewer")
        context = {"default_applicant_id": self.applicant.id}
        result = self.web_save(self.form_vals(name="Interview", applicant_id=self.applicant.id), context=context)
        event = self.env["calendar.event"].browse(result[0]["id"])
        self.assertEqual(event.interview_session_ids.applicant_id, self.applicant)
        self.web_save({"video_meeting_code": "123 456 789", "video_meeting_id": False}, event.id)
        self.assertEqual(event.video_meeting_code, "123456789")
        self.assertEqual(event.interview_session_ids.video_meeting_code, "123456789")

    def test_an_employee_without_recruitment_rights_saves_a_meeting_without_applicant(self):
        employee = new_test_user(
            self.env, login="hic_cal_employee", password="hic_cal_employee", groups="base.group_user"
        )
        self.authenticate("hic_cal_employee", "hic_cal_employee")
        result = self.web_save(self.form_vals(partner_ids=[[4, employee.partner_id.id]]))
        self.assertEqual(self.env["calendar.event"].browse(result[0]["id"]).name, "Team lunch")
