from odoo import fields, models, tools
from odoo.tools import SQL

from .hr_applicant import LINE_FIELDS

STATUSES = [
    ("met", "Met"),
    ("partial", "Partial"),
    ("missing", "Missing"),
    ("contradicted", "Contradicted"),
]


class HrApplicantMatchLine(models.Model):
    """One requirement of the applicant's job, with the evidence the match engine used for it.

    The report of an applicant is written in one go, with its score, as a JSON array of arrays on
    the applicant (hr_applicant.match_line_data, see LINE_FIELDS); this model is the PostgreSQL
    view that makes each element a record. Writing 1,000 reports is then one UPDATE of 1,000 rows instead of 10,000
    INSERTs that each check ten foreign keys (see the README). References are joined, so a line
    never points to a deleted record. Read-only for everyone.
    """

    _name = "hr.applicant.match.line"
    _description = "Applicant Match Report Line"
    _auto = False
    _order = "applicant_id, sequence, id"
    _rec_name = "skill_id"

    applicant_id = fields.Many2one("hr.applicant", readonly=True)
    sequence = fields.Integer(readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    requirement_id = fields.Many2one("hr.job.skill.requirement", readonly=True)
    skill_id = fields.Many2one("hr.skill", readonly=True)
    must_have = fields.Boolean(string="Must-Have", readonly=True)
    weight = fields.Integer(readonly=True)
    required_level_id = fields.Many2one("hr.skill.level", string="Required", readonly=True)
    required_progress = fields.Float(string="Required (%)", digits=(5, 1), readonly=True)
    claimed_level_id = fields.Many2one("hr.skill.level", string="Claimed", readonly=True)
    claimed_progress = fields.Float(string="Claimed (%)", digits=(5, 1), readonly=True)
    assessment_id = fields.Many2one(
        "hr.applicant.assessment",
        readonly=True,
        help="The latest assessment of the skill: the one that counts.",
    )
    assessed_label = fields.Char(string="Assessed", readonly=True)
    assessed_progress = fields.Float(string="Assessed (%)", digits=(5, 1), readonly=True)
    effective_progress = fields.Float(
        string="Effective (%)",
        digits=(5, 1),
        readonly=True,
        aggregator="avg",
        help="The latest assessment, else the claimed level less the claimed-level discount.",
    )
    contribution = fields.Float(
        digits=(5, 1),
        readonly=True,
        help="Points this requirement adds to the match score (weight × min(effective ÷ required, 1)).",
    )
    status = fields.Selection(STATUSES, readonly=True)
    mentioned = fields.Boolean(
        string="Mentioned in Phone Screen",
        readonly=True,
        help="The skill is named in the phone-screen notes.",
    )
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)

        def value(name, cast=None):
            text = SQL("(l.v->>%s)", LINE_FIELDS.index(name))
            return SQL("%s::%s", text, SQL(cast)) if cast else text

        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW hr_applicant_match_line AS (
                    SELECT a.id::bigint * 1000 + l.ord AS id,
                           a.id AS applicant_id,
                           l.ord::int AS sequence,
                           a.job_id AS job_id,
                           a.company_id AS company_id,
                           s.id AS skill_id,
                           r.id AS requirement_id,
                           COALESCE(%(must_have)s, false) AS must_have,
                           %(weight)s AS weight,
                           rl.id AS required_level_id,
                           %(required_progress)s AS required_progress,
                           cl.id AS claimed_level_id,
                           %(claimed_progress)s AS claimed_progress,
                           x.id AS assessment_id,
                           %(assessed_label)s AS assessed_label,
                           %(assessed_progress)s AS assessed_progress,
                           %(effective_progress)s AS effective_progress,
                           %(contribution)s AS contribution,
                           %(status)s AS status,
                           COALESCE(%(mentioned)s, false) AS mentioned
                      FROM hr_applicant a
                     CROSS JOIN LATERAL jsonb_array_elements(a.match_line_data) WITH ORDINALITY AS l(v, ord)
                      JOIN hr_skill s ON s.id = %(skill_id)s
                 LEFT JOIN hr_job_skill_requirement r ON r.id = %(requirement_id)s
                 LEFT JOIN hr_skill_level rl ON rl.id = %(required_level_id)s
                 LEFT JOIN hr_skill_level cl ON cl.id = %(claimed_level_id)s
                 LEFT JOIN hr_applicant_assessment x ON x.id = %(assessment_id)s
                )
                """,
                must_have=value("must_have", "bool"),
                weight=value("weight", "int4"),
                required_progress=value("required_progress", "float8"),
                claimed_progress=value("claimed_progress", "float8"),
                assessed_label=value("assessed_label"),
                assessed_progress=value("assessed_progress", "float8"),
                effective_progress=value("effective_progress", "float8"),
                contribution=value("contribution", "float8"),
                status=value("status"),
                mentioned=value("mentioned", "bool"),
                skill_id=value("skill_id", "int4"),
                requirement_id=value("requirement_id", "int4"),
                required_level_id=value("required_level_id", "int4"),
                claimed_level_id=value("claimed_level_id", "int4"),
                assessment_id=value("assessment_id", "int4"),
            )
        )
