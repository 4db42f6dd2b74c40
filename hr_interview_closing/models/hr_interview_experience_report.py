from odoo import fields, models, tools
from odoo.tools import SQL


class HrInterviewExperienceReport(models.Model):
    """Candidate experience, one row per interview whose follow-up was processed: thank-you mails,
    survey answers, NPS, minutes from the end of the interview to the mail, answer promises kept.

    The PostgreSQL view's rows carry their session's id, so that the interviewers are the
    session's own (hr_interview_session_interviewer_rel) and the figures group by interviewer.
    Rates are 100 or 0 per row (NULL when they do not apply), so that their average is the rate.
    It holds individual survey answers: recruitment managers only.
    """

    _name = "hr.interview.experience.report"
    _description = "Candidate Experience"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "session_id"
    # what the view reads: flushed before any query on it
    _depends = {
        "hr.interview.session": [
            "actual_end",
            "planned_start",
            "job_id",
            "applicant_id",
            "company_id",
            "interviewer_ids",
            "followup_state",
            "followup_survey_state",
            "followup_nps",
            "followup_on_time",
            "followup_next_steps",
            "followup_questions_answered",
            "followup_minutes",
            "promise_state",
        ],
    }

    session_id = fields.Many2one("hr.interview.session", string="Interview", readonly=True)
    date = fields.Datetime(string="Interview End", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    applicant_id = fields.Many2one("hr.applicant", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    interviewer_ids = fields.Many2many(
        "res.users",
        "hr_interview_session_interviewer_rel",
        "session_id",
        "user_id",
        string="Interviewers",
        readonly=True,
    )
    followup_state = fields.Selection(
        lambda self: self.env["hr.interview.session"]._fields["followup_state"].selection,
        string="Thank-You Mail",
        readonly=True,
    )
    mail_count = fields.Integer(string="Mails Sent", readonly=True)
    skipped_count = fields.Integer(string="Not Sent", readonly=True)
    survey_asked_count = fields.Integer(string="Surveys Sent", readonly=True)
    survey_answered_count = fields.Integer(string="Surveys Answered", readonly=True)
    feedback_rate = fields.Float(string="Feedback Rate (%)", readonly=True, aggregator="avg", digits=(5, 1))
    nps = fields.Float(string="Would Recommend (0–10)", readonly=True, aggregator="avg", digits=(3, 1))
    on_time = fields.Float(string="Started on Time (1–5)", readonly=True, aggregator="avg", digits=(3, 1))
    next_steps = fields.Float(string="Knows What Happens Next (1–5)", readonly=True, aggregator="avg", digits=(3, 1))
    questions_answered = fields.Float(string="Questions Answered (1–5)", readonly=True, aggregator="avg", digits=(3, 1))
    minutes_to_mail = fields.Float(string="Minutes to Mail (avg)", readonly=True, aggregator="avg", digits=(5, 1))
    minutes_to_mail_worst = fields.Float(
        string="Minutes to Mail (worst)", readonly=True, aggregator="max", digits=(5, 1)
    )
    promise_count = fields.Integer(string="Promises Due", readonly=True)
    promise_late_count = fields.Integer(string="Promises Late", readonly=True)
    promise_on_time_rate = fields.Float(string="Kept on Time (%)", readonly=True, aggregator="avg", digits=(5, 1))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT s.id,
                           s.id AS session_id,
                           coalesce(s.actual_end, s.planned_start) AS date,
                           s.job_id,
                           s.applicant_id,
                           s.company_id,
                           s.followup_state,
                           (s.followup_state IN ('queued', 'sent'))::int AS mail_count,
                           (s.followup_state = 'skipped')::int AS skipped_count,
                           (s.followup_survey_state IN ('asked', 'answered'))::int AS survey_asked_count,
                           (s.followup_survey_state = 'answered')::int AS survey_answered_count,
                           CASE WHEN s.followup_survey_state IN ('asked', 'answered')
                                THEN CASE WHEN s.followup_survey_state = 'answered' THEN 100.0 ELSE 0.0 END
                           END AS feedback_rate,
                           CASE WHEN s.followup_survey_state = 'answered' THEN s.followup_nps END AS nps,
                           CASE WHEN s.followup_on_time > 0 THEN s.followup_on_time END AS on_time,
                           CASE WHEN s.followup_next_steps > 0 THEN s.followup_next_steps END AS next_steps,
                           CASE WHEN s.followup_questions_answered > 0 THEN s.followup_questions_answered END
                               AS questions_answered,
                           CASE WHEN s.followup_state = 'sent' THEN s.followup_minutes END AS minutes_to_mail,
                           CASE WHEN s.followup_state = 'sent' THEN s.followup_minutes END AS minutes_to_mail_worst,
                           (s.promise_state IN ('kept', 'late'))::int AS promise_count,
                           (s.promise_state = 'late')::int AS promise_late_count,
                           CASE WHEN s.promise_state IN ('kept', 'late')
                                THEN CASE WHEN s.promise_state = 'kept' THEN 100.0 ELSE 0.0 END
                           END AS promise_on_time_rate
                      FROM hr_interview_session s
                     WHERE s.followup_state NOT IN ('none', 'scheduled')
                )
                """,
                SQL.identifier(self._table),
            )
        )
