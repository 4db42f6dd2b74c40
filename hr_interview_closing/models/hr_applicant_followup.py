"""Applicant: what counts as "the decision was sent to the candidate" for the answer promised at
the end of an interview (hr_interview_session_promise.py).

Odoo 18 Community tells a candidate its decision in three ways this add-on can see: the refusal
mail of the refuse dialog (wizard/applicant_get_refuse_reason.py), the mail of a stage's template
when the applicant enters the stage (the next step, a contract proposal), and the hired stage (an
accepted offer). A decision given another way (a phone call) is recorded with the session's
*Answer Given* button.
"""

from odoo import models


class HrApplicant(models.Model):
    # the follow-up's side of the applicant, apart from the match report (hr_applicant.py)
    _inherit = "hr.applicant"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if vals.get("stage_id"):
            self.filtered(lambda a: a.stage_id.hired_stage)._interview_decision_sent()
        return result

    def _track_template(self, changes):
        result = super()._track_template(changes)
        if "stage_id" in result:  # the stage's template mails the candidate
            self._interview_decision_sent()
        return result

    def _interview_decision_sent(self):
        """The candidate was told the decision: the answer promised at their ended interviews is
        kept (or was late)."""
        if not self:
            return
        # sudo: whoever sends the decision keeps the promise of every interview of the applicant
        sessions = (
            self.env["hr.interview.session"]
            .sudo()
            .search(
                [
                    ("applicant_id", "in", self.ids),
                    ("promise_decision_at", "=", False),
                    ("state", "in", ("closing", "done")),
                ]
            )
        )
        sessions._promise_decision_sent()
