"""Job skill requirement: a change of a job's requirements computes its matching talents again
(hr_job_talent.py)."""

from odoo import api, models


class HrJobSkillRequirement(models.Model):
    _inherit = "hr.job.skill.requirement"

    @api.model_create_multi
    def create(self, vals_list):
        requirements = super().create(vals_list)
        requirements.job_id._talent_match_mark_due()
        return requirements

    def write(self, vals):
        jobs = self.job_id
        result = super().write(vals)
        (jobs | self.job_id)._talent_match_mark_due()
        return result

    def unlink(self):
        jobs = self.job_id
        result = super().unlink()
        jobs.exists()._talent_match_mark_due()
        return result
