"""Job position: the candidate-experience figures of its interviews (thank-you mails, survey
answers, NPS, minutes from the end of the interview to the mail, promises kept on time)."""

from odoo import api, fields, models
from odoo.tools import SQL

from ..services import followup

MANAGER = "hr_recruitment.group_hr_recruitment_manager"


class HrJob(models.Model):
    # the follow-up's figures, apart from the closing's settings (hr_job.py)
    _inherit = "hr.job"  # pylint: disable=consider-merging-classes-inherited

    followup_mail_count = fields.Integer(string="Thank-You Mails", compute="_compute_followup_figures")
    followup_answer_count = fields.Integer(string="Surveys Answered", compute="_compute_followup_figures")
    followup_feedback_rate = fields.Float(
        string="Feedback Rate (%)", compute="_compute_followup_figures", digits=(5, 1)
    )
    followup_nps_avg = fields.Float(string="Would Recommend (avg)", compute="_compute_followup_figures", digits=(3, 1))
    followup_nps_visible = fields.Boolean(string="Score Visible", compute="_compute_followup_figures")
    followup_minutes_median = fields.Float(
        string="Minutes to Mail (median)", compute="_compute_followup_figures", digits=(5, 1)
    )
    followup_minutes_worst = fields.Float(
        string="Minutes to Mail (worst)", compute="_compute_followup_figures", digits=(5, 1)
    )
    promise_on_time_rate = fields.Float(
        string="Promises Kept on Time (%)", compute="_compute_followup_figures", digits=(5, 1)
    )
    promise_count = fields.Integer(string="Answer Promises Due", compute="_compute_followup_figures")

    @api.depends_context("uid")
    def _compute_followup_figures(self):
        figures = {}
        if self.ids:
            # figures of the sessions of these jobs, not records
            fnames = ["job_id", "followup_state", "followup_survey_state", "followup_nps", "followup_minutes"]
            self.env["hr.interview.session"].flush_model([*fnames, "promise_state"])
            self.env.cr.execute(
                SQL(
                    """
                    SELECT job_id,
                           count(*) FILTER (WHERE followup_state IN ('queued', 'sent')),
                           count(*) FILTER (WHERE followup_survey_state IN ('asked', 'answered')),
                           count(*) FILTER (WHERE followup_survey_state = 'answered'),
                           avg(followup_nps) FILTER (WHERE followup_survey_state = 'answered'),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY followup_minutes)
                               FILTER (WHERE followup_state = 'sent'),
                           max(followup_minutes) FILTER (WHERE followup_state = 'sent'),
                           count(*) FILTER (WHERE promise_state = 'kept'),
                           count(*) FILTER (WHERE promise_state IN ('kept', 'late'))
                      FROM hr_interview_session
                     WHERE job_id = ANY(%s)
                     GROUP BY job_id
                    """,
                    self.ids,
                )
            )
            figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        is_manager = self.env.user.has_group(MANAGER)
        for job in self:
            mails, asked, answered, nps, median, worst, kept, due = figures.get(
                job.id, (0, 0, 0, None, None, None, 0, 0)
            )
            visible = followup.aggregates_visible(answered, is_manager)
            job.followup_mail_count = mails
            job.followup_answer_count = answered
            job.followup_feedback_rate = followup.rate(answered, asked) or 0.0
            job.followup_nps_visible = visible and nps is not None
            job.followup_nps_avg = nps if visible and nps is not None else 0.0
            job.followup_minutes_median = median or 0.0
            job.followup_minutes_worst = worst or 0.0
            job.promise_count = due
            job.promise_on_time_rate = followup.rate(kept, due) or 0.0

    def action_open_candidate_experience(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_interview_closing.action_hr_interview_experience_report"
        )
        action["domain"] = [("job_id", "=", self.id)]
        action["context"] = {"search_default_group_month": 1}
        return action
