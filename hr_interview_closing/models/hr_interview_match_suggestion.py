from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

from ..services import match, placeholders

SITUATIONS = [
    (match.CONTRADICTION, "Contradiction"),
    (match.MISSING_MUST_HAVE, "Missing must-have"),
    (match.LOW_MATCH, "Low match"),
    (match.LOW_MATCH_NO_EVIDENCE, "Low match, skill without evidence"),
]


class HrInterviewMatchSuggestion(models.Model):
    """The sentence the interviewers get for one situation of a weak match.

    Texts are translatable and may use the placeholders {{ score }}, {{ threshold }}, {{ skill }},
    {{ level }}, {{ required }}, {{ claimed }} and {{ assessed }} (the syntax of the closing scripts,
    services/placeholders.py). A company's own text replaces the shared one.
    """

    _name = "hr.interview.match.suggestion"
    _description = "Weak-Match Suggestion"
    _order = "sequence, id"
    _rec_name = "situation"

    situation = fields.Selection(SITUATIONS, required=True)
    text = fields.Text(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to use this text in every company.")
    placeholders_help = fields.Char(compute="_compute_placeholders_help", string="Placeholders")

    @api.depends("situation")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """The situation's label ("Contradiction"), not its key."""
        labels = dict(self._fields["situation"]._description_selection(self.env))
        for suggestion in self:
            suggestion.display_name = labels.get(suggestion.situation, "")

    def _compute_placeholders_help(self):
        text = placeholders.example(match.PLACEHOLDERS)
        for suggestion in self:
            suggestion.placeholders_help = text

    @api.constrains("text")
    def _check_text(self):
        """Refuse, in every installed language, a text the renderer would choke on."""
        languages = dict(self.env["res.lang"].get_installed())
        for suggestion in self:
            for code in languages:
                try:
                    placeholders.check(suggestion.with_context(lang=code).text, match.PLACEHOLDERS)
                except placeholders.PlaceholderError as error:
                    raise ValidationError(
                        _(
                            "The suggestion text (%(lang)s) uses %(bad)s, which is not a placeholder. Use only "
                            "%(allowed)s.",
                            lang=languages[code],
                            bad=error.detail,
                            allowed=placeholders.example(match.PLACEHOLDERS),
                        )
                    ) from None

    @api.constrains("situation", "company_id", "active")
    def _check_unique(self):
        for suggestion in self.filtered("active"):
            twins = self.search_count(
                [
                    ("situation", "=", suggestion.situation),
                    ("company_id", "=", suggestion.company_id.id),
                    ("id", "!=", suggestion.id),
                ]
            )
            if twins:
                labels = dict(self._fields["situation"]._description_selection(self.env))
                raise ValidationError(
                    _(
                        "There is already a suggestion for “%(situation)s” in %(scope)s: edit it, or archive it first.",
                        situation=labels[suggestion.situation],
                        scope=suggestion.company_id.name or _("every company"),
                    )
                )

    @api.model
    def _texts(self, companies):
        """{company id: {situation: text}} in the context's language, a company's own texts first
        (False: the shared texts). Cached: cleared when a suggestion changes."""
        cached = self._texts_by_company(tuple(sorted(companies.ids)), self.env.lang or "en_US")
        return {key: dict(texts) for key, texts in cached.items()}

    @api.model
    @tools.ormcache("company_ids", "lang")
    def _texts_by_company(self, company_ids, lang):
        records = self.sudo().with_context(lang=lang).search([("company_id", "in", [*company_ids, False])])
        shared = {r.situation: r.text for r in records if not r.company_id}
        result = {False: shared}
        for company_id in company_ids:
            own = {r.situation: r.text for r in records if r.company_id.id == company_id}
            result[company_id] = {**shared, **own}
        return result

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _texts_by_company
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=None):
        self.env.registry.clear_cache()  # the translation dialog writes without write()
        return super()._update_field_translations(field_name, translations, digest, source_lang)
