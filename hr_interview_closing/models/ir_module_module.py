from odoo import models

# The modules whose translations name skills and skill levels.
SKILL_TERMS_MODULES = {"hr_skills", "hr_interview_closing"}


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """Loading a language also names the standard skill levels in it (hr_skills ships no
        translation of them, their name being a plain Char there). The translations are written in
        SQL, which the ORM does not follow: the match reports, which keep the skills' and levels'
        names in every language and scan the notes for the skills' names, are recomputed."""
        super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        if not SKILL_TERMS_MODULES & set(modules) or not set(langs) - {"en_US"}:
            return
        self.env["hr.skill.level"].flush_model(["name"])
        self.env["hr.skill.level"]._translate_standard_names(langs)
        # sudo: the reports follow the skills' names, whoever loads the language
        applicants = self.env["hr.applicant"].sudo().search([("match_report_data", "!=", False)])
        applicants._match_recompute()
