from odoo import fields, models

STATUSES = [
    ("met", "Met"),
    ("partial", "Partial"),
    ("missing", "Missing"),
    ("contradicted", "Contradicted"),
]


class HrApplicantMatchLine(models.Model):
    """One requirement of the applicant's job, with the evidence the match engine used for it.

    Written only by the match computation (hr.applicant._match_recompute), in one statement for
    many applicants; read-only for everyone.
    """

    _name = "hr.applicant.match.line"
    _description = "Applicant Match Report Line"
    _order = "applicant_id, sequence, id"
    _rec_name = "skill_id"

    applicant_id = fields.Many2one("hr.applicant", required=True, index=True, ondelete="cascade", readonly=True)
    sequence = fields.Integer(readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True, index=True)
    requirement_id = fields.Many2one("hr.job.skill.requirement", ondelete="set null", readonly=True)
    skill_id = fields.Many2one("hr.skill", required=True, ondelete="cascade", readonly=True)
    must_have = fields.Boolean(string="Must-Have", readonly=True)
    weight = fields.Integer(readonly=True)
    required_level_id = fields.Many2one("hr.skill.level", string="Required", ondelete="set null", readonly=True)
    required_progress = fields.Float(string="Required (%)", digits=(5, 1), readonly=True)
    claimed_level_id = fields.Many2one("hr.skill.level", string="Claimed", ondelete="set null", readonly=True)
    claimed_progress = fields.Float(string="Claimed (%)", digits=(5, 1), readonly=True)
    assessment_id = fields.Many2one(
        "hr.applicant.assessment",
        ondelete="set null",
        readonly=True,
        help="The latest assessment of the skill: the one that counts.",
    )
    assessed_label = fields.Char(string="Assessed", readonly=True)
    assessed_progress = fields.Float(string="Assessed (%)", digits=(5, 1), readonly=True)
    effective_progress = fields.Float(
        string="Effective (%)",
        digits=(5, 1),
        readonly=True,
        help="The latest assessment, else the claimed level less the claimed-level discount.",
    )
    contribution = fields.Float(
        digits=(5, 1),
        readonly=True,
        help="Points this requirement adds to the match score (weight × min(effective ÷ required, 1)).",
    )
    status = fields.Selection(STATUSES, readonly=True, index=True)
    mentioned = fields.Boolean(
        string="Mentioned in Phone Screen",
        readonly=True,
        help="The skill is named in the phone-screen notes.",
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
