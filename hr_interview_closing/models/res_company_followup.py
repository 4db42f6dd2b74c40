"""Company settings of the follow-up after the interview (thank-you mail, candidate page,
candidate-experience survey, promised answer dates)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import followup


class ResCompany(models.Model):
    # the follow-up's settings, apart from the closing's (res_company.py)
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    interview_followup_delay = fields.Integer(
        string="Thank-You Mail After",
        default=followup.DEFAULT_DELAY,
        help="Minutes after the end of the interview at which the thank-you mail is queued (0 to 10).",
    )
    interview_followup_ask_feedback = fields.Boolean(
        string="Candidate-Experience Survey",
        default=True,
        help="Link the candidate-experience survey in the thank-you mail.",
    )
    interview_followup_survey_id = fields.Many2one(
        "survey.survey",
        string="Survey",
        help="Leave empty to use the shipped candidate-experience survey. Mark the questions of your own "
        "survey (NPS, started on time...) so that their answers flow back to the interview.",
    )
    interview_followup_cooldown_months = fields.Integer(
        string="Survey Once Every",
        default=6,
        help="A candidate surveyed within this many months is not asked again (0: always ask).",
    )
    interview_followup_page_days = fields.Integer(
        string="Candidate Page Open For",
        default=followup.DEFAULT_PAGE_DAYS,
        help="Days after the interview during which the candidate's page answers.",
    )
    interview_followup_alert_user_id = fields.Many2one(
        "res.users",
        string="Low Scores Alert",
        domain=lambda self: [("groups_id", "in", self.env.ref("hr_recruitment.group_hr_recruitment_manager").id)],
        help="The recruitment manager who gets an activity when a candidate rates the interview 6 or less "
        "(empty: the job position's recruiter when a recruitment manager, else the administrator).",
    )
    interview_promise_late_mail = fields.Boolean(
        string="Tell Candidates When an Answer Is Late",
        default=True,
        help="When the promised answer date passes without a decision sent, the candidate gets a "
        "“still deciding” mail with a new date, once.",
    )

    _sql_constraints = [
        (
            "interview_followup_delay_range",
            f"CHECK(interview_followup_delay BETWEEN 0 AND {followup.MAX_DELAY})",
            "The thank-you mail leaves 0 to 10 minutes after the interview.",
        ),
        (
            "interview_followup_cooldown_not_negative",
            "CHECK(interview_followup_cooldown_months >= 0)",
            "The survey interval cannot be negative.",
        ),
        (
            "interview_followup_page_days_positive",
            "CHECK(interview_followup_page_days > 0)",
            "The candidate page must stay open at least one day.",
        ),
    ]

    @api.constrains("interview_followup_delay")
    def _check_interview_followup_delay(self):
        for company in self:
            if not followup.valid_delay(company.interview_followup_delay):
                raise ValidationError(
                    _(
                        "The thank-you mail is promised within %(max)s minutes of the interview: a delay of "
                        "%(delay)s minutes is refused. Choose 0 (at once) to %(max)s minutes.",
                        delay=company.interview_followup_delay,
                        max=followup.MAX_DELAY,
                    )
                )

    def _interview_followup_survey(self):
        """The survey to send, or an empty recordset when the company does not ask for feedback."""
        self.ensure_one()
        if not self.interview_followup_ask_feedback:
            return self.env["survey.survey"]
        return (
            self.interview_followup_survey_id
            or self.env.ref("hr_interview_closing.survey_candidate_experience", raise_if_not_found=False)
            or self.env["survey.survey"]
        )
