"""Applicant: reading the stored match report (hr_applicant_match.py) for the forms, the alerts
and the closing — its lines, the suggestion, strengths and gaps in the reader's language — from
the applicant's own row, without recomputing anything."""

import json

from odoo import _, api, fields, models

from ..services import match
from .hr_applicant_match import SETTINGS, _name_in


class HrApplicant(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_applicant.py
    _inherit = "hr.applicant"  # pylint: disable=consider-merging-classes-inherited

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
