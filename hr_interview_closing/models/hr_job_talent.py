"""Job position: its matching talents (hr_interview_talent_match.py). A job that opens (created
with requirements, more people to recruit, reactivated, published) or whose requirements change
is marked due; the job ``ir_cron_talent_match`` computes the due jobs in batches, out of the
user's request."""

from odoo import api, fields, models
from odoo.tools import SQL

from ..services import reengage

OFFICER = "hr_recruitment.group_hr_recruitment_user"
CRON = "hr_interview_closing.ir_cron_talent_match"


class HrJob(models.Model):
    # re-engagement, apart from the closing's settings (hr_job.py)
    _inherit = "hr.job"  # pylint: disable=consider-merging-classes-inherited

    talent_match_ids = fields.One2many("hr.interview.talent.match", "job_id", string="Talent Matches", groups=OFFICER)
    talent_match_count = fields.Integer(
        string="Matching Talents", compute="_compute_talent_match_count", groups=OFFICER
    )
    talent_match_due = fields.Boolean(
        string="Talent Matches Due", readonly=True, copy=False, index="btree_not_null", groups=OFFICER
    )

    def _compute_talent_match_count(self):
        counts = dict(
            self.env["hr.interview.talent.match"]._read_group([("job_id", "in", self.ids)], ["job_id"], ["__count"])
        )
        for job in self:
            job.talent_match_count = counts.get(job, 0)

    @api.model_create_multi
    def create(self, vals_list):
        jobs = super().create(vals_list)
        # a job created with requirements opens with them (its requirements' creation marks it too)
        # sudo: an HR officer without recruitment rights creates jobs too; this only reads whether
        # the new jobs have requirements
        jobs.sudo().filtered("match_requirement_ids")._talent_match_mark_due()
        return jobs

    def write(self, vals):
        watched = [name for name in reengage.OPENING_FIELDS if name in vals and name in self._fields]
        before = {job.id: {name: job[name] for name in watched} for job in self} if watched else {}
        result = super().write(vals)
        if watched:
            self.filtered(
                lambda job: reengage.job_opens(before[job.id], {name: job[name] for name in watched})
            )._talent_match_mark_due()
        return result

    def _talent_match_mark_due(self):
        """Mark these jobs for the matching job and wake it (it runs after this transaction)."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE hr_job SET talent_match_due = TRUE WHERE id = ANY(%s) AND talent_match_due IS NOT TRUE",
                self.ids,
            )
        )
        if self.env.cr.rowcount:
            self.invalidate_recordset(["talent_match_due"])
            self.env.ref(CRON).sudo()._trigger()

    @api.model
    def _cron_match_talents(self, batch_size=20):
        """Compute the matching talents of a bounded batch of due jobs (Odoo runs the job again
        while some remain). Safe to repeat and to kill: a job stays due until its batch commits."""

        def due_query(limit=None, lock=False):
            return SQL(
                "SELECT id FROM hr_job WHERE talent_match_due ORDER BY id %s %s",
                SQL("LIMIT %s", limit) if limit else SQL(),
                SQL("FOR NO KEY UPDATE SKIP LOCKED") if lock else SQL(),
            )

        def process(jobs):
            self.env["hr.interview.talent.match"]._refresh_jobs(jobs)
            self.env.cr.execute(SQL("UPDATE hr_job SET talent_match_due = FALSE WHERE id = ANY(%s)", jobs.ids))
            jobs.invalidate_recordset(["talent_match_due"])

        return self.env["hr.interview.job.mixin"]._run_due_batch(
            due_query, lambda records: process(self.browse(records.ids).sudo()), batch_size, CRON
        )

    def action_open_talent_matches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_interview_closing.action_hr_interview_talent_match")
        action["domain"] = [("job_id", "=", self.id)]
        action["context"] = {"default_job_id": self.id}
        return action

    def action_refresh_talent_matches(self):
        """Compute the matching talents of these jobs now (the pools changed, say)."""
        self.check_access("read")
        self.env["hr.interview.talent.match"].check_access("read")  # officers only
        # sudo: the matches are computed as the application, for a user who may read them
        self.env["hr.interview.talent.match"].sudo()._refresh_jobs(self)
        return self.action_open_talent_matches() if len(self) == 1 else True
