from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    interview_duration = fields.Integer(
        string="Planned Interview Duration",
        default=40,
        help="Planned length of an interview in minutes, unless its job position says otherwise.",
    )
    interview_overtime_grace = fields.Integer(
        string="Overtime Grace",
        default=5,
        help="Minutes an interview may run past its planned end before a reason is required.",
    )
    match_alert_lead_time = fields.Integer(
        string="Weak-Match Alert Lead Time",
        default=10,
        help="Minutes before a weak-match interview at which its interviewers are warned.",
    )
    match_low_threshold = fields.Float(
        string="Low-Match Threshold",
        default=30.0,
        help="A match score under this percentage is a low match (job positions may set their own).",
    )
    match_strong_threshold = fields.Float(
        string="Strong-Match Threshold",
        default=70.0,
        help="A match score from this percentage on is a strong match.",
    )
    match_contradiction_gap = fields.Integer(
        string="Contradiction Gap",
        default=40,
        help="A claimed level this many points (on the 0–100 level scale) above the assessed one is a contradiction.",
    )
    match_claim_discount = fields.Float(
        string="Claimed-Level Discount",
        default=20.0,
        help="Percentage taken off a claimed skill level that no assessment confirms yet.",
    )

    interview_answer_days = fields.Integer(
        string="Answer Within",
        default=3,
        help="Working days within which candidates are promised an answer after their interview.",
    )

    _sql_constraints = [
        (
            "interview_duration_positive",
            "CHECK(interview_duration > 0)",
            "The planned interview duration must be a positive number of minutes.",
        ),
        (
            "interview_overtime_grace_positive",
            "CHECK(interview_overtime_grace >= 0)",
            "The overtime grace cannot be negative.",
        ),
        (
            "interview_answer_days_positive",
            "CHECK(interview_answer_days > 0)",
            "The answer delay must be at least one working day.",
        ),
        (
            "match_alert_lead_time_positive",
            "CHECK(match_alert_lead_time > 0)",
            "The weak-match alert lead time must be a positive number of minutes.",
        ),
        (
            "match_thresholds_ordered",
            "CHECK(match_low_threshold >= 0 AND match_low_threshold <= match_strong_threshold "
            "AND match_strong_threshold <= 100)",
            "The match thresholds must lie between 0 and 100, the low one under the strong one.",
        ),
        (
            "match_contradiction_gap_range",
            "CHECK(match_contradiction_gap BETWEEN 1 AND 100)",
            "The contradiction gap must lie between 1 and 100 points.",
        ),
        (
            "match_claim_discount_range",
            "CHECK(match_claim_discount >= 0 AND match_claim_discount < 100)",
            "The claimed-level discount must lie between 0 and 100 %.",
        ),
    ]

    def write(self, vals):
        lead_time_changed = self.browse()
        if "match_alert_lead_time" in vals:
            lead_time_changed = self.filtered(lambda c: c.match_alert_lead_time != vals["match_alert_lead_time"])
        result = super().write(vals)
        if lead_time_changed:
            sessions = (
                self.env["hr.interview.session"]
                .sudo()
                .search([("company_id", "in", lead_time_changed.ids), ("state", "=", "scheduled")])
            )
            sessions._arm_match_alert()
        return result
