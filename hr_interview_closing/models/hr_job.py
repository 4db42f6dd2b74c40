from odoo import api, fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    interview_duration = fields.Integer(
        help="Planned interview length in minutes for this position. Leave 0 to use the company's.",
    )
    interview_checklist_item_ids = fields.One2many(
        "hr.interview.checklist.item",
        "job_id",
        string="Closing Checklist",
        help="Leave empty to use the company's default checklist.",
    )
    match_requirement_ids = fields.One2many(
        "hr.job.skill.requirement",
        "job_id",
        string="Skill Requirements",
        help="The skills an applicant's match score is computed against.",
    )
    match_low_threshold = fields.Float(
        string="Low-Match Threshold",
        help="A match score under this percentage is a low match for this position. Leave 0 to use the "
        "company's threshold.",
    )

    interview_answer_days = fields.Integer(
        string="Answer Within (Working Days)",
        help="Working days within which this position's candidates are promised an answer. 0: the company's.",
    )
    interview_concern_answer_ids = fields.One2many(
        "hr.interview.concern.answer",
        "job_id",
        string="Answers to Concerns",
        help="This position's own answers to candidates' concerns (e.g. its promotion path).",
    )
    interview_closing_script_ids = fields.One2many("hr.interview.closing.script", "job_id", string="Closing Scripts")

    _sql_constraints = [
        (
            "interview_duration_not_negative",
            "CHECK(interview_duration >= 0)",
            "The interview duration cannot be negative.",
        ),
        (
            "interview_answer_days_not_negative",
            "CHECK(interview_answer_days >= 0)",
            "The answer delay cannot be negative.",
        ),
        (
            "match_low_threshold_range",
            "CHECK(match_low_threshold >= 0 AND match_low_threshold <= 100)",
            "The low-match threshold must lie between 0 and 100 %.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        jobs = super().create(vals_list)
        jobs.filtered("skill_ids")._match_seed_requirements()
        return jobs

    def write(self, vals):
        result = super().write(vals)
        if "skill_ids" in vals:
            self._match_seed_requirements()
        return result

    def action_match_seed_requirements(self):
        self.check_access("write")  # the requirements are created as the superuser below
        self.env["hr.job.skill.requirement"].check_access("create")
        self._match_seed_requirements()
        return True

    def _match_seed_requirements(self):
        """Turn the expected skills that are not required yet into requirements with the defaults:
        the level in the middle of the skill type's scale, weight 3, not a must-have. Requirements
        are never removed here: a skill taken out of the expected skills keeps its requirement
        until someone removes it."""
        # sudo: whoever may edit the expected skills gets their requirements with the defaults;
        # changing them afterwards is the recruitment managers' job
        Requirement = self.env["hr.job.skill.requirement"].sudo()
        vals_list = []
        for job in self:
            required = job.match_requirement_ids.skill_id
            for skill in job.skill_ids - required:
                level = Requirement._default_level(skill.skill_type_id)
                if not level:  # a skill type without levels cannot state a minimum
                    continue
                vals_list.append(
                    {
                        "job_id": job.id,
                        "skill_id": skill.id,
                        "skill_type_id": skill.skill_type_id.id,
                        "skill_level_id": level.id,
                        "weight": 3,
                    }
                )
        if vals_list:
            Requirement.create(vals_list)
