from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import InterviewCase


@tagged("post_install", "-at_install")
class TestSessionAccess(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.session_of(cls.create_event(cls.applicant))  # Ivy interviews Ada
        cls.others = cls.session_of(cls.create_event(cls.other_applicant))  # Igor interviews Bob

    def test_interviewer_sees_only_the_sessions_they_interview(self):
        Session = self.env["hr.interview.session"].with_user(self.interviewer)
        visible = Session.search([("id", "in", (self.own | self.others).ids)])
        self.assertEqual(visible, self.own)
        self.assertEqual(self.own.with_user(self.interviewer).partner_name, "Ada Candidate")
        with self.assertRaises(AccessError):
            self.others.with_user(self.interviewer).read(["partner_name"])

    def test_interviewer_edits_and_runs_only_their_sessions(self):
        self.own.with_user(self.interviewer).action_start()
        self.own.checklist_line_ids[0].with_user(self.interviewer).done = True
        with self.assertRaises(AccessError):
            self.others.with_user(self.interviewer).action_start()
        with self.assertRaises(AccessError):
            self.others.with_user(self.interviewer).write({"closing_notes": "<p>Not mine</p>"})
        self.others.action_start()
        with self.assertRaises(AccessError):
            self.others.checklist_line_ids[0].with_user(self.interviewer).write({"done": True})

    def test_attending_the_meeting_gives_access(self):
        event = self.others.event_id
        with self.assertRaises(AccessError):
            self.others.with_user(self.interviewer).read(["state"])
        event.partner_ids |= self.interviewer.partner_id
        self.env.invalidate_all()  # the ORM remembers a refused record within a transaction
        self.assertEqual(self.others.with_user(self.interviewer).state, "scheduled")

    def test_interviewer_cannot_create_or_delete_sessions(self):
        Session = self.env["hr.interview.session"].with_user(self.interviewer)
        with self.assertRaises(AccessError):
            Session.create({"applicant_id": self.applicant.id, "planned_start": self.own.planned_start})
        with self.assertRaises(AccessError):
            self.own.with_user(self.interviewer).unlink()
        with self.assertRaises(AccessError):
            self.own.with_user(self.officer).unlink()

    def test_interviewer_cannot_change_the_configuration(self):
        item = self.env.ref("hr_interview_closing.checklist_item_notes")
        reason = self.env.ref("hr_interview_closing.overtime_reason_other")
        self.assertTrue(item.with_user(self.interviewer).name)
        with self.assertRaises(AccessError):
            item.with_user(self.interviewer).write({"required": False})
        with self.assertRaises(AccessError):
            item.with_user(self.officer).write({"required": False})
        with self.assertRaises(AccessError):
            reason.with_user(self.interviewer).write({"name": "Mine"})
        item.with_user(self.manager).write({"required": False})
        self.assertFalse(item.required)

    def test_officer_sees_every_session_of_the_company(self):
        Session = self.env["hr.interview.session"].with_user(self.officer)
        self.assertEqual(Session.search([("id", "in", (self.own | self.others).ids)]), self.own | self.others)
        self.others.with_user(self.officer).action_start()
        self.assertEqual(self.others.state, "in_progress")

    def test_user_without_recruitment_rights_sees_nothing(self):
        employee = new_test_user(self.env, login="hic_employee", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["hr.interview.session"].with_user(employee).search([])

    def test_protected_fields_are_refused_to_everyone_but_the_transitions(self):
        with self.assertRaises(UserError):
            self.own.with_user(self.manager).write({"state": "done"})


@tagged("post_install", "-at_install")
class TestMultiCompany(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Branch Office B"})
        cls.job_b = cls.env["hr.job"].create({"name": "Sales B", "company_id": cls.company_b.id})
        cls.applicant_b = cls.create_applicant("Dora Candidate", job=cls.job_b, company=cls.company_b)
        cls.session_b = cls.session_of(cls.create_event(cls.applicant_b))
        cls.session_a = cls.session_of(cls.create_event(cls.applicant))
        cls.officer_b = new_test_user(
            cls.env,
            login="hic_officer_b",
            groups="base.group_user,hr_recruitment.group_hr_recruitment_user",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )

    def test_session_belongs_to_the_applicant_company(self):
        self.assertEqual(self.session_b.company_id, self.company_b)
        self.assertEqual(self.session_a.company_id, self.company)

    def test_officer_of_one_company_cannot_see_the_other(self):
        Session = self.env["hr.interview.session"].with_user(self.officer)
        found = Session.search([("id", "in", (self.session_a | self.session_b).ids)])
        self.assertEqual(found, self.session_a)
        with self.assertRaises(AccessError):
            self.session_b.with_user(self.officer).read(["state"])
        Session_b = self.env["hr.interview.session"].with_user(self.officer_b)
        self.assertEqual(Session_b.search([("id", "in", (self.session_a | self.session_b).ids)]), self.session_b)

    def test_user_of_both_companies_sees_what_the_company_switcher_allows(self):
        self.officer.company_ids |= self.company_b
        Session = self.env["hr.interview.session"].with_user(self.officer)
        both = (self.session_a | self.session_b).ids
        only_a = Session.with_context(allowed_company_ids=[self.company.id])
        self.assertEqual(only_a.search([("id", "in", both)]), self.session_a)
        with self.assertRaises(AccessError):
            self.session_b.with_user(self.officer).with_context(allowed_company_ids=[self.company.id]).read(["state"])
        a_and_b = Session.with_context(allowed_company_ids=[self.company.id, self.company_b.id])
        self.assertEqual(a_and_b.search([("id", "in", both)]), self.session_a | self.session_b)

    def test_checklist_lines_follow_the_company_rule(self):
        self.session_b.action_start()
        with self.assertRaises(AccessError):
            self.session_b.checklist_line_ids.with_user(self.officer).read(["done"])
