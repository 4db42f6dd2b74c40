import json
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
    "match_line_data",
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

# One line of hr_applicant.match_line_data is a JSON array of these values, in this order (an
# array rather than an object: half the size, and half the time to write); the view
# hr.applicant.match.line turns each into a record with these fields.
LINE_FIELDS = (
    "skill_id",
    "requirement_id",
    "must_have",
    "weight",
    "required_level_id",
    "required_progress",
    "claimed_level_id",
    "claimed_progress",
    "assessment_id",
    "assessed_label",
    "assessed_progress",
    "effective_progress",
    "contribution",
    "status",
    "mentioned",
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
    # the report lines, as hr.applicant.match.line (a view) reads them: see that model
    match_line_data = fields.Json(readonly=True, copy=False)
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
    def _match_concern_keywords(self):
        """A function company id → compiled keywords of the concern topics that company uses,
        keyed by topic id (as a string). One query, whatever the number of applicants."""
        # sudo: configuration data, read to scan notes the user was allowed to write
        topics = (
            self.env["hr.interview.concern.topic"]
            .sudo()
            .search_fetch([("keywords", "!=", False)], ["keywords", "company_id"])
        )
        compiled = {}

        def for_company(company_id):
            if company_id not in compiled:
                compiled[company_id] = phone_screen.compile_keywords(
                    {
                        str(topic.id): topic._keyword_list()
                        for topic in topics
                        if not topic.company_id or topic.company_id.id == company_id
                    }
                )
            return compiled[company_id]

        return for_company

    @api.model
    def _match_concern_labels(self):
        """The concern topics' names by key (the topic id as a string), in the user's language."""
        topics = self.env["hr.interview.concern.topic"].sudo().with_context(active_test=False).search([])
        return {str(topic.id): topic.name for topic in topics}

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
        if "phone_screen_notes" in vals:
            # sudo: the concerns follow the notes on the interviews still to come or running
            self.sudo().interview_session_ids._prefill_concerns_from_phone_screen()
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

    def action_print_match_report(self):
        return self.env.ref("hr_interview_closing.action_report_applicant_match").report_action(self)

    # ------------------------------------------------------------------
    # The match report
    # ------------------------------------------------------------------

    def _match_recompute(self):
        """Compute and store the match report of these applicants, in a constant number of queries.

        Reads the applicants, requirements, claims and latest assessments with one query each, runs
        the pure engine (services/match.py), then writes every score and report (its lines as JSON,
        read back through the hr.applicant.match.line view) with one UPDATE. Access rights are
        those of the change that triggered it: the report is a consequence of data the user was
        allowed to change.
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
                SELECT a.id, a.job_id, a.candidate_id, a.phone_screen_notes, c.id,
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
        requirements, skill_names = self._match_read_requirements({row[1] for row in applicant_rows if row[1]})
        claims, assessed = self._match_read_evidence(
            ids, [row[2] for row in applicant_rows if row[2]], list(skill_names)
        )
        skill_keywords = phone_screen.compile_keywords(
            {skill_id: set(names.values()) for skill_id, names in skill_names.items()}
        )
        concern_keywords = self._match_concern_keywords()
        no_requirements = ((), (), ())
        no_evidence = ({}, {})

        columns = {
            "id": [],
            "score": [],
            "level": [],
            "contradictions": [],
            "must_have": [],
            "concerns": [],
            "lines": [],
        }
        for applicant_id, job_id, candidate_id, notes, company_id, low, strong, gap, discount in applicant_rows:
            reqs, req_ids, level_ids = requirements.get(job_id, no_requirements)
            claimed, claimed_levels = claims.get(candidate_id, no_evidence)
            latest, assessment_ids = assessed.get(applicant_id, no_evidence)
            mentioned, concerns = (), ()
            if notes:
                mentioned = phone_screen.find(
                    notes, {r.key: skill_keywords[r.key] for r in reqs if r.key in skill_keywords}
                )
                concerns = phone_screen.find(notes, concern_keywords(company_id))
            settings = match.Settings(float(low or 0), float(strong or 0), float(gap or 0), float(discount or 0))
            report = match.compute(reqs, claimed, latest, settings, mentioned)
            lines = []
            for line, req_id, level_id in zip(report.lines, req_ids, level_ids, strict=True):
                skill_id = line.requirement.key
                claim, assessment = line.claimed, line.assessed
                lines.append(
                    [  # in the order of LINE_FIELDS
                        skill_id,
                        req_id,
                        line.requirement.must_have,
                        line.requirement.weight,
                        level_id,
                        line.requirement.required,
                        claimed_levels.get(skill_id),
                        claim.progress if claim else None,
                        assessment_ids.get(skill_id),
                        assessment.label if assessment else None,
                        assessment.progress if assessment else None,
                        line.effective,
                        line.contribution,
                        line.status,
                        line.mentioned,
                    ]
                )
            columns["id"].append(applicant_id)
            columns["score"].append(report.score)
            columns["level"].append(report.level)
            columns["contradictions"].append(report.contradiction_count)
            columns["must_have"].append(bool(report.missing_must_haves))
            columns["concerns"].append(",".join(concerns) or None)
            columns["lines"].append(json.dumps(lines, separators=(",", ":")) if lines else None)

        cr.execute(
            SQL(
                """
                UPDATE hr_applicant a
                   SET match_score = v.score, match_level = v.level, match_contradiction_count = v.contradictions,
                       match_must_have_missing = v.must_have, match_phone_concerns = v.concerns,
                       match_line_data = v.lines
                  FROM unnest(%s::int4[], %s::float8[], %s::varchar[], %s::int4[], %s::bool[], %s::varchar[],
                              %s::jsonb[])
                       AS v(id, score, level, contradictions, must_have, concerns, lines)
                 WHERE a.id = v.id
                """,
                columns["id"],
                columns["score"],
                columns["level"],
                columns["contradictions"],
                columns["must_have"],
                columns["concerns"],
                columns["lines"],
            )
        )
        self.env["hr.applicant.match.line"].invalidate_model()
        applicants = self.browse(ids)
        applicants.invalidate_recordset([*MATCH_REPORT_FIELDS, "match_line_ids"])
        applicants.modified([*MATCH_REPORT_FIELDS, "match_line_ids"])

    def _match_read_requirements(self, job_ids):
        """({job id: (requirements, their ids, their minimum levels' ids)}, {skill id: names by language})
        of the given jobs, must-haves and heavy weights first, in one query."""
        requirements, skill_names = {}, {}
        if not job_ids:
            return requirements, skill_names
        self.env.cr.execute(
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
                list(job_ids),
            )
        )
        lang = self.env.lang or "en_US"
        rows = defaultdict(list)
        for (
            job_id,
            req_id,
            skill_id,
            level_id,
            progress,
            level_name,
            weight,
            must_have,
            names,
        ) in self.env.cr.fetchall():
            names = names or {}
            skill_names[skill_id] = names
            requirement = match.Requirement(
                key=skill_id,
                required=progress or 0,
                weight=weight,
                must_have=bool(must_have),
                label=names.get(lang) or names.get("en_US", ""),
                required_label=level_name,
            )
            rows[job_id].append((requirement, req_id, level_id))
        for job_id, job_rows in rows.items():
            requirements[job_id] = tuple(zip(*job_rows, strict=True))
        return requirements, skill_names

    def _match_read_evidence(self, applicant_ids, candidate_ids, skill_ids):
        """The claims ({candidate id: ({skill id: evidence}, {skill id: level id})}) and the latest
        assessments ({applicant id: ({skill id: evidence}, {skill id: assessment id})}) of the
        given skills, in one query each."""
        claims = defaultdict(lambda: ({}, {}))
        assessed = defaultdict(lambda: ({}, {}))
        if not skill_ids:
            return claims, assessed
        cr = self.env.cr
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
            evidence, levels = claims[candidate_id]
            evidence[skill_id] = match.Evidence(progress=progress or 0, label=level_name)
            levels[skill_id] = level_id
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
                applicant_ids,
                skill_ids,
            )
        )
        for applicant_id, skill_id, assessment_id, progress, level_name, score, date in cr.fetchall():
            evidence, assessment_ids = assessed[applicant_id]
            label = level_name or f"{match.format_number(score or 0)} %"
            evidence[skill_id] = match.Evidence(
                progress=float(progress or 0), label=label, when=date, order=assessment_id
            )
            assessment_ids[skill_id] = assessment_id
        return claims, assessed

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
