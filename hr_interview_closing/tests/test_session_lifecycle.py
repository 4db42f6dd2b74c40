from datetime import timedelta

import psycopg2

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import T0, InterviewCase


@tagged("post_install", "-at_install")
class TestSessionFromEvent(InterviewCase):
    def test_event_with_applicant_creates_one_session(self):
        event = self.create_event(self.applicant, attendees=self.interviewer_2 | self.officer)
        session = self.session_of(event)
        self.assertEqual(len(session), 1)
        self.assertEqual(session.applicant_id, self.applicant)
        self.assertEqual(session.state, "scheduled")
        self.assertEqual(session.planned_start, T0)
        self.assertEqual(session.planned_duration, 40)
        self.assertEqual(session.planned_end, T0 + timedelta(minutes=40))
        self.assertEqual(session.company_id, self.applicant.company_id)
        self.assertEqual(session.partner_name, "Ada Candidate")
        self.assertEqual(session.name, "Ada Candidate – Backend Engineer")
        self.assertEqual(event.interview_session_id, session)
        self.assertEqual(self.applicant.interview_session_count, 1)

    def test_interviewers_are_user_attendees_and_applicant_interviewers(self):
        outsider = self.env["res.partner"].create({"name": "External Guest", "email": "guest@example.com"})
        event = self.create_event(self.applicant, attendees=self.interviewer_2)
        event.partner_ids |= outsider | self.applicant.partner_id
        session = self.session_of(event)
        # the applicant's interviewer plus the attendee who is a user; the guest and the candidate are no users
        self.assertEqual(session.interviewer_ids, self.interviewer | self.interviewer_2)
        event.partner_ids -= self.interviewer_2.partner_id
        self.assertEqual(session.interviewer_ids, self.interviewer)
        self.applicant.interviewer_ids |= self.officer
        self.assertEqual(session.interviewer_ids, self.interviewer | self.officer)

    def test_event_without_applicant_creates_nothing(self):
        before = self.env["hr.interview.session"].search_count([])
        event = self.create_event(None, attendees=self.interviewer)
        self.assertFalse(self.session_of(event))
        self.assertEqual(self.env["hr.interview.session"].search_count([]), before)

    def test_applicant_set_later_creates_the_session_and_removed_cancels_it(self):
        event = self.create_event(None)
        event.applicant_id = self.applicant
        session = self.session_of(event)
        self.assertEqual(session.state, "scheduled")
        event.applicant_id = False
        self.assertEqual(session.state, "cancelled")

    def test_planned_duration_comes_from_job_else_company(self):
        self.company.interview_duration = 30
        self.assertEqual(self.session_of(self.create_event(self.applicant)).planned_duration, 30)
        self.job.interview_duration = 55
        self.assertEqual(self.session_of(self.create_event(self.applicant)).planned_duration, 55)

    def test_moving_the_event_moves_the_session(self):
        event = self.create_event(self.applicant)
        session = self.session_of(event)
        new_start = T0 + timedelta(days=1, hours=2)
        event.write({"start": new_start, "stop": new_start + timedelta(hours=1)})
        self.assertEqual(session.planned_start, new_start)
        self.assertEqual(session.planned_end, new_start + timedelta(minutes=40))
        self.assertIn("moved", session.message_ids[0].body)

    def test_archiving_the_event_cancels_the_session(self):
        event = self.create_event(self.applicant)
        session = self.session_of(event)
        event.action_archive()
        self.assertEqual(session.state, "cancelled")
        self.assertIn("cancelled", session.message_ids[0].body)

    def test_deleting_the_event_cancels_the_session_and_keeps_it(self):
        event = self.create_event(self.applicant)
        session = self.session_of(event)
        event.unlink()
        self.assertTrue(session.exists())
        self.assertEqual(session.state, "cancelled")
        self.assertFalse(session.event_id)
        self.assertIn("deleted", session.message_ids[0].body)

    def test_finished_session_is_not_moved_by_its_event(self):
        event = self.create_event(self.applicant)
        session = self.session_of(event)
        session.action_start()
        session.action_end()
        session.checklist_line_ids.done = True
        session.action_done()
        event.write({"start": T0 + timedelta(days=3), "stop": T0 + timedelta(days=3, hours=1)})
        self.assertEqual(session.planned_start, T0)
        self.assertEqual(session.state, "done")

    @mute_logger("odoo.sql_db")
    def test_one_session_per_event(self):
        event = self.create_event(self.applicant)
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.env["hr.interview.session"].create(
                {"event_id": event.id, "applicant_id": self.applicant.id, "planned_start": T0}
            )
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestSessionTransitions(InterviewCase):
    def setUp(self):
        super().setUp()
        self.event = self.create_event(self.applicant, attendees=self.interviewer)
        self.session = self.session_of(self.event)

    def test_full_flow_records_actual_times(self):
        with freeze_time(T0 + timedelta(minutes=2)):
            self.session.action_start()
        self.assertEqual(self.session.state, "in_progress")
        self.assertEqual(self.session.actual_start, T0 + timedelta(minutes=2))
        with freeze_time(T0 + timedelta(minutes=39)):
            self.session.action_end()
        self.assertEqual(self.session.state, "closing")
        self.assertEqual(self.session.actual_end, T0 + timedelta(minutes=39))
        self.assertEqual(self.session.actual_duration, 37)
        self.assertEqual(self.session.overtime_minutes, 0)
        self.assertFalse(self.session.is_overtime)
        self.session.checklist_line_ids.done = True
        self.session.action_done()
        self.assertEqual(self.session.state, "done")

    def test_cancel_from_every_open_state(self):
        setters = (lambda s: None, lambda s: s.action_start(), lambda s: (s.action_start(), s.action_end()))
        for state_setter in setters:
            event = self.create_event(self.applicant)
            session = self.session_of(event)
            state_setter(session)
            session.action_cancel()
            self.assertEqual(session.state, "cancelled")

    def test_cancelled_session_can_be_scheduled_again(self):
        self.session.action_start()
        self.session.action_cancel()
        self.session.with_user(self.officer).action_reset_to_scheduled()
        self.assertEqual(self.session.state, "scheduled")
        self.assertFalse(self.session.actual_start)

    def test_cancelled_session_of_an_archived_meeting_cannot_be_scheduled_again(self):
        self.event.action_archive()
        with self.assertRaisesRegex(UserError, "Restore the interview meeting"):
            self.session.action_reset_to_scheduled()

    def test_refused_transitions(self):
        refused = {
            "scheduled": ["action_end", "action_done", "action_reset_to_scheduled"],
            "in_progress": ["action_start", "action_done", "action_reset_to_scheduled"],
            "closing": ["action_start", "action_end", "action_reset_to_scheduled"],
            "done": ["action_start", "action_end", "action_done", "action_cancel", "action_reset_to_scheduled"],
            "cancelled": ["action_start", "action_end", "action_done", "action_cancel"],
        }
        steps = {
            "scheduled": [],
            "in_progress": ["action_start"],
            "closing": ["action_start", "action_end"],
            "done": ["action_start", "action_end", "tick", "action_done"],
            "cancelled": ["action_cancel"],
        }
        for state, methods in refused.items():
            for method in methods:
                with self.subTest(state=state, method=method):
                    session = self.session_of(self.create_event(self.applicant))
                    for step in steps[state]:
                        if step == "tick":
                            session.checklist_line_ids.done = True
                        else:
                            getattr(session, step)()
                    self.assertEqual(session.state, state)
                    with self.assertRaises(UserError):
                        getattr(session, method)()
                    self.assertEqual(session.state, state)

    def test_state_cannot_be_written_directly(self):
        with self.assertRaisesRegex(UserError, "set by the application, not by hand"):
            self.session.with_user(self.interviewer).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "set by the application, not by hand"):
            self.session.with_user(self.officer).write({"overtime_alert_sent_at": T0})

    def test_finished_session_cannot_be_rescheduled(self):
        self.session.action_start()
        self.session.action_end()
        self.session.checklist_line_ids.done = True
        self.session.action_done()
        with self.assertRaisesRegex(UserError, "cannot be rescheduled"):
            self.session.planned_start = T0 + timedelta(days=1)


@tagged("post_install", "-at_install")
class TestOvertimeArithmetic(InterviewCase):
    def run_interview(self, start_offset, end_offset, planned=40, grace=5):
        self.company.interview_overtime_grace = grace
        self.job.interview_duration = planned
        session = self.session_of(self.create_event(self.applicant))
        with freeze_time(T0 + timedelta(minutes=start_offset)):
            session.action_start()
        with freeze_time(T0 + timedelta(minutes=end_offset)):
            session.action_end()
        return session

    def test_overtime_is_measured_from_the_planned_end(self):
        cases = [
            # start, end, planned, grace -> held, late start, overtime, reason required (whole minutes)
            (0, 40, 40, 5, 40, 0, 0, False),
            (0, 45, 40, 5, 45, 0, 5, False),
            (0, 45.4, 40, 5, 45, 0, 5, False),  # 5 min 24 s over: 5 minutes, within the grace
            (0, 45.5, 40, 5, 46, 0, 6, True),  # half a minute rounds up
            (2, 52, 40, 5, 50, 2, 12, True),
            (-10, 35, 40, 5, 45, -10, 0, False),  # started early, ended in time: no overtime
            (10, 50, 40, 5, 40, 10, 10, True),  # started late: the slot is the contract
            (43.6, 47.2, 45, 5, 3, 44, 2, False),  # the 3.6 / −41.4 / 2.2: a very late start
            (0, 61, 60, 0, 61, 0, 1, True),  # no grace at all
        ]
        for start, end, planned, grace, held, late, overtime, required in cases:
            with self.subTest(start=start, end=end, planned=planned, grace=grace):
                session = self.run_interview(start, end, planned, grace)
                self.assertEqual(session.actual_duration, held)
                self.assertEqual(session.late_start_minutes, late)
                self.assertEqual(session.overtime_minutes, overtime)
                self.assertEqual(session.is_overtime, overtime > 0)
                self.assertEqual(session.overtime_reason_required, required)
                # the figures add up as the form and the report show them
                self.assertEqual(session.duration_variance, held - planned)
                self.assertEqual(held - planned, session.end_offset_minutes - late)

    def test_overtime_reason_is_required_to_finish_past_the_grace(self):
        session = self.run_interview(0, 52)
        session.checklist_line_ids.done = True
        with self.assertRaisesRegex(UserError, "ran 12 minutes over"):
            session.action_done()
        self.assertEqual(session.state, "closing")
        session.write(
            {
                "overtime_reason_id": self.env.ref("hr_interview_closing.overtime_reason_deep_dive").id,
                "overtime_note": "System design took longer.",
            }
        )
        session.action_done()
        self.assertEqual(session.state, "done")

    def test_overtime_within_grace_needs_no_reason(self):
        session = self.run_interview(0, 44)
        session.checklist_line_ids.done = True
        session.action_done()
        self.assertEqual(session.state, "done")
