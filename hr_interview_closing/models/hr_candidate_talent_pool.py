"""The talent pool's side of the candidate, the applicant and the interview: their memberships,
the "Add to Talent Pool" action, and the withdrawal links that every later mail to the candidate
carries (see the mail layouts in views/talent_pool_templates.xml)."""

from odoo import _, api, fields, models


class HrCandidate(models.Model):
    _inherit = "hr.candidate"  # pylint: disable=consider-merging-classes-inherited

    talent_pool_member_ids = fields.One2many(
        "hr.interview.talent.pool.member",
        "candidate_id",
        string="Talent Pools",
        groups="hr_recruitment.group_hr_recruitment_user",
    )
    talent_pool_count = fields.Integer(
        string="# Talent Pools", compute="_compute_talent_pool_count", groups="hr_recruitment.group_hr_recruitment_user"
    )

    talent_pool_consent_given = fields.Boolean(
        compute="_compute_talent_pool_consent_given",
        store=True,
        compute_sudo=True,
        help="The candidate gave a talent pool consent still running: their mails offer to withdraw it.",
    )

    @api.depends("talent_pool_member_ids.consent_state")
    def _compute_talent_pool_consent_given(self):
        for candidate in self:
            candidate.talent_pool_consent_given = "given" in candidate.talent_pool_member_ids.mapped("consent_state")

    def _compute_talent_pool_count(self):
        counts = dict(
            self.env["hr.interview.talent.pool.member"]._read_group(
                [("candidate_id", "in", self.ids)], ["candidate_id"], ["__count"]
            )
        )
        for candidate in self:
            candidate.talent_pool_count = counts.get(candidate, 0)

    def action_add_to_talent_pool(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Add to Talent Pool"),
            "res_model": "hr.interview.talent.pool.add",
            "view_mode": "form",
            "target": "new",
            "context": {"default_candidate_ids": self.ids},
        }

    def action_open_talent_pools(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_interview_closing.action_hr_interview_talent_pool_member"
        )
        action["domain"] = [("candidate_id", "=", self.id)]
        action["context"] = {"default_candidate_id": self.id}
        return action

    def _interview_pool_withdraw_links(self):
        """[(pool name, withdrawal url)] of the consents these candidates gave: every mail to them
        offers to withdraw. Read as the superuser: the mail is the candidate's own. A stored flag
        (read with the mail's other candidate fields) spares the search for everybody else."""
        candidates = self.filtered("talent_pool_consent_given")
        if not candidates:
            return []
        members = (
            self.env["hr.interview.talent.pool.member"]
            .sudo()
            .search([("candidate_id", "in", candidates.ids), ("consent_state", "=", "given")])
        )
        return [(member.pool_id.name, member._withdraw_url()) for member in members if member.withdraw_token]


class HrApplicant(models.Model):
    _inherit = "hr.applicant"  # pylint: disable=consider-merging-classes-inherited

    def _interview_pool_withdraw_links(self):
        return self.candidate_id._interview_pool_withdraw_links()


class HrInterviewSession(models.Model):
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    talent_pool_member_ids = fields.One2many(
        "hr.interview.talent.pool.member",
        "session_id",
        string="Talent Pool",
        groups="hr_recruitment.group_hr_recruitment_user",
    )

    def _interview_pool_withdraw_links(self):
        return self.candidate_id._interview_pool_withdraw_links()

    def action_add_to_talent_pool(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Add to Talent Pool"),
            "res_model": "hr.interview.talent.pool.add",
            "view_mode": "form",
            "target": "new",
            "context": {"default_candidate_ids": self.candidate_id.ids, "default_session_id": self.id},
        }

    def _talent_pool_consent_url(self):
        """The consent link the thank-you mail offers, when the interview's outcome is the talent
        pool and a membership from this interview awaits the candidate's answer."""
        self.ensure_one()
        if self.outcome != "talent_pool":
            return ""
        member = self.sudo().talent_pool_member_ids.filtered(lambda m: m.consent_state == "requested")[:1]
        return member._consent_url() if member else ""

    def _followup_prepare(self, now):
        """The thank-you mail of an interview closed with the talent pool as outcome carries a fresh
        consent link for the memberships it created."""
        result = super()._followup_prepare(now)
        members = (
            self.sudo()
            .filtered(lambda s: s.outcome == "talent_pool")
            .talent_pool_member_ids.filtered(lambda m: m.consent_state in ("requested", "expired"))
        )
        members._consent_prepare_request("thank_you_mail")
        return result
