"""Applicant: reading the stored match report (hr_applicant_match.py) for the forms, the alerts
and the closing — its lines, the suggestion, strengths and gaps in the reader's language — from
the applicant's own row, without recomputing anything."""

import json

from markupsafe import Markup, escape

from odoo import _, api, fields, models

from ..services import closing, match
from .hr_applicant_match import SETTINGS, _name_in

# one line of the report table, and the table (values escaped by _compute_match_report_html)
ROW = (
    '<tr class="o_hic_match_{status}"><td>{skill}{must}</td><td class="text-end">{weight}</td>'
    "<td>{required}</td><td>{claimed}</td><td>{assessed}</td>"
    '<td class="text-end">{effective}</td><td class="text-end">{contribution}</td>'
    '<td><span class="badge rounded-pill text-bg-{color}">{label}</span></td>'
    '<td class="text-center">{mentioned}</td></tr>'
)
TABLE = (
    '<table class="table table-sm o_hic_match_report"><thead><tr>{head}</tr></thead>'
    '<tbody>{rows}</tbody><tfoot><tr><td colspan="6"/><td class="text-end fw-bold">{total}</td>'
    '<td colspan="2"/></tr></tfoot></table>'
)


class HrApplicant(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_applicant.py
    _inherit = "hr.applicant"  # pylint: disable=consider-merging-classes-inherited

    match_report_html = fields.Html(
        string="Match Report Lines",
        compute="_compute_match_report_html",
        sanitize=False,  # built from escaped values only (Markup), see _compute_match_report_html
        help="The report's lines, as stored with the score: no query to show them.",
    )
    assessment_count = fields.Integer(compute="_compute_assessment_count", store=True)
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
    match_suggestion = fields.Text(string="Suggestion", compute="_compute_match_suggestion")
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

    @api.depends("assessment_ids")
    def _compute_assessment_count(self):
        counts = dict(
            self.env["hr.applicant.assessment"]._read_group(
                [("applicant_id", "in", self._origin.ids)], ["applicant_id"], ["__count"]
            )
        )
        for applicant in self:
            applicant.assessment_count = counts.get(applicant._origin, 0)

    @api.depends("match_report_data")
    @api.depends_context("lang")
    def _compute_match_report_html(self):
        """The report's lines as a table, in the reader's language, from the stored document."""
        statuses = dict(self.env["hr.applicant.match.line"]._fields["status"]._description_selection(self.env))
        lang = self.env.lang or "en_US"
        headers = (
            _("Skill"),
            _("Weight"),
            _("Required Level"),
            _("Claimed"),
            _("Assessed"),
            _("Effective"),
            _("Contribution"),
            _("Status"),
            _("Named in Phone Screen"),
        )
        must = ' <span class="badge text-bg-secondary">{}</span>'.format(escape(_("Must-have")))
        check = f'<i class="fa fa-check" title="{escape(headers[-1])}"/>'
        head = "".join(f"<th>{escape(header)}</th>" for header in headers)
        # plain str.format of escaped values: Markup.format escapes through a Formatter, which was
        # half of this compute's time on the applicant form
        for applicant in self:
            data = json.loads(applicant.match_report_data) if applicant.match_report_data else {}
            lines = data.get("lines") or []
            if not lines:
                applicant.match_report_html = False
                continue
            rows = [
                ROW.format(
                    status=escape(line["status"]),
                    skill=escape(_name_in(line["skill_name"], lang)),
                    must=must if line["must_have"] else "",
                    weight=escape(line["weight"]),
                    required=escape(_name_in(line["required_level_name"], lang)),
                    claimed=escape(_name_in(line.get("claimed_level_name") or "", lang)),
                    assessed=escape(_name_in(line.get("assessed_level_name") or "", lang)),
                    effective=f"{line['effective_progress']:.1f} %",
                    contribution=f"{line['contribution']:.1f}",
                    color={"met": "success", "partial": "warning"}.get(line["status"], "danger"),
                    label=escape(statuses.get(line["status"], line["status"])),
                    mentioned=check if line["mentioned"] else "",
                )
                for line in lines
            ]
            total = sum(line["contribution"] for line in lines)
            applicant.match_report_html = Markup(
                TABLE.format(head=head, rows="".join(rows), total=f"{match.round_half_up(total, 1):.1f}")
            )

    @api.depends("match_phone_concerns")
    @api.depends_context("lang")
    def _compute_match_phone_concern_names(self):
        labels = self._match_concern_labels()
        for applicant in self:
            keys = [key for key in (applicant.match_phone_concerns or "").split(",") if key]
            names = [labels.get(key, key) for key in keys]
            applicant.match_phone_concern_names = closing.join_names(names, self.env.lang)

    @api.model
    def _match_concern_labels(self):
        """The concern topics' names by key (the topic id as a string), in the user's language."""
        return self.env["hr.interview.concern.topic"]._labels_by_key(self.env.lang or "en_US")

    @api.depends("match_report_data", "job_id.match_low_threshold", "company_id.match_low_threshold")
    @api.depends_context("lang")
    def _compute_match_texts(self):
        """The threshold, strengths and gaps, from the engine's conclusions stored with the report:
        nothing is recomputed when a form is read."""
        for applicant in self:
            document = applicant._match_document()
            settings = document.get("settings")
            applicant.match_threshold = (
                settings["match_low_threshold"] if settings else applicant._match_settings().low_threshold
            )
            applicant.match_strengths_text = ", ".join(applicant._match_strengths(document))
            applicant.match_gaps_text = ", ".join(applicant._match_gaps(document))

    @api.depends("match_alert_data")
    @api.depends_context("lang")
    def _compute_match_suggestion(self):
        """The suggestion, from what the report stored for it with the applicant's row."""
        texts = {}
        for applicant in self:
            alert = json.loads(applicant.match_alert_data) if applicant.match_alert_data else None
            if not alert:
                applicant.match_suggestion = False
                continue
            # the company whose settings the report used (stored with it: no need to read the applicant)
            company = self.env["res.company"].browse(alert.get("company_id")) or self.env.company
            if company.id not in texts:
                texts[company.id] = self.env["hr.interview.match.suggestion"]._texts(company)[company.id]
            applicant.match_suggestion = applicant._match_suggestion(texts[company.id], alert=alert)

    def _match_document(self):
        """The stored report document ({} without requirements)."""
        self.ensure_one()
        return json.loads(self.match_report_data) if self.match_report_data else {}

    def _match_names(self, document, key):
        """The names (in the context's language) of the skills of ``document[key]`` (positions)."""
        lang = self.env.lang or "en_US"
        lines = document.get("lines", ())
        return [_name_in(lines[index]["skill_name"], lang) for index in document.get(key, ())]

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

    def _match_strengths(self, document=None):
        """Names of the best-matched skills (met requirements, heaviest first)."""
        self.ensure_one()
        return self._match_names(document if document is not None else self._match_document(), "strengths")

    def _match_gaps(self, document=None):
        """Names of the missing, weak or contradicted skills, the costliest first."""
        self.ensure_one()
        return self._match_names(document if document is not None else self._match_document(), "gaps")

    def _match_suggestion(self, texts=None, alert=None):
        """The concrete suggestion for the interviewers, in the context's language ('' for a good match).

        :param texts: {situation: text}, the company's configured texts when not given
        """
        self.ensure_one()
        if alert is None:
            alert = json.loads(self.match_alert_data) if self.match_alert_data else None
        if not alert:
            return ""
        if texts is None:
            company = self.env["res.company"].browse(alert.get("company_id")) or self.env.company
            texts = self.env["hr.interview.match.suggestion"]._texts(company)[company.id]
        lang = self.env.lang or "en_US"
        return match.document_suggestion(
            alert, texts, lambda value: _name_in(value, lang), no_evidence_label=_("no evidence")
        )
