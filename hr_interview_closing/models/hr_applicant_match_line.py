from odoo import fields, models, tools
from odoo.tools import SQL

STATUSES = [
    ("met", "Met"),
    ("partial", "Partial"),
    ("missing", "Missing"),
    ("contradicted", "Contradicted"),
]
# A line's id: its applicant's id shifted left by ID_SHIFT bits, plus its position (from 1).
ID_SHIFT = 20
MAX_REQUIREMENTS = 100_000
# (column, its value from one line ``v`` of the report, an element of
# hr_applicant.match_report_data::jsonb->'lines'); translated names are kept as {lang: name}
COLUMNS = (
    ("skill_id", "(v->>'skill_id')::int4"),
    ("requirement_id", "(v->>'requirement_id')::int4"),
    ("must_have", "COALESCE((v->>'must_have')::bool, false)"),
    ("weight", "(v->>'weight')::int4"),
    ("required_level_id", "(v->>'required_level_id')::int4"),
    ("required_progress", "(v->>'required_progress')::float8"),
    ("claimed_level_id", "(v->>'claimed_level_id')::int4"),
    ("claimed_progress", "(v->>'claimed_progress')::float8"),
    ("assessment_id", "(v->>'assessment_id')::int4"),
    (
        "assessed_label",
        "CASE jsonb_typeof(v->'assessed_level_name') WHEN 'object' THEN v->'assessed_level_name'"
        " WHEN 'string' THEN jsonb_build_object('en_US', v->'assessed_level_name') END",
    ),
    ("assessed_progress", "(v->>'assessed_progress')::float8"),
    ("effective_progress", "(v->>'effective_progress')::float8"),
    ("contribution", "(v->>'contribution')::float8"),
    ("status", "v->>'status'"),
    ("mentioned", "COALESCE((v->>'mentioned')::bool, false)"),
)


class HrApplicantMatchLine(models.Model):
    """One requirement of the applicant's job, with the evidence the match engine used for it.

    The report of an applicant is stored with its score on the applicant, as one JSON document
    (hr_applicant.match_report_data, a stored compute); these records are its lines, read from
    that document by a query (``_table_query``), so they can never disagree with the score. A
    line's id is its applicant's id × 2**20 + its position: two lines never share an id (a job
    has at most MAX_REQUIREMENTS requirements, far below 2**20), and reading lines by id reads
    only their applicants' reports (see ``_as_query``). A line never points to a deleted record:
    a deletion changes the report (see its dependencies). Read-only for everyone.
    """

    _name = "hr.applicant.match.line"
    _description = "Applicant Match Report Line"
    _auto = False
    _log_access = False
    # what the query reads: the ORM flushes it before reading lines
    _depends = {"hr.applicant": ["match_report_data", "job_id", "company_id"]}
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
    assessed_label = fields.Char(string="Assessed", translate=True, readonly=True)
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
        tools.drop_view_if_exists(self.env.cr, self._table)  # the former view over the report

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT (a.id::bigint << %(shift)s) + e.ord AS id, a.id AS applicant_id, e.ord::int4 AS sequence,
                   a.job_id AS job_id, a.company_id AS company_id, %(values)s
              FROM hr_applicant a
             CROSS JOIN LATERAL jsonb_array_elements(a.match_report_data::jsonb->'lines')
                   WITH ORDINALITY AS e(v, ord)
             WHERE a.match_report_data IS NOT NULL
            """,
            shift=ID_SHIFT,
            values=SQL(", ").join(
                SQL("%s AS %s", SQL(expression), SQL.identifier(name)) for name, expression in COLUMNS
            ),
        )

    def _as_query(self, ordered=True):
        # Reading lines by id: tell the database whose reports to read (their ids say it), instead
        # of unfolding every applicant's report to find them.
        query = super()._as_query(ordered)
        applicant_ids = sorted({rid >> ID_SHIFT for rid in self._ids if isinstance(rid, int)})
        if applicant_ids:
            query.add_where(SQL("%s = ANY(%s)", SQL.identifier(self._table, "applicant_id"), applicant_ids))
        return query
