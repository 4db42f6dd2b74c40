from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SOURCES = [
    ("online_test", "Online Test"),
    ("interview_form", "Interview Form"),
    ("phone_screen", "Phone Screen"),
    ("interview", "Interview"),
]


class HrApplicantAssessment(models.Model):
    """What someone measured of an applicant's skill: a level, a score, or both.

    The latest assessment of a skill is the applicant's effective level for it in the match
    report. An assessed level counts as its progress on the 0–100 scale; without a level, the score
    counts on the same scale.
    """

    _name = "hr.applicant.assessment"
    _description = "Applicant Skill Assessment"
    _order = "date desc, id desc"
    _rec_name = "skill_id"
    _check_company_auto = True

    applicant_id = fields.Many2one(
        "hr.applicant",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    candidate_name = fields.Char(related="applicant_id.partner_name", string="Candidate")
    job_id = fields.Many2one(related="applicant_id.job_id")
    skill_id = fields.Many2one("hr.skill", required=True, ondelete="cascade")
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id", store=True)
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Assessed Level",
        ondelete="restrict",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    score = fields.Float(
        string="Score (%)",
        compute="_compute_score",
        store=True,
        readonly=False,
        digits=(5, 1),
        help="A test's result in percent. Taken from the survey answer when one is linked.",
    )
    progress = fields.Float(
        string="Assessed (%)",
        compute="_compute_progress",
        store=True,
        digits=(5, 1),
        help="The assessed level's progress, else the score: what the match report uses.",
    )
    source = fields.Selection(SOURCES, required=True, default="interview")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    author_id = fields.Many2one("res.users", string="Assessed By", default=lambda self: self.env.user)
    note = fields.Text()
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        ondelete="set null",
        domain="[('applicant_id', '=', applicant_id), ('state', '=', 'done')]",
        help="The online test this assessment comes from; its score is the survey's scoring percentage.",
    )
    company_id = fields.Many2one(related="applicant_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("score_range", "CHECK(score IS NULL OR (score >= 0 AND score <= 100))", "A score lies between 0 and 100 %."),
    ]

    @api.depends("user_input_id.scoring_percentage")
    def _compute_score(self):
        for assessment in self:
            if assessment.user_input_id:
                assessment.score = assessment.user_input_id.scoring_percentage

    @api.depends("skill_level_id.level_progress", "score")
    def _compute_progress(self):
        for assessment in self:
            if assessment.skill_level_id:
                assessment.progress = assessment.skill_level_id.level_progress
            else:
                assessment.progress = assessment.score

    @api.onchange("user_input_id")
    def _onchange_user_input_id(self):
        if self.user_input_id:
            self.source = "online_test"
            if self.user_input_id.end_datetime:
                self.date = self.user_input_id.end_datetime.date()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("user_input_id")
    def _check_user_input(self):
        for assessment in self.filtered("user_input_id"):
            answer = assessment.user_input_id.sudo()  # only its survey, state and applicant are read
            reason = assessment._survey_refusal_reason(answer)
            if reason:
                raise ValidationError(reason)
            if answer.applicant_id and answer.applicant_id != assessment.applicant_id:
                raise ValidationError(
                    _(
                        "The survey answer belongs to %(other)s, not to %(applicant)s.",
                        other=answer.applicant_id.partner_name,
                        applicant=assessment.applicant_id.partner_name,
                    )
                )

    @api.model
    def _survey_refusal_reason(self, answer):
        """Why a survey answer cannot give an assessment, or None when it can."""
        if answer.survey_id.scoring_type in (False, "no_scoring"):
            return _(
                "The survey “%(survey)s” is not scored, so it measures no skill: no assessment was recorded. "
                "Give the survey a scoring (with points on the answers), or record the assessed level by hand.",
                survey=answer.survey_id.title,
            )
        if answer.state != "done":
            return _(
                "The survey “%(survey)s” is not completed yet: no assessment was recorded. Wait for the "
                "candidate to finish it.",
                survey=answer.survey_id.title,
            )
        return None

    @api.constrains("skill_id", "skill_level_id", "score", "user_input_id")
    def _check_measure(self):
        for assessment in self:
            if assessment.skill_level_id and assessment.skill_level_id.skill_type_id != assessment.skill_type_id:
                raise ValidationError(
                    _(
                        "The level “%(level)s” is not a level of “%(type)s”.",
                        level=assessment.skill_level_id.name,
                        type=assessment.skill_type_id.name,
                    )
                )
            if not assessment.skill_level_id and not assessment.user_input_id and not assessment.score:
                raise ValidationError(
                    _(
                        "An assessment of %(skill)s needs an assessed level, a score, or a scored survey answer.",
                        skill=assessment.skill_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD (the applicant's report follows by its dependencies)
    # ------------------------------------------------------------------

    def _check_score_values(self, vals_list):
        """Refuse a score outside 0–100 % with a clear message, before the database constraint."""
        for vals in vals_list:
            if vals.get("score") and not 0 <= vals["score"] <= 100:
                raise ValidationError(
                    _("A score lies between 0 and 100 %%; %(score)s is not a percentage.", score=vals["score"])
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_score_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_score_values([vals])
        return super().write(vals)
