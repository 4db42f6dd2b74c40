"""A job's batch lock never refuses the users' transactions, on real committed transactions.

PostgreSQL checks a foreign key with a ``KEY SHARE`` lock on the row pointed to. A job that had
locked that row ``FOR UPDATE`` (and then written it) makes the check of any repeatable-read
transaction that began before the job committed fail to serialize: Odoo retries an RPC (and logs
a "bad query"), a cron batch is undone. The jobs lock ``FOR NO KEY UPDATE``, as Odoo's own cron
does, which ``KEY SHARE`` does not conflict with.
"""

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestJobLocks(TransactionCase):
    def committed(self, function):
        with self.registry.cursor() as cr:
            result = function(api.Environment(cr, SUPERUSER_ID, {}))
            # committed rows are the point of this test
            cr.commit()  # pylint: disable=invalid-commit
        return result

    def test_a_recruiter_adds_an_applicant_to_a_job_the_talent_match_job_holds(self):
        def setup(env):
            env.cr.execute("SELECT coalesce(max(id), 0) FROM ir_cron_trigger")
            last_trigger = env.cr.fetchone()[0]
            job = env["hr.job"].create({"name": "Locked by the talent-match job"})
            candidate = env["hr.candidate"].create({"partner_name": "Applies meanwhile"})
            env.cr.execute("UPDATE hr_job SET talent_match_due = TRUE WHERE id = %s", [job.id])
            return last_trigger, job.id, candidate.id

        last_trigger, job_id, candidate_id = self.committed(setup)
        try:
            with self.registry.cursor() as recruiter_cr, self.registry.cursor() as job_cr:
                recruiter_cr.execute("SELECT 1")  # the recruiter's request has begun: its snapshot is taken
                jobs = api.Environment(job_cr, SUPERUSER_ID, {})["hr.job"]._cron_match_talents()
                self.assertEqual(jobs.ids, [job_id], "the job took the due job in its batch")
                job_cr.commit()
                recruiter = api.Environment(recruiter_cr, SUPERUSER_ID, {})
                try:
                    applicant = recruiter["hr.applicant"].create({"candidate_id": candidate_id, "job_id": job_id})
                    recruiter.flush_all()
                except SerializationFailure:
                    self.fail("the job's lock refused the recruiter's applicant")
                recruiter_cr.commit()
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT job_id, talent_match_due FROM hr_applicant a JOIN hr_job j ON j.id = a.job_id "
                    "WHERE a.id = %s",
                    [applicant.id],
                )
                self.assertEqual(cr.fetchall(), [(job_id, False)], "both committed")
        finally:

            def cleanup(env):
                env["hr.applicant"].with_context(active_test=False).search([("job_id", "=", job_id)]).unlink()
                env["hr.candidate"].browse(candidate_id).unlink()
                env["hr.interview.talent.match"].search([("job_id", "=", job_id)]).unlink()
                env["hr.job"].browse(job_id).unlink()
                env.cr.execute("DELETE FROM ir_cron_trigger WHERE id > %s", [last_trigger])

            self.committed(cleanup)
            self.registry.clear_cache()
