from odoo import models


class ApplicantGetRefuseReason(models.TransientModel):
    _inherit = "applicant.get.refuse.reason"

    def action_refuse_reason_apply(self):
        applicants = self.applicant_ids  # read before: refused applicants are archived, then hidden
        result = super().action_refuse_reason_apply()
        if self.send_mail:  # the refusal mail tells the candidate: the promised answer is given
            applicants._interview_decision_sent()
        return result
