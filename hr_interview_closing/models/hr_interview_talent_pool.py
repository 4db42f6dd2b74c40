"""Talent pool: a named group of candidates kept, with their consent, for later jobs. Shaped like
Odoo 19's ``hr.talent.pool`` (name, manager, description, company, tags, color) so that a port
maps onto it; our members carry the consent that 19 leaves out."""

from odoo import api, fields, models


class HrInterviewTalentPool(models.Model):
    _name = "hr.interview.talent.pool"
    _description = "Talent Pool"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    color = fields.Integer(string="Color Index")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    manager_id = fields.Many2one(
        "res.users",
        string="Pool Manager",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Who keeps the pool alive: asks for consents and looks at its talents when a job opens.",
    )
    description = fields.Html()
    tag_ids = fields.Many2many(
        "hr.applicant.category",
        "hr_interview_talent_pool_tag_rel",
        "pool_id",
        "tag_id",
        string="Tags",
    )
    member_ids = fields.One2many("hr.interview.talent.pool.member", "pool_id", string="Talents")
    member_count = fields.Integer(string="# Talents", compute="_compute_member_count")
    consented_count = fields.Integer(string="# Consented", compute="_compute_member_count")

    @api.depends("member_ids.consent_state")
    def _compute_member_count(self):
        counts = {
            (pool.id, state): count
            for pool, state, count in self.env["hr.interview.talent.pool.member"]._read_group(
                [("pool_id", "in", self.ids)], ["pool_id", "consent_state"], ["__count"]
            )
        }
        for pool in self:
            by_state = {state: count for (pool_id, state), count in counts.items() if pool_id == pool.id}
            pool.member_count = sum(by_state.values())
            pool.consented_count = by_state.get("given", 0)

    def action_open_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_interview_closing.action_hr_interview_talent_pool_member"
        )
        action["domain"] = [("pool_id", "=", self.id)]
        action["context"] = {"default_pool_id": self.id}
        return action
