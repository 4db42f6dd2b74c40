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
    preview = fields.Text(compute="_compute_preview", help="The script rendered on sample data.")

    @api.depends("body")
    @api.depends_context("lang")
    def _compute_preview(self):
        values = self._sample_values()
        for script in self:
            try:
                script.preview = script._render(values)
            except closing.ScriptError:
                script.preview = False

    @api.constrains("body")
    def _check_body(self):
        """Refuse, in every installed language, a body the renderer would choke on."""
        for script in self:
            for code, __ in self.env["res.lang"].get_installed():
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
                        _("%(script)s (%(lang)s): %(message)s", script=script.name, lang=code, message=message)
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
        return {
            "candidate_name": "Li Wei",
            "job": _("Senior Java Developer"),
            "strengths": _("Java, Spring Boot"),
            "gaps": _("Kubernetes"),
            "open_concerns": _("business travel"),
            "answer_date": format_date(self.env, date(2026, 3, 6)),
            "interviewer": self.env.user.name,
            "company": self.env.company.name,
        }

    @api.model
    def _best_for(self, scenario, job, company):
        """The script of a scenario for a job: the job's own first, then the company's, then any."""
        scripts = self.search(
            [("scenario", "=", scenario), ("company_id", "in", [company.id, False]), ("job_id", "in", [job.id, False])]
        )
        return scripts.sorted(lambda s: (not s.job_id, not s.company_id, s.sequence, s.id))[:1]
