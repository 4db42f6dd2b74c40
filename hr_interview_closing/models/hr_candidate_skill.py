from odoo import api, models


class HrCandidateSkill(models.Model):
    """Claimed skills are evidence of the match report: its applicants' reports follow them."""

    _inherit = "hr.candidate.skill"

    @api.model_create_multi
    def create(self, vals_list):
        skills = super().create(vals_list)
        skills.candidate_id._match_recompute_applicants()
        return skills

    def write(self, vals):
        candidates = self.candidate_id
        result = super().write(vals)
        (candidates | self.candidate_id)._match_recompute_applicants()
        return result

    def unlink(self):
        candidates = self.candidate_id
        result = super().unlink()
        candidates._match_recompute_applicants()
        return result
