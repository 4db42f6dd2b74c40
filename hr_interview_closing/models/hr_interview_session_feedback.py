"""Interview session: the candidate-experience survey — one personal invitation per session (not
for candidates surveyed within the company's interval), the answers flowing back to the session,
the alert on a low score, and the interviewers' own aggregates (from three answers on: individual
answers are for recruitment managers)."""

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from ..services import followup

MANAGER = "hr_recruitment.group_hr_recruitment_manager"
SURVEY_STATES = [
    ("not_asked", "Not Asked"),
    ("recent", "Surveyed Recently"),
    ("asked", "Asked"),
    ("answered", "Answered"),
]
# survey.question.interview_metric → the session field its answer goes to
METRIC_FIELDS = {
    "nps": "followup_nps",
    "on_time": "followup_on_time",
    "next_steps": "followup_next_steps",
    "questions": "followup_questions_answered",
    "comment": "followup_comment",
}


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    followup_survey_state = fields.Selection(
        SURVEY_STATES, string="Survey", default="not_asked", required=True, readonly=True, copy=False
    )
    followup_survey_input_id = fields.Many2one(
        "survey.user_input", string="Survey Answer", readonly=True, copy=False, ondelete="set null", groups=MANAGER
    )
    followup_survey_url = fields.Char(string="Survey Link", compute="_compute_followup_survey_url", groups=MANAGER)
    followup_answered_at = fields.Datetime(string="Survey Answered On", readonly=True, copy=False)
    followup_nps = fields.Integer(
        string="Would Recommend (0–10)", readonly=True, copy=False, aggregator="avg", groups=MANAGER
    )
    followup_on_time = fields.Integer(
        string="Started on Time (1–5)", readonly=True, copy=False, aggregator="avg", groups=MANAGER
    )
    followup_next_steps = fields.Integer(
        string="Knows What Happens Next (1–5)", readonly=True, copy=False, aggregator="avg", groups=MANAGER
    )
    followup_questions_answered = fields.Integer(
        string="Questions Answered (1–5)", readonly=True, copy=False, aggregator="avg", groups=MANAGER
    )
    followup_comment = fields.Text(string="Candidate's Comment", readonly=True, copy=False, groups=MANAGER)

    # the current user's own figures, as an interviewer (from three answers on)
    followup_my_answer_count = fields.Integer(string="Answers", compute="_compute_followup_my_figures")
    followup_my_visible = fields.Boolean(string="Figures Visible", compute="_compute_followup_my_figures")
    followup_my_nps = fields.Float(string="Would Recommend", compute="_compute_followup_my_figures", digits=(3, 1))
    followup_my_on_time = fields.Float(string="Started on Time", compute="_compute_followup_my_figures", digits=(3, 1))
    followup_my_next_steps = fields.Float(
        string="Knows What Happens Next", compute="_compute_followup_my_figures", digits=(3, 1)
    )
    followup_my_questions = fields.Float(
        string="Questions Answered", compute="_compute_followup_my_figures", digits=(3, 1)
    )

    @api.depends("followup_survey_input_id", "followup_lang")
    def _compute_followup_survey_url(self):
        for session in self:
            answer = session.sudo().followup_survey_input_id  # the field's group is checked by this one's
            if not answer:
                session.followup_survey_url = False
                continue
            lang = self.env["res.lang"]._get_data(code=session.followup_lang)
            prefix = f"/{lang.url_code}" if lang and session.followup_lang != "en_US" else ""
            session.followup_survey_url = f"{session.get_base_url()}{prefix}{answer.get_start_url()}"

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_followup_my_figures(self):
        self.flush_model(
            [
                "interviewer_ids",
                "followup_answered_at",
                "followup_nps",
                "followup_on_time",
                "followup_next_steps",
                "followup_questions_answered",
                "company_id",
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*), avg(s.followup_nps), avg(s.followup_on_time), avg(s.followup_next_steps),
                       avg(s.followup_questions_answered)
                  FROM hr_interview_session s
                  JOIN hr_interview_session_interviewer_rel rel ON rel.session_id = s.id
                 WHERE rel.user_id = %s AND s.followup_answered_at IS NOT NULL AND s.company_id = ANY(%s)
                """,
                self.env.uid,
                self.env.companies.ids,
            )
        )
        count, nps, on_time, next_steps, questions = self.env.cr.fetchone()
        visible = followup.aggregates_visible(count, self.env.user.has_group(MANAGER))
        for session in self:
            session.followup_my_answer_count = count
            session.followup_my_visible = visible
            session.followup_my_nps = nps if visible and nps is not None else 0.0
            session.followup_my_on_time = on_time if visible and on_time is not None else 0.0
            session.followup_my_next_steps = next_steps if visible and next_steps is not None else 0.0
            session.followup_my_questions = questions if visible and questions is not None else 0.0

    # ------------------------------------------------------------------
    # Invitations
    # ------------------------------------------------------------------

    def _followup_invite_to_survey(self, now):
        """One personal survey answer per session, linked to the applicant and the session — none
        for candidates surveyed within their company's interval (by contact or e-mail), nor twice
        for one candidate in the same batch.

        The answers are created in one batch with the values ``survey._create_answer`` gives a
        contact's answer, after the same survey-level checks (``_check_answer_creation``).
        """
        vals_list = []
        recent_sessions = self.browse()
        for company, sessions in self.grouped("company_id").items():
            survey = company._interview_followup_survey()
            if not survey or not survey.active:
                continue
            survey._check_answer_creation(
                user=False, partner=sessions.candidate_id.partner_id[:1], email=False, check_attempts=False
            )
            partners, emails = self._followup_recently_surveyed(company, now)
            for session in sessions:
                candidate = session.candidate_id
                email = candidate.email_normalized or ""
                partner = candidate.partner_id
                if (partner and partner.id in partners) or email in emails:
                    recent_sessions |= session
                    continue
                partners.add(partner.id)
                emails.add(email)
                vals_list.append(
                    {
                        "survey_id": survey.id,
                        "partner_id": partner.id or False,
                        "email": partner.email or candidate.email_from,
                        "nickname": session.partner_name,
                        "applicant_id": session.applicant_id.id,
                        "interview_session_id": session.id,
                        "deadline": session.followup_page_expires_at,
                        "invite_token": self.env["survey.user_input"]._generate_invite_token()
                        if survey.is_attempts_limited
                        else False,
                    }
                )
        answers = self.env["survey.user_input"].sudo().create(vals_list)
        for answer in answers:
            answer.interview_session_id.write({"followup_survey_state": "asked", "followup_survey_input_id": answer.id})
        recent_sessions.write({"followup_survey_state": "recent"})

    def _followup_recently_surveyed(self, company, now):
        """(partner ids, normalized e-mails) of the candidates of these sessions who were sent the
        candidate-experience survey after an interview within the company's interval."""
        months = company.interview_followup_cooldown_months
        if not months:
            return set(), set()
        candidates = self.candidate_id
        emails = [email for email in candidates.mapped("email_normalized") if email]
        self.flush_model(["followup_survey_state", "followup_queued_at", "candidate_id"])
        candidates.flush_model(["partner_id", "email_normalized"])
        self.env.cr.execute(
            SQL(
                """
                SELECT c.partner_id, c.email_normalized
                  FROM hr_interview_session s
                  JOIN hr_candidate c ON c.id = s.candidate_id
                 WHERE s.followup_survey_state IN ('asked', 'answered')
                   AND s.followup_queued_at > %s
                   AND (c.partner_id = ANY(%s) OR c.email_normalized = ANY(%s))
                """,
                now - relativedelta(months=months),
                candidates.partner_id.ids,
                emails,
            )
        )
        rows = self.env.cr.fetchall()
        return {partner for partner, __ in rows if partner}, {email for __, email in rows if email}

    # ------------------------------------------------------------------
    # Answers
    # ------------------------------------------------------------------

    @api.model
    def _followup_record_answers(self, answers):
        """Completed answers flow back to their sessions; a low NPS alerts the recruitment
        manager with an activity on the answer (which only recruitment managers may read)."""
        answers = answers.sudo().filtered(lambda a: a.interview_session_id and a.state == "done" and not a.test_entry)
        if not answers:
            return
        now = fields.Datetime.now()
        low = answers.browse()
        for answer in answers:
            vals = dict.fromkeys(METRIC_FIELDS.values(), False)
            for line in answer.user_input_line_ids.filtered(
                lambda ln: ln.question_id.interview_metric and not ln.skipped
            ):
                field = METRIC_FIELDS[line.question_id.interview_metric]
                value = line._interview_metric_value()
                if value is not None:
                    vals[field] = value
            vals.update({"followup_answered_at": answer.end_datetime or now, "followup_survey_state": "answered"})
            answer.interview_session_id.write(vals)
            if followup.is_low_score(vals["followup_nps"] if vals["followup_nps"] is not False else None):
                low |= answer
        sessions = answers.interview_session_id
        sessions._message_log_batch(
            bodies={
                session.id: Markup("<p>%s</p>")
                % session._notes_env()._("The candidate answered the candidate-experience survey.")
                for session in sessions
            }
        )
        low._interview_alert_low_score()

    def _followup_alert_user(self):
        """Who hears of a low score: the company's chosen recruitment manager, else the job
        position's recruiter or the applicant's when they are recruitment managers, else the
        administrator."""
        self.ensure_one()
        for user in (self.company_id.interview_followup_alert_user_id, self.job_id.user_id, self.applicant_id.user_id):
            if user and user.active and user.has_group(MANAGER):
                return user
        return self.env.ref("base.user_admin")
