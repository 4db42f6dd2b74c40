from odoo import models


class HrSkillLevel(models.Model):
    _inherit = "hr.skill.level"

    def write(self, vals):
        result = super().write(vals)
        if "level_progress" in vals:
            self._match_recompute_users()
        return result

    def _match_recompute_users(self):
        """Recompute the reports that read these levels' progress: as a job's minimum, a claim or an
        assessment."""
        # sudo: the skill scale is shared configuration; the reports it changes are everyone's
        env = self.sudo().env
        jobs = env["hr.job.skill.requirement"].search([("skill_level_id", "in", self.ids)]).job_id
        candidates = env["hr.candidate.skill"].search([("skill_level_id", "in", self.ids)]).candidate_id
        assessed = env["hr.applicant.assessment"].search([("skill_level_id", "in", self.ids)]).applicant_id
        applicants = env["hr.applicant"].search(
            ["|", ("job_id", "in", jobs.ids), ("candidate_id", "in", candidates.ids)]
        )
        (applicants | assessed)._match_recompute()
