from datetime import timedelta

from odoo.tests import freeze_time, tagged, users, warmup

from .common import T0
from .match_common import MatchCase

# Queries to compute the match report, whatever the number of applicants (the sessions keep a copy of
# the score and level: one query finds them).
MATCH_REPORT_QUERIES = 7
# Queries of a change of the job's requirements (a skill renamed): the reports of its applicants
# recomputed and stored, lines included, whatever their number up to Odoo's flush batch (100 rows).
MATCH_CHANGE_QUERIES = 12
# Queries of one weak-match alert job run, whatever the number of due sessions.
MATCH_ALERT_JOB_QUERIES = 30
START = T0 + timedelta(hours=2)


@tagged("post_install", "-at_install")
class TestMatchReportQueries(MatchCase):
    """10 requirements; 200 applicants, each with claimed skills and assessments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        extra = cls.env["hr.skill"].create(
            [{"name": f"Skill {i}", "skill_type_id": cls.skill_type.id} for i in range(7)]
        )
        skills = cls.java | cls.sql | cls.english | extra
        progress = sorted(cls.levels)
        for i, skill in enumerate(skills):
            cls.require(cls.job, skill, progress[i % len(progress)], weight=1 + i % 5, must_have=i == 0)
        candidates = cls.env["hr.candidate"].create(
            [{"partner_name": f"Perf {i}", "email_from": f"perf{i}@example.com"} for i in range(200)]
        )
        cls.applicants = cls.env["hr.applicant"].create(
            [{"candidate_id": candidate.id, "job_id": cls.job.id} for candidate in candidates]
        )
        cls.env["hr.candidate.skill"].create(
            [
                {
                    "candidate_id": candidate.id,
                    "skill_id": skill.id,
                    "skill_type_id": cls.skill_type.id,
                    "skill_level_id": cls.levels[progress[(i + j) % len(progress)]].id,
                }
                for i, candidate in enumerate(candidates)
                for j, skill in enumerate(skills[:6])
            ]
        )
        cls.env["hr.applicant.assessment"].create(
            [
                {
                    "applicant_id": applicant.id,
                    "skill_id": skill.id,
                    "skill_level_id": cls.levels[progress[(i * 3 + j) % len(progress)]].id,
                }
                for i, applicant in enumerate(cls.applicants)
                for j, skill in enumerate(skills[:4])
            ]
        )
        cls.applicants[:50].write({"phone_screen_notes": "Java, some SQL. 担心加班。"})
        cls.env.flush_all()

    def check(self, applicants):
        expected = {a.id: (a.match_score, a.match_level, len(a.match_line_ids)) for a in applicants}
        self.env.invalidate_all()
        with self.assertExactQueryCount(MATCH_REPORT_QUERIES):
            applicants._match_recompute()
        self.env.invalidate_all()
        self.assertEqual({a.id: (a.match_score, a.match_level, len(a.match_line_ids)) for a in applicants}, expected)
        self.assertEqual(len(applicants.match_line_ids), 10 * len(applicants))

    def check_change(self, applicants):
        """Renaming a required skill: every report of the job is recomputed and stored again (with its
        lines), and only the JSON document changes, so that Odoo writes every row alike."""
        others = self.env["hr.applicant"].search([("job_id", "=", self.job.id)]) - applicants
        others.job_id = self.env["hr.job"].create({"name": "Elsewhere"})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertExactQueryCount(MATCH_CHANGE_QUERIES):
            self.java.name = "Java (JVM)"
            self.env.flush_all()
        lines = self.env["hr.applicant.match.line"].search(
            [("applicant_id", "in", applicants.ids), ("skill_id", "=", self.java.id)]
        )
        self.assertEqual(len(lines), len(applicants), "the lines follow the reports")
        self.assertIn("Java (JVM)", applicants[0]._match_gaps() + applicants[0]._match_strengths())

    @users("__system__")
    @warmup
    def test_match_report_queries_for_10_applicants(self):
        self.check(self.applicants[:10])

    @users("__system__")
    @warmup
    def test_match_report_queries_for_100_applicants(self):
        self.check(self.applicants[:100])

    @users("__system__")
    @warmup
    def test_match_change_queries_for_10_applicants(self):
        self.check_change(self.applicants[100:110])  # applicants without phone-screen notes, all alike

    @users("__system__")
    @warmup
    def test_match_change_queries_for_100_applicants(self):
        # Odoo's flush writes 100 rows per UPDATE: 100 is the largest size of one statement
        self.check_change(self.applicants[100:200])


@tagged("post_install", "-at_install")
class TestMatchAlertJobQueries(MatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.require(cls.job, cls.java, 80, weight=5)
        cls.require(cls.job, cls.sql, 50, weight=1)
        applicants = cls.applicant | cls.create_applicant("Carl Candidate", interviewers=cls.interviewer)
        for applicant in applicants:
            cls.assess(applicant, cls.java, level=15)
            cls.claim(applicant, cls.java, 100)  # and a contradiction
        applicants.interviewer_ids |= cls.interviewer_2
        cls.sessions = cls.env["hr.interview.session"].create(
            [{"applicant_id": applicants[i % 2].id, "planned_start": START, "planned_duration": 40} for i in range(50)]
        )
        cls.env.flush_all()

    def due(self, count):
        """Leave exactly ``count`` sessions due (the others have started)."""
        self.sessions[count:].sudo().write({"state": "in_progress"})
        self.env.flush_all()
        self.env.cr.precommit.run()  # the state tracking, so that it does not run in the measured block
        self.env.invalidate_all()

    def run_job(self):
        with freeze_time(START - timedelta(minutes=10)):
            return self.env["hr.interview.session"]._cron_send_match_alerts()

    def alert_activities(self):
        activity_type = self.env.ref("hr_interview_closing.mail_activity_type_interview_match_alert")
        return self.env["mail.activity"].search(
            [("res_id", "in", self.sessions.ids), ("activity_type_id", "=", activity_type.id)]
        )

    @users("__system__")
    @warmup
    def test_match_alert_job_queries_for_1_due_session(self):
        self.due(1)
        with self.assertExactQueryCount(MATCH_ALERT_JOB_QUERIES):
            alerted = self.run_job()
        self.assertEqual(len(alerted), 1)

    @users("__system__")
    @warmup
    def test_match_alert_job_queries_for_50_due_sessions(self):
        self.due(50)
        with self.assertExactQueryCount(MATCH_ALERT_JOB_QUERIES):
            alerted = self.run_job()
        self.assertEqual(len(alerted), 50)
        self.assertEqual(len(self.alert_activities()), 100)
