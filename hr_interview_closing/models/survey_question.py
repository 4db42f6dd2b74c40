from odoo import fields, models

INTERVIEW_METRICS = [
    ("nps", "Would recommend (NPS, 0–10)"),
    ("on_time", "The interview started on time"),
    ("next_steps", "I know what happens next"),
    ("questions", "The interviewer answered my questions"),
    ("comment", "Free comment"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    interview_metric = fields.Selection(
        INTERVIEW_METRICS,
        string="Interview Figure",
        help="In a candidate-experience survey, the answer to this question flows back to the interview "
        "session as this figure (a scale or a number; a text box for the comment).",
    )
