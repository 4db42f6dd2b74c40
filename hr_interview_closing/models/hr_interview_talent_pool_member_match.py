"""Talent pool member: a change of consent reaches the matching talents (hr_interview_talent_match.py)
at once: a member who withdraws, declines or expires leaves every job's list now (not at the next
computation); a member who gives consent is matched against the company's jobs by the job."""

from odoo import models
from odoo.tools import SQL


class HrInterviewTalentPoolMember(models.Model):
    # re-engagement, apart from the pool's consent (hr_interview_talent_pool_member*.py)
    _inherit = "hr.interview.talent.pool.member"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        result = super().write(vals)
        if "consent_state" in vals:
            gone = self.filtered(lambda m: m.consent_state != "given")
            if gone:
                # sudo: the consent's code path changed the member; its matches follow
                self.env["hr.interview.talent.match"].sudo().search(
                    [("member_id", "in", gone.ids), ("state", "!=", "accepted")]
                ).unlink()
            given = self - gone
            if given:
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM hr_job WHERE active AND company_id = ANY(%s) AND EXISTS "
                        "(SELECT 1 FROM hr_job_skill_requirement r WHERE r.job_id = hr_job.id)",
                        given.company_id.ids,
                    )
                )
                self.env["hr.job"].browse([row[0] for row in self.env.cr.fetchall()])._talent_match_mark_due()
        return result
