from odoo import models


class HrCandidate(models.Model):
    _inherit = "hr.candidate"

    def _match_recompute_applicants(self):
        if not self:
            return
        # sudo: a candidate's claimed skills count in every application of theirs, including
        # applications the user cannot see
        self.env["hr.applicant"].sudo().search([("candidate_id", "in", self.ids)])._match_recompute()
