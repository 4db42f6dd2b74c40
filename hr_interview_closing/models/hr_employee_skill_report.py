from odoo import fields, models


class HrEmployeeSkillReport(models.BaseModel):
    _inherit = "hr.employee.skill.report"

    # hr_skills' view reads hr_skill_level.name, which this add-on makes translatable (JSONB): the
    # report column reads it in the user's language too. Declared here, the view is also rebuilt
    # when this add-on converts the column (the conversion drops the views that read it).
    skill_level = fields.Char(readonly=True, translate=True)
