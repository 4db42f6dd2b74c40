from odoo import fields, models
from odoo.tools import SQL


def standard_level_names(env):
    """{English name: the same name in ``env``'s language} of the levels Odoo's hr_skills ships
    (the CEFR levels A1–C2 and L1–L4 read the same in every language)."""
    return {
        "Beginner": env._("Beginner"),
        "Elementary": env._("Elementary"),
        "Intermediate": env._("Intermediate"),
        "Advanced": env._("Advanced"),
        "Expert": env._("Expert"),
    }


class HrSkillLevel(models.Model):
    _inherit = "hr.skill.level"

    # Translatable here, where hr_skills has it a plain Char: an interviewer reading Chinese reads
    # "高级" in the match report, the suggestions and the PDF, not "Advanced". Odoo converts the
    # column to JSONB on install and back on uninstall (loading.py, models_to_untranslate).
    name = fields.Char(translate=True)

    def _translate_standard_names(self, langs):
        """Give the levels named like Odoo's standard ones (Beginner … Expert) their name in
        ``langs``, from this add-on's translations, where the level has none of its own yet (a name
        someone translated or renamed is kept). One query per language; the number of levels named.
        """
        count = 0
        for lang in langs:
            if lang == "en_US":
                continue
            names = standard_level_names(self.with_context(lang=lang).env)
            pairs = [(english, translated) for english, translated in names.items() if translated != english]
            if not pairs:
                continue
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE hr_skill_level l
                       SET name = l.name || jsonb_build_object(%(lang)s, v.translated)
                      FROM unnest(%(english)s::varchar[], %(translated)s::varchar[]) AS v(english, translated)
                     WHERE l.name->>'en_US' = v.english
                       AND COALESCE(l.name->>%(lang)s, v.english) = v.english
                    """,
                    lang=lang,
                    english=[english for english, __ in pairs],
                    translated=[translated for __, translated in pairs],
                )
            )
            count += self.env.cr.rowcount
        self.env["hr.skill.level"].invalidate_model(["name"])
        return count
