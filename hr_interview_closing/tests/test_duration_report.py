import ast
from datetime import timedelta

from odoo.tests import freeze_time, tagged, users, warmup

from .common import T0
from .test_video_events import VideoCase


@tagged("post_install", "-at_install")
class TestDurationReport(VideoCase):
    """Three held interviews: Ivy ran two (50 min, 12 over, reason given; 35 min), Igor one (45 min,
    7 over); one still scheduled for Ivy does not count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref("hr_interview_closing.overtime_reason_candidate_questions")
        cls.job_b = cls.env["hr.job"].create({"name": "Data Analyst"})
        ivy_b = cls.create_applicant("Cleo Candidate", job=cls.job_b, interviewers=cls.interviewer)
        igor_a = cls.create_applicant("Dan Candidate", interviewers=cls.interviewer_2)
        cls.first = cls.hold(cls.applicant, T0, 52, cls.reason)  # ran 10:02-10:52: 50 min, 12 over
        cls.second = cls.hold(ivy_b, T0 + timedelta(days=31), 35)  # April: 33 min
        cls.third = cls.hold(igor_a, T0 + timedelta(days=1), 47)  # 45 min, 7 over
        cls.second.checklist_line_ids.write({"done": True})
        cls.first.checklist_line_ids[:1].write({"done": True})
        cls.employees = cls.env["hr.employee"].create(
            [{"name": "Ivy", "user_id": cls.interviewer.id}, {"name": "Igor", "user_id": cls.interviewer_2.id}]
        )

    @classmethod
    def hold(cls, applicant, start, end_minute, reason=None):
        session = cls.session_of(cls.create_event(applicant, start=start))
        with freeze_time(start + timedelta(minutes=2)):
            session.action_start()
        with freeze_time(start + timedelta(minutes=end_minute)):
            session.action_end()
        if reason:
            session.overtime_reason_id = reason
        return session

    def report_domain(self):
        action = self.env.ref("hr_interview_closing.action_hr_interview_duration")
        return [*ast.literal_eval(action.domain), ("id", "in", (self.first | self.second | self.third).ids)]

    def test_durations_by_interviewer_job_and_month(self):
        Session = self.env["hr.interview.session"].with_user(self.officer)
        by_interviewer = {
            user: (count, planned, actual, overtime)
            for user, count, planned, actual, overtime in Session._read_group(
                self.report_domain(),
                ["interviewer_ids"],
                ["__count", "planned_duration:avg", "actual_duration:avg", "overtime_minutes:avg"],
            )
        }
        self.assertEqual(by_interviewer[self.interviewer], (2, 40.0, 41.5, 6.0))
        self.assertEqual(by_interviewer[self.interviewer_2], (1, 40.0, 45.0, 7.0))
        by_job = dict(Session._read_group(self.report_domain(), ["job_id"], ["__count"]))
        self.assertEqual(by_job, {self.job: 2, self.job_b: 1})
        by_month = Session._read_group(self.report_domain(), ["planned_start:month"], ["__count"])
        self.assertEqual([count for __, count in by_month], [2, 1])
        by_reason = dict(Session._read_group(self.report_domain(), ["overtime_reason_id"], ["__count"]))
        self.assertEqual(by_reason, {self.reason: 1, self.env["hr.interview.overtime.reason"]: 2})
        self.assertEqual(self.first.duration_variance, 10.0)
        self.assertEqual(self.second.duration_variance, -7.0)

    def test_the_report_views_load_for_officers(self):
        action = self.env.ref("hr_interview_closing.action_hr_interview_duration")
        self.assertEqual(action.view_mode, "pivot,graph,list,form")
        views = (
            self.env["hr.interview.session"]
            .with_user(self.officer)
            .get_views([(view.view_id.id, view.view_mode) for view in action.view_ids] + [(False, "search")])
        )
        self.assertEqual(set(views["views"]), {"pivot", "graph", "list", "form", "search"})
        self.assertIn("overtime_minutes", views["views"]["pivot"]["arch"])
        menu = self.env.ref("hr_interview_closing.menu_hr_interview_duration")
        self.assertEqual(menu.parent_id, self.env.ref("hr_recruitment.report_hr_recruitment"))
        self.assertEqual(menu.name, "Interview Durations")

    def test_interviewer_statistics_on_the_employee(self):
        ivy, igor = self.employees
        self.assertEqual(ivy.interview_held_count, 2)
        self.assertEqual(ivy.interview_avg_overtime, 6.0)
        # 1 of 3 steps ticked on the first, 3 of 3 on the second
        self.assertEqual(ivy.interview_checklist_completion, 66.7)
        self.assertEqual((igor.interview_held_count, igor.interview_avg_overtime), (1, 7.0))
        self.assertEqual(igor.interview_checklist_completion, 0.0)
        action = ivy.action_open_interview_durations()
        self.assertEqual(
            self.env["hr.interview.session"].search(action["domain"]) & (self.first | self.second | self.third),
            self.first | self.second,
        )

    @users("__system__")
    @warmup
    def test_statistics_queries_do_not_grow_with_the_employees(self):
        employees = self.env["hr.employee"].browse(self.employees.ids)
        with self.assertExactQueryCount(6):
            employees[:1].mapped("interview_held_count")
        self.env.invalidate_all()
        with self.assertExactQueryCount(6):
            employees.mapped("interview_held_count")
