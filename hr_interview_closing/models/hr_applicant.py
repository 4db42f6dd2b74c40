from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..services import match, phone_screen

MATCH_LEVELS = [
    ("strong", "Strong"),
    ("fair", "Fair"),
    ("low", "Low"),
    ("unknown", "Unknown"),
]
# Stored report fields: written only by _match_recompute (raw SQL), refused to write().
MATCH_REPORT_FIELDS = (
    "match_score",
    "match_level",
    "match_contradiction_count",
    "match_must_have_missing",
    "match_phone_concerns",
)
# Applicant fields the report depends on.
MATCH_SOURCE_FIELDS = {"job_id", "candidate_id", "company_id", "phone_screen_notes", "active"}
# The models whose pending writes the report reads (flushed before it reads them in SQL).
MATCH_FLUSH_MODELS = (
    "hr.applicant",
    "hr.job",
    "hr.job.skill.requirement",
    "hr.candidate.skill",
    "hr.applicant.assessment",
    "hr.skill.level",
    "hr.skill",
    "res.company",
)
LINE_COLUMNS = (
    ("applicant_id", "int4"),
    ("sequence", "int4"),
    ("job_id", "int4"),
    ("requirement_id", "int4"),
    ("skill_id", "int4"),
    ("must_have", "bool"),
    ("weight", "int4"),
    ("required_level_id", "int4"),
    ("required_progress", "float8"),
    ("claimed_level_id", "int4"),
    ("claimed_progress", "float8"),
    ("assessment_id", "int4"),
    ("assessed_label", "varchar"),
    ("assessed_progress", "float8"),
    ("effective_progress", "float8"),
    ("contribution", "float8"),
    ("status", "varchar"),
    ("mentioned", "bool"),
    ("company_id", "int4"),
)


class HrApplicant(models.Model):
    _inherit = "hr.applicant"

    interview_session_ids = fields.One2many("hr.interview.session", "applicant_id", string="Interview Sessions")
    interview_session_count = fields.Integer(compute="_compute_interview_session_count")

    phone_screen_notes = fields.Text(
        help="What the candidate said in the phone screen. Skills and concerns named here are shown in the "
        "match report (in English or Chinese).",
    )
    assessment_ids = fields.One2many("hr.applicant.assessment", "applicant_id", string="Assessments")
    match_score = fields.Float(
        string="Match (%)",
        digits=(5, 1),
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Weighted share of the job's skill requirements the evidence meets.",
    )
    match_level = fields.Selection(
        MATCH_LEVELS,
        string="Match",
        default="unknown",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    match_line_ids = fields.One2many("hr.applicant.match.line", "applicant_id", string="Match Report", readonly=True)
    match_contradiction_count = fields.Integer(
        string="Contradictions",
        readonly=True,
        copy=False,
        help="Skills claimed far above what was assessed.",
    )
    match_must_have_missing = fields.Boolean(
        string="Must-Have Missing",
        readonly=True,
        copy=False,
        help="A must-have skill has no evidence at all: the score is capped at the low-match threshold.",
    )
    match_phone_concerns = fields.Char(readonly=True, copy=False)  # concern keys, comma-separated
    match_phone_concern_names = fields.Char(
        string="Concerns in Phone Screen",
        compute="_compute_match_phone_concern_names",
    )
    match_threshold = fields.Float(
        string="Low-Match Threshold",
        compute="_compute_match_threshold",
        digits=(5, 1),
    )
    match_suggestion = fields.Text(string="Suggestion", compute="_compute_match_suggestion")
    match_strengths_text = fields.Char(string="Strengths", compute="_compute_match_strengths_text")
    match_gaps_text = fields.Char(string="Gaps", compute="_compute_match_strengths_text")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("interview_session_ids")
    def _compute_interview_session_count(self):
        counts = dict(
            self.env["hr.interview.session"]._read_group(
                [("applicant_id", "in", self.ids)], ["applicant_id"], ["__count"]
            )
        )
        for applicant in self:
            applicant.interview_session_count = counts.get(applicant._origin, 0)

    @api.depends("match_phone_concerns")
    def _compute_match_phone_concern_names(self):
        labels = self._match_concern_labels()
        for applicant in self:
            keys = [key for key in (applicant.match_phone_concerns or "").split(",") if key]
            applicant.match_phone_concern_names = ", ".join(labels.get(key, key) for key in keys)

    @api.depends("job_id.match_low_threshold", "company_id.match_low_threshold")
    def _compute_match_threshold(self):
        for applicant in self:
            applicant.match_threshold = applicant._match_settings().low_threshold

    @api.depends("match_line_ids", "match_score")
    @api.depends_context("lang")
    def _compute_match_suggestion(self):
        for applicant in self:
            applicant.match_suggestion = applicant._origin._match_suggestion() if applicant._origin else False

    @api.depends("match_line_ids")
    @api.depends_context("lang")
    def _compute_match_strengths_text(self):
        for applicant in self:
            origin = applicant._origin
            applicant.match_strengths_text = ", ".join(origin._match_strengths()) if origin else False
            applicant.match_gaps_text = ", ".join(origin._match_gaps()) if origin else False

    @api.model
    def _match_concern_labels(self):
        """The concerns of services/phone_screen.py, by key, in the user's language."""
        return {
            "overtime": _("overtime"),
            "travel": _("travel"),
            "salary": _("salary"),
            "growth": _("career growth"),
            "remote": _("remote work"),
            "relocation": _("relocation"),
            "notice": _("notice period"),
        }

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        applicants = super().create(vals_list)
        applicants._match_recompute()
        return applicants

    def write(self, vals):
        protected = set(MATCH_REPORT_FIELDS) & set(vals)
        if protected:
            raise UserError(
                _(
                    "The match report (%(fields)s) is computed from the requirements and the evidence; it "
                    "cannot be written.",
                    fields=", ".join(sorted(protected)),
                )
            )
        result = super().write(vals)
        if MATCH_SOURCE_FIELDS & set(vals):
            self._match_recompute()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_interview_sessions(self):
        self.ensure_one()
        sessions = self.env["hr.interview.session"].search([("applicant_id", "=", self.id)])
        return sessions._action_open_sessions(
            [("applicant_id", "=", self.id)],
            single=sessions if len(sessions) == 1 else None,
        )

    def action_match_recompute(self):
        self._match_recompute()
        return True

    def action_print_match_report(self):
        return self.env.ref("hr_interview_closing.action_report_applicant_match").report_action(self)

    # ------------------------------------------------------------------
    # The match report
    # ------------------------------------------------------------------

    def _match_recompute(self):
        """Compute and store the match report of these applicants, in a constant number of queries.

        Reads requirements and evidence with one query each, runs the pure engine
        (services/match.py), then replaces the report lines with one DELETE and one INSERT and
        updates the applicants with one UPDATE. Access rights are those of the change that
        triggered it: the report is a consequence of data the user was allowed to change.
        """
        ids = [applicant_id for applicant_id in self._ids if isinstance(applicant_id, int)]
        if not ids:
            return
        for model in MATCH_FLUSH_MODELS:
            self.env[model].flush_model()
        cr = self.env.cr
        default_company = self.env.company
        cr.execute(
            SQL(
                """
                SELECT a.id, a.job_id, a.candidate_id, COALESCE(a.company_id, j.company_id, %(company)s),
                       a.phone_screen_notes,
                       COALESCE(NULLIF(j.match_low_threshold, 0), c.match_low_threshold),
                       c.match_strong_threshold, c.match_contradiction_gap, c.match_claim_discount
                  FROM hr_applicant a
             LEFT JOIN hr_job j ON j.id = a.job_id
                  JOIN res_company c ON c.id = COALESCE(a.company_id, j.company_id, %(company)s)
                 WHERE a.id = ANY(%(ids)s)
                """,
                company=default_company.id,
                ids=ids,
            )
        )
        applicant_rows = cr.fetchall()
        job_ids = list({row[1] for row in applicant_rows if row[1]})
        candidate_ids = list({row[2] for row in applicant_rows if row[2]})

        requirements = defaultdict(list)  # job id: [(requirement, row)]
        skill_names = {}
        if job_ids:
            cr.execute(
                SQL(
                    """
                    SELECT r.job_id, r.id, r.skill_id, r.skill_level_id, l.level_progress, l.name,
                           r.weight, r.must_have, s.name
                      FROM hr_job_skill_requirement r
                      JOIN hr_skill_level l ON l.id = r.skill_level_id
                      JOIN hr_skill s ON s.id = r.skill_id
                     WHERE r.job_id = ANY(%s)
                  ORDER BY r.job_id, r.must_have IS TRUE DESC, r.weight DESC, r.sequence, r.id
                    """,
                    job_ids,
                )
            )
            lang = self.env.lang or "en_US"
            for job_id, req_id, skill_id, level_id, progress, level_name, weight, must_have, names in cr.fetchall():
                names = names or {}
                skill_names[skill_id] = names
                requirements[job_id].append(
                    (
                        match.Requirement(
                            key=skill_id,
                            required=progress or 0,
                            weight=weight,
                            must_have=must_have,
                            label=names.get(lang) or names.get("en_US", ""),
                            required_label=level_name,
                        ),
                        req_id,
                        level_id,
                    )
                )
        skill_ids = list(skill_names)

        claims = defaultdict(dict)  # candidate id: {skill id: (evidence, level id)}
        assessed = defaultdict(dict)  # applicant id: {skill id: (evidence, assessment id)}
        if skill_ids:
            cr.execute(
                SQL(
                    """
                    SELECT cs.candidate_id, cs.skill_id, cs.skill_level_id, l.level_progress, l.name
                      FROM hr_candidate_skill cs
                      JOIN hr_skill_level l ON l.id = cs.skill_level_id
                     WHERE cs.candidate_id = ANY(%s) AND cs.skill_id = ANY(%s)
                    """,
                    candidate_ids,
                    skill_ids,
                )
            )
            for candidate_id, skill_id, level_id, progress, level_name in cr.fetchall():
                claims[candidate_id][skill_id] = (match.Evidence(progress=progress or 0, label=level_name), level_id)
            cr.execute(
                SQL(
                    """
                    SELECT DISTINCT ON (x.applicant_id, x.skill_id)
                           x.applicant_id, x.skill_id, x.id, x.progress, l.name, x.score, x.date
                      FROM hr_applicant_assessment x
                 LEFT JOIN hr_skill_level l ON l.id = x.skill_level_id
                     WHERE x.applicant_id = ANY(%s) AND x.skill_id = ANY(%s)
                  ORDER BY x.applicant_id, x.skill_id, x.date DESC, x.id DESC
                    """,
                    ids,
                    skill_ids,
                )
            )
            for applicant_id, skill_id, assessment_id, progress, level_name, score, date in cr.fetchall():
                label = level_name or f"{match.format_number(score or 0)} %"
                evidence = match.Evidence(progress=float(progress or 0), label=label, when=date, order=assessment_id)
                assessed[applicant_id][skill_id] = (evidence, assessment_id)

        skill_keywords = phone_screen.compile_keywords(
            {skill_id: set(names.values()) for skill_id, names in skill_names.items()}
        )
        concern_keywords = phone_screen.compile_keywords(phone_screen.CONCERN_KEYWORDS)

        lines = {name: [] for name, _type in LINE_COLUMNS}
        updates = {"id": [], "score": [], "level": [], "contradictions": [], "must_have": [], "concerns": []}
        for (
            applicant_id,
            job_id,
            candidate_id,
            company_id,
            notes,
            low,
            strong,
            gap,
            discount,
        ) in applicant_rows:
            job_requirements = requirements.get(job_id, [])
            settings = match.Settings(
                low_threshold=float(low or 0),
                strong_threshold=float(strong or 0),
                contradiction_gap=float(gap or 0),
                claim_discount=float(discount or 0),
            )
            claimed = claims.get(candidate_id, {})
            latest = assessed.get(applicant_id, {})
            job_keywords = {
                req.key: skill_keywords[req.key] for req, *_ids in job_requirements if req.key in skill_keywords
            }
            mentioned_skills, concerns = (
                (phone_screen.find(notes, job_keywords), phone_screen.find(notes, concern_keywords))
                if notes
                else ([], [])
            )
            report = match.compute(
                [req for req, *_ids in job_requirements],
                claimed={key: evidence for key, (evidence, _level) in claimed.items()},
                assessments={key: evidence for key, (evidence, _id) in latest.items()},
                settings=settings,
                mentioned=mentioned_skills,
            )
            for sequence, (line, (_req, req_id, level_id)) in enumerate(
                zip(report.lines, job_requirements, strict=True)
            ):
                skill_id = line.requirement.key
                claim = claimed.get(skill_id)
                assessment = latest.get(skill_id)
                for name, value in (
                    ("applicant_id", applicant_id),
                    ("sequence", sequence),
                    ("job_id", job_id),
                    ("requirement_id", req_id),
                    ("skill_id", skill_id),
                    ("must_have", line.requirement.must_have),
                    ("weight", line.requirement.weight),
                    ("required_level_id", level_id),
                    ("required_progress", line.requirement.required),
                    ("claimed_level_id", claim[1] if claim else None),
                    ("claimed_progress", claim[0].progress if claim else None),
                    ("assessment_id", assessment[1] if assessment else None),
                    ("assessed_label", assessment[0].label if assessment else None),
                    ("assessed_progress", assessment[0].progress if assessment else None),
                    ("effective_progress", line.effective),
                    ("contribution", line.contribution),
                    ("status", line.status),
                    ("mentioned", line.mentioned),
                    ("company_id", company_id),
                ):
                    lines[name].append(value)
            updates["id"].append(applicant_id)
            updates["score"].append(report.score)
            updates["level"].append(report.level)
            updates["contradictions"].append(report.contradiction_count)
            updates["must_have"].append(bool(report.missing_must_haves))
            updates["concerns"].append(",".join(concerns) or None)

        cr.execute(SQL("DELETE FROM hr_applicant_match_line WHERE applicant_id = ANY(%s)", ids))
        if lines["applicant_id"]:
            now = self.env.cr.now()
            uid = self.env.uid
            cr.execute(
                SQL(
                    """
                    INSERT INTO hr_applicant_match_line (%s, create_uid, create_date, write_uid, write_date)
                    SELECT *, %s, %s, %s, %s FROM unnest(%s)
                    """,
                    SQL(", ").join(SQL.identifier(name) for name, _type in LINE_COLUMNS),
                    uid,
                    now,
                    uid,
                    now,
                    SQL(", ").join(
                        SQL("%s::%s[]", lines[name], SQL(column_type)) for name, column_type in LINE_COLUMNS
                    ),
                )
            )
        cr.execute(
            SQL(
                """
                UPDATE hr_applicant a
                   SET match_score = v.score, match_level = v.level, match_contradiction_count = v.contradictions,
                       match_must_have_missing = v.must_have, match_phone_concerns = v.concerns
                  FROM unnest(%s::int4[], %s::float8[], %s::varchar[], %s::int4[], %s::bool[], %s::varchar[])
                       AS v(id, score, level, contradictions, must_have, concerns)
                 WHERE a.id = v.id
                """,
                updates["id"],
                updates["score"],
                updates["level"],
                updates["contradictions"],
                updates["must_have"],
                updates["concerns"],
            )
        )
        self.env["hr.applicant.match.line"].invalidate_model()
        applicants = self.browse(ids)
        applicants.invalidate_recordset([*MATCH_REPORT_FIELDS, "match_line_ids"])
        applicants.modified([*MATCH_REPORT_FIELDS, "match_line_ids"])

    def _match_settings(self):
        """The engine's settings for this applicant: its company's, with its job's threshold."""
        self.ensure_one()
        company = self.company_id or self.job_id.company_id or self.env.company
        return match.Settings(
            low_threshold=self.job_id.match_low_threshold or company.match_low_threshold,
            strong_threshold=company.match_strong_threshold,
            contradiction_gap=company.match_contradiction_gap,
            claim_discount=company.match_claim_discount,
        )

    def _match_report(self):
        """The stored report as the engine's Report (names in the context's language)."""
        self.ensure_one()
        lines = self.match_line_ids
        requirements, claimed, assessed, mentioned = [], {}, {}, []
        for line in lines:
            key = line.skill_id.id
            requirements.append(
                match.Requirement(
                    key=key,
                    required=line.required_progress,
                    weight=line.weight,
                    must_have=line.must_have,
                    label=line.skill_id.name,
                    required_label=line.required_level_id.name or "",
                )
            )
            if line.claimed_level_id:
                claimed[key] = match.Evidence(progress=line.claimed_progress, label=line.claimed_level_id.name)
            if line.assessment_id:
                assessed[key] = match.Evidence(progress=line.assessed_progress, label=line.assessed_label or "")
            if line.mentioned:
                mentioned.append(key)
        return match.compute(requirements, claimed, assessed, self._match_settings(), mentioned)

    def _match_strengths(self):
        """Names of the best-matched skills (met requirements, heaviest first)."""
        self.ensure_one()
        return [line.requirement.label for line in match.strengths(self._match_report())]

    def _match_gaps(self):
        """Names of the missing, weak or contradicted skills, the costliest first."""
        self.ensure_one()
        return [line.requirement.label for line in match.gaps(self._match_report())]

    def _match_suggestion(self, texts=None):
        """The concrete suggestion for the interviewers, in the context's language ('' for a good match).

        :param texts: {situation: text}, the company's configured texts when not given
        """
        self.ensure_one()
        report = self._match_report()
        if not match.needs_alert(report):
            return ""
        if texts is None:
            company = self.company_id or self.env.company
            texts = self.env["hr.interview.match.suggestion"]._texts(company)[company.id]
        return match.suggestion(report, texts, no_evidence_label=_("no evidence"))
