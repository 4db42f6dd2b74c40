from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import InterviewCase


@tagged("post_install", "-at_install")
class TestClosingChecklist(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.default_items = cls.env["hr.interview.checklist.item"].search([("job_id", "=", False)])

    def started_session(self, applicant=None):
        session = self.session_of(self.create_event(applicant or self.applicant))
        session.action_start()
        return session

    def test_company_defaults_are_copied_at_start(self):
        session = self.session_of(self.create_event(self.applicant))
        self.assertFalse(session.checklist_line_ids, "nothing before the interview starts")
        session.action_start()
        self.assertEqual(
            session.checklist_line_ids.mapped("name"),
            ["Next steps and timeline told", "Candidate's questions invited", "Closing notes written"],
        )
        self.assertTrue(all(session.checklist_line_ids.mapped("required")))
        self.assertFalse(any(session.checklist_line_ids.mapped("done")))

    def test_job_items_override_the_defaults(self):
        Item = self.env["hr.interview.checklist.item"]
        Item.create(
            [
                {"name": "Salary band confirmed", "job_id": self.job.id, "sequence": 1},
                {"name": "Office tour offered", "job_id": self.job.id, "sequence": 2, "required": False},
            ]
        )
        session = self.started_session()
        self.assertEqual(session.checklist_line_ids.mapped("name"), ["Salary band confirmed", "Office tour offered"])
        self.assertEqual(session.checklist_line_ids.mapped("required"), [True, False])
        # other jobs keep the defaults
        other_job = self.env["hr.job"].create({"name": "Designer"})
        other = self.started_session(self.create_applicant("Cleo Candidate", job=other_job))
        self.assertEqual(len(other.checklist_line_ids), 3)

    def test_archived_and_other_company_items_are_not_used(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        self.env["hr.interview.checklist.item"].create({"name": "Other company step", "company_id": other_company.id})
        self.env.ref("hr_interview_closing.checklist_item_questions").active = False
        session = self.started_session()
        self.assertEqual(
            session.checklist_line_ids.mapped("name"), ["Next steps and timeline told", "Closing notes written"]
        )

    def test_ticking_records_who_and_when(self):
        session = self.started_session()
        line = session.checklist_line_ids[0]
        line.with_user(self.interviewer).done = True
        self.assertEqual(line.done_by_id, self.interviewer)
        self.assertTrue(line.done_date)
        self.assertEqual(session.checklist_progress, 100.0 / 3)
        line.done = False
        self.assertFalse(line.done_by_id)

    def test_done_is_refused_while_a_required_item_is_open(self):
        session = self.started_session()
        session.action_end()
        session.checklist_line_ids[:2].done = True
        with self.assertRaisesRegex(UserError, "Closing notes written"):
            session.action_done()
        self.assertEqual(session.state, "closing")

    def test_optional_items_do_not_block(self):
        self.env.ref("hr_interview_closing.checklist_item_notes").required = False
        session = self.started_session()
        session.action_end()
        session.checklist_line_ids.filtered("required").done = True
        session.action_done()
        self.assertEqual(session.state, "done")

    def test_a_reason_lets_the_interviewer_finish_and_is_logged(self):
        session = self.started_session()
        session.action_end()
        session.checklist_line_ids[0].done = True
        session.checklist_skip_reason = "   "
        with self.assertRaises(UserError):
            session.action_done()
        session.with_user(self.interviewer).write({"checklist_skip_reason": "The candidate had to leave for a train."})
        session.with_user(self.interviewer).action_done()
        self.assertEqual(session.state, "done")
        note = session.message_ids.filtered(lambda m: "train" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("questions invited", note.body)
        self.assertIn("Closing notes written", note.body)
        self.assertEqual(note.author_id, self.interviewer.partner_id)

    def notes_line(self, session):
        return session.checklist_line_ids.filtered(lambda line: line.kind == "closing_notes")

    def test_the_closing_notes_step_is_known_by_its_kind_not_its_name(self):
        item = self.env.ref("hr_interview_closing.checklist_item_notes")
        self.assertEqual(item.kind, "closing_notes")
        item.name = "Compte rendu rédigé"  # renamed, or in another language: still the notes step
        session = self.started_session()
        line = self.notes_line(session)
        self.assertEqual(line.name, "Compte rendu rédigé")
        session.with_user(self.interviewer).closing_notes = "<p>Calm, precise, asked about the team.</p>"
        self.assertEqual(session.checklist_line_ids.filtered("done"), line, "only the notes step ticks")
        self.assertEqual(line.done_by_id, self.interviewer)
        self.assertTrue(line.done_date)
        session.closing_notes = "<p><br></p>"
        self.assertFalse(line.done, "emptied notes: the step is open again")
        self.assertFalse(line.done_by_id)

    def test_a_job_step_can_be_ticked_by_the_notes_too(self):
        self.env["hr.interview.checklist.item"].create(
            [
                {"name": "Offer band told", "job_id": self.job.id},
                {"name": "Debrief written", "job_id": self.job.id, "kind": "closing_notes"},
            ]
        )
        session = self.started_session()
        session.closing_notes = "<p>Debrief.</p>"
        self.assertEqual(session.checklist_line_ids.filtered("done").mapped("name"), ["Debrief written"])

    def test_writing_and_emptying_the_notes_on_the_session_form(self):
        session = self.started_session()
        session.checklist_line_ids.filtered(lambda line: line.kind == "manual").done = True
        session.action_end()

        def notes_step_done(form):
            with form.checklist_line_ids.edit(2) as line:
                self.assertEqual(line.name, "Closing notes written")
                return line.done

        with Form(session.with_user(self.interviewer)) as form:
            form.closing_notes = "<p>Good questions about the roadmap.</p>"
            self.assertTrue(notes_step_done(form), "ticked at once, before saving")
        self.assertTrue(self.notes_line(session).done)
        with Form(session.with_user(self.interviewer)) as form:
            form.closing_notes = ""
            self.assertFalse(notes_step_done(form), "unticked at once, before saving")
        self.assertFalse(self.notes_line(session).done)
        with self.assertRaisesRegex(UserError, "Closing notes written"):
            session.action_done()

    def test_items_used_by_interviews_cannot_be_deleted(self):
        self.started_session()
        item = self.env.ref("hr_interview_closing.checklist_item_next_steps")
        with self.assertRaisesRegex(UserError, "archive it instead"):
            item.unlink()
        item.active = False  # archiving is the way
        self.assertFalse(item.active)
