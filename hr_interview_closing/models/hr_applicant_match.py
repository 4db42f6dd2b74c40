"""Applicant: the match report — the job's skill requirements against the applicant's evidence.

The report is a stored compute: the ORM recomputes it in the transaction of any change of its
sources (requirements, their skills and levels, claimed skills, assessments, the job, the
company's settings), deletions included, through the dependencies declared below. The compute
reads the sources of the whole batch with one query each and runs the pure engine
(services/match.py). The report is stored on the applicant as one JSON document with named keys
(``match_report_data``); the table behind hr.applicant.match.line follows it (read by a query, see
that model). The concern topics are not related to applicants: a change of their keywords
marks the reports to recompute explicitly (hr.interview.concern.topic).
"""

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
# The fields of the stored report: one compute, one batch.
MATCH_REPORT_FIELDS = (
    "match_score",
    "match_level",
    "match_contradiction_count",
    "match_must_have_missing",
    "match_phone_concerns",
    "match_report_data",
)
# The company's settings, in the engine's order (match.Settings).
SETTINGS = ("match_low_threshold", "match_strong_threshold", "match_contradiction_gap", "match_claim_discount")
_REQUIREMENTS = "job_id.match_requirement_ids"
_CLAIMS = "candidate_id.candidate_skill_ids"
MATCH_DEPENDS = (
    "job_id",
    "candidate_id",
    "company_id",
    "phone_screen_notes",
    "job_id.match_low_threshold",
    *(f"{_REQUIREMENTS}.{name}" for name in ("skill_id", "skill_level_id", "weight", "must_have", "sequence")),
    f"{_REQUIREMENTS}.skill_id.name",
    # a deleted skill type takes its skills, levels, requirements and assessments with it by
    # database cascade: the ORM sees only the type's own deletion, hence this path to the type
    f"{_REQUIREMENTS}.skill_type_id.name",
    "assessment_ids.skill_type_id.name",
    f"{_REQUIREMENTS}.skill_level_id.level_progress",
    f"{_REQUIREMENTS}.skill_level_id.name",
    f"{_CLAIMS}.skill_id",
    f"{_CLAIMS}.skill_level_id",
    f"{_CLAIMS}.skill_level_id.level_progress",
    f"{_CLAIMS}.skill_level_id.name",
    "assessment_ids.skill_id",
    "assessment_ids.progress",
    "assessment_ids.date",
    "assessment_ids.skill_level_id.name",
    *(
        f"company_id.{name}"
        for name in ("match_low_threshold", "match_strong_threshold", "match_contradiction_gap", "match_claim_discount")
    ),
)
# The models the compute reads with SQL: their pending changes are flushed first.
MATCH_FLUSH_MODELS = (
    "hr.job.skill.requirement",
    "hr.candidate.skill",
    "hr.applicant.assessment",
    "hr.skill.level",
    "hr.skill",
)


def _name_in(names, lang):
    """A translated name ({lang: name}, or a plain name) in ``lang``."""
    if not isinstance(names, dict):
        return names or ""
    return names.get(lang) or names.get("en_US") or next(iter(names.values()), "")


class HrApplicant(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_applicant.py
    _inherit = "hr.applicant"  # pylint: disable=consider-merging-classes-inherited

    assessment_ids = fields.One2many("hr.applicant.assessment", "applicant_id", string="Assessments")
    match_score = fields.Float(
        string="Match (%)",
        digits=(5, 1),
        compute="_compute_match_report",
        store=True,
        copy=False,
        aggregator="avg",
        help="Weighted share of the job's skill requirements the evidence meets.",
    )
    match_level = fields.Selection(
        MATCH_LEVELS,
        string="Match",
        compute="_compute_match_report",
        store=True,
        copy=False,
        index=True,
    )
    match_contradiction_count = fields.Integer(
        string="Contradictions",
        compute="_compute_match_report",
        store=True,
        copy=False,
        help="Skills claimed far above what was assessed.",
    )
    match_must_have_missing = fields.Boolean(
        string="Must-Have Missing",
        compute="_compute_match_report",
        store=True,
        copy=False,
        help="A must-have skill has no evidence at all: the score is capped at the low-match threshold.",
    )
    match_phone_concerns = fields.Char(compute="_compute_match_report", store=True, copy=False)  # topic ids
    # the report itself, a JSON document: {"settings": {...}, "lines": [{...}, ...]} with named keys
    # and the skills' and levels' names in every language; hr.applicant.match.line follows it. Text,
    # not fields.Json: Odoo deep-copies a Json value at every read and write, which took 4 s of the
    # 1,000-applicant benchmark for nothing (the document is written whole and read whole).
    match_report_data = fields.Text(compute="_compute_match_report", store=True, copy=False)
    match_line_ids = fields.One2many(
        "hr.applicant.match.line",
        string="Match Report",
        compute="_compute_match_line_ids",
        readonly=True,
    )
    match_phone_concern_names = fields.Char(
        string="Concerns in Phone Screen",
        compute="_compute_match_phone_concern_names",
    )
    match_threshold = fields.Float(string="Low-Match Threshold", compute="_compute_match_texts", digits=(5, 1))
    match_suggestion = fields.Text(string="Suggestion", compute="_compute_match_texts")
    match_strengths_text = fields.Char(string="Strengths", compute="_compute_match_texts")
    match_gaps_text = fields.Char(string="Gaps", compute="_compute_match_texts")

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
        return super().write(vals)

    # ------------------------------------------------------------------
    # The stored report
    # ------------------------------------------------------------------

    @api.depends(*MATCH_DEPENDS)
    def _compute_match_report(self):
        """The report of every applicant of the batch, with one query per kind of source."""
        for model in MATCH_FLUSH_MODELS:
            self.env[model].flush_model()
        inputs = self._match_inputs()
        requirements, skill_names = self._match_read_requirements({row[0] for row in inputs.values() if row[0]})
        claims, assessed = self._match_read_evidence(
            [rid for rid in inputs if isinstance(rid, int)],
            [row[1] for row in inputs.values() if row[1]],
            list(skill_names),
        )
        skill_keywords = phone_screen.compile_keywords(
            {
                skill_id: set(names.values()) if isinstance(names, dict) else {names}
                for skill_id, names in skill_names.items()
            }
        )
        concern_keywords = self._match_concern_keywords()
        no_evidence = ({}, {})
        values = {name: [] for name in MATCH_REPORT_FIELDS}
        for applicant in self:
            job_id, candidate_id, notes, company_id, *settings_row = inputs[applicant._origin.id or applicant.id]
            settings = match.Settings(*map(float, settings_row))
            rows = requirements.get(job_id, ())
            claimed, claimed_lines = claims.get(candidate_id, no_evidence)
            latest, assessed_lines = assessed.get(applicant._origin.id, no_evidence)
            mentioned, concerns = (), ()
            if notes:
                keys = [row[0].key for row in rows]
                mentioned = phone_screen.find(
                    notes, {key: skill_keywords[key] for key in keys if key in skill_keywords}
                )
                concerns = phone_screen.find(notes, concern_keywords(company_id))
            report = match.compute([row[0] for row in rows], claimed, latest, settings, mentioned)
            lines = [
                {
                    **row[1],
                    **claimed_lines.get(line.requirement.key, {}),
                    **assessed_lines.get(line.requirement.key, {}),
                    "effective_progress": line.effective,
                    "contribution": line.contribution,
                    "status": line.status,
                    "mentioned": line.mentioned,
                }
                for row, line in zip(rows, report.lines, strict=True)
            ]
            values["match_score"].append(report.score)
            values["match_level"].append(report.level)
            values["match_contradiction_count"].append(report.contradiction_count)
            values["match_must_have_missing"].append(bool(report.missing_must_haves))
            values["match_phone_concerns"].append(",".join(concerns) or None)
            values["match_report_data"].append(
                json.dumps(
                    {"settings": dict(zip(SETTINGS, settings_row, strict=True)), "lines": lines},
                    ensure_ascii=False,
                    separators=(",", ":"),
                )
                if lines
                else None
            )
        # Fields with few distinct values are assigned by group, one assignment per value instead of
        # one per applicant: a fifth of the time of the 1,000-applicant benchmark.
        for name, field_values in values.items():
            if name in ("match_score", "match_report_data"):
                for applicant, value in zip(self, field_values, strict=True):
                    applicant[name] = value or False if name == "match_report_data" else value
                continue
            groups = defaultdict(list)
            for rid, value in zip(self._ids, field_values, strict=True):
                groups[value].append(rid)
            for value, ids in groups.items():
                self.browse(ids)[name] = value if value is not None else False
        self.env["hr.applicant.match.line"].invalidate_model()

    def _match_inputs(self):
        """{applicant id: (job id, candidate id, notes, company id, *settings)} of the batch, the
        settings in the order of SETTINGS (the job's threshold before the company's). Saved records
        are read with one query; new ones (a form being edited) from their values."""
        inputs = {}
        saved = self.browse([rid for rid in self._ids if isinstance(rid, int)])
        if saved:
            saved.flush_recordset(["job_id", "candidate_id", "phone_screen_notes", "company_id"])
            self.env["hr.job"].flush_model(["match_low_threshold", "company_id"])
            self.env["res.company"].flush_model(SETTINGS)
            self.env.cr.execute(
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
                    company=self.env.company.id,
                    ids=saved.ids,
                )
            )
            inputs = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for applicant in self - saved:
            company = applicant.company_id or applicant.job_id.company_id or self.env.company
            inputs[applicant._origin.id or applicant.id] = (
                applicant.job_id._origin.id,
                applicant.candidate_id._origin.id,
                applicant.phone_screen_notes,
                company._origin.id,
                applicant.job_id.match_low_threshold or company.match_low_threshold,
                *(company[name] for name in SETTINGS[1:]),
            )
        return inputs

    def _match_read_requirements(self, job_ids):
        """({job id: [(engine requirement, line values)]}, {skill id: names by language})
        of the given jobs, must-haves and heavy weights first, in one query."""
        requirements, skill_names = defaultdict(list), {}
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
            requirements[job_id].append(
                (
                    match.Requirement(key=skill_id, required=progress or 0, weight=weight, must_have=bool(must_have)),
                    {
                        "skill_id": skill_id,
                        "skill_name": names,
                        "requirement_id": req_id,
                        "must_have": bool(must_have),
                        "weight": weight,
                        "required_level_id": level_id,
                        "required_level_name": level_name,
                        "required_progress": progress or 0,
                    },
                )
            )
        return requirements, skill_names

    def _match_read_evidence(self, applicant_ids, candidate_ids, skill_ids):
        """The claims ({candidate id: ({skill id: evidence}, {skill id: line values})}) and the latest
        assessments ({applicant id: (same)}) of the given skills, in one query each."""
        claims = defaultdict(lambda: ({}, {}))
        assessed = defaultdict(lambda: ({}, {}))
        if not skill_ids:
            return claims, assessed
        cr = self.env.cr
        if candidate_ids:
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
                evidence, values = claims[candidate_id]
                evidence[skill_id] = match.Evidence(progress=progress or 0)
                values[skill_id] = {
                    "claimed_level_id": level_id,
                    "claimed_level_name": level_name,
                    "claimed_progress": progress or 0,
                }
        if applicant_ids:
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
                evidence, values = assessed[applicant_id]
                evidence[skill_id] = match.Evidence(progress=float(progress or 0), when=date, order=assessment_id)
                values[skill_id] = {
                    "assessment_id": assessment_id,
                    "assessed_level_name": level_name or f"{match.format_number(score or 0)} %",
                    "assessed_progress": float(progress or 0),
                }
        return claims, assessed

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

    def _match_recompute(self):
        """Recompute and store the reports of these applicants now (the ORM does it by itself when
        a source changes; this is for sources it cannot follow, and for batch jobs)."""
        applicants = self.sudo().with_context(active_test=False)
        for name in MATCH_REPORT_FIELDS:
            self.env.add_to_compute(applicants._fields[name], applicants)
        applicants.modified(MATCH_REPORT_FIELDS)  # what reads the report (its lines, texts, names)
        applicants.flush_recordset(list(MATCH_REPORT_FIELDS))

    # ------------------------------------------------------------------
    # Reading the report (no query: everything is on the applicant's row)
    # ------------------------------------------------------------------

    @api.depends("match_report_data")
    def _compute_match_line_ids(self):
        # computed (not a plain one2many): the lines are read from the report, so they change with it
        real = self.filtered(lambda a: a._origin.id)
        lines = self.env["hr.applicant.match.line"].search([("applicant_id", "in", real._origin.ids)])
        by_applicant = lines.grouped("applicant_id")
        for applicant in self:
            applicant.match_line_ids = by_applicant.get(applicant._origin, lines.browse())

    @api.depends("match_phone_concerns")
    @api.depends_context("lang")
    def _compute_match_phone_concern_names(self):
        labels = self._match_concern_labels()
        for applicant in self:
            keys = [key for key in (applicant.match_phone_concerns or "").split(",") if key]
            applicant.match_phone_concern_names = ", ".join(labels.get(key, key) for key in keys)

    @api.model
    def _match_concern_labels(self):
        """The concern topics' names by key (the topic id as a string), in the user's language."""
        topics = self.env["hr.interview.concern.topic"].sudo().with_context(active_test=False).search([])
        return {str(topic.id): topic.name for topic in topics}

    @api.depends("match_report_data", "job_id.match_low_threshold", "company_id.match_low_threshold")
    @api.depends_context("lang")
    def _compute_match_texts(self):
        texts = {}
        for applicant in self:
            report = applicant._match_report()
            applicant.match_threshold = applicant._match_settings().low_threshold
            applicant.match_strengths_text = ", ".join(line.requirement.label for line in match.strengths(report))
            applicant.match_gaps_text = ", ".join(line.requirement.label for line in match.gaps(report))
            company = applicant.company_id or self.env.company
            if match.needs_alert(report) and company.id not in texts:
                texts[company.id] = self.env["hr.interview.match.suggestion"]._texts(company)[company.id]
            applicant.match_suggestion = applicant._match_suggestion(texts.get(company.id), report=report)

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
        """The stored report as the engine's Report, names in the context's language."""
        self.ensure_one()
        data = json.loads(self.match_report_data) if self.match_report_data else {}
        lang = self.env.lang or "en_US"
        requirements, claimed, assessed, mentioned = [], {}, {}, []
        for line in data.get("lines", ()):
            key = line["skill_id"]
            requirements.append(
                match.Requirement(
                    key=key,
                    required=line["required_progress"],
                    weight=line["weight"],
                    must_have=line["must_have"],
                    label=_name_in(line["skill_name"], lang),
                    required_label=_name_in(line["required_level_name"], lang),
                )
            )
            if line.get("claimed_level_id"):
                claimed[key] = match.Evidence(
                    progress=line["claimed_progress"], label=_name_in(line["claimed_level_name"], lang)
                )
            if line.get("assessment_id"):
                assessed[key] = match.Evidence(
                    progress=line["assessed_progress"], label=_name_in(line["assessed_level_name"], lang)
                )
            if line["mentioned"]:
                mentioned.append(key)
        if data.get("settings"):
            settings = match.Settings(*(float(data["settings"][name]) for name in SETTINGS))
        else:
            settings = self._match_settings()
        return match.compute(requirements, claimed, assessed, settings, mentioned)

    def _match_strengths(self):
        """Names of the best-matched skills (met requirements, heaviest first)."""
        self.ensure_one()
        return [line.requirement.label for line in match.strengths(self._match_report())]

    def _match_gaps(self):
        """Names of the missing, weak or contradicted skills, the costliest first."""
        self.ensure_one()
        return [line.requirement.label for line in match.gaps(self._match_report())]

    def _match_suggestion(self, texts=None, report=None):
        """The concrete suggestion for the interviewers, in the context's language ('' for a good match).

        :param texts: {situation: text}, the company's configured texts when not given
        """
        self.ensure_one()
        report = report or self._match_report()
        if not match.needs_alert(report):
            return ""
        if texts is None:
            company = self.company_id or self.env.company
            texts = self.env["hr.interview.match.suggestion"]._texts(company)[company.id]
        return match.suggestion(report, texts, no_evidence_label=_("no evidence"))
