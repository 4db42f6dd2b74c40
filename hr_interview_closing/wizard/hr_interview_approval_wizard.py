from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class HrInterviewApprovalWizard(models.TransientModel):
    """The approver's decision on an interview result, with a comment."""

    _name = "hr.interview.approval.wizard"
    _description = "Approve or Reject an Interview Result"

    session_id = fields.Many2one("hr.interview.session", required=True, ondelete="cascade")
    headline = fields.Char(compute="_compute_headline")
    decision = fields.Selection([("approved", "Approve"), ("rejected", "Reject")], required=True, default="approved")
    comment = fields.Text()

    @api.depends("session_id")
    def _compute_headline(self):
        for wizard in self:
            session = wizard.session_id._origin
            if session and session.is_approver:
                wizard.headline = session.sudo()._approval_headline()  # the approver's own question
            else:
                wizard.headline = False

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._check_decider()
        return wizards

    def write(self, vals):
        result = super().write(vals)
        if "session_id" in vals:
            self._check_decider()
        return result

    def _check_decider(self):
        """Only the session's approvers open the dialog on it (never its recorder)."""
        for wizard in self:
            if not wizard.session_id:
                raise AccessError(_("Choose the interview to decide on."))
            wizard.session_id._hic_check_decider("odoo")

    def action_confirm(self):
        self.ensure_one()
        self.session_id._hic_record_decision(self.decision, comment=self.comment or False)
        return {"type": "ir.actions.act_window_close"}
