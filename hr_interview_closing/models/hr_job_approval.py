"""Job position: who approves the result of its interviews (see hr_interview_session_approval.py)."""

from odoo import fields, models


class HrJob(models.Model):
    # the approval's settings, apart from the closing's (hr_job.py)
    _inherit = "hr.job"  # pylint: disable=consider-merging-classes-inherited

    interview_approver_id = fields.Many2one(
        "res.users",
        string="Hiring Manager (Approver)",
        domain="[('share', '=', False)]",
        help="Approves the result of this position's interviews. Empty: the department's manager.",
    )
    interview_second_approver_id = fields.Many2one(
        "res.users",
        string="Second Approver",
        domain="[('share', '=', False)]",
        help="A deputy: asked at the same time as the hiring manager; the first of the two to decide decides.",
    )

    def _interview_approvers(self, exclude):
        """The users asked to approve this job's interview results, first the main approver: the
        job's hiring manager, else the department's manager; then the second approver. ``exclude``
        (whoever recorded the result) is never among them: nobody approves their own result."""
        self.ensure_one()
        job = self.sudo()  # the department's manager, whoever records the result
        candidates = (
            job.interview_approver_id
            | job.department_id.manager_id.user_id
            | job.department_id.parent_id.manager_id.user_id
        )
        candidates = candidates.filtered(lambda u: u.active and not u.share) - exclude
        main = candidates[:1]
        second = job.interview_second_approver_id.filtered(lambda u: u.active and not u.share) - exclude - main
        if not main:
            main, second = second, second.browse()
        return main, second
