from odoo import fields, models, tools
from odoo.tools import SQL

STATUSES = [
    ("met", "Met"),
    ("partial", "Partial"),
    ("missing", "Missing"),
    ("contradicted", "Contradicted"),
]
# (column, SQL type, the value from one line ``v`` of the report, an element of
# hr_applicant.match_report_data->'lines'); translated names are kept as {lang: name}
COLUMNS = (
    ("skill_id", "int4", "(v->>'skill_id')::int4"),
    ("requirement_id", "int4", "(v->>'requirement_id')::int4"),
    ("must_have", "bool", "COALESCE((v->>'must_have')::bool, false)"),
    ("weight", "int4", "(v->>'weight')::int4"),
    ("required_level_id", "int4", "(v->>'required_level_id')::int4"),
    ("required_progress", "float8", "(v->>'required_progress')::float8"),
    ("claimed_level_id", "int4", "(v->>'claimed_level_id')::int4"),
    ("claimed_progress", "float8", "(v->>'claimed_progress')::float8"),
    ("assessment_id", "int4", "(v->>'assessment_id')::int4"),
    (
        "assessed_label",
        "jsonb",
        "CASE jsonb_typeof(v->'assessed_level_name') WHEN 'object' THEN v->'assessed_level_name'"
        " WHEN 'string' THEN jsonb_build_object('en_US', v->'assessed_level_name') END",
    ),
    ("assessed_progress", "float8", "(v->>'assessed_progress')::float8"),
    ("effective_progress", "float8", "(v->>'effective_progress')::float8"),
    ("contribution", "float8", "(v->>'contribution')::float8"),
    ("status", "varchar", "v->>'status'"),
    ("mentioned", "bool", "COALESCE((v->>'mentioned')::bool, false)"),
)


class HrApplicantMatchLine(models.Model):
    """One requirement of the applicant's job, with the evidence the match engine used for it.

    The report of an applicant is stored with its score on the applicant, as one JSON document
    (hr_applicant.match_report_data, a stored compute). This table follows it: a trigger on
    hr_applicant rebuilds an applicant's lines in the statement that writes a new report, so
    the lines can never disagree with the score, and they have ids of their own (a sequence) and
    an index on the applicant. The table has no foreign key but the applicant's: a line is
    rebuilt whenever what it references changes (see the report's dependencies), and 10,000
    lines are inserted without 60,000 key checks. Read-only for everyone.
    """

    _name = "hr.applicant.match.line"
    _description = "Applicant Match Report Line"
    _auto = False
    _log_access = False
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
        cr = self.env.cr
        tools.drop_view_if_exists(cr, self._table)  # the former view over the report

        def insert_lines(applicants):
            return SQL(
                """
                INSERT INTO hr_applicant_match_line (applicant_id, sequence, job_id, company_id, %(columns)s)
                SELECT a.id, e.ord, a.job_id, a.company_id, %(values)s
                  FROM %(applicants)s a
                 CROSS JOIN LATERAL jsonb_array_elements(a.match_report_data->'lines') WITH ORDINALITY AS e(v, ord)
                """,
                columns=SQL(", ").join(SQL.identifier(name) for name, __, __ in COLUMNS),
                values=SQL(", ").join(SQL(expression) for __, __, expression in COLUMNS),
                applicants=applicants,
            )

        # in an UPDATE statement: the applicants whose report (or job, or company) changed
        changed = SQL(
            """
            (SELECT n.id, n.job_id, n.company_id, n.match_report_data
               FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE n.match_report_data IS DISTINCT FROM o.match_report_data
                 OR n.job_id IS DISTINCT FROM o.job_id
                 OR n.company_id IS DISTINCT FROM o.company_id)
            """
        )
        cr.execute(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS hr_applicant_match_line (
                    id serial PRIMARY KEY,
                    applicant_id int4 NOT NULL REFERENCES hr_applicant(id) ON DELETE CASCADE,
                    sequence int4,
                    job_id int4,
                    company_id int4,
                    %(definitions)s
                );
                CREATE INDEX IF NOT EXISTS hr_applicant_match_line_applicant_id_index
                    ON hr_applicant_match_line (applicant_id);

                CREATE OR REPLACE FUNCTION hr_applicant_match_line_sync() RETURNS trigger
                LANGUAGE plpgsql AS $body$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        %(insert_new)s;
                    ELSE
                        DELETE FROM hr_applicant_match_line l USING %(changed)s c WHERE l.applicant_id = c.id;
                        %(insert_changed)s;
                    END IF;
                    RETURN NULL;
                END
                $body$;

                DROP TRIGGER IF EXISTS hr_applicant_match_line_insert ON hr_applicant;
                CREATE TRIGGER hr_applicant_match_line_insert AFTER INSERT ON hr_applicant
                    REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION hr_applicant_match_line_sync();
                DROP TRIGGER IF EXISTS hr_applicant_match_line_update ON hr_applicant;
                CREATE TRIGGER hr_applicant_match_line_update AFTER UPDATE ON hr_applicant
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION hr_applicant_match_line_sync();
                """,
                definitions=SQL(", ").join(SQL("%s %s", SQL.identifier(name), SQL(kind)) for name, kind, __ in COLUMNS),
                insert_new=insert_lines(SQL("new_rows")),
                changed=changed,
                insert_changed=insert_lines(changed),
            )
        )
