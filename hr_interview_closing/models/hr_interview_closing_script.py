from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date
from odoo.tools.rendering_tools import parse_inline_template, render_inline_template

from ..services import closing

SCENARIOS = [
    ("low_match", "Low match"),
    ("low_interest", "Low interest"),
    ("time_overrun", "Time overrun"),
    ("strong_fit", "Strong fit"),
    ("talent_pool", "Not this job: talent pool"),
    ("custom", "Standard or custom close"),
]


class HrInterviewClosingScript(models.Model):
    """What to say at the end of an interview, for one scenario.

    The body is an Odoo inline template whose placeholders are the names of
    services.closing.PLACEHOLDERS, e.g. ``{{ candidate_name }}`` or ``{{ gaps ||| default }}``.
    """

    _name = "hr.interview.closing.script"
    _description = "Interview Closing Script"
    _order = "scenario, sequence, id"

    name = fields.Char(required=True, translate=True)
    scenario = fields.Selection(SCENARIOS, required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    body = fields.Text(
        required=True,
        translate=True,
        help="Placeholders: {{ candidate_name }}, {{ job }}, {{ strengths }}, {{ gaps }}, "
        "{{ open_concerns }}, {{ answer_date }}, {{ interviewer }}, {{ company }}. "
        "{{ gaps ||| some skills }} gives a default for an empty value.",
    )
    job_id = fields.Many2one(
        "hr.job", ondelete="cascade", index="btree_not_null", help="Use this script only for this job position."
    )
    company_id = fields.Many2one("res.company", help="Leave empty to use this script in every company.")
    preview_applicant_id = fields.Many2one(
        "hr.applicant",
        string="Preview For",
        compute="_compute_preview_applicant_id",
        inverse="_inverse_preview_applicant_id",
        help="Preview the script with this applicant's real data: their match report, open concerns "
        "and promised answer date. Empty: a fictitious sample candidate.",
    )
    preview = fields.Text(
        compute="_compute_preview",
        help="The script rendered for the chosen applicant, else for a fictitious sample candidate.",
    )
    preview_note = fields.Char(compute="_compute_preview")

    def _compute_preview_applicant_id(self):
        self.preview_applicant_id = False

    def _inverse_preview_applicant_id(self):
        """A choice for the preview only: nothing to save."""

    @api.depends("body", "preview_applicant_id")
    @api.depends_context("lang")
    def _compute_preview(self):
        sample = self._sample_values()
        for script in self:
            applicant = script.preview_applicant_id
            if applicant:
                values = script._applicant_values(applicant)
                script.preview_note = _(
                    "The real data of %(name)s: their match report, open concerns and promised answer date.",
                    name=applicant.partner_name or applicant.display_name,
                )
            else:
                values = sample
                script.preview_note = _(
                    "A fictitious sample candidate, not a real applicant. Choose an applicant to preview the "
                    "script with their real match report."
                )
            try:
                script.preview = script._render(values)
            except closing.ScriptError:
                script.preview = False

    @api.constrains("body")
    def _check_body(self):
        """Refuse, in every installed language, a body the renderer would choke on."""
        languages = dict(self.env["res.lang"].get_installed())
        for script in self:
            for code in languages:
                body = script.with_context(lang=code).body
                try:
                    closing.check_script(body)
                except closing.ScriptError as error:
                    if error.kind == "unknown":
                        message = _(
                            "The placeholder %(placeholder)s is unknown. Use one of: %(allowed)s.",
                            placeholder=error.detail,
                            allowed=", ".join(f"{{{{ {name} }}}}" for name in closing.PLACEHOLDERS),
                        )
                    else:
                        message = _(
                            "The script has a syntax error near “%(text)s”: placeholders look like "
                            "{{ candidate_name }}.",
                            text=error.detail,
                        )
                    raise ValidationError(
                        _(
                            "%(script)s (%(lang)s): %(message)s",
                            script=script.name,
                            lang=languages[code],
                            message=message,
                        )
                    )

    def _render(self, values):
        """Render the body (in the context's language) with Odoo's inline_template engine.

        ``values`` maps each placeholder to a plain string, so the output is plain text and the
        values themselves are never evaluated: a candidate called ``{{ 7*7 }}`` stays so.
        """
        self.ensure_one()
        closing.check_script(self.body)
        # the engine keeps the spaces before "}}" in a default: "{{ gaps ||| none }}" → "none"
        instructions = [(text, expr, default.strip()) for text, expr, default in parse_inline_template(self.body or "")]
        return render_inline_template(instructions, dict(values))

    @api.model
    def _sample_values(self):
        """A fictitious candidate, named as such: never a real applicant's name with invented data."""
        return {
            "candidate_name": _("Sample Candidate"),
            "job": _("Example Position"),
            "strengths": _("Python, SQL"),
            "gaps": _("Kubernetes"),
            "open_concerns": _("business travel"),
            "answer_date": format_date(self.env, date(2026, 3, 6)),
            "interviewer": self.env.user.name,
            "company": self.env.company.name,
        }

    @api.model
    def _applicant_values(self, applicant):
        """The placeholders' values of a real applicant, in the context's language: their match
        report, and the open concerns and promised answer date of their latest interview."""
        applicant = applicant.with_env(self.env)
        session = applicant.interview_session_ids.sorted(lambda s: (s.planned_start, s.id))[-1:]
        answer_date = session and (session.answer_date or session._promised_answer_date())
        open_topics = session.concern_ids.filtered(lambda c: not c.answered).topic_id
        lang = self.env.lang
        return {
            "candidate_name": applicant.partner_name or "",
            "job": applicant.job_id.name or "",
            "strengths": closing.join_names(applicant._match_strengths(), lang),
            "gaps": closing.join_names(applicant._match_gaps(), lang),
            "open_concerns": closing.join_names(open_topics.mapped("name"), lang),
            "answer_date": format_date(self.env, answer_date) if answer_date else "",
            "interviewer": self.env.user.name,
            "company": (applicant.company_id or self.env.company).name,
        }

    @api.model
    def _best_for(self, scenario, job, company):
        """The script of a scenario for a job: the job's own first, then the company's, then any."""
        scripts = self.search(
            [("scenario", "=", scenario), ("company_id", "in", [company.id, False]), ("job_id", "in", [job.id, False])]
        )
        return scripts.sorted(lambda s: (not s.job_id, not s.company_id, s.sequence, s.id))[:1]
