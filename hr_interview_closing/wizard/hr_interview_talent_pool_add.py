from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrInterviewTalentPoolAdd(models.TransientModel):
    """Add candidates to a talent pool, from their form or from an interview's outcome, and ask
    for their consent by mail."""

    _name = "hr.interview.talent.pool.add"
    _description = "Add to Talent Pool"

    pool_id = fields.Many2one("hr.interview.talent.pool", string="Talent Pool", required=True)
    candidate_ids = fields.Many2many("hr.candidate", string="Candidates", required=True)
    session_id = fields.Many2one("hr.interview.session", string="Source Interview")
    tag_ids = fields.Many2many("hr.applicant.category", string="Tags")
    note = fields.Text()
    request_consent = fields.Boolean(
        string="Ask for Consent Now",
        default=True,
        help="Mail each candidate a personal link to accept or decline. Leave unticked when the thank-you "
        "mail of the interview will ask them.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # the dialog acts on its candidates and interview: only on ones the user may see
        wizards._check_sources()
        return wizards

    def write(self, vals):
        result = super().write(vals)
        if {"candidate_ids", "session_id"} & set(vals):
            self._check_sources()
        return result

    def _check_sources(self):
        if self.env.su:
            return
        self.candidate_ids.check_access("read")
        self.session_id.check_access("read")
        self.pool_id.check_access("read")

    def action_add(self):
        self.ensure_one()
        Member = self.env["hr.interview.talent.pool.member"]
        existing = Member.search([("pool_id", "=", self.pool_id.id), ("candidate_id", "in", self.candidate_ids.ids)])
        new = self.candidate_ids - existing.candidate_id
        members = Member.create(
            [
                {
                    "pool_id": self.pool_id.id,
                    "candidate_id": candidate.id,
                    "session_id": self.session_id.id if self.session_id.candidate_id == candidate else False,
                    "tag_ids": [fields.Command.set(self.tag_ids.ids)],
                    "note": self.note or False,
                }
                for candidate in new
            ]
        )
        if self.request_consent:
            askable = (members | existing).filtered(
                lambda m: m.consent_state in ("requested", "expired") and m.candidate_id.email_normalized
            )
            if askable:
                askable.action_request_consent()
        if not members and not self.request_consent:
            raise UserError(_("These candidates are already in this talent pool."))
        return {"type": "ir.actions.act_window_close"}
