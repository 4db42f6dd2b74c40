from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import match
from .hr_applicant_match_line import MAX_REQUIREMENTS


class HrJobSkillRequirement(models.Model):
    """A skill a job position requires, at a minimum level, with a weight in the match score."""

    _name = "hr.job.skill.requirement"
    _description = "Job Skill Requirement"
    _order = "job_id, must_have desc, weight desc, sequence, id"
    _rec_name = "skill_id"
    _check_company_auto = True

    job_id = fields.Many2one("hr.job", string="Job Position", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    skill_type_id = fields.Many2one("hr.skill.type", required=True, ondelete="cascade")
    skill_id = fields.Many2one(
        "hr.skill",
        required=True,
        ondelete="cascade",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Minimum Level",
        required=True,
        ondelete="restrict",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    level_progress = fields.Integer(related="skill_level_id.level_progress", string="Minimum (%)")
    weight = fields.Integer(
        default=3,
        required=True,
        help="How much the skill counts in the match score: 1 (nice to have) to 5 (essential).",
    )
    must_have = fields.Boolean(
        string="Must-Have",
        help="Without any evidence of this skill, the match is low whatever the rest.",
    )
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("job_skill_uniq", "unique(job_id, skill_id)", "A job position requires each skill only once."),
        ("weight_range", "CHECK(weight BETWEEN 1 AND 5)", "The weight of a requirement goes from 1 to 5."),
    ]

    # ------------------------------------------------------------------
    # Onchanges and constraints
    # ------------------------------------------------------------------

    @api.onchange("skill_id")
    def _onchange_skill_id(self):
        if self.skill_id:
            self.skill_type_id = self.skill_id.skill_type_id
            if self.skill_level_id.skill_type_id != self.skill_type_id:
                self.skill_level_id = self._default_level(self.skill_type_id)

    @api.constrains("skill_id", "skill_level_id", "skill_type_id")
    def _check_skill_type(self):
        for requirement in self:
            if requirement.skill_id.skill_type_id != requirement.skill_type_id:
                raise ValidationError(
                    _(
                        "The skill “%(skill)s” is not of the type “%(type)s”.",
                        skill=requirement.skill_id.name,
                        type=requirement.skill_type_id.name,
                    )
                )
            if requirement.skill_level_id.skill_type_id != requirement.skill_type_id:
                raise ValidationError(
                    _(
                        "The level “%(level)s” is not a level of “%(type)s”: choose the minimum level among "
                        "the levels of the skill's type.",
                        level=requirement.skill_level_id.name,
                        type=requirement.skill_type_id.name,
                    )
                )

    def _check_values(self, vals_list):
        """Refuse bad weights and duplicate skills with a message naming them, before the database
        constraints would answer with a generic one."""
        for vals in vals_list:
            if "weight" in vals and not (1 <= (vals["weight"] or 0) <= 5):
                raise ValidationError(
                    _(
                        "A requirement's weight goes from 1 (nice to have) to 5 (essential); %(weight)s is not "
                        "allowed. Remove the requirement instead of giving it no weight.",
                        weight=vals["weight"],
                    )
                )

    @api.constrains("job_id")
    def _check_requirement_count(self):
        counts = dict(self._read_group([("job_id", "in", self.job_id.ids)], ["job_id"], ["__count"]))
        for job, count in counts.items():
            if count > MAX_REQUIREMENTS:
                raise ValidationError(
                    _(
                        "“%(job)s” requires %(count)s skills; a job position can require at most %(max)s.",
                        job=job.name,
                        count=count,
                        max=MAX_REQUIREMENTS,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD (the reports of the job's applicants follow by their dependencies)
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_values(vals_list)
        for vals in vals_list:
            if vals.get("skill_id") and not vals.get("skill_type_id"):
                vals["skill_type_id"] = self.env["hr.skill"].browse(vals["skill_id"]).skill_type_id.id
            if vals.get("skill_type_id") and not vals.get("skill_level_id"):
                vals["skill_level_id"] = self._default_level(self.env["hr.skill.type"].browse(vals["skill_type_id"])).id
        jobs = self.env["hr.job"].browse({vals["job_id"] for vals in vals_list if vals.get("job_id")})
        # check against the rows already there, before the unique index refuses with a generic message
        self.browse()._check_new_duplicates(jobs, vals_list)
        return super().create(vals_list)

    def _check_new_duplicates(self, jobs, vals_list):
        existing = {(r.job_id.id, r.skill_id.id): r for r in self.search([("job_id", "in", jobs.ids)]) if r not in self}
        for vals in vals_list:
            key = (vals.get("job_id"), vals.get("skill_id"))
            if key in existing:
                raise ValidationError(
                    _(
                        "“%(skill)s” is already required for “%(job)s”: change that requirement instead of "
                        "adding it twice.",
                        skill=self.env["hr.skill"].browse(key[1]).name,
                        job=self.env["hr.job"].browse(key[0]).name,
                    )
                )
            existing[key] = True

    def write(self, vals):
        self._check_values([vals])
        if "skill_id" in vals or "job_id" in vals:
            for requirement in self:
                job_id = vals.get("job_id", requirement.job_id.id)
                requirement._check_new_duplicates(
                    self.env["hr.job"].browse(job_id),
                    [{"job_id": job_id, "skill_id": vals.get("skill_id", requirement.skill_id.id)}],
                )
        return super().write(vals)

    @api.model
    def _default_level(self, skill_type):
        """The level closest to the middle of the type's scale (see services/match.py)."""
        levels = skill_type.skill_level_ids
        key = match.default_required_level((level.id, level.level_progress) for level in levels)
        return levels.browse(key) if key else levels.browse()
