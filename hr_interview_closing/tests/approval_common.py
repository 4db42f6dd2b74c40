from datetime import timedelta

from odoo.tests import freeze_time, new_test_user

from .common import T0, InterviewCase

RESULTS_GROUPS = "base.group_user,hr_interview_closing.group_hr_interview_results"
APPROVAL_ACTIVITY = "hr_interview_closing.mail_activity_type_interview_approval"
DISCUSSION_ACTIVITY = "hr_interview_closing.mail_activity_type_interview_result_discussion"


class ApprovalCase(InterviewCase):
    """A department managed by Hana (the hiring manager, no recruitment rights), the job in it, a
    second approver, and the OA/ERP's integration user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hiring_manager = new_test_user(
            cls.env, login="hic_hm", name="Hana Hiring", groups=RESULTS_GROUPS, email="hana@example.com"
        )
        cls.deputy = new_test_user(
            cls.env, login="hic_deputy", name="Dan Deputy", groups=RESULTS_GROUPS, email="dan@example.com"
        )
        cls.integration = new_test_user(
            cls.env,
            login="hic_oa",
            name="OA Integration",
            groups="base.group_user,hr_interview_closing.group_hr_interview_integration",
        )
        manager_employee = cls.env["hr.employee"].create({"name": "Hana Hiring", "user_id": cls.hiring_manager.id})
        cls.department = cls.env["hr.department"].create({"name": "Engineering", "manager_id": manager_employee.id})
        manager_employee.department_id = cls.department
        cls.job.department_id = cls.department
        cls.applicant.user_id = cls.officer  # the recruiter
        cls.reason = cls.env["hr.applicant.refuse.reason"].create({"name": "the experience does not fit the role"})

    def running_session(self, applicant=None):
        session = self.session_of(self.create_event(applicant or self.applicant, start=T0, attendees=self.interviewer))
        with freeze_time(T0):
            session.action_start()
        return session

    def close(self, session, outcome="advance", user=None, reason=None):
        """Close ``session`` with the closing dialog as ``user`` (default: its interviewer)."""
        wizard = (
            self.env["hr.interview.closing.wizard"]
            .with_user(user or self.interviewer)
            .create(
                {
                    "session_id": session.id,
                    "outcome": outcome,
                    "refuse_reason_id": (reason or self.reason).id if outcome == "not_recommended" else False,
                    "checklist_skip_reason": "tested elsewhere",
                }
            )
        )
        with freeze_time(T0 + timedelta(minutes=45)):
            wizard.action_confirm()
        return session

    def activities(self, session, xmlid=APPROVAL_ACTIVITY):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.interview.session"),
                ("res_id", "=", session.id),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )
