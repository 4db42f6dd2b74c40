from odoo import fields, models


class HrInterviewClosingWizard(models.TransientModel):
    # the talent pool's side of the closing dialog
    _inherit = "hr.interview.closing.wizard"

    talent_pool_id = fields.Many2one(
        "hr.interview.talent.pool",
        help="The candidate joins this pool if they consent: the thank-you mail asks them.",
    )

    def action_confirm(self):
        result = super().action_confirm()
        if self.outcome == "talent_pool" and self.talent_pool_id:
            self._add_to_talent_pool()
        return result

    def _add_to_talent_pool(self):
        session = self.session_id
        # An interviewer who closes their interview proposes the candidate for the pool; the
        # membership waits for the candidate's consent. The user may write the session (checked
        # here, as for the closing itself) and read the pool; the membership is created as the
        # superuser because interviewers do not manage pools.
        session.check_access("write")
        self.talent_pool_id.check_access("read")
        Member = self.env["hr.interview.talent.pool.member"].sudo()
        if not Member.search_count(
            [("pool_id", "=", self.talent_pool_id.id), ("candidate_id", "=", session.candidate_id.id)], limit=1
        ):
            Member.create(
                {"pool_id": self.talent_pool_id.id, "candidate_id": session.candidate_id.id, "session_id": session.id}
            )
