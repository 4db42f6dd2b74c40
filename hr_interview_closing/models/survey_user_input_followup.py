"""Candidate-experience survey answers: linked to their interview session (one per session), read
back into it when completed, and an alert on a low score."""

import functools

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL


class SurveyUserInput(models.Model):
    # the follow-up's survey answers, apart from the match's assessments (survey_user_input.py)
    _inherit = "survey.user_input"  # pylint: disable=consider-merging-classes-inherited

    interview_session_id = fields.Many2one(
        "hr.interview.session",
        string="Interview",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )

    def init(self):
        # one personal answer per interview session
        self.env.cr.execute(
            SQL(
                """
                CREATE UNIQUE INDEX IF NOT EXISTS survey_user_input_interview_session_uniq
                    ON survey_user_input (interview_session_id) WHERE interview_session_id IS NOT NULL
                """
            )
        )

    def _mark_done(self):
        result = super()._mark_done()
        # sudo: the candidate completes the survey from the public page; their answers are the
        # interview's figures
        self.env["hr.interview.session"].sudo()._followup_record_answers(self)
        return result

    def _interview_alert_low_score(self):
        """An activity on each answer for the recruitment manager: the candidate would not
        recommend the company (NPS 0–6)."""

        def compose(answer, env):
            session = answer.interview_session_id
            note = Markup("<p>%s</p>") % env._(
                "%(candidate)s rated the interview “%(name)s” %(score)s out of 10.",
                candidate=session.partner_name,
                name=session.name,
                score=session.followup_nps,
            )
            if session.followup_comment:
                note += Markup("<blockquote>%s</blockquote>") % session.followup_comment
            summary = env._(
                "Low candidate score (%(score)s/10): %(name)s", score=session.followup_nps, name=session.name
            )
            return summary, note

        answers = self.sudo()
        self.env["hr.interview.session"]._schedule_activities(
            "hr_interview_closing.mail_activity_type_interview_low_score",
            [
                (answer, answer.interview_session_id._followup_alert_user(), functools.partial(compose, answer))
                for answer in answers
            ],
        )

    @api.model
    def _interview_low_score_activities(self):
        activity_type = self.env.ref("hr_interview_closing.mail_activity_type_interview_low_score")
        return self.env["mail.activity"].search(
            [("res_model", "=", self._name), ("activity_type_id", "=", activity_type.id)]
        )


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    def _interview_metric_value(self):
        """The value this answer gives its interview figure: a number for a scale or a numerical
        box, the text of a text box; None otherwise."""
        self.ensure_one()
        if self.answer_type == "scale":
            return self.value_scale
        if self.answer_type == "numerical_box":
            return round(self.value_numerical_box)
        if self.answer_type in ("text_box", "char_box"):
            return self.value_text_box or self.value_char_box or None
        return None
