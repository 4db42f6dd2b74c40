from datetime import timedelta

from odoo.tests import freeze_time, tagged, users, warmup

from .common import T0, InterviewCase

# Queries of one overtime job run, whatever the number of due sessions (see the two tests).
OVERTIME_JOB_QUERIES = 25


@tagged("post_install", "-at_install")
class TestOvertimeJobQueries(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_root = cls.env.ref("base.user_root")
        applicants = cls.applicant | cls.create_applicant("Carl Candidate", interviewers=cls.interviewer)
        cls.sessions = cls.env["hr.interview.session"].create(
            [
                {
                    "applicant_id": applicants[i % 2].id,
                    "planned_start": T0,
                    "planned_duration": 40,
                }
                for i in range(50)
            ]
        )
        cls.env.flush_all()
        # same interviewers everywhere: Ivy (applicants' interviewer) and Igor (added)
        applicants.interviewer_ids |= cls.interviewer_2
        with freeze_time(T0):
            cls.sessions.action_start()
        cls.env.flush_all()

    def due(self, count):
        """Leave exactly ``count`` sessions due."""
        self.sessions[count:].sudo().write({"state": "closing"})
        self.env.flush_all()
        self.env.invalidate_all()

    def run_job(self):
        with freeze_time(T0 + timedelta(minutes=41)):
            return self.env["hr.interview.session"]._cron_send_overtime_alerts()

    @users("__system__")
    @warmup
    def test_overtime_job_queries_for_1_due_session(self):
        self.due(1)
        with self.assertExactQueryCount(OVERTIME_JOB_QUERIES):
            alerted = self.run_job()
        self.assertEqual(len(alerted), 1)

    @users("__system__")
    @warmup
    def test_overtime_job_queries_for_50_due_sessions(self):
        self.due(50)
        with self.assertExactQueryCount(OVERTIME_JOB_QUERIES):
            alerted = self.run_job()
        self.assertEqual(len(alerted), 50)
        self.assertEqual(len(self.wrap_up_activities(self.sessions)), 100)
