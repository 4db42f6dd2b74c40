"""Erasure log: one line per candidate the retention job (or a manager, on request) anonymised —
when, why, by whom and how much was removed. It holds no personal data: the candidate is a
reference to the anonymised record. Recruitment managers read it; nobody writes it by hand."""

from odoo import fields, models

ERASURE_REASONS = [
    ("retention", "Retention period over"),
    ("consent_expired", "Talent pool consent expired"),
    ("request", "Right-to-erasure request"),
]


class HrInterviewErasureLog(models.Model):
    _name = "hr.interview.erasure.log"
    _description = "Candidate Erasure"
    _order = "erased_at desc, id desc"
    _rec_name = "candidate_ref"

    candidate_ref = fields.Integer(string="Candidate Reference", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    erased_at = fields.Datetime(string="Anonymised On", required=True, readonly=True)
    reason = fields.Selection(ERASURE_REASONS, required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Requested By", readonly=True, ondelete="set null")
    applicant_count = fields.Integer(string="Applications", readonly=True)
    session_count = fields.Integer(string="Interviews", readonly=True)
    message_count = fields.Integer(string="Messages Removed", readonly=True)
    attachment_count = fields.Integer(string="Attachments Removed", readonly=True)
